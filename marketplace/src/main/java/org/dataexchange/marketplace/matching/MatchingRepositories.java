package org.dataexchange.marketplace.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import org.dataexchange.marketplace.Database;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Matching's tables. State changes are conditional updates naming the states they come from. */
final class MatchingRepositories {

    private MatchingRepositories() {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Needs extends CrudRepository<DataNeed, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Needs.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Needs {}

        List<DataNeed> findByBuyerOrgIdOrderByCreatedAtDesc(String buyerOrgId);

        List<DataNeed> findByStateOrderByDeadline(NeedState state);

        List<DataNeed> listOrderByCreatedAtDesc();

        List<DataNeed> findByIdIn(Collection<String> ids);

        List<DataNeed> findByOrderIdIn(Collection<String> orderIds);

        @Query("SELECT * FROM data_need WHERE state = 'OPEN' AND deadline <= :now ORDER BY state, deadline LIMIT 100")
        List<DataNeed> due(Instant now);

        /** Moves a need from {@code from} to {@code to}: 1 when this call moved it. */
        @Query("UPDATE data_need SET state = :to, accepted_answer_id = :answerId, order_id = :orderId,"
                + " closed_reason = :reason, updated_at = :now WHERE id = :id AND state = :from")
        long move(String id, String from, String to, @Nullable String answerId, @Nullable String orderId,
                  String reason, Instant now);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Answers extends CrudRepository<NeedAnswer, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Answers.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Answers {}

        List<NeedAnswer> findByNeedIdOrderByCreatedAt(String needId);

        List<NeedAnswer> findByMerchantOrgIdOrderByCreatedAtDesc(String merchantOrgId);

        boolean existsByNeedIdAndMerchantOrgId(String needId, String merchantOrgId);

        List<NeedAnswer> findByOrderIdIn(Collection<String> orderIds);

        /** Every answer of the need still offered becomes {@code to}; the accepted one is moved by {@link #move}. */
        @Query("UPDATE need_answer SET state = :to, updated_at = :now WHERE need_id = :needId AND state = 'OFFERED'")
        long closeOffered(String needId, String to, Instant now);

        @Query("UPDATE need_answer SET state = :to, order_id = :orderId, updated_at = :now WHERE id = :id AND state = :from")
        long move(String id, String from, String to, @Nullable String orderId, Instant now);
    }
}
