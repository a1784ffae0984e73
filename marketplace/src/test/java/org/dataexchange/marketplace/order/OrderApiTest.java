package org.dataexchange.marketplace.order;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.account.AccountService;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The trade over real HTTP, H2 and an in-process devnet: orders, gates, escrow, settlement, certificates. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    @Inject
    Wallets wallets;

    @Inject
    AccountService accounts;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("order-test");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void aOneOffPurchaseSettlesOnTheLedgerWithACertificateAndTheSplitPaidOut() throws Exception {
        // A product of a merchant no other test buys from, so its revenue moves only by this purchase.
        Map<String, Object> product = product("航班准点率统计");
        String merchantOrg = (String) ((Map<?, ?>) product.get("merchant")).get("organisationId");
        String buyerOrg = (String) ((Map<?, ?>) api.json("demo-buyer", HttpRequest.GET("/api/me")).get("organisation")).get("id");
        long buyerBefore = wallets.balance(buyerOrg, Wallets.Kind.AVAILABLE, "CNY");
        long merchantBefore = wallets.balance(merchantOrg, Wallets.Kind.REVENUE, "CNY");

        Map<String, Object> order = place("demo-buyer", UUID.randomUUID().toString(), product, "one-off", "差旅管理 travel management", "CN-SH");
        assertThat(order.get("status")).isEqualTo("CREATED");
        assertThat(order.get("amountMinor")).isEqualTo(90_000);
        Map<String, Object> paid = api.json("demo-buyer", HttpRequest.POST("/api/orders/" + order.get("id") + "/pay", ""));
        assertThat(paid.get("status")).isIn("PAID", "SETTLING", "SETTLED");
        Map<String, Object> settled = awaitStatus((String) order.get("id"), "SETTLED");
        assertThat((String) settled.get("transactionId")).hasSize(64);
        assertThat(((Number) settled.get("blockNumber")).longValue()).isPositive();
        assertThat(settled.get("certificateId")).isEqualTo("CERT-" + order.get("id"));
        // Every transition recorded with time and actor, the same whether answered at once or read back later.
        assertThat(statuses(order)).containsExactly("CREATED");
        assertThat(statuses(paid)).containsExactly("CREATED", "PAID");
        assertThat(statuses(settled)).containsExactly("CREATED", "PAID", "SETTLING", "SETTLED");
        List<?> history = (List<?>) settled.get("transitions");
        assertThat(history.subList(0, 2)).isEqualTo(paid.get("transitions"));
        assertThat(history.get(0)).isEqualTo(((List<?>) order.get("transitions")).get(0));
        assertThat(history).allSatisfy(t -> assertThat(((Map<?, ?>) t).get("actor")).isNotNull());

        assertThat(wallets.balance(buyerOrg, Wallets.Kind.AVAILABLE, "CNY")).isLessThanOrEqualTo(buyerBefore - 90_000);
        List<Map<String, Object>> split = (List<Map<String, Object>>) ((Map<?, ?>) settled.get("details")).get("split");
        long merchantLine = ((Number) split.get(0).get("amountMinor")).longValue();
        assertThat(wallets.balance(merchantOrg, Wallets.Kind.REVENUE, "CNY")).isEqualTo(merchantBefore + merchantLine);
        assertThat(split.stream().mapToLong(l -> ((Number) l.get("amountMinor")).longValue()).sum()).isEqualTo(90_000);
        assertThat(wallets.balanceFromJournal(buyerOrg, Wallets.Kind.AVAILABLE, "CNY"))
                .isEqualTo(wallets.balance(buyerOrg, Wallets.Kind.AVAILABLE, "CNY"));

        var trade = ledger.trade((String) order.get("id"));
        assertThat(trade.request().agreementHash()).isEqualTo(settled.get("agreementHash"));
        assertThat(trade.request().amount()).isEqualTo(90_000);
        Map<String, Object> verified = api.json(null, HttpRequest.GET("/api/certificates/" + settled.get("certificateId") + "/verify"));
        assertThat(verified.get("valid")).isEqualTo(true);

        // statements: the merchant sees its revenue from the product, the buyer its spending and certificate
        List<Map<String, Object>> revenue = http.toBlocking().retrieve(api.as("demo-merchant-mobility",
                HttpRequest.GET("/api/statements/revenue")), io.micronaut.core.type.Argument.listOf(
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertThat(revenue).anySatisfy(line -> {
            assertThat(line.get("productId")).isEqualTo(product.get("id"));
            assertThat(((Number) line.get("revenueMinor")).longValue()).isEqualTo(merchantLine);
        });
        Map<String, Object> purchases = api.json("demo-buyer", HttpRequest.GET("/api/statements/purchases"));
        assertThat(purchases.get("orders").toString()).contains((String) settled.get("certificateId"));
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/statements/revenue"))).isEqualTo(403);
    }

    @Test
    void subscriptionAndMeteredPlansSettleToo() throws Exception {
        Map<String, Object> subscription = place("demo-buyer", UUID.randomUUID().toString(), product("全国雷达回波拼图数据"),
                "monthly", "短临降水预报 nowcasting", "CN-GD");
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + subscription.get("id") + "/pay", ""));
        assertThat(awaitStatus((String) subscription.get("id"), "SETTLED").get("amountMinor")).isEqualTo(980_000);
        Map<String, Object> metered = place("demo-buyer", UUID.randomUUID().toString(), product("港口潮汐预报"),
                "per-call", "港口作业计划 port operations", "CN-ZJ");
        assertThat(metered.get("amountMinor")).isEqualTo(0);
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + metered.get("id") + "/pay", ""));
        assertThat(awaitStatus((String) metered.get("id"), "SETTLED").get("certificateId")).isNotNull();
    }

    @Test
    void importantDataGoesAbroadOnlyWithAnExportAssessment() throws Exception {
        Map<String, Object> draft = org.dataexchange.marketplace.catalogue.CatalogueApiTestDrafts.crossBorderImportant();
        Map<String, Object> product = api.listNew(draft, "d.csv", "a,b\n1,2\n");

        Map<String, Object> abroad = body(product, "one-off", "航线气象保障 route weather support", "SG");
        abroad.put("securityAgreementAccepted", true);
        var refused = api.refusal("demo-buyer", HttpRequest.POST("/api/orders", abroad).header("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(ApiClient.problem(refused).get("field")).isEqualTo("exportAssessmentRef");
        abroad.put("exportAssessmentRef", "CAC-EXPORT-2026-0815");
        Map<String, Object> order = api.json("demo-buyer", HttpRequest.POST("/api/orders", abroad)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + order.get("id") + "/pay", ""));
        awaitStatus((String) order.get("id"), "SETTLED");
        var trade = ledger.trade((String) order.get("id"));
        assertThat(trade.crossBorder()).isTrue();
        assertThat(trade.request().approvals().exportAssessmentRef()).isEqualTo("CAC-EXPORT-2026-0815");
    }

    @Test
    void aTradeTheLedgerRefusesIsRefundedWithTheLedgersReason() throws Exception {
        Map<String, Object> product = product("土壤墒情监测");
        Map<String, Object> order = place("demo-buyer", UUID.randomUUID().toString(), product, "one-off", "农业保险 crop insurance", "CN-SH");
        String buyerOrg = (String) ((Map<?, ?>) api.json("demo-buyer", HttpRequest.GET("/api/me")).get("organisation")).get("id");
        // The books and the ledger disagree: the ledger has the product suspended (the service does not know).
        ledger.updateListingStatus(new org.dataexchange.ledger.product.ListingStatusChange((String) product.get("id"),
                (String) product.get("currentVersion"), org.dataexchange.ledger.product.ListingStatus.SUSPENDED, "test divergence")).join();
        long before = wallets.balance(buyerOrg, Wallets.Kind.AVAILABLE, "CNY");
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + order.get("id") + "/pay", ""));
        Map<String, Object> refunded = awaitStatus((String) order.get("id"), "REFUNDED");
        assertThat((String) refunded.get("failureReason")).contains("PRODUCT_NOT_LISTED");
        Awaitility.await("the refund reaches the wallet").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> wallets.balance(buyerOrg, Wallets.Kind.AVAILABLE, "CNY") == before);
        assertThat(wallets.balance(buyerOrg, Wallets.Kind.AVAILABLE, "CNY")).isEqualTo(before);
    }

    @Test
    void aPrivateOfferIsOfferedToItsBuyerOnly() throws Exception {
        Map<String, Object> product = product("区域GDP月度估算");
        assertThat(api.json(null, HttpRequest.GET("/api/products/" + product.get("id"))).get("pricingPlans").toString())
                .doesNotContain("private-donggang");
        Map<String, Object> order = place("demo-buyer", UUID.randomUUID().toString(), product, "private-donggang",
                "宏观研究 macro research", "CN-SH");
        assertThat(order.get("amountMinor")).isEqualTo(250_000);
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + order.get("id") + "/pay", ""));
        assertThat(awaitStatus((String) order.get("id"), "SETTLED").get("certificateId")).isNotNull();
    }

    @Test
    void retriesWithTheSameKeyAnswerTheSameOrderAndAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> product = product("高速公路车流量统计");
        Map<String, Object> first = place("demo-buyer", key, product, "one-off", "物流路径规划 logistics route planning", "CN-SH");
        Map<String, Object> again = place("demo-buyer", key, product, "one-off", "物流路径规划 logistics route planning", "CN-SH");
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        var other = api.refusal("demo-buyer", orderRequest(key, product, "one-off", "物流路径规划 logistics route planning", "CN-BJ"));
        assertThat(other.getStatus().getCode()).isEqualTo(409);
        // Another body under a used key is a reused key, even a body that would be refused on its own.
        var outside = api.refusal("demo-buyer", orderRequest(key, product, "one-off", "精准营销 targeted advertising", "CN-SH"));
        assertThat(outside.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(outside).get("title")).isEqualTo("Idempotency key reused");
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders", body(product, "one-off", "物流路径规划 logistics route planning", "CN-SH")))).isEqualTo(400);
    }

    @Test
    void theNulCharacterIsBadInputInAPathAQueryAndABody() {
        // PostgreSQL cannot hold U+0000 in text (it answers an encoding error): refused before it reaches the books
        var inPath = api.refusal("demo-buyer", HttpRequest.GET("/api/orders/%00nul"));
        assertThat(inPath.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(inPath).get("type")).isEqualTo("urn:dataexchange:problem:invalid-input");
        var inQuery = api.refusal("demo-regulator", HttpRequest.GET("/api/regulator/trades?buyer=%00nul"));
        assertThat(inQuery.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(inQuery).get("field")).isEqualTo("buyer");
        var inBody = api.refusal("demo-buyer", orderRequest(UUID.randomUUID().toString(), product("高速公路车流量统计"), "one-off",
                "物流路径规划\u0000 logistics route planning", "CN-SH"));
        assertThat(inBody.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(inBody).get("type")).isEqualTo("urn:dataexchange:problem:invalid-input");
        assertThat(ApiClient.problem(inBody).get("detail").toString()).contains("NUL");
    }

    @Test
    void aScenarioOutsideTheLicenceIsRefusedWithTheReason() {
        var refused = api.refusal("demo-buyer", orderRequest(UUID.randomUUID().toString(), product("高速公路车流量统计"), "one-off",
                "精准营销 targeted advertising", "CN-SH"));
        assertThat(refused.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(refused).get("field")).isEqualTo("scenario");
        var abroad = api.refusal("demo-buyer", orderRequest(UUID.randomUUID().toString(), product("高速公路车流量统计"), "one-off",
                "物流路径规划 logistics route planning", "SG"));
        assertThat(abroad.getStatus().getCode()).isEqualTo(400);
    }

    @Test
    void coreDataWaitsForTheRegulatorAndImportantDataForTheSecurityAgreement() throws Exception {
        Map<String, Object> core = product("区域电网负荷曲线");
        var noAgreement = api.refusal("demo-buyer", orderRequest(UUID.randomUUID().toString(), core, "one-off",
                "电网安全研究 grid security research", "CN-SH"));
        assertThat(ApiClient.problem(noAgreement).get("field")).isEqualTo("securityAgreementAccepted");
        Map<String, Object> body = body(core, "one-off", "电网安全研究 grid security research", "CN-SH");
        body.put("securityAgreementAccepted", true);
        Map<String, Object> order = api.json("demo-buyer", HttpRequest.POST("/api/orders", body).header("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(order.get("status")).isEqualTo("AWAITING_APPROVAL");
        String id = (String) order.get("id");
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders/" + id + "/pay", ""))).isEqualTo(409);
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/regulator/orders/" + id + "/approve", Map.of("reference", "x")))).isEqualTo(403);
        Map<String, Object> approved = api.json("demo-regulator", HttpRequest.POST("/api/regulator/orders/" + id + "/approve",
                Map.of("reference", "监管批复 REG-2026-0007")));
        assertThat(approved.get("status")).isEqualTo("CREATED");
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + id + "/pay", ""));
        awaitStatus(id, "SETTLED");
        var trade = ledger.trade(id);
        assertThat(trade.request().approvals().regulatorApprovalRef()).isEqualTo("监管批复 REG-2026-0007");
        assertThat(trade.request().approvals().securityAgreementRef()).startsWith("DSA:");
    }

    @Test
    void concurrentOrdersDrainingOneWalletNeverOverdrawIt() throws Exception {
        String code = CreditCode.withCheckCharacter("91310115MA1KWALL1");
        var account = accounts.register(new org.dataexchange.marketplace.account.Registration("thrifty-buyer",
                "a long enough password", Role.BUYER, new org.dataexchange.marketplace.account.Registration.OrganisationDetails(
                "节俭采购有限公司", code)));
        String orgId = account.organisation().id();
        wallets.topUp(orgId, 3 * 150_000 + 50_000, "CNY", "test funds", "test");
        String token = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/auth/login",
                Map.of("username", "thrifty-buyer", "password", "a long enough password")), Map.class).get("access_token");
        Map<String, Object> product = product("逐小时气象站观测数据");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add((String) http.toBlocking().retrieve(orderRequest(UUID.randomUUID().toString(), product, "one-off",
                    "气候分析 climate analysis", "CN-SH").bearerAuth(token), Map.class).get("id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (String id : ids) {
            Callable<Integer> pay = () -> {
                try {
                    return http.toBlocking().exchange(HttpRequest.POST("/api/orders/" + id + "/pay", "").bearerAuth(token), String.class)
                            .getStatus().getCode();
                } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                    return e.getStatus().getCode();
                }
            };
            results.add(pool.submit(pay));
        }
        int ok = 0;
        int refused = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status == 200) {
                ok++;
            } else if (status == 409) {
                refused++;
            }
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(3);
        assertThat(refused).isEqualTo(5);
        assertThat(wallets.balance(orgId, Wallets.Kind.AVAILABLE, "CNY")).isEqualTo(50_000);
        assertThat(wallets.balanceFromJournal(orgId, Wallets.Kind.AVAILABLE, "CNY")).isEqualTo(50_000);
        assertThat(wallets.balance(orgId, Wallets.Kind.ESCROW, "CNY") + wallets.balance(orgId, Wallets.Kind.AVAILABLE, "CNY")
                + 0).isLessThanOrEqualTo(3 * 150_000 + 50_000);
    }

    private Map<String, Object> product(String titlePrefix) {
        Map<String, Object> page = api.json(null, HttpRequest.GET("/api/products?size=100&sort=NEWEST"));
        for (Map<String, Object> p : (List<Map<String, Object>>) page.get("content")) {
            if (((String) p.get("title")).startsWith(titlePrefix)) {
                return api.json(null, HttpRequest.GET("/api/products/" + p.get("id")));
            }
        }
        throw new AssertionError("no demo product " + titlePrefix);
    }

    private Map<String, Object> place(String buyer, String key, Map<String, Object> product, String plan, String purpose, String location) {
        return api.json(buyer, orderRequest(key, product, plan, purpose, location));
    }

    private static MutableHttpRequest<Map<String, Object>> orderRequest(String key, Map<String, Object> product, String plan,
                                                                        String purpose, String location) {
        return HttpRequest.POST("/api/orders", body(product, plan, purpose, location)).header("Idempotency-Key", key);
    }

    private static Map<String, Object> body(Map<String, Object> product, String plan, String purpose, String location) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("productId", product.get("id"));
        body.put("planId", plan);
        body.put("scenario", Map.of("purpose", purpose, "location", location));
        body.put("buyerLocation", "CN-SH");
        body.put("securityAgreementAccepted", false);
        return body;
    }

    private Map<String, Object> awaitStatus(String id, String status) throws InterruptedException {
        return Awaitility.await("order " + id + " is " + status).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.json("demo-buyer", HttpRequest.GET("/api/orders/" + id)), order ->
                        status.equals(order.get("status")) && (!"SETTLED".equals(status) || order.get("certificateId") != null));
    }


    private static List<String> statuses(Map<String, Object> order) {
        return ((List<?>) order.get("transitions")).stream().map(t -> String.valueOf(((Map<?, ?>) t).get("toStatus"))).toList();
    }

}
