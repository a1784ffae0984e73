package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.dataexchange.marketplace.RecurringTask;

/**
 * Sends the catalogue's pending ledger writes again: those the ledger could not be reached for (with backoff) and
 * those a crash left between the commit that decided them and the ledger. Every 5 s.
 */
@Singleton
class ListingLedgerRetries {

    private final ListingRegistration registration;
    private final Duration every;
    private final RecurringTask rounds = new RecurringTask("listing-ledger-retries");

    ListingLedgerRetries(ListingRegistration registration, @Value("${exchange.catalogue.ledger-retry-every:5s}") Duration every) {
        this.registration = registration;
        this.every = every;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        rounds.start(every, every, registration::sendDue);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rounds.close();
    }
}
