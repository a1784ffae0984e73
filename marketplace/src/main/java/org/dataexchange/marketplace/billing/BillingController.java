package org.dataexchange.marketplace.billing;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.order.Subscription;

/** Subscriptions (auto-renew by the buyer's choice) and bills (renewals and months of metered calls). */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class BillingController {

    /** The buyer's choice: renew at the end of each period, or end then. */
    @Serdeable
    public record AutoRenew(@NotNull Boolean autoRenew) {}

    private final Billing billing;

    public BillingController(Billing billing) {
        this.billing = billing;
    }

    @Get("/subscriptions")
    @Secured({"BUYER", "MERCHANT"})
    public List<Subscription> subscriptions(Authentication auth) {
        return billing.subscriptions(Viewer.of(auth));
    }

    @Get("/subscriptions/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Subscription subscription(@PathVariable String id, Authentication auth) {
        return billing.subscription(Viewer.of(auth), id);
    }

    @Put("/subscriptions/{id}/auto-renew")
    @Secured({"BUYER", "MERCHANT"}) // the licence holder's account (Billing checks it holds the order)
    public Subscription autoRenew(@PathVariable String id, @Body @Valid AutoRenew choice, Authentication auth) {
        return billing.autoRenew(Viewer.of(auth), id, choice.autoRenew());
    }

    @Get("/orders/{id}/bills")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<BillingPeriod> bills(@PathVariable String id, Authentication auth) {
        return billing.billsOf(Viewer.of(auth), id);
    }

    @Get("/statements/bills")
    @Secured({"BUYER", "MERCHANT"})
    public List<BillingPeriod> statement(Authentication auth) {
        return billing.statement(Viewer.of(auth));
    }
}
