package org.dataexchange.marketplace.rating;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import org.dataexchange.marketplace.Database;
import java.util.List;
import java.util.Optional;

/** Ratings' tables. */
final class RatingRepositories {

    private RatingRepositories() {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Ratings extends CrudRepository<ProductRating, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Ratings.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Ratings {}

        List<ProductRating> findByProductIdOrderByCreatedAtDesc(String productId);

        List<ProductRating> findByMerchantOrgIdOrderByCreatedAtDesc(String merchantOrgId);

        List<ProductRating> findByModerationOrderByUpdatedAt(Moderation moderation);

        Optional<ProductRating> findByOrderId(String orderId);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Reports extends CrudRepository<RatingReport, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Reports.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Reports {}

        List<RatingReport> findByRatingIdOrderByCreatedAt(String ratingId);

        boolean existsByRatingIdAndReporterUsername(String ratingId, String reporterUsername);
    }
}
