package org.dataexchange.marketplace.order;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dataexchange.marketplace.Database;

/**
 * The order tables. Orders are read through {@link Orders} by every feature and written only by this package ({@link
 * OrderRows}, used by {@link OrderService}), so that every status change goes through the order's guarded transitions.
 */
public final class OrderRepositories {

    private OrderRepositories() {}

    @Serdeable
    @MappedEntity("order_transition")
    public record Transition(@Id String id, String orderId, @Nullable OrderStatus fromStatus, OrderStatus toStatus,
                             String actor, String reason, Instant at) {}

    /**
     * An order's settlement request (the transactional outbox): written with the payment, drained by the settlement
     * worker. Its state changes only through the methods below, each naming the states it may come from ({@link State}
     * holds the same table).
     */
    @MappedEntity("settlement_outbox")
    public record OutboxItem(@Id String orderId, State state, int attempts, Instant nextAttemptAt,
                             @Nullable String lastError, Instant createdAt) {

        /**
         * PENDING: due at {@code nextAttemptAt} (or leased to a worker until then); DONE: the books hold the settlement;
         * FAILED: the ledger refused it for good. DONE and FAILED are left only when the books check opens the request
         * again because the ledger holds a trade the books have not settled; no state is final.
         */
        public enum State {
            PENDING, DONE, FAILED;

            private static final java.util.Map<State, java.util.Set<State>> ENTERED_FROM = java.util.Map.of(
                    PENDING, java.util.EnumSet.of(PENDING, DONE, FAILED), // a lease or a retry; opened again
                    DONE, java.util.EnumSet.of(PENDING),
                    FAILED, java.util.EnumSet.of(PENDING));

            /** The states an item may move to this one from. */
            public java.util.Set<State> enteredFrom() {
                return java.util.EnumSet.copyOf(ENTERED_FROM.get(this));
            }

            public boolean canBecome(State next) {
                return ENTERED_FROM.get(next).contains(this);
            }

            /** A final state is left by no move. */
            public boolean isFinal() {
                return ENTERED_FROM.values().stream().noneMatch(from -> from.contains(this));
            }
        }

        /** A new request, due at once. */
        public static OutboxItem requested(String orderId, Instant at) {
            return new OutboxItem(orderId, State.PENDING, 0, at, null, at);
        }

        /** PENDING → PENDING: leased to a worker until the given time; due again then if the worker has not finished it. */
        public OutboxItem leasedUntil(Instant until) {
            require(State.PENDING, State.PENDING);
            return new OutboxItem(orderId, State.PENDING, attempts, until, lastError, createdAt);
        }

        /** PENDING → PENDING: an attempt failed; due again at the given time. */
        public OutboxItem retryAt(Instant at, String error) {
            require(State.PENDING, State.PENDING);
            return new OutboxItem(orderId, State.PENDING, attempts + 1, at, limit(error), createdAt);
        }

        /** PENDING → DONE: the books hold the settlement. */
        public OutboxItem done(Instant at) {
            require(State.DONE, State.PENDING);
            return new OutboxItem(orderId, State.DONE, attempts + 1, at, null, createdAt);
        }

        /** PENDING → FAILED: the ledger refused it for good. */
        public OutboxItem failed(Instant at, String error) {
            require(State.FAILED, State.PENDING);
            return new OutboxItem(orderId, State.FAILED, attempts + 1, at, limit(error), createdAt);
        }

        /** DONE or FAILED → PENDING: opened again (the ledger holds a trade the books have not settled). */
        public OutboxItem reopened(Instant at, String why) {
            require(State.PENDING, State.DONE, State.FAILED);
            return new OutboxItem(orderId, State.PENDING, attempts, at, limit(why), createdAt);
        }

        private void require(State next, State... from) {
            if (!java.util.List.of(from).contains(state) || !state.canBecome(next)) {
                throw new IllegalStateException("the settlement request of order " + orderId + " is " + state
                        + " and cannot become " + next);
            }
        }

        private static String limit(String text) {
            return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
        }
    }

    /** Orders as every feature reads them; only this package writes them ({@link OrderRows}). */
    @JdbcRepository(dialect = Dialect.H2)
    interface Orders extends io.micronaut.data.repository.GenericRepository<PurchaseOrder, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Orders.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Orders {}

        Optional<PurchaseOrder> findById(String id);

