package org.dataexchange.ledger.offvenue;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.trade.SettlementCurrency;

/**
 * A deal made outside the exchange (场外交易) that both parties registered and the operator verified, as the exchange asks
 * the ledger to record it. The product is known by its SHA-256 only (of the data or of its description); the parties by
 * their credit codes; the licence and the scenario as the parties summarised them (business terms, no personal data).
 *
 * @param dealId unique id of the deal on the exchange
 * @param productDigest SHA-256 (hex) of the data or its description
 * @param industry the product's industry, as the catalogue names industries
 * @param dealDate the day the parties made the deal, ISO {@code yyyy-MM-dd}
 * @param verifiedBy who at the operator verified it ({@code operator:<account id>})
 */
public record OffVenueDealRequest(
        String dealId,
        String productDigest,
        String industry,
        ClassificationLevel classificationLevel,
        OffVenuePlanKind planKind,
        String merchantId,
        String buyerId,
        long amount,
        String currency,
        String licenceSummary,
        String scenario,
        String dealDate,
        String verifiedBy) {

    public static final int MAX_SUMMARY = 1000;
    public static final int MAX_SCENARIO = 500;

    /** Shape checks; whether the id is already taken is the contract's. */
    public OffVenueDealRequest validated() {
        Arguments.text(dealId, "dealId", 128);
        Arguments.sha256Hex(productDigest, "productDigest");
        Arguments.text(industry, "industry", 64);
        Arguments.required(classificationLevel, "classificationLevel");
        Arguments.required(planKind, "planKind");
        Arguments.text(merchantId, "merchantId", 128);
        Arguments.text(buyerId, "buyerId", 128);
        if (merchantId.equals(buyerId)) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("merchantId and buyerId are the same party; a deal has two");
        }
        SettlementCurrency.require(currency);
        Arguments.nonNegative(amount, "amount");
        Arguments.text(licenceSummary, "licenceSummary", MAX_SUMMARY);
        Arguments.text(scenario, "scenario", MAX_SCENARIO);
        Arguments.text(dealDate, "dealDate", 10);
        try {
            LocalDate.parse(dealDate);
        } catch (DateTimeParseException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("dealDate must be an ISO date such as 2026-11-30, was '" + dealDate + "'");
        }
        Arguments.text(verifiedBy, "verifiedBy", 128);
        return this;
    }
}
