package org.dataexchange.marketplace.order;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions as billing renews and ends them and delivery reads their period in force; an order starts each one
 * (and each renewal's order is placed through {@link OrderService}). The table stays inside this package.
 */
@Singleton
public class Subscriptions {

    private final Subscription.Repository subscriptions;

    Subscriptions(Subscription.Repository subscriptions) {
        this.subscriptions = subscriptions;
    }

    public Optional<Subscription> find(String subscriptionId) {
        return subscriptions.findById(subscriptionId);
    }

    /** The subscription as it is now, locked until the caller's transaction ends. */
    public Optional<Subscription> lock(String subscriptionId) {
        return subscriptions.lock(subscriptionId);
    }

    /** Active subscriptions whose period has ended by {@code now}, oldest first, at most {@code limit}. */
    public List<Subscription> due(Instant now, int limit) {
        return subscriptions.due(now, limit);
    }

    public List<Subscription> ofBuyer(String buyerOrgId) {
        return subscriptions.findByBuyerOrgId(buyerOrgId);
    }

    /** The subscriptions to a merchant's products, latest period end first. */
    public List<Subscription> ofMerchant(String merchantOrgId) {
        return subscriptions.ofMerchant(merchantOrgId);
    }

    /** Records a renewal or an end (the subscription's own methods make the change). */
    public Subscription record(Subscription changed) {
        return subscriptions.update(changed);
    }
}