        boolean existsById(String id);

        Optional<PurchaseOrder> findByBuyerAccountIdAndIdempotencyKey(String buyerAccountId, String idempotencyKey);

        List<PurchaseOrder> findByBuyerOrgIdOrderByCreatedAtDesc(String buyerOrgId);

        List<PurchaseOrder> findByStatusOrderByCreatedAt(OrderStatus status);

        List<PurchaseOrder> findByProductIdAndStatus(String productId, OrderStatus status);

        List<PurchaseOrder> findByIdIn(java.util.Collection<String> ids);

        /** The order as it is now, locked until the caller's transaction ends (one status change at a time). */
        @Query("SELECT * FROM purchase_order WHERE id = :id FOR UPDATE")
        Optional<PurchaseOrder> lock(String id);
    }

    /** The order package's writes: every one goes through a transition of the order ({@link OrderService}). */
    @JdbcRepository(dialect = Dialect.H2)
    interface OrderRows extends CrudRepository<PurchaseOrder, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(OrderRows.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends OrderRows {}
    }

    /**
     * A refund a complaint's decision gave on a settled order: its amount, and in {@code linesJson} (a list of
     * {@link RefundLine}) how much each split party gave back from its revenue and how much it owes.
     */
    @MappedEntity("order_refund")
    public record Refund(@Id String id, String orderId, String complaintId, String decision, long amountMinor,
                         String currency, String linesJson, String decidedBy, Instant decidedAt) {}

    /** One split party's part of a refund: taken back from its revenue, and the rest it owes (advanced by the exchange). */
    @Serdeable
    public record RefundLine(String party, org.dataexchange.ledger.trade.SplitRole role, String owner, long amountMinor,
                             long clawedBackMinor, long owedMinor) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Refunds extends CrudRepository<Refund, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Refunds.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Refunds {}

        List<Refund> findByOrderIdOrderByDecidedAt(String orderId);

        List<Refund> findAllOrderByDecidedAt();
    }

    /** An order's details (JSON of {@link OrderDetails}); the order's {@code detailsVersion} counts their changes. */
    @MappedEntity("order_details")
    public record DetailsRow(@Id String orderId, String detailsJson) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Details extends CrudRepository<DetailsRow, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Details.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Details {}
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Transitions extends CrudRepository<Transition, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Transitions.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Transitions {}

        List<Transition> findByOrderIdOrderByAt(String orderId);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Outbox extends CrudRepository<OutboxItem, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Outbox.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Outbox {}

        /**
         * The oldest items due. Ordered by the due index's own columns (state is fixed here) so that H2 reads the index
         * in order and stops at the limit; ordered by time alone it sorted the whole backlog on every call.
         */
        @Query("SELECT * FROM settlement_outbox WHERE state = 'PENDING' AND next_attempt_at <= :now"
                + " ORDER BY state, next_attempt_at LIMIT :limit")
        List<OutboxItem> due(Instant now, int limit);

        /**
         * The items as they are now, locked until the caller's transaction ends; a caller that waited on a lock reads
         * what the holder committed. Selected by primary key alone, so that H2 plans it on that index however small
         * the table was when it first prepared the statement.
         */
        @Query("SELECT * FROM settlement_outbox WHERE order_id IN (:orderIds) FOR UPDATE")
        List<OutboxItem> lock(java.util.Collection<String> orderIds);

        /** How many paid orders wait for settlement (the monitoring's outbox depth). */
        @Query("SELECT COUNT(*) FROM settlement_outbox WHERE state = 'PENDING'")
        long pendingCount();

        /** The paid order that has waited longest for settlement (the monitoring's settlement lag). */
        @Query("SELECT * FROM settlement_outbox WHERE state = 'PENDING' ORDER BY state, created_at LIMIT 1")
        java.util.Optional<OutboxItem> oldestPending();

        /**
         * PostgreSQL's claim: the oldest items due, locked, passing over those another worker holds locked (SKIP
         * LOCKED), so that workers of several instances each take their own batch at once instead of queueing on the
         * same rows. Not used on H2, which locks the whole backlog before the limit applies (see {@link #lock}).
         */
        @Query("SELECT * FROM settlement_outbox WHERE state = 'PENDING' AND next_attempt_at <= :now"
                + " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED")
        List<OutboxItem> lockDueSkippingLocked(Instant now, int limit);
    }
}
