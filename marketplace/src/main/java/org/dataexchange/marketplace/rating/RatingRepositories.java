package org.dataexchange.marketplace.rating;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** Ratings' tables. */
final class RatingRepositories {

    private RatingRepositories() {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Ratings extends CrudRepository<ProductRating, String> {
        List<ProductRating> findByProductIdOrderByCreatedAtDesc(String productId);

        List<ProductRating> findByMerchantOrgIdOrderByCreatedAtDesc(String merchantOrgId);

        List<ProductRating> findByModerationOrderByUpdatedAt(Moderation moderation);

        Optional<ProductRating> findByOrderId(String orderId);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Reports extends CrudRepository<RatingReport, String> {
        List<RatingReport> findByRatingIdOrderByCreatedAt(String ratingId);

        boolean existsByRatingIdAndReporterUsername(String ratingId, String reporterUsername);
    }
}
