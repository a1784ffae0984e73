package org.dataexchange.marketplace.billing;

import org.dataexchange.marketplace.order.Subscriptions;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.Subscription;
import org.dataexchange.marketplace.problem.ApiProblem;

/** What buyers and merchants see of subscriptions and bills, and the buyer's auto-renew choice. */
@Singleton
class Billing {

    private final Subscriptions subscriptions;
    private final BillingPeriod.Repository bills;
    private final OrderService orders;
    private final AuditLog audit;
    private final Clock clock;

    Billing(Subscriptions subscriptions, BillingPeriod.Repository bills, OrderService orders, AuditLog audit, Clock clock) {
        this.subscriptions = subscriptions;
        this.bills = bills;
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The subscriptions the viewer's organisation holds (HELD: those its orders started, as buyer or as a merchant
     * licensing data), or those to the merchant's own products (SOLD); never the one side for the other.
     */
    List<Subscription> subscriptions(Viewer viewer, Side side) {
        return switch (Side.of(viewer, side)) {
            case HELD -> subscriptions.ofBuyer(viewer.organisationId());
            case SOLD -> subscriptions.ofMerchant(viewer.organisationId());
        };
    }

    /** A subscription, visible as its first order is (buyer, seller, operator, regulator). */
    Subscription subscription(Viewer viewer, String id) {
        orders.get(viewer, id);
        return subscriptions.find(id).orElseThrow(() -> ApiProblem.notFound("order " + id + " starts no subscription"));
    }

    @Transactional
    Subscription autoRenew(Viewer buyer, String id, boolean on) {
        orders.held(buyer, id); // the licence holder's own order (buyer or merchant account), else 404
        Subscription s = subscriptions.lock(id).orElseThrow(() -> ApiProblem.notFound("order " + id + " starts no subscription"));
        if (s.status() == Subscription.Status.ENDED) {
            throw ApiProblem.conflict("Subscription ended", "subscription " + id + " ended at " + s.periodEnd() + ": "
                    + s.endReason() + "; order the product again to subscribe anew");
        }
        Subscription changed = subscriptions.record(s.withAutoRenew(on, clock.instant()));
        audit.record(buyer.username(), buyer.role().name(), "SUBSCRIPTION_AUTO_RENEW", "order:" + id, on
                ? "auto-renew on: renews at " + s.periodEnd() : "auto-renew off: ends at " + s.periodEnd());
        return changed;
    }

    List<BillingPeriod> billsOf(Viewer viewer, String orderId) {
        orders.get(viewer, orderId);
        return bills.findByOrderIdOrderByStartsAt(orderId);
    }

    /** The bills of the orders the organisation holds (what it paid: renewals, metered months) or of its sales. */
    List<BillingPeriod> statement(Viewer viewer, Side side) {
        return switch (Side.of(viewer, side)) {
            case HELD -> bills.ofBuyer(viewer.organisationId());
            case SOLD -> bills.ofMerchant(viewer.organisationId());
        };
    }
}
