package org.dataexchange.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * The migrations from an empty database on H2 and on a real PostgreSQL server: every one applies on both, and both
 * end with the same tables, columns and nullability (the per-vendor migrations differ in SQL, not in what they make).
 */
class MigrationsTest {

    @Test
    void everyMigrationRunsOnH2AndPostgresqlAndBothEndWithTheSameSchema() throws Exception {
        String h2 = "jdbc:h2:file:" + Files.createTempDirectory("migrations").resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String pg = PostgresServer.newDatabase("migrations");

        List<String> onH2 = migrate(h2, "sa", Database.Vendor.H2);
        List<String> onPostgres = migrate(pg, "postgres", Database.Vendor.POSTGRESQL);

        assertThat(onPostgres).isEqualTo(onH2);
        assertThat(onH2).contains("1", "13", "25");
        TreeSet<String> h2Columns = columns(h2, "sa");
        assertThat(h2Columns).hasSizeGreaterThan(100);
        assertThat(columns(pg, "postgres")).isEqualTo(h2Columns);
        // Applied again: nothing to do, and the recorded checksums still match the files.
        assertThat(Flyway.configure().dataSource(pg, "postgres", "").locations(Database.migrations(Database.Vendor.POSTGRESQL)).load().migrate()
                .migrationsExecuted).isZero();
    }

    /** Migrates an empty database; answers the versions applied, in order. */
    private static List<String> migrate(String url, String user, Database.Vendor vendor) {
        Flyway flyway = Flyway.configure().dataSource(url, user, "").locations(Database.migrations(vendor)).load();
        flyway.migrate();
        flyway.validate();
        return Stream.of(flyway.info().applied()).map(MigrationInfo::getVersion).map(Object::toString).toList();
    }

    /** Every column of the exchange's tables: table, column and whether it may be null. */
    private static TreeSet<String> columns(String url, String user) throws Exception {
        TreeSet<String> columns = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT table_name, column_name, is_nullable FROM information_schema.columns"
                     + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'")) {
            while (r.next()) {
                columns.add(r.getString(1) + "." + r.getString(2) + " nullable=" + r.getString(3));
            }
        }
        return columns;
    }
}
