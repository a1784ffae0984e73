package org.dataexchange.ledger.trade;

import java.util.List;

/** The outcome of every settlement of a batch, in the order submitted; also the TradesSettled event's payload. */
public record SettlementBatchResult(List<SettlementOutcome> outcomes) {

    public SettlementBatchResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
