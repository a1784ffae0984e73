package org.dataexchange.marketplace.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V13 moves the payment time of orders already in a database from their details to the order row. */
class PaidAtMigrationTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "on {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"h2", "postgresql"})
    void paidOrdersKeepTheirPaymentTimeAndUnpaidOnesHaveNone(String vendor) throws Exception {
        boolean h2 = vendor.equals("h2");
        String url = h2 ? "jdbc:h2:file:" + Files.createTempDirectory("paid-at-migration").resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                : org.dataexchange.marketplace.PostgresServer.newDatabase("paid_at_migration");
        String user = h2 ? "sa" : "postgres";
        Flyway.configure().dataSource(url, user, "").locations(org.dataexchange.marketplace.Database.migrations(h2 ? org.dataexchange.marketplace.Database.Vendor.H2 : org.dataexchange.marketplace.Database.Vendor.POSTGRESQL)).target("12").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(h2 ? "SET REFERENTIAL_INTEGRITY FALSE" : "SET session_replication_role = replica");
            for (String id : new String[] {"paid", "unpaid"}) {
                s.execute("INSERT INTO purchase_order (id, idempotency_key, request_hash, buyer_account_id, buyer_org_id,"
                        + " product_id, product_version, plan_id, amount_minor, currency, status, agreement_hash, created_at,"
                        + " updated_at, licence_revoked) VALUES ('" + id + "', 'k-" + id + "', 'h', 'acc', 'org', 'prod', '1',"
                        + " 'one-off', 100, 'CNY', 'CREATED', 'a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE)");
            }
            // A quoted "paidAt" inside another value is escaped in the document and must not be taken for the field.
            s.execute("INSERT INTO order_details VALUES ('paid', '{\"scenario\":{\"purpose\":\"\\\"paidAt\\\":\\\"1999\","
                    + "\"location\":\"CN-SH\"},\"paidAt\":\"2026-11-23T02:00:00.123456Z\"}')");
            s.execute("INSERT INTO order_details VALUES ('unpaid', '{\"scenario\":{\"purpose\":\"p\",\"location\":\"CN-SH\"},"
                    + "\"paidAt\":null}')");
        }

        Flyway.configure().dataSource(url, user, "").locations(org.dataexchange.marketplace.Database.migrations(h2 ? org.dataexchange.marketplace.Database.Vendor.H2 : org.dataexchange.marketplace.Database.Vendor.POSTGRESQL)).load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT o.id, o.paid_at, d.details_json FROM purchase_order o"
                     + " JOIN order_details d ON d.order_id = o.id ORDER BY o.id")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getObject(2, OffsetDateTime.class))
                    .isEqualTo(OffsetDateTime.of(2026, 11, 23, 2, 0, 0, 123_456_000, ZoneOffset.UTC));
            assertThat(r.getString(3)).isEqualTo("{\"scenario\":{\"purpose\":\"\\\"paidAt\\\":\\\"1999\",\"location\":\"CN-SH\"}}");
            assertThat(r.next()).isTrue();
            assertThat(r.getObject(2)).isNull();
            assertThat(r.getString(3)).isEqualTo("{\"scenario\":{\"purpose\":\"p\",\"location\":\"CN-SH\"}}");
        }
    }
}
