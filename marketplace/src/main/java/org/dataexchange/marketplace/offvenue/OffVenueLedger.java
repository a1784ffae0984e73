package org.dataexchange.marketplace.offvenue;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataexchange.ledger.offvenue.OffVenueDeal;
import org.dataexchange.ledger.state.Page;
import org.dataexchange.settlementclient.LedgerTransaction;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * The off-venue deals on the ledger, read with the regulator organisation's own identity (so what the regulator and the
 * statistics see is the ledger's, not the books'). Never mixed with trades: they live under the contract's own keys.
 */
@Singleton
public class OffVenueLedger {

    private final SettlementClient ledger;
    private final Map<String, Long> blockOfTx = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    });

    public OffVenueLedger(@Named("regulator") SettlementClient ledger) {
        this.ledger = ledger;
    }

    /** Every off-venue deal recorded in [from, to) (either end open when null), in deal-id order. */
    public List<OffVenueDeal> recordedBetween(@Nullable Instant from, @Nullable Instant to) {
        List<OffVenueDeal> all = new ArrayList<>();
        String bookmark = "";
        do {
            Page<OffVenueDeal> page = ledger.offVenueDeals(500, bookmark);
            for (OffVenueDeal d : page.records()) {
                if ((from == null || !d.recordedAt().isBefore(from)) && (to == null || d.recordedAt().isBefore(to))) {
                    all.add(d);
                }
            }
            bookmark = page.bookmark() == null ? "" : page.bookmark();
        } while (!bookmark.isEmpty());
        return all;
    }

    /** The block that holds a deal's transaction (-1 when the ledger does not say). */
    long blockOf(String transactionId) {
        Long known = blockOfTx.get(transactionId);
        if (known != null) {
            return known;
        }
        long block = ledger.transaction(transactionId).map(LedgerTransaction::blockNumber).orElse(-1L);
        if (block >= 0) {
            blockOfTx.put(transactionId, block);
        }
        return block;
    }
}
