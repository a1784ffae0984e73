package org.dataexchange.marketplace.settlement;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import io.micronaut.core.async.publisher.Publishers;
import org.reactivestreams.Publisher;

/**
 * The {@code books} health indicator: DOWN while the ledger holds trades the books have not settled (being healed
 * or needing people), with the counts; UP otherwise. {@code GET /health} answers 503 while it is DOWN.
 */
@Singleton
class BooksHealth implements HealthIndicator {

    private final UnbookedTrades unbooked;

    BooksHealth(UnbookedTrades unbooked) {
        this.unbooked = unbooked;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        // The counts of the last round (kept in memory, so the event loop reads no database).
        UnbookedTrades.Summary s = unbooked.latest();
        return Publishers.just(HealthResult.builder("books", s.open() > 0 ? HealthStatus.DOWN : HealthStatus.UP)
                .details(s.details()).build());
    }
}
