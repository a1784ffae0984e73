package org.dataexchange.marketplace.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V20: a listed product whose unregistered upload had become its current version (and stopped its sales) sells its
 * registered version again, the upload becoming its draft revision; other products are left as they are.
 */
class RevisionMigrationTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "on {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"h2", "postgresql"})
    void anUnregisteredCurrentVersionOfAListedProductBecomesItsDraftRevision(String vendor) throws Exception {
        boolean h2 = vendor.equals("h2");
        String url = h2 ? "jdbc:h2:file:" + Files.createTempDirectory("revision-migration").resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                : org.dataexchange.marketplace.PostgresServer.newDatabase("revision_migration");
        String user = h2 ? "sa" : "postgres";
        Flyway.configure().dataSource(url, user, "").locations(org.dataexchange.marketplace.Database.migrations(h2 ? org.dataexchange.marketplace.Database.Vendor.H2 : org.dataexchange.marketplace.Database.Vendor.POSTGRESQL)).target("19").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(h2 ? "SET REFERENTIAL_INTEGRITY FALSE" : "SET session_replication_role = replica");
            product(s, "stalled", "LISTED", "2.0");
            version(s, "stalled", "1.0", "'tx1'", "2026-10-01 00:00:00+00");
            version(s, "stalled", "2.0", "NULL", "2026-11-01 00:00:00+00");
            product(s, "healthy", "LISTED", "1.0");
            version(s, "healthy", "1.0", "'tx2'", "2026-10-01 00:00:00+00");
            product(s, "draft", "DRAFT", "1.0");
            version(s, "draft", "1.0", "NULL", "2026-10-01 00:00:00+00");
        }

        Flyway.configure().dataSource(url, user, "").locations(org.dataexchange.marketplace.Database.migrations(h2 ? org.dataexchange.marketplace.Database.Vendor.H2 : org.dataexchange.marketplace.Database.Vendor.POSTGRESQL)).load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT id, current_version FROM product ORDER BY id")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(2)).as("draft").isEqualTo("1.0");
                assertThat(r.next()).isTrue();
                assertThat(r.getString(2)).as("healthy").isEqualTo("1.0");
                assertThat(r.next()).isTrue();
                assertThat(r.getString(2)).as("stalled sells its registered version again").isEqualTo("1.0");
            }
            try (ResultSet r = s.executeQuery("SELECT product_id, seq, status, version, draft_json FROM product_revision")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("stalled");
                assertThat(r.getInt(2)).isEqualTo(1);
                assertThat(r.getString(3)).isEqualTo("DRAFT");
                assertThat(r.getString(4)).isEqualTo("2.0");
                assertThat(r.getString(5)).isNull();
                assertThat(r.next()).as("one revision only").isFalse();
            }
        }
    }

    private static void product(Statement s, String id, String status, String current) throws Exception {
        s.execute("INSERT INTO product (id, merchant_org_id, title, description, tags, industry, source_type,"
                + " classification_level, category, delivery_modes, cross_border_allowed, details_json, status,"
                + " requires_regulator_approval, refiling_required, current_version, min_price_minor, currency, created_at,"
                + " updated_at) VALUES ('" + id + "', 'org', 't', 'd', '', 'OCEAN', 'ENTERPRISE', 'GENERAL', 'c',"
                + " 'FILE_DOWNLOAD', FALSE, '{}', '" + status + "', FALSE, FALSE, '" + current + "', 100, 'CNY',"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    private static void version(Statement s, String product, String version, String tx, String at) throws Exception {
        s.execute("INSERT INTO product_version (id, product_id, version, file_name, size_bytes, sha256, storage_path,"
                + " volume_records, ledger_tx_id, ledger_block, created_at) VALUES ('" + product + "-" + version + "', '"
                + product + "', '" + version + "', 'f.csv', 1, 'abc', 'p', 1, " + tx + ", NULL, TIMESTAMP WITH TIME ZONE '"
                + at + "')");
    }
}
