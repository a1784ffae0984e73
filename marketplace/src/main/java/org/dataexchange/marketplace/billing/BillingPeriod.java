package org.dataexchange.marketplace.billing;

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
 * A billed period of an order: a subscription's renewal (period number) or a month of metered calls (YYYY-MM). Unique
 * by (order, kind, period), and written in the transaction that charges it, so each period is billed exactly once.
 * {@code billOrderId} is the order that settles the charge on the ledger as one trade with its split.
 */
@Serdeable
@MappedEntity("billing_period")
record BillingPeriod(@Id String id, String orderId, Kind kind, String period, Instant startsAt, Instant endsAt,
                            long calls, long chargeMinor, String currency, State state, @Nullable String billOrderId,
                            @Nullable String note, Instant createdAt, Instant updatedAt) {

    public enum Kind { RENEWAL, USAGE }

    /**
     * CHARGED: paid from the wallet into escrow and handed to settlement; NO_CHARGE: nothing due (calls within the free
     * units); UNPAID: the wallet could not pay (a usage bill is charged again once it can; a renewal ends the subscription).
     */
    public enum State { CHARGED, NO_CHARGE, UNPAID }

    BillingPeriod charged(String billOrder, String newNote, Instant at) {
        return new BillingPeriod(id, orderId, kind, period, startsAt, endsAt, calls, chargeMinor, currency, State.CHARGED,
                billOrder, newNote, createdAt, at);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Repository extends CrudRepository<BillingPeriod, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Repository.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Repository {}

        List<BillingPeriod> findByOrderIdOrderByStartsAt(String orderId);

        List<BillingPeriod> findByStateAndKind(State state, Kind kind);

        @Query("SELECT * FROM billing_period WHERE id = :id FOR UPDATE")
        Optional<BillingPeriod> lock(String id);

        @Query("SELECT b.* FROM billing_period b JOIN purchase_order o ON o.id = b.order_id WHERE o.buyer_org_id = :org"
                + " ORDER BY b.starts_at DESC, b.id")
        List<BillingPeriod> ofBuyer(String org);

        @Query("SELECT b.* FROM billing_period b JOIN purchase_order o ON o.id = b.order_id JOIN product p ON p.id = o.product_id"
                + " WHERE p.merchant_org_id = :org ORDER BY b.starts_at DESC, b.id")
        List<BillingPeriod> ofMerchant(String org);
    }
}
