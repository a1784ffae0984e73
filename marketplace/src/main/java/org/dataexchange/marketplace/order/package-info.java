/**
 * Orders (SPEC §4): placing an order (idempotent, priced from the plan, the scenario within the licence, the gates of
 * SPEC §6), the regulator's approval of core-data orders, payment into escrow with its settlement request, the
 * agreed revenue split, refunds recorded on the order, subscriptions, and the order's lifecycle.
 *
 * <p>Owns the tables {@code purchase_order}, {@code order_details}, {@code order_transition}, {@code order_refund},
 * {@code subscription} and {@code settlement_outbox} (the settlement requests). An order's status changes only
 * through its own transitions ({@link org.dataexchange.marketplace.order.PurchaseOrder}, each naming the statuses it
 * comes from, checked against {@link org.dataexchange.marketplace.order.OrderStatus}); other features read orders
 * through {@link org.dataexchange.marketplace.order.OrderBook} and move them only by handing an
 * {@link org.dataexchange.marketplace.order.OrderTransition} to
 * {@link org.dataexchange.marketplace.order.OrderService}, which alone writes orders. A settlement request's state
 * changes only through {@link org.dataexchange.marketplace.order.OrderRepositories.OutboxItem}'s moves, which
 * settlement records through {@link org.dataexchange.marketplace.order.SettlementQueue}; billing renews and ends
 * subscriptions through {@link org.dataexchange.marketplace.order.Subscriptions}. The repositories themselves are
 * package-private.
 *
 * <p>Surface: {@code OrderService}, {@code OrderTransition}, {@code PurchaseOrder}, {@code OrderStatus},
 * {@code OrderDetails}, {@code OrderView}, {@code RevenueSplit}, {@code LicenceWindow}, {@code Subscription},
 * {@code OrderBook} (reads), {@code SettlementQueue}, {@code Subscriptions}, and the row types of
 * {@code OrderRepositories} (refunds, outbox items). Depends on catalogue, licence, payment,
 * organisation, audit; never on settlement or delivery.
 */
package org.dataexchange.marketplace.order;
