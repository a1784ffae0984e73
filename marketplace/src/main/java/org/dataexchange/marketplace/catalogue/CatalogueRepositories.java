package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dataexchange.marketplace.Database;

/** The catalogue's tables. */
final class CatalogueRepositories {

    private CatalogueRepositories() {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Products extends CrudRepository<Product, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Products.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Products {}

        List<Product> findByMerchantOrgIdOrderByUpdatedAtDesc(String merchantOrgId);

        List<Product> findByStatusOrderByUpdatedAt(ProductStatus status);

        long countByStatus(ProductStatus status);

        List<Product> findByIdIn(java.util.Collection<String> ids);

        /** The product locked until the transaction ends, so two decisions on one product are taken one after the other. */
        @Query("SELECT * FROM product WHERE id = :id FOR UPDATE")
        Optional<Product> lock(String id);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Changes extends CrudRepository<CatalogueChange, Long> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Changes.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Changes {}

        /** The next rows of the feed after {@code seq}, in order (an index range scan; none when nothing changed). */
        List<CatalogueChange> findTop1000BySeqGreaterThanOrderBySeq(long seq);

        /** The last number the feed handed out, or 0. */
        @Query("SELECT COALESCE(MAX(seq), 0) FROM catalogue_change")
        long lastSeq();

        void deleteByChangedAtLessThan(Instant before);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Versions extends CrudRepository<ProductVersion, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Versions.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Versions {}

        List<ProductVersion> findByProductIdOrderByCreatedAt(String productId);

        Optional<ProductVersion> findByProductIdAndVersion(String productId, String version);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Revisions extends CrudRepository<ProductRevision, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Revisions.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Revisions {}

        List<ProductRevision> findByProductIdOrderBySeqDesc(String productId);

        List<ProductRevision> findByStatusInOrderByUpdatedAt(java.util.Collection<ProductRevision.Status> statuses);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface RevisionTransitions extends CrudRepository<RevisionTransition, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(RevisionTransitions.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends RevisionTransitions {}

        List<RevisionTransition> findByRevisionIdOrderByAt(String revisionId);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Intents extends CrudRepository<ListingIntent, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Intents.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Intents {}

        List<ListingIntent> findByProductIdAndStatus(String productId, ListingIntent.State status);

        @Query("SELECT * FROM listing_ledger_intent WHERE status = 'PENDING' AND next_attempt_at <= :now"
                + " ORDER BY status, next_attempt_at LIMIT 20")
        List<ListingIntent> due(Instant now);

        /** Takes the lease of a pending intent that nobody holds: 1 when taken. */
        @Query("UPDATE listing_ledger_intent SET next_attempt_at = :leaseUntil, attempts = attempts + 1, updated_at = :now"
                + " WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now")
        long claim(String id, Instant now, Instant leaseUntil);

        /** Ends a pending intent: 1 when this call ended it (its effects are then applied by the same transaction). */
        @Query("UPDATE listing_ledger_intent SET status = :state, last_error = :error, updated_at = :now"
                + " WHERE id = :id AND status = 'PENDING'")
        long finish(String id, String state, @io.micronaut.core.annotation.Nullable String error, Instant now);

        /**
         * Ends a pending registration as refused, with why as fields: the code, and the parent licence that stopped it
         * with its failed checks (comma separated); 1 when this call ended it.
         */
        @Query("UPDATE listing_ledger_intent SET status = 'REFUSED', last_error = :error, refusal_code = :code,"
                + " refusal_certificate = :certificate, refusal_failed = :failed, updated_at = :now"
                + " WHERE id = :id AND status = 'PENDING'")
        long refuse(String id, String error, String code, @io.micronaut.core.annotation.Nullable String certificate,
                    @io.micronaut.core.annotation.Nullable String failed, Instant now);

        /** Replaces a pending intent nobody is sending by a later decision: 1 when replaced. */
        @Query("UPDATE listing_ledger_intent SET status = 'SUPERSEDED', updated_at = :now"
                + " WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now")
        long supersede(String id, Instant now);

        /** Gives a pending intent back for a retry at {@code nextAttemptAt}. */
        @Query("UPDATE listing_ledger_intent SET next_attempt_at = :nextAttemptAt, last_error = :error, updated_at = :now"
                + " WHERE id = :id AND status = 'PENDING'")
        long retryAt(String id, Instant nextAttemptAt, String error, Instant now);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Transitions extends CrudRepository<ProductTransition, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Transitions.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Transitions {}

        List<ProductTransition> findByProductIdOrderByAt(String productId);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface DerivedParents extends CrudRepository<DerivedProductParent, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(DerivedParents.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends DerivedParents {}

        List<DerivedProductParent> findByParentMerchantOrgId(String parentMerchantOrgId);
    }
}
