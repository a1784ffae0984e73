package org.dataexchange.marketplace.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slow sandbox queries do not starve the exchange of database connections: a running query holds one (its licence's
 * row lock) until it is answered, but only the {@code concurrent-queries} admitted to the engine do; the others wait for
 * a place holding none. Over real HTTP, on a pool of 4 connections with 2 sandbox places: six licences' queries are kept
 * from finishing by their licences' row locks, held by another connection (as a query of the same licence on another
 * instance holds them while its engine runs), and while all six are pending an order is placed and paid.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxConnectionsTest implements TestPropertyProvider {

    private static final String PRODUCT = "医疗机构资源分布";
    private static final String PURPOSE = "保险网络规划 insurance network planning";
    private static final int POOL = 4;
    private static final int PLACES = 2;
    private static final int LICENCES = 6;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Inject
    AnsweredQueries answered;

    @Override
    public Map<String, String> getProperties() {
        // Queries waiting for a place wait up to the query time limit: long enough here for all six to be answered after.
        return ApiClient.testProperties("sandbox-connections", "datasources.default.maximum-pool-size", String.valueOf(POOL),
                "exchange.sandbox.concurrent-queries", String.valueOf(PLACES), "exchange.sandbox.query-timeout", "60s",
                "micronaut.http.client.read-timeout", "60s");
    }

    @Test
    void anOrderIsPlacedAndPaidWhileTheSandboxRunsAsManySlowQueriesAsItMay() throws Exception {
        ApiClient api = new ApiClient(http);
        HikariDataSource pool = DelegatingDataSource.unwrapDataSource(dataSource).unwrap(HikariDataSource.class);
        assertThat(pool.getMaximumPoolSize()).isEqualTo(POOL);
        Map<String, Object> product = api.listed(PRODUCT);
        List<String> licences = new ArrayList<>();
        for (int i = 0; i < LICENCES; i++) {
            licences.add(api.buySettled(product, "one-off", PURPOSE));
        }
        Map<String, Object> countAll = Map.of("select", List.of(Map.of("aggregate", "COUNT")));
        for (String orderId : licences) {
            // The licence's first query: its history row exists from now on.
            assertThat(rows(api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", countAll))))
                    .isEqualTo(List.of(List.of(50)));
        }
        ExecutorService clients = Executors.newFixedThreadPool(LICENCES);
        List<Future<Map<String, Object>>> pending = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong firstQueryDone = new java.util.concurrent.atomic.AtomicLong();
        try (Connection otherInstance = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            otherInstance.setAutoCommit(false);
            for (String orderId : licences) {
                try (PreparedStatement lock = otherInstance.prepareStatement(
                        "SELECT order_id FROM sandbox_history WHERE order_id = ? FOR UPDATE")) {
                    lock.setString(1, orderId);
                    try (ResultSet r = lock.executeQuery()) {
                        assertThat(r.next()).isTrue();
                    }
                }
            }
            for (String orderId : licences) {
                pending.add(clients.submit(() -> {
                    try {
                        return api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", countAll));
                    } finally {
                        firstQueryDone.compareAndSet(0, System.nanoTime());
                    }
                }));
            }
            // Two queries have their places and wait for their licences' locks, a connection each; four wait for a place.
            Awaitility.await("the sandbox's places taken, the other queries waiting").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).until(() -> answered.waiting() == LICENCES - PLACES);

            long t0 = System.nanoTime();
            Map<String, Object> order = api.json("demo-buyer", HttpRequest.POST("/api/orders", Map.of(
                    "productId", product.get("id"), "planId", "one-off", "buyerLocation", "CN-SH",
                    "securityAgreementAccepted", false, "scenario", Map.of("purpose", PURPOSE, "location", "CN-SH")))
                    .header("Idempotency-Key", UUID.randomUUID().toString()));
            Map<String, Object> paid = api.json("demo-buyer", HttpRequest.POST("/api/orders/" + order.get("id") + "/pay", ""));
            long paidAt = System.nanoTime();
            long tookMillis = (paidAt - t0) / 1_000_000;
            assertThat(firstQueryDone.get()).as("the order was placed and paid (in %d ms) while every sandbox query was"
                    + " pending", tookMillis).isZero();
            assertThat(answered.waiting()).as("the sandbox still ran as many queries as it may").isEqualTo(LICENCES - PLACES);
            assertThat(paid.get("status")).isIn("PAID", "SETTLING", "SETTLED");
            otherInstance.rollback();
        }
        try {
            for (Future<Map<String, Object>> query : pending) {
                Map<String, Object> answer = query.get(120, TimeUnit.SECONDS);
                assertThat(rows(answer)).as("each pending query is answered once its licence's lock is free").isEqualTo(
                        List.of(List.of(50)));
                assertThat(answer.get("differencingGroups")).isEqualTo(0);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(Map<String, Object> answer) {
        return (List<List<Object>>) answer.get("rows");
    }
}
