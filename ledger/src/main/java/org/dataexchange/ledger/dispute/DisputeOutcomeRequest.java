package org.dataexchange.ledger.dispute;

import java.util.List;
import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.ledger.trade.SettlementCurrency;
import org.dataexchange.ledger.trade.SplitLine;

/**
 * The outcome of a complaint about a trade, as the exchange asks the ledger to record it: the decision, the
 * refund and how it is taken back from the trade's split parties (one line per party, summing to the refund).
 * The decision's wording stays in the exchange (it may name people); the ledger keeps its SHA-256.
 *
 * @param outcomeId unique id of this outcome (one per complaint)
 * @param refundLines what each split party gives back; empty for a dismissal
 * @param noteDigest SHA-256 (hex) of the decision's note
 */
public record DisputeOutcomeRequest(
        String outcomeId,
        String tradeId,
        String complaintId,
        DisputeDecision decision,
        long refundAmount,
        String currency,
        List<SplitLine> refundLines,
        String noteDigest,
        String decidedBy) {

    public static final int MAX_REFUND_LINES = 64;

    public DisputeOutcomeRequest {
        refundLines = refundLines == null ? null : List.copyOf(refundLines);
    }

    /** Shape and sum checks; the checks against the trade and earlier refunds live in the contract. */
    public DisputeOutcomeRequest validated() {
        Arguments.text(outcomeId, "outcomeId", 128);
        Arguments.text(tradeId, "tradeId", 128);
        Arguments.text(complaintId, "complaintId", 128);
        Arguments.required(decision, "decision");
        SettlementCurrency.require(currency);
        Arguments.nonNegative(refundAmount, "refundAmount");
        Arguments.sha256Hex(noteDigest, "noteDigest");
        Arguments.text(decidedBy, "decidedBy", 128);
        if (refundLines == null) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("refundLines is required (empty for a dismissal)");
        }
        if (refundLines.size() > MAX_REFUND_LINES) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("refundLines has more than " + MAX_REFUND_LINES + " lines");
        }
        if (decision == DisputeDecision.DISMISSED) {
            if (refundAmount != 0 || !refundLines.isEmpty()) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("a DISMISSED complaint refunds nothing: refundAmount 0, no refundLines");
            }
            return this;
        }
        if (refundAmount == 0) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(decision + " needs a positive refundAmount");
        }
        long sum = 0;
        for (int i = 0; i < refundLines.size(); i++) {
            String field = "refundLines[" + i + "]";
            SplitLine line = Arguments.required(refundLines.get(i), field);
            Arguments.text(line.party(), field + ".party", 128);
            Arguments.required(line.role(), field + ".role");
            Arguments.nonNegative(line.amount(), field + ".amount");
            try {
                sum = Math.addExact(sum, line.amount());
            } catch (ArithmeticException overflow) {
                throw ErrorCode.SPLIT_SUM_MISMATCH.refuse("refund lines overflow a 64-bit amount");
            }
        }
        if (sum != refundAmount) {
            throw ErrorCode.SPLIT_SUM_MISMATCH.refuse("refund lines sum to " + sum + ", the refund is " + refundAmount);
        }
        return this;
    }
}
