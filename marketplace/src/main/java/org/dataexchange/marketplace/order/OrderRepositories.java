package org.dataexchange.marketplace.order;

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

/** The order tables. */
public final class OrderRepositories {

    private OrderRepositories() {}

    @Serdeable
    @MappedEntity("order_transition")
    public record Transition(@Id String id, String orderId, @Nullable OrderStatus fromStatus, OrderStatus toStatus,
                             String actor, String reason, Instant at) {}

    @MappedEntity("settlement_outbox")
    public record OutboxItem(@Id String orderId, String state, int attempts, Instant nextAttemptAt,
                             @Nullable String lastError, Instant createdAt) {
        /** The item leased to a worker until the given time; due again then if the worker has not finished it. */
        public OutboxItem leasedUntil(Instant until) {
            return new OutboxItem(orderId, state, attempts, until, lastError, createdAt);
        }
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Orders extends CrudRepository<PurchaseOrder, String> {
        Optional<PurchaseOrder> findByBuyerAccountIdAndIdempotencyKey(String buyerAccountId, String idempotencyKey);

        List<PurchaseOrder> findByBuyerOrgIdOrderByCreatedAtDesc(String buyerOrgId);

        List<PurchaseOrder> findByStatusOrderByCreatedAt(OrderStatus status);

        List<PurchaseOrder> findByProductIdAndStatus(String productId, OrderStatus status);

        List<PurchaseOrder> findByIdIn(java.util.Collection<String> ids);

        /** The order as it is now, locked until the caller's transaction ends (one status change at a time). */
        @Query("SELECT * FROM purchase_order WHERE id = :id FOR UPDATE")
        Optional<PurchaseOrder> lock(String id);
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
        List<Refund> findByOrderIdOrderByDecidedAt(String orderId);

        List<Refund> findAllOrderByDecidedAt();
    }

    /** An order's details (JSON of {@link OrderDetails}); the order's {@code detailsVersion} counts their changes. */
    @MappedEntity("order_details")
    public record DetailsRow(@Id String orderId, String detailsJson) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Details extends CrudRepository<DetailsRow, String> {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Transitions extends CrudRepository<Transition, String> {
        List<Transition> findByOrderIdOrderByAt(String orderId);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Outbox extends CrudRepository<OutboxItem, String> {
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
    }
}
