package org.dataexchange.marketplace.valuation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.dataexchange.marketplace.account.Viewer;

/** The valuation aid of a product, for whoever may see its sheet. */
@Controller("/api/products/{id}/valuation")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class ValuationController {

    private final Valuation valuation;

    ValuationController(Valuation valuation) {
        this.valuation = valuation;
    }

    @Get
    public Valuation.ProductValuation of(@PathVariable String id, @Nullable Authentication auth) {
        return valuation.of(Viewer.of(auth), id);
    }
}
