package org.dataexchange.marketplace.billing;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.trade.SplitLineRecord;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Subscriptions and metered plans billed per period (issue 12, defect 6), with the clock moved through periods: a
 * monthly subscription grants a month and renews as a new settled trade or ends; metered calls are billed once per
 * closed month as one ledger trade with its split, capped at the monthly cap.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingApiTest implements TestPropertyProvider {

    /** The service's clock, moved forward by the tests; the ledger keeps real time. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        void moveTo(Instant at) {
            offset = Duration.between(Instant.now(), at);
        }

        void reset() {
            offset = Duration.ZERO;
        }
    }

    private static final String SUBSCRIBED = "上市公司舆情指数"; // API delivery, monthly subscription at 450,000 fen
    private static final String PURPOSE = "量化投资 quantitative investing";

    private final MovableClock clock = new MovableClock();

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    @Inject
    PeriodClosing closing;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("billing-test", "exchange.billing.every", "300ms");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aMonthlySubscriptionGrantsOneMonthAndRenewsAsANewSettledTradeWithItsOwnCertificate() throws Exception {
        String first = api.buySettled(api.listed(SUBSCRIBED), "monthly", PURPOSE);
        LicenceCertificate cert = ledger.certificate("CERT-" + first).issued().certificate();
        assertThat(cert.validUntil()).as("one month, not 365 days").isEqualTo(cert.validFrom().atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        Map<String, Object> subscription = api.json("demo-buyer", HttpRequest.GET("/api/subscriptions/" + first));
        assertThat(subscription.get("autoRenew")).isEqualTo(true);
        assertThat(subscription.get("status")).isEqualTo("ACTIVE");
        Instant periodEnd = Instant.parse((String) subscription.get("periodEnd"));
        assertThat(periodEnd).isEqualTo(cert.validUntil());
        String key = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + first + "/api-keys", "")).get("apiKey");
        assertThat(call(key)).isEqualTo(200);

        clock.moveTo(periodEnd.plusSeconds(60));
        closing.closeDue();
        Map<String, Object> renewed = await("demo-buyer", "/api/subscriptions/" + first, s -> !first.equals(s.get("currentOrderId")));
        assertThat(renewed.get("periodNumber")).isEqualTo(2);
        String renewal = (String) renewed.get("currentOrderId");
        Map<String, Object> order = await("demo-buyer", "/api/orders/" + renewal, o -> o.get("certificateId") != null);
        assertThat(order.get("status")).isEqualTo("SETTLED");
        assertThat(((Number) order.get("amountMinor")).longValue()).isEqualTo(450_000);

        Trade trade = ledger.trade(renewal);
        assertThat(trade.request().amount()).isEqualTo(450_000);
        assertThat(ledger.splitLines(renewal).stream().mapToLong(SplitLineRecord::amount).sum()).isEqualTo(450_000);
        LicenceCertificate next = ledger.certificate("CERT-" + renewal).issued().certificate();
        assertThat(next.validFrom()).as("the new period follows the old one").isEqualTo(periodEnd);
        assertThat(next.validUntil()).isEqualTo(periodEnd.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        assertThat(call(key)).as("the subscription's key works in the renewed period").isEqualTo(200);

        closing.closeDue();
        closing.closeDue();
        List<Map<String, Object>> bills = list("demo-buyer", "/api/orders/" + first + "/bills").stream()
                .filter(b -> "RENEWAL".equals(b.get("kind"))).toList();
        assertThat(bills).as("renewed once").hasSize(1);
        assertThat(bills.get(0)).containsEntry("kind", "RENEWAL").containsEntry("state", "CHARGED").containsEntry("period", "2")
                .containsEntry("billOrderId", renewal);
        assertThat(list("demo-merchant-insight", "/api/statements/bills")).as("the merchant sees the bill")
                .anyMatch(b -> renewal.equals(b.get("billOrderId")));
        assertThat(list("demo-merchant-insight", "/api/subscriptions")).anyMatch(s -> first.equals(s.get("id")));
    }

    @Test
    void withAutoRenewOffTheSubscriptionEndsAtThePeriodEnd() throws Exception {
        String first = api.buySettled(api.listed(SUBSCRIBED), "monthly", PURPOSE);
        String key = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + first + "/api-keys", "")).get("apiKey");
        assertThat(api.status("demo-merchant-insight", HttpRequest.PUT("/api/subscriptions/" + first + "/auto-renew",
                Map.of("autoRenew", false)))).as("only the licence holder chooses; the seller finds no order of its own").isEqualTo(404);
        Map<String, Object> off = api.json("demo-buyer", HttpRequest.PUT("/api/subscriptions/" + first + "/auto-renew",
                Map.of("autoRenew", false)));
        assertThat(off.get("autoRenew")).isEqualTo(false);
        Instant periodEnd = Instant.parse((String) off.get("periodEnd"));

        clock.moveTo(periodEnd.minusSeconds(60));
        closing.closeDue();
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/subscriptions/" + first)).get("status")).as("not before its end")
                .isEqualTo("ACTIVE");
        assertThat(call(key)).isEqualTo(200);

        clock.moveTo(periodEnd.plusSeconds(1));
        closing.closeDue();
        Map<String, Object> ended = api.json("demo-buyer", HttpRequest.GET("/api/subscriptions/" + first));
        assertThat(ended.get("status")).isEqualTo("ENDED");
        assertThat((String) ended.get("endReason")).contains("auto-renew is off");
        assertThat(list("demo-buyer", "/api/orders/" + first + "/bills")).isEmpty();
        var refused = api.refusal(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key));
        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("auto-renew is off");
    }

    @Test
    void aWalletThatCannotPayTheRenewalEndsTheLicenceAtThePeriodEndAndTheBuyerSeesWhy() throws Exception {
        String[] buyer = registerBuyer();
        String token = buyer[1];
        api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + buyer[0] + "/top-ups",
                Map.of("amountMinor", 450_000 + 100, "currency", "CNY", "reference", "bank transfer for the subscription")));
        Map<String, Object> body = Map.of("productId", api.listed(SUBSCRIBED).get("id"), "planId", "monthly", "buyerLocation", "CN-SH",
                "securityAgreementAccepted", false, "scenario", Map.of("purpose", PURPOSE, "location", "CN-SH"));
        String first = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/orders", body).bearerAuth(token)
                .header("Idempotency-Key", UUID.randomUUID().toString()), Map.class).get("id");
        http.toBlocking().retrieve(HttpRequest.POST("/api/orders/" + first + "/pay", "").bearerAuth(token));
        Awaitility.await("the first period's certificate is on the ledger").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> !ledgerCertificateMissing(first));
        Map<?, ?> subscription = http.toBlocking().retrieve(HttpRequest.GET("/api/subscriptions/" + first).bearerAuth(token),
                Map.class);
        Instant periodEnd = Instant.parse((String) subscription.get("periodEnd"));

        clock.moveTo(periodEnd.plusSeconds(5));
        closing.closeDue();
        subscription = http.toBlocking().retrieve(HttpRequest.GET("/api/subscriptions/" + first).bearerAuth(token), Map.class);
        assertThat(subscription.get("status")).isEqualTo("ENDED");
        assertThat((String) subscription.get("endReason")).contains("wallet could not pay").contains("licence ended at " + periodEnd);
        List<Map<String, Object>> bills = http.toBlocking().retrieve(HttpRequest.GET("/api/orders/" + first + "/bills").bearerAuth(token),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(bills).singleElement().satisfies(b -> {
            assertThat(b).containsEntry("state", "UNPAID").containsEntry("kind", "RENEWAL");
            assertThat(b.get("billOrderId")).isNull();
        });
        List<Map<String, Object>> wallet = http.toBlocking().retrieve(HttpRequest.GET("/api/wallet").bearerAuth(token),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(wallet).as("nothing taken for the period not renewed")
                .anySatisfy(b -> assertThat(b).containsEntry("kind", "AVAILABLE").containsEntry("balanceMinor", 100));
    }

    @Test
    void meteredCallsBeyondTheFreeUnitsAreBilledOnceForTheClosedMonthAsOneTradeCappedAtTheMonthlyCap() throws Exception {
        // 2 free calls a month, then 100 fen a call, at most 500 fen a month
        Map<String, Object> product = listMetered(Map.of("id", "per-call", "kind", "METERED", "currency", "CNY",
                "freeUnits", 2, "unitPriceMinor", 100, "monthlyCapMinor", 500));
        String orderId = api.buySettled(product, "per-call", "海洋研究 ocean research");
        String key = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")).get("apiKey");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        clock.moveTo(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600)); // well inside the month
        for (int i = 0; i < 10; i++) {
            assertThat(call(key)).isEqualTo(200);
        }
        List<Map<String, Object>> usage = list("demo-buyer", "/api/orders/" + orderId + "/usage");
        assertThat(usage).singleElement().satisfies(u -> {
            assertThat(((Number) u.get("billableCalls")).longValue()).isEqualTo(8);
            assertThat(((Number) u.get("chargeMinor")).longValue()).as("800 capped at 500").isEqualTo(500);
        });
        closing.closeDue();
        assertThat(list("demo-buyer", "/api/orders/" + orderId + "/bills")).as("the month is still open").isEmpty();

        // the month closes; the billing round runs in the background and twice more at once here
        clock.moveTo(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(60));
        List<CompletableFuture<PeriodClosing.Closed>> rounds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rounds.add(CompletableFuture.supplyAsync(closing::closeDue));
        }
        rounds.forEach(CompletableFuture::join);
        closing.closeDue();
        List<Map<String, Object>> bills = list("demo-buyer", "/api/orders/" + orderId + "/bills");
        assertThat(bills).as("billed once").hasSize(1);
        Map<String, Object> bill = bills.get(0);
        assertThat(bill).containsEntry("kind", "USAGE").containsEntry("period", month.toString()).containsEntry("state", "CHARGED");
        assertThat(((Number) bill.get("calls")).longValue()).isEqualTo(10);
        assertThat(((Number) bill.get("chargeMinor")).longValue()).isEqualTo(500);
        String billOrder = (String) bill.get("billOrderId");
        Map<String, Object> settled = await("demo-buyer", "/api/orders/" + billOrder, o -> o.get("certificateId") != null);
        assertThat(settled.get("status")).isEqualTo("SETTLED");

        assertThat(ledger.tradesByProduct((String) product.get("id"), 50, "").records()).as("the licence and one trade for the month")
                .extracting(Trade::tradeId).containsExactlyInAnyOrder(orderId, billOrder);
        assertThat(ledger.trade(billOrder).request().amount()).isEqualTo(500);
        List<SplitLineRecord> split = ledger.splitLines(billOrder);
        assertThat(split.stream().mapToLong(SplitLineRecord::amount).sum()).isEqualTo(500);
        assertThat(split).extracting(l -> l.role().name()).contains("MERCHANT", "CONTRIBUTOR", "PLATFORM");
        LicenceCertificate cert = ledger.certificate("CERT-" + billOrder).issued().certificate();
        assertThat(cert.validFrom()).isEqualTo(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));

        assertThat(list("demo-buyer", "/api/orders/" + orderId + "/usage")).singleElement()
                .satisfies(u -> assertThat(u).containsEntry("month", month.toString()).containsEntry("billState", "CHARGED"));
        assertThat(list("demo-merchant", "/api/orders/" + orderId + "/usage")).as("the seller sees it billed")
                .singleElement().satisfies(u -> assertThat(u).containsEntry("billState", "CHARGED"));
        assertThat(list("demo-buyer", "/api/statements/bills")).anyMatch(b -> billOrder.equals(b.get("billOrderId")));
        assertThat(list("demo-merchant", "/api/statements/bills")).anyMatch(b -> billOrder.equals(b.get("billOrderId")));
        assertThat(list("demo-merchant-ocean", "/api/statements/bills")).noneMatch(b -> billOrder.equals(b.get("billOrderId")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMerchantHoldingALicenceSeesItsBillOnItsHeldSideAndTheSellerOnlyAmongItsSales() throws Exception {
        String holder = "demo-merchant-ocean";
        String holderOrg = (String) ((Map<String, Object>) api.json(holder, HttpRequest.GET("/api/me")).get("organisation")).get("id");
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + holderOrg + "/top-ups",
                Map.of("amountMinor", 100_000, "currency", "CNY", "reference", "held bills " + UUID.randomUUID())))).isEqualTo(201);
        // demo-merchant's metered product, licensed by another merchant: 1 free call a month, then 100 fen a call
        Map<String, Object> product = listMetered(Map.of("id", "per-call", "kind", "METERED", "currency", "CNY",
                "freeUnits", 1, "unitPriceMinor", 100, "monthlyCapMinor", 0));
        Map<String, Object> body = Map.of("productId", product.get("id"), "planId", "per-call", "buyerLocation", "CN-SH",
                "securityAgreementAccepted", false, "scenario", Map.of("purpose", "海洋研究 ocean research", "location", "CN-SH"));
        String orderId = (String) api.json(holder, HttpRequest.POST("/api/orders", body)
                .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
        api.json(holder, HttpRequest.POST("/api/orders/" + orderId + "/pay", ""));
        await(holder, "/api/orders/" + orderId, o -> o.get("certificateId") != null);
        String key = (String) api.json(holder, HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")).get("apiKey");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        clock.moveTo(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600));
        for (int i = 0; i < 4; i++) {
            assertThat(call(key)).isEqualTo(200);
        }
        clock.moveTo(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(60));
        closing.closeDue();
        List<Map<String, Object>> bills = list(holder, "/api/orders/" + orderId + "/bills");
        assertThat(bills).singleElement().satisfies(b -> assertThat(b).containsEntry("state", "CHARGED").containsEntry("chargeMinor", 300));
        String billOrder = (String) bills.get(0).get("billOrderId");

        // What the holding merchant was billed: on its HELD side, never among its sales (its side without a side).
        assertThat(list(holder, "/api/statements/bills?side=HELD")).anyMatch(b -> billOrder.equals(b.get("billOrderId")));
        assertThat(list(holder, "/api/statements/bills")).noneMatch(b -> billOrder.equals(b.get("billOrderId")));
        assertThat(list(holder, "/api/statements/bills?side=SOLD")).noneMatch(b -> billOrder.equals(b.get("billOrderId")));
        // The seller: among its sales, never as a bill it paid; another merchant and a buyer nowhere.
        assertThat(list("demo-merchant", "/api/statements/bills")).anyMatch(b -> billOrder.equals(b.get("billOrderId")));
        assertThat(list("demo-merchant", "/api/statements/bills?side=SOLD")).anyMatch(b -> billOrder.equals(b.get("billOrderId")));
        assertThat(list("demo-merchant", "/api/statements/bills?side=HELD")).noneMatch(b -> billOrder.equals(b.get("billOrderId")));
        for (String other : List.of("demo-merchant-insight", "demo-buyer")) {
            assertThat(list(other, "/api/statements/bills?side=HELD")).as(other).noneMatch(b -> billOrder.equals(b.get("billOrderId")));
        }
        // Its purchases statement counts the bill's order as paid, beside the licence itself.
        await(holder, "/api/orders/" + billOrder, o -> o.get("transactionId") != null);
        Map<String, Object> purchases = api.json(holder, HttpRequest.GET("/api/statements/purchases"));
        assertThat((List<Map<String, Object>>) purchases.get("orders")).extracting(o -> o.get("orderId")).contains(orderId, billOrder);
    }

    @Test
    void aMonthTheWalletCannotPayStopsTheCallsUntilATopUpPaysIt() throws Exception {
        Map<String, Object> product = listMetered(Map.of("id", "per-call", "kind", "METERED", "currency", "CNY",
                "freeUnits", 0, "unitPriceMinor", 100, "monthlyCapMinor", 0));
        String[] buyer = registerBuyer();
        String token = buyer[1];
        Map<String, Object> body = Map.of("productId", product.get("id"), "planId", "per-call", "buyerLocation", "CN-SH",
                "securityAgreementAccepted", false, "scenario", Map.of("purpose", "海洋研究 ocean research", "location", "CN-SH"));
        String orderId = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/orders", body).bearerAuth(token)
                .header("Idempotency-Key", UUID.randomUUID().toString()), Map.class).get("id");
        http.toBlocking().retrieve(HttpRequest.POST("/api/orders/" + orderId + "/pay", "").bearerAuth(token));
        Awaitility.await("order " + orderId + " settles").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/orders/" + orderId).bearerAuth(token), Map.class)
                        .get("certificateId") != null);
        String key = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")
                .bearerAuth(token), Map.class).get("apiKey");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        clock.moveTo(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600));
        for (int i = 0; i < 3; i++) {
            assertThat(call(key)).isEqualTo(200);
        }
        clock.moveTo(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(60));
        closing.closeDue();
        List<Map<String, Object>> bills = http.toBlocking().retrieve(HttpRequest.GET("/api/orders/" + orderId + "/bills")
                .bearerAuth(token), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(bills).singleElement().satisfies(b -> {
            assertThat(b).containsEntry("state", "UNPAID").containsEntry("chargeMinor", 300);
            assertThat((String) b.get("note")).contains("wallet cannot pay");
        });
        var stopped = api.refusal(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key));
        assertThat(stopped.getStatus().getCode()).isEqualTo(403);
        assertThat(ApiClient.problem(stopped).get("type")).isEqualTo(org.dataexchange.marketplace.delivery.MeteredAccess.BILL_UNPAID);

        api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + buyer[0] + "/top-ups",
                Map.of("amountMinor", 300, "currency", "CNY", "reference", "bank transfer for the bill")));
        closing.closeDue();
        Map<?, ?> paid = http.toBlocking().retrieve(HttpRequest.GET("/api/orders/" + orderId + "/bills").bearerAuth(token),
                Argument.listOf(Map.class)).get(0);
        assertThat(paid.get("state")).isEqualTo("CHARGED");
        assertThat(call(key)).as("calls resume once the bill is paid").isEqualTo(200);
        String billOrder = (String) paid.get("billOrderId");
        Awaitility.await("the bill's order " + billOrder + " is on the ledger").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> !ledgerCertificateMissing(billOrder));
        assertThat(ledger.trade(billOrder).request().amount()).isEqualTo(300);
    }

    /** A new buyer organisation with an empty wallet: its id and a token. */
    private String[] registerBuyer() {
        String buyer = "thin-wallet-" + UUID.randomUUID().toString().substring(0, 6);
        String code = CreditCode.withCheckCharacter("91310000" + String.format("%09d", Math.floorMod(buyer.hashCode(), 1_000_000_000)));
        Map<String, Object> account = api.json(null, HttpRequest.POST("/api/auth/register", Map.of("username", buyer,
                "password", "thin wallet password", "role", "BUYER", "organisation", Map.of("name", "薄钱包贸易有限公司 " + buyer,
                        "creditCode", code))));
        String token = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/auth/login",
                Map.of("username", buyer, "password", "thin wallet password")), Map.class).get("access_token");
        return new String[] {(String) ((Map<?, ?>) account.get("organisation")).get("id"), token};
    }

    @Test
    void aChargeBeyondTheLargestAmountIsCappedNotAServerError() throws Exception {
        Map<String, Object> product = listMetered(Map.of("id", "per-call", "kind", "METERED", "currency", "CNY",
                "freeUnits", 0, "unitPriceMinor", org.dataexchange.marketplace.Money.MAX_MINOR, "monthlyCapMinor", 0));
        String orderId = api.buySettled(product, "per-call", "海洋研究 ocean research");
        String key = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")).get("apiKey");
        for (int i = 0; i < 3; i++) {
            assertThat(call(key)).isEqualTo(200);
        }
        List<Map<String, Object>> usage = list("demo-buyer", "/api/orders/" + orderId + "/usage");
        assertThat(((Number) usage.get(0).get("chargeMinor")).longValue()).isEqualTo(org.dataexchange.marketplace.Money.MAX_MINOR);
    }

    private boolean ledgerCertificateMissing(String orderId) {
        try {
            ledger.certificate("CERT-" + orderId);
            return false;
        } catch (RuntimeException notYet) {
            return true;
        }
    }

    private int call(String key) {
        return api.status(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key));
    }

    private List<Map<String, Object>> list(String user, String path) {
        return http.toBlocking().retrieve(api.as(user, HttpRequest.GET(path)), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private Map<String, Object> await(String user, String path, Predicate<Map<String, Object>> done) throws InterruptedException {
        return Awaitility.await(path + " gets there").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.json(user, HttpRequest.GET(path)), done);
    }

    /** A product of demo-merchant delivered by metered API calls, listed with the given plan. */
    private Map<String, Object> listMetered(Map<String, Object> plan) {
        Map<String, Object> d = new HashMap<>();
        d.put("title", "潮位实时接口 " + UUID.randomUUID().toString().substring(0, 8));
        d.put("description", "沿海潮位站实时潮位接口。Real-time tide gauge API.");
        d.put("tags", List.of("潮位"));
        d.put("industry", "OCEAN");
        d.put("sourceType", "ENTERPRISE");
        d.put("classificationLevel", "GENERAL");
        d.put("category", "海洋观测/潮位");
        d.put("deliveryModes", List.of("METERED_API"));
        d.put("crossBorderAllowed", false);
        d.put("provenance", Map.of("sources", List.of("自有潮位站"), "collectedFrom", "2020-01-01", "volumeRecords", 1_000_000,
                "updateFrequency", "hourly"));
        d.put("contributors", List.of(Map.of("name", "潮位站运维方", "partyId", "tide-operator", "shareBp", 1000)));
        d.put("merchantShareBp", 8500);
        d.put("platformFeeBp", 500);
        d.put("schema", List.of(Map.of("name", "time", "type", "date", "description", "时间")));
        d.put("sampleRows", List.of(Map.of("time", "2026-10-01T00:00:00Z", "level", 3.1)));
        d.put("quality", Map.of("completenessPercent", 99, "accuracyPercent", 97, "method", "交叉比对"));
        d.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of("海洋研究 ocean research")));
        d.put("pricingPlans", List.of(plan));
        return api.listNew(d, "tide.csv", "time,level\n2026-10-01T00:00:00Z,3.1\n");
    }
}
