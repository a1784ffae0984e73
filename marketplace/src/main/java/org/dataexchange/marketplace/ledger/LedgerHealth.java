package org.dataexchange.marketplace.ledger;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.settlementclient.SettlementClient;
import org.reactivestreams.Publisher;

/**
 * The {@code ledger} health indicator, part of readiness: UP while the ledger answered the operator's identity's last
 * probe (the chain's height, a query through the gateway every {@code exchange.ledger.probe-every}, default 2 s),
 * DOWN when it failed or has not answered for {@code exchange.ledger.probe-timeout} (default 5 s). Probed in the
 * background, so a health request never waits for the ledger and the event loop never calls it.
 */
@Singleton
class LedgerHealth implements HealthIndicator {

    private record Probe(boolean up, Instant at, long height, String problem) {}

    private final SettlementClient ledger;
    private final Duration every;
    private final Duration timeout;
    private final RecurringTask prober = new RecurringTask("ledger-probe");
    private volatile Probe last;
    private volatile Instant probing;

    LedgerHealth(SettlementClient ledger, @Value("${exchange.ledger.probe-every:2s}") Duration every,
                 @Value("${exchange.ledger.probe-timeout:5s}") Duration timeout) {
        this.ledger = ledger;
        this.every = every;
        this.timeout = timeout;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        prober.start(Duration.ZERO, every, this::probe);
    }

    void probe() {
        probing = Instant.now();
        try {
            long height = ledger.chainInfo().height();
            last = new Probe(true, Instant.now(), height, null);
        } catch (RuntimeException e) {
            // The exception's class and gRPC status only: its message may quote an endpoint, never a secret, but no
            // more is needed to act on it.
            last = new Probe(false, Instant.now(), -1, e.getClass().getSimpleName());
        } finally {
            probing = null;
        }
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Probe p = last;
        Instant started = probing;
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus status;
        if (started != null && started.isBefore(Instant.now().minus(timeout))) {
            status = HealthStatus.DOWN;
            details.put("problem", "no answer for " + Duration.between(started, Instant.now()).toSeconds() + " s");
        } else if (p == null) {
            status = HealthStatus.UNKNOWN;
            details.put("problem", "not probed yet");
        } else {
            status = p.up() ? HealthStatus.UP : HealthStatus.DOWN;
            if (p.up()) {
                details.put("height", p.height());
            } else {
                details.put("problem", p.problem());
            }
            details.put("probedAt", p.at().toString());
        }
        return Publishers.just(HealthResult.builder("ledger", status).details(details).build());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        prober.close();
    }
}
