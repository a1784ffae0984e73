package org.dataexchange.marketplace.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
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

/**
 * Subscriptions (auto-renew by the licence holder's choice) and bills (renewals and months of metered calls), from the
 * side of the organisation holding the licences or of the merchant selling them ({@link Side}).
 */
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

    /**
     * Subscriptions from one side: {@code side=HELD} those the caller's organisation holds (a buyer's, or a merchant's
     * own licences), {@code side=SOLD} those to a merchant's products; without it a buyer gets HELD, a merchant SOLD.
     */
    @Get("/subscriptions")
    @Secured({"BUYER", "MERCHANT"})
    public List<Subscription> subscriptions(@Nullable @QueryValue Side side, Authentication auth) {
        return billing.subscriptions(Viewer.of(auth), side);
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

    /**
     * Bills from one side: {@code side=HELD} what the caller's organisation was billed for the licences it holds,
     * {@code side=SOLD} the bills of a merchant's sales; without it a buyer gets HELD, a merchant SOLD.
     */
    @Get("/statements/bills")
    @Secured({"BUYER", "MERCHANT"})
    public List<BillingPeriod> statement(@Nullable @QueryValue Side side, Authentication auth) {
        return billing.statement(Viewer.of(auth), side);
    }
}
