package org.dataexchange.marketplace.volume;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.dataexchange.marketplace.account.Viewer;

/** A licence's volume caps, its use and what is left, for whoever may see the order. */
@Controller("/api/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
class VolumeController {

    private final LicenceVolumes volumes;

    VolumeController(LicenceVolumes volumes) {
        this.volumes = volumes;
    }

    @Get("/{id}/volume")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    LicenceVolumes.Usage volume(@PathVariable String id, Authentication auth) {
        return volumes.usage(Viewer.of(auth), id);
    }
}
