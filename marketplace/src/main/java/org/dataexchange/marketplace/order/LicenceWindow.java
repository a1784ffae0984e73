package org.dataexchange.marketplace.order;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dataexchange.marketplace.catalogue.PricingPlan;

/** When a licence is in force: from {@code from} (inclusive) until {@code until} (exclusive), in UTC. */
@Serdeable
public record LicenceWindow(Instant from, Instant until) {

    /** One subscription period starting at {@code start}: calendar months in UTC (31 Jan + 1 month = 28/29 Feb). */
    public static LicenceWindow of(Instant start, PricingPlan.Period period) {
        var at = start.atZone(ZoneOffset.UTC);
        var end = switch (period) {
            case MONTH -> at.plusMonths(1);
            case QUARTER -> at.plusMonths(3);
            case YEAR -> at.plusYears(1);
        };
        return new LicenceWindow(start, end.toInstant());
    }

    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
