package org.dataexchange.marketplace.request;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.security.authentication.Authentication;
import java.security.Principal;

/**
 * {@code /health}, {@code /health/liveness} and {@code /health/readiness} answer UP or DOWN (503) to anyone (load
 * balancers and orchestrators probe them without credentials); the details of each indicator (the books check's counts,
 * the ledger's height, the database, the disk) only to the operator's accounts and the monitoring token, as they
 * describe the exchange's state to no buyer or merchant.
 */
@Endpoint(id = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
@Replaces(HealthEndpoint.class)
public class HealthDetails extends HealthEndpoint {

    public HealthDetails(HealthAggregator<HealthResult> aggregator, HealthIndicator[] indicators,
                         @Liveness HealthIndicator[] liveness) {
        super(aggregator, indicators, liveness);
    }

    @Override
    protected HealthLevelOfDetail levelOfDetail(Principal principal) {
        boolean operations = principal instanceof Authentication a
                && (a.getRoles().contains("OPERATOR") || a.getRoles().contains(MonitoringAccess.ROLE));
        return operations ? HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS : HealthLevelOfDetail.STATUS;
    }
}
