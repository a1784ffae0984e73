/**
 * Orders (SPEC §4): placing an order (idempotent, priced from the plan, the scenario within the licence, the gates of
 * SPEC §6), the regulator's approval of core-data orders, payment into escrow with its settlement request, the
 * agreed revenue split, refunds recorded on the order, subscriptions, and the order's lifecycle.
 *
 * <p>Owns the tables {@code purchase_order}, {@code order_details}, {@code order_transition}, {@code order_refund},
 * {@code subscription} and {@code settlement_outbox} (the settlement requests). An order's status changes only
 * through its own transitions ({@link org.dataexchange.marketplace.order.PurchaseOrder}, each naming the statuses it
 * comes from, checked against {@link org.dataexchange.marketplace.order.OrderStatus}); other features read orders
 * through {@link org.dataexchange.marketplace.order.OrderRepositories.Orders} and move them only by handing an
 * {@link org.dataexchange.marketplace.order.OrderTransition} to
 * {@link org.dataexchange.marketplace.order.OrderService}, which alone writes orders. A settlement request's state
 * changes only through {@link org.dataexchange.marketplace.order.OrderRepositories.OutboxItem}'s moves.
 *
 * <p>Surface: {@code OrderService}, {@code OrderTransition}, {@code PurchaseOrder}, {@code OrderStatus},
 * {@code OrderDetails}, {@code OrderView}, {@code RevenueSplit}, {@code LicenceWindow}, {@code Subscription},
 * {@code OrderRepositories} (reads, refunds, the settlement outbox). Depends on catalogue, licence, payment,
 * organisation, audit; never on settlement or delivery.
 */
package org.dataexchange.marketplace.order;
