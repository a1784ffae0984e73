package org.dataexchange.marketplace.delivery;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dataexchange.marketplace.Database;

/**
 * The query sandbox's tables: each product's k-anonymity threshold, the log of queries run, the answers remembered and
 * the licences' history rows their queries lock.
 */
final class SandboxRecords {

    private SandboxRecords() {}

    /** The k a product sets: groups of fewer rows are suppressed. Absent: {@link QuerySandbox#DEFAULT_K}. */
    @Serdeable
    @MappedEntity("sandbox_setting")
    record Setting(@Id String productId, int kThreshold, Instant updatedAt) {}

    /**
     * A query a buyer ran: the SHA-256 of the query as executed (SQL and bound values), the groups answered and
     * suppressed, its time, and the delivery whose ledger receipt covers it.
     */
    @Serdeable
    @MappedEntity("sandbox_query")
    record LoggedQuery(@Id String id, String orderId, String queryHash, int resultGroups, int suppressedGroups,
                       int differencingGroups, long elapsedMillis, Instant ranAt, String deliveryId) {}

    /**
     * An answered query remembered for overlap control ({@link OverlapControl}): its row condition over the file as the
     * service wrote it, its bound values (JSON, typed), its group key expression, the keys of the groups answered and
     * the columns it grouped by (JSON; none on answers remembered before V110).
     */
    @Serdeable
    @MappedEntity("sandbox_answer")
    record Answer(@Id String id, String orderId, Instant answeredAt, String rowCondition, String parametersJson,
                  String groupKey, String groupKeysJson, @Nullable String groupColumnsJson) {}

    /**
     * A licence (order) that has queried its sandbox: the row its queries lock, one at a time across all instances, from
     * reading the remembered answers to recording their own ({@link AnsweredQueries#oneAtATime}).
     */
    @Serdeable
    @MappedEntity("sandbox_history")
    record History(@Id String orderId, Instant startedAt) {}

    @JdbcRepository(dialect = Dialect.H2)
    interface Settings extends CrudRepository<Setting, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Settings.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Settings {}
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Queries extends CrudRepository<LoggedQuery, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Queries.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Queries {}

        List<LoggedQuery> findByOrderIdOrderByRanAtDesc(String orderId);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Answers extends CrudRepository<Answer, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Answers.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Answers {}

        List<Answer> findByOrderId(String orderId, Pageable pageable);

        void deleteByOrderIdAndAnsweredAtLessThan(String orderId, Instant before);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Histories extends CrudRepository<History, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Histories.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Histories {}

        /** The licence's row, locked until the caller's transaction ends. */
        @Query("SELECT * FROM sandbox_history WHERE order_id = :orderId FOR UPDATE")
        Optional<History> lock(String orderId);
    }
}
