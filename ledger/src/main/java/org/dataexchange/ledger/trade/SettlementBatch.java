package org.dataexchange.ledger.trade;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dataexchange.ledger.ErrorCode;

/**
 * Settlements recorded in one transaction. Each settlement succeeds or is refused on its own, so one refused
 * trade does not hold back the others; the per-transaction costs (signatures, endorsement, validation) are paid
 * once for the whole batch.
 */
public record SettlementBatch(List<Settlement> settlements) {

    public static final int MAX_SETTLEMENTS = 500;

    public SettlementBatch {
        settlements = settlements == null ? null : List.copyOf(settlements);
    }

    /** Shape checks: one to {@value #MAX_SETTLEMENTS} settlements, each trade at most once. */
    public SettlementBatch validated() {
        if (settlements == null || settlements.isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("settlements must hold at least one settlement");
        }
        if (settlements.size() > MAX_SETTLEMENTS) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("settlements holds " + settlements.size() + " settlements; at most "
                    + MAX_SETTLEMENTS + " fit in one transaction");
        }
        Set<String> tradeIds = new HashSet<>();
        for (Settlement s : settlements) {
            if (s == null || s.trade() == null) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("settlements holds an empty settlement");
            }
            if (!tradeIds.add(s.trade().tradeId())) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("trade " + s.trade().tradeId() + " appears twice in one batch");
            }
        }
        return this;
    }
}
