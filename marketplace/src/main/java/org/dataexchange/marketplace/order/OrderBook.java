package org.dataexchange.marketplace.order;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.problem.ApiProblem;

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

    /**
     * Whether the viewer's organisation holds the order's licence: the account of the organisation that placed it,
     * whichever role it buys with (BUYER, or MERCHANT licensing data to derive from), and nobody else. Everything done
     * with a licence (download, metered calls, sandbox queries, subscription choices) is allowed by this one rule; the
     * seller, the operator and the regulator may see an order but never take its data.
     */
    public static boolean heldBy(Viewer viewer, PurchaseOrder order) {
        return (viewer.is(Role.BUYER) || viewer.is(Role.MERCHANT)) && order.buyerOrgId().equals(viewer.organisationId());
    }

    /** The order whose licence the viewer's organisation holds, or not found (as an order that does not exist). */
    public PurchaseOrder heldBy(Viewer holder, String orderId) {
        PurchaseOrder order = find(orderId).orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
        if (!heldBy(holder, order)) {
            throw ApiProblem.notFound("no order " + orderId + " of yours");
        }
        return order;
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
