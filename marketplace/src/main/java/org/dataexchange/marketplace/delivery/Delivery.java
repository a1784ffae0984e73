package org.dataexchange.marketplace.delivery;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.dataexchange.marketplace.Database;

/**
 * One delivery of licensed data and the ledger transaction of its receipt. The delivery is recorded before its receipt
 * goes to the ledger (no ledger write inside a database transaction); until the receipt is written {@code ledgerTxId}
 * is empty, and a receipt the ledger refused has {@code receiptProblem}.
 */
@Serdeable
@MappedEntity("delivery")
record Delivery(@Id String id, String orderId, String mode, long units, @Nullable String contentDigest,
                       @Nullable String ledgerTxId, Instant deliveredAt,
                       @Nullable String receiptProblem) {

    @JdbcRepository(dialect = Dialect.H2)
    public interface Repository extends CrudRepository<Delivery, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Repository.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Repository {}

        List<Delivery> findByOrderIdOrderByDeliveredAt(String orderId);

        /** Deliveries whose receipt is still to be written (a crash or an outage came between), oldest first. */
        @io.micronaut.data.annotation.Query("SELECT * FROM delivery WHERE ledger_tx_id IS NULL AND receipt_problem IS NULL"
                + " AND delivered_at < :before ORDER BY delivered_at LIMIT 100")
        List<Delivery> receiptsDue(Instant before);

        /**
         * Adds one query to a sandbox period's delivery whose receipt is not written yet, if it still covers
         * {@code units} queries (so two queries at once cannot both chain onto the same digest); answers rows changed.
         */
        @io.micronaut.data.annotation.Query("UPDATE delivery SET units = units + 1, content_digest = :digest WHERE id = :id"
                + " AND units = :units AND ledger_tx_id IS NULL AND receipt_problem IS NULL")
        long addQuery(String id, long units, String digest);
    }
}
