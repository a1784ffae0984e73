package org.dataexchange.marketplace.settlement;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.trade.Settlement;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The books check finds, on its own, trades the ledger holds that the books lost: it heals an order whose payment the
 * books lost (charged once, settled with the ledger's transaction) and reports, loudly and for good, a trade whose
 * order the books do not have at all (health DOWN with the counts, the regulator's flags, reconciliation).
 */
class UnbookedTradesTest {

    @TempDir
    Path data;

    private static Map<String, Object> properties(Path dir, boolean worker) {
        return new HashMap<>(Map.of("exchange.data-dir", org.dataexchange.marketplace.DemoTemplate.seeded(dir), "exchange.demo", "true",
                "exchange.password-cost", "4", "exchange.jwt-secret", "test-secret-that-is-long-enough-for-hmac-sha256-signing",
                "micronaut.server.port", "-1", "exchange.settlement.worker-enabled", Boolean.toString(worker),
                "exchange.books-check.interval", "500ms", "exchange.books-check.grace", "1s"));
    }

    @Test
    void ledgerTradesTheBooksLostAreHealedOrReported() throws Exception {
        String lostPayment;
        String noOrder = UUID.randomUUID().toString();
        String txOnLedger;
        String buyerOrg;
        long amount;
        long availableBefore;
        try (ApplicationContext first = ApplicationContext.run(EmbeddedServer.class, properties(data, false)).getApplicationContext()) {
            ApiClient api = new ApiClient(first.createBean(HttpClient.class, first.getBean(EmbeddedServer.class).getURL()));
            Map<String, Object> product = api.listed("逐小时气象站观测数据");
            Map<String, Object> body = Map.of("productId", product.get("id"), "planId", "one-off", "buyerLocation", "CN-SH",
                    "securityAgreementAccepted", false, "scenario", Map.of("purpose", "气候分析 climate analysis", "location", "CN-SH"));
            lostPayment = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders", body)
                    .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
            // The buyer paid and the worker settled it on the ledger; then the books lost the payment's commit (as
            // before commits were durable): the order is CREATED in the books, its trade and licence on the ledger.
            PurchaseOrder order = first.getBean(OrderBook.class).find(lostPayment).orElseThrow();
            PurchaseOrder asPaid = order.paid(Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MICROS));
            OrderDetails d = first.getBean(OrderService.class).details(order);
            OrderSettlement onLedger = first.getBean(OrderSettlement.class);
            TradeRequest trade = onLedger.trade(asPaid, d);
            LicenceCertificate certificate = onLedger.certificate(asPaid, d);
            SettlementClient ledger = first.getBean(SettlementClient.class);
            txOnLedger = ledger.settleTrades(List.of(new Settlement(trade, certificate))).join().record().outcomes().get(0).tradeTxId();
            // And a trade whose order the books do not have at all.
            ledger.recordTrade(new TradeRequest(noOrder, noOrder, trade.productId(), trade.version(), trade.contentDigest(),
                    trade.agreementHash(), trade.buyerId(), trade.sellerId(), trade.amount(), trade.currency(), trade.splitLines(),
                    trade.buyerLocation(), trade.deliveryLocation(), trade.approvals())).join();
            buyerOrg = order.buyerOrgId();
            amount = order.amountMinor();
            availableBefore = first.getBean(Wallets.class).balance(buyerOrg, Wallets.Kind.AVAILABLE, "CNY");
            assertThat(amount).isPositive();
        }
        try (ApplicationContext second = ApplicationContext.run(EmbeddedServer.class, properties(data, true)).getApplicationContext()) {
            HttpClient client = second.createBean(HttpClient.class, second.getBean(EmbeddedServer.class).getURL());
            ApiClient api = new ApiClient(client);
            Map<String, Object> settled = awaitSettled(api, lostPayment);
            assertThat(settled.get("transactionId")).as("the ledger's transaction, not a second trade").isEqualTo(txOnLedger);
            assertThat(settled.get("paidAt")).isNotNull();
            assertThat(second.getBean(SettlementClient.class).tradeHistory(lostPayment)).hasSize(1);
            // Charged exactly once: the price left the buyer's wallet, escrow is empty, the journal agrees.
            Wallets wallets = second.getBean(Wallets.class);
            assertThat(wallets.balance(buyerOrg, Wallets.Kind.AVAILABLE, "CNY")).isEqualTo(availableBefore - amount);
            assertThat(wallets.balance(buyerOrg, Wallets.Kind.ESCROW, "CNY")).isZero();
            assertThat(wallets.balanceFromJournal(buyerOrg, Wallets.Kind.AVAILABLE, "CNY")).isEqualTo(availableBefore - amount);

            // The trade without an order stays reported: health DOWN with the counts, a flag, a reconciliation difference.
            Map<String, Object> books = awaitBooksHealth(client, api);
            assertThat(books.get("status")).isEqualTo("DOWN");
            Map<?, ?> details = (Map<?, ?>) books.get("details");
            assertThat(details.get("unhealable")).isEqualTo(1);
            assertThat(details.get("healing")).isEqualTo(0);
            assertThat(details.get("healed")).isEqualTo(1);
            HttpClientResponseException anonymous = api.refusal(null, HttpRequest.GET("/health"));
            assertThat(anonymous.getStatus().getCode()).as("GET /health while the books lack a ledger trade").isEqualTo(503);

            Map<String, Object> flags = api.json("demo-regulator", HttpRequest.GET("/api/regulator/flags"));
            List<Map<String, Object>> unbooked = (List<Map<String, Object>>) flags.get("unbookedTrades");
            assertThat(unbooked).anySatisfy(t -> {
                assertThat(t.get("tradeId")).isEqualTo(noOrder);
                assertThat(t.get("state")).isEqualTo("UNHEALABLE");
                assertThat((String) t.get("detail")).contains("the books have no such order");
            });
            assertThat(unbooked).anySatisfy(t -> {
                assertThat(t.get("tradeId")).isEqualTo(lostPayment);
                assertThat(t.get("state")).isEqualTo("RESOLVED");
                assertThat((String) t.get("detail")).contains("paid on recovery").contains(txOnLedger);
            });
            Map<String, Object> reconciliation = api.json("demo-regulator", HttpRequest.GET("/api/regulator/reconciliation"));
            assertThat((List<Map<String, Object>>) reconciliation.get("differences")).singleElement().satisfies(diff -> {
                assertThat(diff.get("kind")).isEqualTo("MISSING_IN_BOOKS");
                assertThat(diff.get("tradeId")).isEqualTo(noOrder);
            });
        }
    }

    /** The books indicator of GET /health as an operator sees it, once the check has found both trades. */
    private static Map<String, Object> awaitBooksHealth(HttpClient client, ApiClient api) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> books = new java.util.concurrent.atomic.AtomicReference<>(Map.of());
        try {
            Awaitility.await("the books check has found both trades").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        Map<String, Object> health;
                        try {
                            health = client.toBlocking().retrieve(api.as("demo-operator", HttpRequest.GET("/health")),
                                    Argument.mapOf(String.class, Object.class));
                        } catch (HttpClientResponseException down) {
                            health = down.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
                        }
                        books.set((Map<String, Object>) ((Map<?, ?>) health.get("details")).get("books"));
                        Map<?, ?> d = (Map<?, ?>) books.get().get("details");
                        return d != null && Integer.valueOf(1).equals(d.get("unhealable")) && Integer.valueOf(1).equals(d.get("healed"));
                    });
        } catch (org.awaitility.core.ConditionTimeoutException notYet) {
            // the caller's assertions say what the indicator shows instead
        }
        return books.get();
    }

    private static Map<String, Object> awaitSettled(ApiClient api, String id) throws InterruptedException {
        return Awaitility.await("order " + id + " settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.json("demo-buyer", HttpRequest.GET("/api/orders/" + id)),
                        order -> "SETTLED".equals(order.get("status")) && order.get("certificateId") != null);
    }
}
