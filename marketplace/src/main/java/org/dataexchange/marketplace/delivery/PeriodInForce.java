package org.dataexchange.marketplace.delivery;

import org.dataexchange.marketplace.order.Subscriptions;
import org.dataexchange.marketplace.order.OrderBook;
import jakarta.inject.Singleton;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.order.Subscription;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Which order's licence governs access through an order: for the order that started a subscription, the order paying
 * for the subscription's current period (each renewal is an order with its own certificate); for any other order,
 * itself. Keys and links of a subscription stay those of its first order across renewals.
 */
@Singleton
class PeriodInForce {

    private final Subscriptions subscriptions;
    private final OrderBook orders;

    PeriodInForce(Subscriptions subscriptions, OrderBook orders) {
        this.subscriptions = subscriptions;
        this.orders = orders;
    }

    /** The order whose licence is checked; refuses access through a subscription that has ended, saying why. */
    PurchaseOrder inForce(PurchaseOrder order) {
        Subscription s = subscriptions.find(order.id()).orElse(null);
        if (s == null) {
            return order;
        }
        if (s.status() == Subscription.Status.ENDED) {
            throw ApiProblem.forbidden("the subscription ended at " + s.periodEnd() + ": " + s.endReason());
        }
        return s.currentOrderId().equals(order.id()) ? order : orders.find(s.currentOrderId()).orElse(order);
    }
}
