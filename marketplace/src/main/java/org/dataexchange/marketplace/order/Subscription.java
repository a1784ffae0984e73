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
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.catalogue.PricingPlan;

/**
 * A subscription: the order that started it (its id is the subscription's) and the period now paid for. At the end of
 * each period it renews, as a new paid order settled on the ledger, or ends: by the buyer's choice (auto-renew off),
 * or because the wallet could not pay, or the product or plan is no longer offered; {@code endReason} says which.
 */
@Serdeable
@MappedEntity("subscription")
public record Subscription(@Id String id, String buyerOrgId, String productId, String planId, PricingPlan.Period period,
                           boolean autoRenew, Status status, String currentOrderId, int periodNumber, Instant periodStart,
                           Instant periodEnd, @Nullable String endReason, Instant updatedAt) {

    public enum Status { ACTIVE, ENDED }

    /** The subscription a paid order starts: its first period from the payment. */
    static Subscription start(PurchaseOrder paid, PricingPlan.Period period) {
        LicenceWindow first = LicenceWindow.of(paid.paidAt(), period);
        return new Subscription(paid.id(), paid.buyerOrgId(), paid.productId(), paid.planId(), period, true, Status.ACTIVE,
                paid.id(), 1, first.from(), first.until(), null, paid.paidAt());
    }

    public Subscription withAutoRenew(boolean on, Instant at) {
        return new Subscription(id, buyerOrgId, productId, planId, period, on, status, currentOrderId, periodNumber, periodStart,
                periodEnd, endReason, at);
    }

    /** The next period, paid by {@code order}. */
    public Subscription renewed(String order, LicenceWindow next, Instant at) {
        return new Subscription(id, buyerOrgId, productId, planId, period, autoRenew, status, order, periodNumber + 1,
                next.from(), next.until(), null, at);
    }

    /** Ended at the end of the current period, for the reason given. */
    public Subscription ended(String reason, Instant at) {
        return new Subscription(id, buyerOrgId, productId, planId, period, autoRenew, Status.ENDED, currentOrderId, periodNumber,
                periodStart, periodEnd, reason, at);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Repository extends CrudRepository<Subscription, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Repository.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Repository {}

        /** Active subscriptions whose period has ended by {@code now}, oldest first. */
        @Query("SELECT * FROM subscription WHERE status = 'ACTIVE' AND period_end <= :now ORDER BY status, period_end LIMIT :limit")
        List<Subscription> due(Instant now, int limit);

        /** The subscription locked until the caller's transaction ends. */
        @Query("SELECT * FROM subscription WHERE id = :id FOR UPDATE")
        java.util.Optional<Subscription> lock(String id);

        List<Subscription> findByBuyerOrgId(String buyerOrgId);

        @Query("SELECT s.* FROM subscription s JOIN product p ON p.id = s.product_id WHERE p.merchant_org_id = :org"
                + " ORDER BY s.period_end DESC")
        List<Subscription> ofMerchant(String org);
    }
}
