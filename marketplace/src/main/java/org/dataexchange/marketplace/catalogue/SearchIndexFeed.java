package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dataexchange.marketplace.RecurringTask;

/**
 * Keeps this instance's in-memory search index current with the catalogue as every instance changes it. At start the
 * index is filled from the product table; then the catalogue's change feed ({@code catalogue_change}, written in the
 * transaction of each change, ProductLifecycle.showInSearch) is read every {@code refreshEvery} after the last row
 * applied, and the products it names are indexed again as the database holds them. When nothing changed that is one
 * index range scan answering no row.
 *
 * <p>Numbers are taken when a row is inserted, not when its transaction commits, so a row may appear after a higher
 * one was read. The numbers skipped are remembered and asked for again until they appear or {@code gapWait} has
 * passed (then the transaction rolled back, or was held longer than any lock timeout allows). Indexing a product again
 * is idempotent, so reading a row twice costs a read, never a wrong index.
 */
@Singleton
class SearchIndexFeed {

    /** Gaps wider than this are not tracked number by number (a bulk import); the start-up reindex covers them. */
    private static final int MAX_TRACKED_GAP = 10_000;

    private final CatalogueService catalogue;
    private final CatalogueRepositories.Changes changes;
    private final CatalogueSearchSettings settings;
    private final RecurringTask task = new RecurringTask("catalogue-search-feed");

    private long highest;
    private final TreeMap<Long, Instant> missing = new TreeMap<>();
    private Instant lastPrune = Instant.EPOCH;

    SearchIndexFeed(CatalogueService catalogue, CatalogueRepositories.Changes changes, CatalogueSearchSettings settings) {
        this.catalogue = catalogue;
        this.changes = changes;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        // The feed's position before the full index: a change committed meanwhile is read again, never missed.
        highest = changes.lastSeq();
        catalogue.reindex();
        task.start(settings.refreshEvery(), settings.refreshEvery(), this::follow);
    }

    /** One round: index again the products the feed names after what this instance applied. */
    synchronized void follow() {
        Instant now = Instant.now();
        missing.values().removeIf(noticed -> noticed.isBefore(now.minus(settings.gapWait())));
        long from = missing.isEmpty() ? highest : Math.min(highest, missing.firstKey() - 1);
        Set<String> products = new LinkedHashSet<>();
        List<CatalogueChange> rows;
        do {
            rows = changes.findTop1000BySeqGreaterThanOrderBySeq(from);
            for (CatalogueChange row : rows) {
                long seq = row.seq();
                if (seq > highest) {
                    if (seq - highest - 1 <= MAX_TRACKED_GAP) {
                        for (long skipped = highest + 1; skipped < seq; skipped++) {
                            missing.put(skipped, now);
                        }
                    }
                    highest = seq;
                    products.add(row.productId());
                } else if (missing.remove(seq) != null) {
                    products.add(row.productId());
                }
                from = seq;
            }
        } while (rows.size() == 1000);
        if (!products.isEmpty()) {
            catalogue.reindex(products);
        }
        if (lastPrune.isBefore(now.minus(Duration.ofMinutes(10)))) {
            lastPrune = now;
            changes.deleteByChangedAtLessThan(now.minus(settings.feedRetention()));
        }
    }

    /** Numbers of the feed not seen yet, with when they were first missed (for tests and diagnosis). */
    synchronized Map<Long, Instant> missing() {
        return Map.copyOf(missing);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        task.close();
    }
}
