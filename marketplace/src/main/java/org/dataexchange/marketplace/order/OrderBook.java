package org.dataexchange.marketplace.order;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The orders in the books, as other features read them. Every change to an order goes through {@link OrderService};
 * the order tables themselves stay inside this package.
 */
@Singleton
public class OrderBook {

    private final OrderRepositories.Orders orders;

    OrderBook(OrderRepositories.Orders orders) {
        this.orders = orders;
    }

    public Optional<PurchaseOrder> find(String orderId) {
        return orders.findById(orderId);
    }

    public boolean exists(String orderId) {
        return orders.existsById(orderId);
    }

    /** The orders with these ids that exist, in no particular order. */
    public List<PurchaseOrder> findAll(Collection<String> orderIds) {
        return orders.findByIdIn(orderIds);
    }

    /** A buyer organisation's orders, newest first. */
    public List<PurchaseOrder> ofBuyer(String buyerOrgId) {
        return orders.findByBuyerOrgIdOrderByCreatedAtDesc(buyerOrgId);
    }

    /** The orders in one status, oldest first. */
    public List<PurchaseOrder> inStatus(OrderStatus status) {
        return orders.findByStatusOrderByCreatedAt(status);
    }

    /** A product's orders in one status. */
    public List<PurchaseOrder> ofProductInStatus(String productId, OrderStatus status) {
        return orders.findByProductIdAndStatus(productId, status);
    }

    /**
     * The order as it is now, locked until the caller's transaction ends, so that what the caller decides from it (a
     * delivery, a revocation) cannot cross a status change made meanwhile.
     */
    public Optional<PurchaseOrder> lock(String orderId) {
        return orders.lock(orderId);
    }
}
