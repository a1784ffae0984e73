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
                             @Nullable String lastError, Instant createdAt) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Orders extends CrudRepository<PurchaseOrder, String> {
        Optional<PurchaseOrder> findByBuyerAccountIdAndIdempotencyKey(String buyerAccountId, String idempotencyKey);

        List<PurchaseOrder> findByBuyerOrgIdOrderByCreatedAtDesc(String buyerOrgId);

        List<PurchaseOrder> findByStatusOrderByCreatedAt(OrderStatus status);

        List<PurchaseOrder> findByProductIdAndStatus(String productId, OrderStatus status);

        List<PurchaseOrder> findByIdIn(java.util.Collection<String> ids);
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
        @Query("SELECT * FROM settlement_outbox WHERE state = 'PENDING' AND next_attempt_at <= :now"
                + " ORDER BY next_attempt_at LIMIT :limit")
        List<OutboxItem> due(Instant now, int limit);

        /** Takes a lease on an item so that one worker (of possibly several instances) handles it. */
        @Query("UPDATE settlement_outbox SET next_attempt_at = :leaseUntil"
                + " WHERE order_id = :orderId AND state = 'PENDING' AND next_attempt_at <= :now")
        long claim(String orderId, Instant now, Instant leaseUntil);
    }
}
