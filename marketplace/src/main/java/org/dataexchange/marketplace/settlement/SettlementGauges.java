package org.dataexchange.marketplace.settlement;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.marketplace.order.SettlementQueue;

/**
 * The settlement outbox as monitoring sees it: {@code exchange.settlement.outbox.depth}, the paid orders waiting for
 * settlement, and {@code exchange.settlement.lag}, how long the oldest of them has waited (0 when none waits). Sampled
 * from the database every 5 s by every instance (the outbox is shared, so all instances report the same), so a
 * scrape reads memory, never the database.
 */
@Singleton
class SettlementGauges {

    private final SettlementQueue outbox;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final RecurringTask sampler = new RecurringTask("settlement-gauges");

    SettlementGauges(SettlementQueue outbox, MeterRegistry metrics) {
        this.outbox = outbox;
        Gauge.builder("exchange.settlement.outbox.depth", depth, AtomicLong::get)
                .description("Paid orders waiting in the settlement outbox").register(metrics);
        TimeGauge.builder("exchange.settlement.lag", lagMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
                .description("How long the oldest paid order in the settlement outbox has waited").register(metrics);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        sampler.start(Duration.ZERO, Duration.ofSeconds(5), this::sample);
    }

    void sample() {
        depth.set(outbox.pendingCount());
        lagMillis.set(outbox.oldestPending()
                .map(item -> Math.max(0, Duration.between(item.createdAt(), Instant.now()).toMillis())).orElse(0L));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        sampler.close();
    }
}
