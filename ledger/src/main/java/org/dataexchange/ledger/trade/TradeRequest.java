package org.dataexchange.ledger.trade;

import java.util.List;
import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;

/**
 * A trade the exchange asks the ledger to record: who bought which product version under which
 * agreement, for how much, and how the price is split.
 *
 * @param agreementHash SHA-256 (hex) of the canonical JSON of the ODRL agreement, which includes the
 *     buyer's use scenario
 * @param buyerLocation where the buyer is established (ISO 3166, e.g. {@code CN-SH})
 * @param deliveryLocation where the data will be delivered and used
 */
public record TradeRequest(
        String tradeId,
        String orderRef,
        String productId,
        String version,
        String contentDigest,
        String agreementHash,
        String buyerId,
        String sellerId,
        long amount,
        String currency,
        List<SplitLine> splitLines,
        String buyerLocation,
        String deliveryLocation,
        Approvals approvals) {

    public static final int MAX_SPLIT_LINES = 64;

    public TradeRequest {
        approvals = approvals == null ? Approvals.NONE : approvals;
        splitLines = splitLines == null ? null : List.copyOf(splitLines);
    }

    /** Shape, money and split checks; the product and gate checks need the ledger and live in the contract. */
    public TradeRequest validated() {
        Arguments.text(tradeId, "tradeId", 128);
        Arguments.text(orderRef, "orderRef", 128);
        Arguments.text(productId, "productId", 128);
        Arguments.text(version, "version", 64);
        Arguments.sha256Hex(contentDigest, "contentDigest");
        Arguments.sha256Hex(agreementHash, "agreementHash");
        Arguments.text(buyerId, "buyerId", 128);
        Arguments.text(sellerId, "sellerId", 128);
        Arguments.location(buyerLocation, "buyerLocation");
        Arguments.location(deliveryLocation, "deliveryLocation");
        approvals.validated();
        SettlementCurrency.require(currency);
        Arguments.nonNegative(amount, "amount");
        if (splitLines == null || splitLines.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("splitLines must name at least one party");
        }
        if (splitLines.size() > MAX_SPLIT_LINES) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("splitLines has more than " + MAX_SPLIT_LINES + " lines");
        }
        long sum = 0;
        for (int i = 0; i < splitLines.size(); i++) {
            SplitLine line = Arguments.required(splitLines.get(i), "splitLines[" + i + "]");
            line.validated("splitLines[" + i + "]");
            try {
                sum = Math.addExact(sum, line.amount());
            } catch (ArithmeticException overflow) {
                throw ErrorCode.SPLIT_SUM_MISMATCH.refuse("split lines overflow a 64-bit amount");
            }
        }
        if (sum != amount) {
            throw ErrorCode.SPLIT_SUM_MISMATCH.refuse("split lines sum to " + sum + " " + currency
                    + " but the trade amount is " + amount + " " + currency);
        }
        return this;
    }

    /** True when the buyer or the delivery place is outside mainland China. */
    public boolean crossBorder() {
        return !Territory.isMainlandChina(buyerLocation) || !Territory.isMainlandChina(deliveryLocation);
    }
}
