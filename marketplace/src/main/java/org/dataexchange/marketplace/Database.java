package org.dataexchange.marketplace;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.data.jdbc.config.DataJdbcConfiguration;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.flyway.FlywayConfigurationProperties;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * Which database holds the books, read from the configuration: {@code datasources.default.dialect} when it is set,
 * otherwise the vendor of {@code EXCHANGE_DB_URL} ({@code exchange.db.url}) or {@code datasources.default.url}: H2 (the embedded default) or
 * PostgreSQL. Every repository is compiled for H2 and has a PostgreSQL twin that {@link OnPostgres} puts in its place
 * (the Micronaut Data way: queries are computed at compile time, so each dialect is its own repository); the data
 * source's runtime dialect is set to match here, and native SQL asks {@link #vendor()}.
 */
@Singleton
public final class Database {

    /** The databases the exchange runs on. */
    public enum Vendor {
        H2(Dialect.H2), POSTGRESQL(Dialect.POSTGRES);

        private final Dialect dialect;

        Vendor(Dialect dialect) {
            this.dialect = dialect;
        }

        public Dialect dialect() {
            return dialect;
        }
    }

    /**
     * Flyway's locations for a vendor: the migrations every database runs, and those written for this one where the SQL
     * must differ (same version, one file per vendor).
     */
    public static String[] migrations(Vendor vendor) {
        return new String[] {"classpath:db/migration/common",
                "classpath:db/migration/" + (vendor == Vendor.H2 ? "h2" : "postgresql")};
    }

    /** EXCHANGE_DB_URL: the books' database in place of the configured H2 file, with EXCHANGE_DB_USER and _PASSWORD. */
    static final String URL = "exchange.db.url";

    private final Vendor vendor;

    Database(ApplicationContext context) {
        this.vendor = of(context);
    }

    public Vendor vendor() {
        return vendor;
    }

    public boolean isPostgres() {
        return vendor == Vendor.POSTGRESQL;
    }

    /** The vendor the configuration names; a URL of another database is refused with the reason. */
    public static Vendor of(PropertyResolver config) {
        Optional<String> dialect = config.getProperty("datasources.default.dialect", String.class).filter(d -> !d.isBlank());
        if (dialect.isPresent()) {
            String d = dialect.get().trim().toUpperCase(Locale.ROOT);
            return switch (d) {
                case "H2" -> Vendor.H2;
                case "POSTGRES", "POSTGRESQL" -> Vendor.POSTGRESQL;
                default -> throw new IllegalStateException("datasources.default.dialect is " + dialect.get()
                        + ": the exchange runs on H2 or PostgreSQL (POSTGRES)");
            };
        }
        String url = config.getProperty(URL, String.class).filter(u -> !u.isBlank())
                .or(() -> config.getProperty("datasources.default.url", String.class)).orElse("");
        if (url.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:") || url.isEmpty()) {
            return Vendor.H2;
        }
        throw new IllegalStateException("the database URL (EXCHANGE_DB_URL or datasources.default.url) names neither H2"
                + " (jdbc:h2:...) nor PostgreSQL (jdbc:postgresql://...)");
    }

    /** True when the books are on PostgreSQL: puts the PostgreSQL twin of each repository in the H2 one's place. */
    public static final class OnPostgres implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return context.getBeanContext() instanceof PropertyResolver config && of(config) == Vendor.POSTGRESQL;
        }
    }

    /** EXCHANGE_DB_URL (with its user and password) takes the place of the data source's configured URL. */
    @Singleton
    static final class ConfiguredUrl implements BeanCreatedEventListener<DatasourceConfiguration> {
        private final ApplicationContext context;

        ConfiguredUrl(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
            DatasourceConfiguration ds = event.getBean();
            java.util.Optional<String> url = context.getProperty(URL, String.class).filter(u -> !u.isBlank());
            if ("default".equals(ds.getName()) && url.isPresent()) {
                ds.setUrl(url.get());
                ds.setDriverClassName(of(context) == Vendor.H2 ? "org.h2.Driver" : "org.postgresql.Driver");
                context.getProperty("exchange.db.user", String.class).ifPresent(ds::setUsername);
                context.getProperty("exchange.db.password", String.class).ifPresent(ds::setPassword);
            }
            return ds;
        }
    }

    /** Flyway migrates the books from the common migrations and the vendor's own ({@link #migrations}). */
    @Singleton
    static final class MigrationLocations implements BeanCreatedEventListener<FlywayConfigurationProperties> {
        private final ApplicationContext context;

        MigrationLocations(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public FlywayConfigurationProperties onCreated(BeanCreatedEvent<FlywayConfigurationProperties> event) {
            FlywayConfigurationProperties flyway = event.getBean();
            if ("default".equals(flyway.getNameQualifier())) {
                flyway.setLocations(migrations(of(context)));
            }
            return flyway;
        }
    }

    /** The data source's runtime dialect (type mapping of bound nulls, schema handling) follows the vendor. */
    @Singleton
    static final class RuntimeDialect implements BeanCreatedEventListener<DataJdbcConfiguration> {
        private final ApplicationContext context;

        RuntimeDialect(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public DataJdbcConfiguration onCreated(BeanCreatedEvent<DataJdbcConfiguration> event) {
            DataJdbcConfiguration config = event.getBean();
            if ("default".equals(config.getName())) {
                config.setDialect(of(context).dialect());
            }
            return config;
        }
    }
}
