package org.dataexchange.marketplace.settlement;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.ledger.LedgerConnection;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trade is recorded exactly once whatever crashes, restarts or ledger outages happen around it. */
class SettlementRecoveryTest {

    @TempDir
    Path data;

    private static Map<String, Object> properties(Path dir, boolean worker, String profile) {
        Map<String, Object> p = new HashMap<>(Map.of("exchange.data-dir", profile == null ? org.dataexchange.marketplace.DemoTemplate.seeded(dir) : dir.toString(), "exchange.demo", "true",
                "exchange.password-cost", "4", "exchange.jwt-secret", "test-secret-that-is-long-enough-for-hmac-sha256-signing",
                "micronaut.server.port", "-1", "exchange.settlement.worker-enabled", Boolean.toString(worker)));
        if (profile != null) {
            p.put("exchange.ledger.connection-profile", profile);
        }
        if (org.dataexchange.marketplace.PostgresServer.switchedOn()) {
            p.putAll(org.dataexchange.marketplace.PostgresServer.datasource(dir.toString()));
        }
        return p;
    }

    @Test
    void aServiceStoppedAfterTheLedgerCommitButBeforeItsBooksSettlesExactlyOnceAfterRestart() throws Exception {
        String orderId;
        String txBeforeCrash;
        try (ApplicationContext first = ApplicationContext.run(EmbeddedServer.class, properties(data, false, null)).getApplicationContext()) {
            ApiClient api = new ApiClient(first.createBean(HttpClient.class, first.getBean(EmbeddedServer.class).getURL()));
            orderId = payForWeatherData(api);
            // The worker recorded the trade and the process died before it wrote SETTLED: do the first half by hand.
            OrderBook orders = first.getBean(OrderBook.class);
            PurchaseOrder order = orders.find(orderId).orElseThrow();
            txBeforeCrash = first.getBean(SettlementClient.class).recordTrade(first.getBean(OrderSettlement.class)
                    .trade(order, first.getBean(OrderService.class).details(order))).join().transactionId();
            assertThat(orders.find(orderId).orElseThrow().status().name()).isEqualTo("PAID");
        }
        try (ApplicationContext second = ApplicationContext.run(EmbeddedServer.class, properties(data, true, null)).getApplicationContext()) {
            ApiClient api = new ApiClient(second.createBean(HttpClient.class, second.getBean(EmbeddedServer.class).getURL()));
            Map<String, Object> settled = awaitSettled(api, orderId);
            assertThat(settled.get("transactionId")).as("the original ledger transaction, not a second trade").isEqualTo(txBeforeCrash);
            SettlementClient ledger = second.getBean(SettlementClient.class);
            assertThat(ledger.tradeHistory(orderId)).hasSize(1);
            // the ledger's own TradeSettled event confirms it, once, with the same transaction
            SettlementConfirmations confirmations = second.getBean(SettlementConfirmations.class);
            Awaitility.await("the ledger's TradeSettled event confirms " + orderId).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> confirmations.confirmation(orderId).isPresent());
            assertThat(confirmations.confirmation(orderId)).hasValueSatisfying(c -> assertThat(c.txId()).isEqualTo(txBeforeCrash));
            assertThat(ledger.tradesByParty("91310115MA1KJK1275", 100, "").records())
                    .filteredOn(t -> t.tradeId().equals(orderId)).hasSize(1);
        }
    }

    @Test
    void aLedgerOutageDelaysSettlementWithoutLosingIt() throws Exception {
        Path ledgerDir = data.resolve("ledger-net");
        Devnet devnet = Devnet.start(new LedgerConnection.EmbeddedDevnet(ledgerDir).devnetConfig().withPort(0));
        int port = devnet.port();
        String profile = ledgerDir.resolve("connection.json").toString();
        try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, properties(data, true, profile)).getApplicationContext()) {
            ApiClient api = new ApiClient(ctx.createBean(HttpClient.class, ctx.getBean(EmbeddedServer.class).getURL()));
            devnet.close(); // the ledger goes away
            String orderId = payForWeatherData(api);
            // for as long as the ledger is away the order waits, paid, for its settlement
            Awaitility.await("the order waits while the ledger is away").during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId)).get("status"),
                            status -> "PAID".equals(status) || "SETTLING".equals(status));
            devnet = Devnet.start(new LedgerConnection.EmbeddedDevnet(ledgerDir).devnetConfig().withPort(port)); // and comes back
            Map<String, Object> settled = awaitSettled(api, orderId);
            assertThat((String) settled.get("transactionId")).hasSize(64);
            assertThat(ctx.getBean(SettlementClient.class).tradeHistory(orderId)).hasSize(1);
        } finally {
            devnet.close();
        }
    }

    @Test
    void ordersPaidTogetherSettleInOneLedgerTransactionAndARefusedOneIsRefundedAlone() throws Exception {
        try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, properties(data, false, null)).getApplicationContext()) {
            ApiClient api = new ApiClient(ctx.createBean(HttpClient.class, ctx.getBean(EmbeddedServer.class).getURL()));
            // The demo data buys its derived product's parent licence in the background. With the worker off, that order
            // waits in the outbox too, unless the demo template (H2) settled it before the copy; on PostgreSQL the service
            // seeds itself. Once it is paid, nothing else of the demo's enters the outbox.
            long demoWaiting = Awaitility.await("the demo's licence order paid").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> List.of(api.read("demo-merchant-insight", HttpRequest.GET("/api/orders"), Map[].class)),
                            orders -> !orders.isEmpty() && orders.stream().noneMatch(o -> "CREATED".equals(o.get("status"))))
                    .stream().filter(o -> "PAID".equals(o.get("status"))).count();
            List<String> paid = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                paid.add(payForWeatherData(api));
            }
            // The ledger has suspended this one's product behind the service's back: its settlement is refused.
            Map<String, Object> soil = product(api, "土壤墒情监测");
            ctx.getBean(SettlementClient.class).updateListingStatus(new org.dataexchange.ledger.product.ListingStatusChange(
                    (String) soil.get("id"), (String) soil.get("currentVersion"),
                    org.dataexchange.ledger.product.ListingStatus.SUSPENDED, "test divergence")).join();
            String refused = pay(api, (String) soil.get("id"), "农业保险 crop insurance");

            assertThat(ctx.getBean(SettlementWorker.class).drain()).isEqualTo(13 + demoWaiting);

            java.util.Set<Object> transactions = new java.util.HashSet<>();
            for (String id : paid) {
                Map<String, Object> order = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + id));
                assertThat(order.get("status")).isEqualTo("SETTLED");
                assertThat(order.get("certificateId")).isEqualTo("CERT-" + id);
                transactions.add(order.get("transactionId"));
            }
            assertThat(transactions).as("one ledger transaction for the whole batch").hasSize(1);
            SettlementClient ledger = ctx.getBean(SettlementClient.class);
            assertThat(ledger.transaction((String) transactions.iterator().next()).orElseThrow().function()).isEqualTo("SettleTrades");
            Map<String, Object> refunded = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + refused));
            assertThat(refunded.get("status")).isEqualTo("REFUNDED");
            assertThat((String) refunded.get("failureReason")).contains("PRODUCT_NOT_LISTED");
            assertThat(ledger.tradesByProduct((String) soil.get("id"), 10, "").records()).isEmpty();
            assertThat(ctx.getBean(SettlementWorker.class).drain()).as("nothing left to settle").isZero();
        }
    }

    private static Map<String, Object> product(ApiClient api, String query) {
        Map<String, Object> page = api.json(null, HttpRequest.GET("/api/products?size=100&q=" + java.net.URLEncoder.encode(query,
                java.nio.charset.StandardCharsets.UTF_8)));
        String id = (String) ((List<Map<String, Object>>) page.get("content")).get(0).get("id");
        return api.json(null, HttpRequest.GET("/api/products/" + id));
    }

    private static String payForWeatherData(ApiClient api) {
        return pay(api, (String) product(api, "气象站").get("id"), "气候分析 climate analysis");
    }

    private static String pay(ApiClient api, String productId, String purpose) {
        Map<String, Object> body = Map.of("productId", productId, "planId", "one-off", "buyerLocation", "CN-SH",
                "securityAgreementAccepted", false, "scenario", Map.of("purpose", purpose, "location", "CN-SH"));
        String id = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders", body)
                .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + id + "/pay", ""));
        return id;
    }

    private static Map<String, Object> awaitSettled(ApiClient api, String id) throws InterruptedException {
        return Awaitility.await("order " + id + " settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.json("demo-buyer", HttpRequest.GET("/api/orders/" + id)),
                        order -> "SETTLED".equals(order.get("status")) && order.get("certificateId") != null);
    }
}
