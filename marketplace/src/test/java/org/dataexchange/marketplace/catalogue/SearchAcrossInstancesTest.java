package org.dataexchange.marketplace.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.PostgresServer;
import org.dataexchange.marketplace.ledger.LedgerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the exchange on one database and one ledger: a product listed, changed or delisted through one
 * is found, found under its new terms, or no longer found through the other within a few seconds, as each instance's
 * search index follows the catalogue's change feed. Both are given the same datasource: an H2 file database in the
 * default test run, one PostgreSQL database in the build's {@code postgresql} run (the production set-up).
 */
class SearchAcrossInstancesTest {

    @TempDir
    Path dir;

    private Map<String, Object> instance(String name, boolean demo, Map<String, String> database, Path connection) {
        Map<String, Object> p = new HashMap<>(Map.of("exchange.data-dir", dir.resolve(name).toString(),
                "exchange.demo", Boolean.toString(demo), "exchange.password-cost", "4",
                "exchange.jwt-secret", "test-secret-that-is-long-enough-for-hmac-sha256-signing",
                "micronaut.server.port", "-1",
                "exchange.ledger.connection-profile", connection.toString(),
                "exchange.catalogue.search.refresh-every", "200ms"));
        p.putAll(database);
        return p;
    }

    /** The one database both instances share. */
    private Map<String, String> sharedDatabase() {
        if (PostgresServer.switchedOn()) {
            return PostgresServer.datasource(dir.resolve("shared-db").toString());
        }
        return Map.of("datasources.default.url", "jdbc:h2:retry:" + dir.resolve("shared-db/exchange")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void listingsChangesAndDelistingsThroughOneInstanceReachTheOthersSearch() throws Exception {
        Path ledgerDir = dir.resolve("ledger-net");
        Map<String, String> db = sharedDatabase();
        try (Devnet devnet = Devnet.start(new LedgerConnection.EmbeddedDevnet(ledgerDir).devnetConfig().withPort(0));
             ApplicationContext first = ApplicationContext.run(EmbeddedServer.class,
                     instance("first", true, db, ledgerDir.resolve("connection.json"))).getApplicationContext();
             ApplicationContext second = ApplicationContext.run(EmbeddedServer.class,
                     instance("second", false, db, ledgerDir.resolve("connection.json"))).getApplicationContext()) {
            ApiClient one = new ApiClient(first.createBean(HttpClient.class, first.getBean(EmbeddedServer.class).getURL()));
            ApiClient two = new ApiClient(second.createBean(HttpClient.class, second.getBean(EmbeddedServer.class).getURL()));
            assertThat(found(two, "逐小时气象站观测数据")).as("the demo catalogue, indexed by the second at its start").isNotEmpty();

            // listed through the first: found through the second
            String id = SubmittedProducts.submit(one, "跨实例潮位观测 Cross-instance tide gauges", "潮位站每十分钟观测 tide gauges");
            one.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
            Awaitility.await("listed through the first, found through the first").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> found(one, "跨实例潮位").contains(id));
            Awaitility.await("found through the second").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).until(() -> found(two, "跨实例潮位").contains(id));

            // changed through the second (a revision reviewed and applied): the first finds the new title, not the old
            Map<String, Object> draft = org.dataexchange.marketplace.problem.RefusalsTestDrafts.draft();
            draft.put("title", "跨实例盐度观测 Cross-instance salinity");
            draft.put("description", "盐度 salinity");
            assertThat(two.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, draft)).get("status"))
                    .isEqualTo("LISTED");
            two.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", Map.of("sourceLawful", true,
                    "rightsHeld", true, "qualityAsDescribed", true, "statement", "自有浮标采集 own buoys")));
            two.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
            Awaitility.await("the change is on sale through the second").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> found(two, "盐度").contains(id));
            Awaitility.await("the first finds it under its new terms").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).until(() -> found(one, "盐度").contains(id));
            assertThat(found(one, "潮位")).as("nor under the old title").doesNotContain(id);

            // delisted through the second: no longer found through the first
            two.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/delist", Map.of("reason", "停止供应")));
            assertThat(found(two, "盐度")).doesNotContain(id);
            Awaitility.await("delisted through the second, gone from the first").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).until(() -> !found(one, "盐度").contains(id));
            assertThat(first.getBean(SearchIndexFeed.class).missing()).as("no feed row left unread").isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> found(ApiClient api, String text) {
        Map<String, Object> page = api.json(null, HttpRequest.GET("/api/products?size=100&q="
                + URLEncoder.encode(text, StandardCharsets.UTF_8)));
        return ((List<Map<String, Object>>) page.get("content")).stream().map(p -> (String) p.get("id")).toList();
    }
}
