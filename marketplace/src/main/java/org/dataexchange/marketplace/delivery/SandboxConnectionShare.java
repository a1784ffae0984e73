package org.dataexchange.marketplace.delivery;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Named;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The query sandbox's share of the database connection pool, checked at start-up: a running sandbox query holds one
 * connection (its licence's row lock, {@link AnsweredQueries#oneAtATime}) for as long as the engine runs, up to the
 * query time limit, and at most {@code exchange.sandbox.concurrent-queries} run at once (the others wait without a
 * connection). The exchange refuses to start when those could take more than half of
 * {@code datasources.default.maximum-pool-size}: orders, payments and the background rounds need the rest.
 */
@Context
final class SandboxConnectionShare {

    SandboxConnectionShare(SandboxSettings settings, @Named("default") DataSource dataSource) {
        int pool = poolSize(dataSource);
        int sandbox = Math.max(1, settings.concurrentQueries());
        if (sandbox > pool / 2) {
            throw new ConfigurationException("exchange.sandbox.concurrent-queries (" + sandbox + ") is more than half of"
                    + " datasources.default.maximum-pool-size (" + pool + "): each running sandbox query holds a database"
                    + " connection until it is answered, and the rest of the exchange needs the other half; lower the one"
                    + " or raise the other");
        }
    }

    static int poolSize(DataSource dataSource) {
        DataSource target = DelegatingDataSource.unwrapDataSource(dataSource);
        try {
            if (target.isWrapperFor(HikariDataSource.class)) {
                return target.unwrap(HikariDataSource.class).getMaximumPoolSize();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the connection pool's size cannot be read", e);
        }
        throw new IllegalStateException("the books' data source is not a Hikari pool: " + target.getClass().getName());
    }
}
