package org.dataexchange.ledger.trade;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.dataexchange.ledger.ErrorCode;

/**
 * What became of one settlement of a batch.
 *
 * @param tradeTxId the transaction that recorded the trade: this one when SETTLED, an earlier one when
 *     ALREADY_SETTLED, null when REFUSED
 * @param refusal why the ledger refused it (REFUSED only); nothing of a refused settlement is written
 */
public record SettlementOutcome(String tradeId, Result result, String tradeTxId, String certificateId, ErrorCode refusal,
                                String message) {

    public enum Result {
        /** The trade and its certificate were recorded by this transaction. */
        SETTLED,
        /** The identical trade was recorded before; its certificate is on the ledger (issued now if it was missing). */
        ALREADY_SETTLED,
        /** Refused with a code; the other settlements of the batch are unaffected. */
        REFUSED
    }

    public static SettlementOutcome refused(String tradeId, ErrorCode code, String message) {
        return new SettlementOutcome(tradeId, Result.REFUSED, null, null, code, message);
    }

    @JsonIgnore
    public boolean onLedger() {
        return result != Result.REFUSED;
    }
}
