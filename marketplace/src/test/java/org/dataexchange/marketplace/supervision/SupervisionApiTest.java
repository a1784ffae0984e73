package org.dataexchange.marketplace.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;
import org.dataexchange.marketplace.problem.RefusalsTestDrafts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Onboarding, supervision actions and credit records over real HTTP against the in-process devnet. Onboarding reviews
 * are due within 2 s here (so overdue shows), credit repair opens 3 s after the last fault, and a late delivery costs
 * 40 points, so one of them closes large orders (above 100 fen) to a buyer.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class SupervisionApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    private static final io.micronaut.core.type.Argument<List<Map<String, Object>>> LIST =
            io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class));

    private ApiClient api;

    @Inject
    MerchantAdmission admission;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("supervision-test", "exchange.onboarding.review-within", "2s",
                "exchange.credit.repair-after", "3s", "exchange.credit.late-delivery", "-40",
                "exchange.credit.large-order-minor", "100",
                // As the other ledger-writing API tests: under CI load one action's answer took over the 10 s default.
                "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    private String orgOf(String merchantName) {
        List<Map<String, Object>> merchants = http.toBlocking().retrieve(
                api.as("demo-operator", HttpRequest.GET("/api/operator/merchants")), LIST);
        return merchants.stream().filter(m -> ((String) m.get("organisationName")).startsWith(merchantName)).findFirst()
                .orElseThrow().get("organisationId").toString();
    }

    private List<Map<String, Object>> list(String user, String uri) {
        return http.toBlocking().retrieve(api.as(user, HttpRequest.GET(uri)), LIST);
    }

    private static Map<String, Object> application(String creditCode, boolean declared) {
        return Map.of("creditCode", creditCode, "businessScope", "数据处理和存储支持服务 data processing services",
                "contactName", "王敏", "contactPhone", "+86 21 5555 0101", "contactEmail", "wang.min@example.cn",
                "declarations", Map.of("lawfulOperation", true, "lawfulSources", true, "securityMeasures", declared,
                        "noViolations", true, "rulesAccepted", true));
    }

    private String problemType(HttpClientResponseException e) {
        return (String) ApiClient.problem(e).get("type");
    }

    @Test
    @Order(1)
    void aNewMerchantSubmitsOnlyOnceItsApplicationIsApprovedAndAnOverdueApplicationIsFlagged() {
        String user = "onboard-" + UUID.randomUUID().toString().substring(0, 6);
        String code = CreditCode.withCheckCharacter("91330100" + String.format("%09d", Math.floorMod(user.hashCode(), 1_000_000_000)));
        api.json(null, HttpRequest.POST("/api/auth/register", Map.of("username", user, "password", "onboarding password",
                "role", "MERCHANT", "organisation", Map.of("name", "入驻测试数据有限公司 " + user, "creditCode", code))));
        String token = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/auth/login",
                Map.of("username", user, "password", "onboarding password")), Map.class).get("access_token");

        Map<String, Object> own = http.toBlocking().retrieve(HttpRequest.GET("/api/merchant/onboarding").bearerAuth(token), Map.class);
        assertThat(own.get("standing")).isEqualTo("APPLYING");

        // Not admitted: a product can be drafted and uploaded, not submitted.
        String productId = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/merchant/products",
                RefusalsTestDrafts.draft()).bearerAuth(token), Map.class).get("id");
        http.toBlocking().exchange(HttpRequest.POST("/api/merchant/products/" + productId + "/versions",
                        MultipartBody.builder().addPart("version", "1.0").addPart("file", "sst.csv", MediaType.TEXT_PLAIN_TYPE,
                                "sst\n21.4\n".getBytes(StandardCharsets.UTF_8)).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(token), String.class);
        Map<String, Object> declaration = Map.of("sourceLawful", true, "rightsHeld", true, "qualityAsDescribed", true);
        HttpClientResponseException notAdmitted = refusal(token, HttpRequest.POST("/api/merchant/products/" + productId + "/submit", declaration));
        assertThat(notAdmitted.getStatus().getCode()).isEqualTo(403);
        assertThat(problemType(notAdmitted)).isEqualTo("urn:dataexchange:problem:merchant-not-admitted");

        // A mistyped credit code (GB 32100 check character), another organisation's code, a missing declaration.
        String mistyped = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        HttpClientResponseException bad = refusal(token, HttpRequest.POST("/api/merchant/onboarding", application(mistyped, true)));
        assertThat(bad.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(bad).get("field")).isEqualTo("creditCode");
        assertThat((String) ApiClient.problem(bad).get("detail")).contains("check character");
        assertThat(ApiClient.problem(refusal(token, HttpRequest.POST("/api/merchant/onboarding",
                application("91310115MA1KEFGH6T", true)))).get("field")).isEqualTo("creditCode");
        assertThat(ApiClient.problem(refusal(token, HttpRequest.POST("/api/merchant/onboarding",
                application(code, false)))).get("field")).isEqualTo("declarations.securityMeasures");

        Map<String, Object> applied = http.toBlocking().retrieve(HttpRequest.POST("/api/merchant/onboarding",
                application(code, true)).bearerAuth(token), Map.class);
        String applicationId = (String) ((Map<String, Object>) applied.get("application")).get("id");
        assertThat(applied.get("overdue")).isEqualTo(false);
        assertThat(refusal(token, HttpRequest.POST("/api/merchant/onboarding", application(code, true))).getStatus().getCode())
                .isEqualTo(409);

        // Not decided within the configured 2 s: flagged overdue at the top of the operator's queue.
        Awaitility.await("the application is overdue").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Map<String, Object> first = list("demo-operator", "/api/operator/onboarding").get(0);
                    return ((Map<String, Object>) first.get("application")).get("id").equals(applicationId)
                            && Boolean.TRUE.equals(first.get("overdue"));
                });
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/operator/onboarding/" + applicationId + "/decide",
                Map.of("approve", true)))).isEqualTo(403);
        assertThat(ApiClient.problem(api.refusal("demo-operator", HttpRequest.POST("/api/operator/onboarding/" + applicationId
                + "/decide", Map.of("approve", false)))).get("field")).isEqualTo("note");

        Map<String, Object> approved = api.json("demo-operator", HttpRequest.POST("/api/operator/onboarding/" + applicationId
                + "/decide", Map.of("approve", true, "note", "资料齐全 complete")));
        assertThat(((Map<String, Object>) approved.get("application")).get("status")).isEqualTo("APPROVED");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/merchant/onboarding").bearerAuth(token), Map.class)
                .get("standing")).isEqualTo("ACTIVE");
        Map<String, Object> submitted = http.toBlocking().retrieve(HttpRequest.POST("/api/merchant/products/" + productId
                + "/submit", declaration).bearerAuth(token), Map.class);
        assertThat(submitted.get("status")).isEqualTo("IN_REVIEW");
    }

    private HttpClientResponseException refusal(String token, io.micronaut.http.MutableHttpRequest<?> request) {
        try {
            http.toBlocking().exchange(request.bearerAuth(token), String.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected a refusal of " + request.getPath());
    }

    @Test
    @Order(2)
    void aSuspensionTakesTheListingsOffSaleOnTheLedgerHonoursLicencesSoldAndIsOnTheLedgerForTheRegulator() throws Exception {
        String mobility = orgOf("捷行交通");
        Map<String, Object> bus = api.listed("航班准点率统计");
        String soldBefore = api.buySettled(bus, "one-off", "差旅管理 travel management");

        Map<String, Object> talk = api.json("demo-operator", HttpRequest.POST("/api/operator/merchants/" + mobility
                + "/supervision-actions", Map.of("measure", "WARNING_TALK", "reason", "样例数据与说明书不符 samples differ from the sheet")));
        String talkId = (String) ((Map<String, Object>) talk.get("action")).get("id");
        assertThat(((Map<String, Object>) talk.get("action")).get("standingAfter")).isEqualTo("ACTIVE");

        Map<String, Object> suspension = api.json("demo-operator", HttpRequest.POST("/api/operator/merchants/" + mobility
                + "/supervision-actions", Map.of("measure", "SUSPENSION", "reason", "整改期间暂停交易 suspended pending remedy")));
        Map<String, Object> action = (Map<String, Object>) suspension.get("action");
        assertThat(action.get("standingBefore")).isEqualTo("ACTIVE");
        assertThat(action.get("standingAfter")).isEqualTo("SUSPENDED");
        String suspensionId = (String) action.get("id");

        // Its listings are suspended in the books, and on the ledger.
        Awaitility.await("the listing is suspended").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "SUSPENDED".equals(api.json("demo-operator", HttpRequest.GET("/api/products/" + bus.get("id"))).get("status")));
        Awaitility.await("the ledger's listing follows").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "SUSPENDED".equals(((Map<String, Object>) ((List<?>) api.json("demo-operator",
                        HttpRequest.GET("/api/operator/products/" + bus.get("id") + "/ledger")).get("versions")).get(0)).get("status")));
        // The round suspends the merchant's listings one after the other: wait until none is left on sale.
        Awaitility.await("every listing of the merchant is off sale").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> ((List<Map<String, Object>>) api.json(null, HttpRequest.GET("/api/products?size=100")).get("content"))
                        .stream().map(p -> (String) p.get("merchantName")).noneMatch(n -> n.startsWith("捷行交通")));
        // No new orders; the licence sold before is still honoured.
        HttpClientResponseException refused = api.refusal("demo-buyer", HttpRequest.POST("/api/orders", Map.of("productId",
                bus.get("id"), "planId", "one-off", "buyerLocation", "CN-SH", "securityAgreementAccepted", false,
                "scenario", Map.of("purpose", "差旅管理 travel management", "location", "CN-SH"))).header("Idempotency-Key", UUID.randomUUID().toString()));
        // Its listing is off sale, so the order is refused as for any product not listed (400 on productId); the
        // standing's own gate is behind it, asked here directly since no listing of the merchant is left to order.
        assertThat(refused.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(refused).get("field")).isEqualTo("productId");
        String buyer = (String) ((Map<String, Object>) api.json("demo-buyer", HttpRequest.GET("/api/me")).get("organisation")).get("id");
        ApiProblem gate = org.assertj.core.api.Assertions.catchThrowableOfType(ApiProblem.class,
                () -> admission.requireMayOrder(mobility, buyer, 1));
        assertThat(gate.type()).isEqualTo(ProblemType.MERCHANT_SUSPENDED);
        Map<String, Object> cert = api.json("demo-buyer", HttpRequest.GET("/api/certificates/CERT-" + soldBefore));
        assertThat(cert).isNotEmpty();
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders/" + soldBefore + "/download-link", ""))).isLessThan(300);

        // A suspended merchant cannot be suspended again.
        assertThat(api.refusal("demo-operator", HttpRequest.POST("/api/operator/merchants/" + mobility + "/supervision-actions",
                Map.of("measure", "SUSPENSION", "reason", "again"))).getStatus().getCode()).isEqualTo(409);

        // Both actions reach the ledger; the regulator reads them there, the merchant sees its own.
        Awaitility.await("the actions are on the ledger").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    List<Map<String, Object>> onLedger = (List<Map<String, Object>>) api.json("demo-regulator",
                            HttpRequest.GET("/api/regulator/supervision-actions")).get("onLedger");
                    return onLedger.stream().map(v -> ((Map<String, Object>) ((Map<String, Object>) v.get("recorded"))
                            .get("request")).get("actionId")).toList().containsAll(List.of(talkId, suspensionId));
                });
        Map<String, Object> recorded = ((List<Map<String, Object>>) api.json("demo-regulator",
                HttpRequest.GET("/api/regulator/supervision-actions")).get("onLedger")).stream()
                .filter(v -> ((Map<String, Object>) ((Map<String, Object>) v.get("recorded")).get("request")).get("actionId").equals(suspensionId))
                .findFirst().orElseThrow();
        assertThat(recorded.get("organisationId")).isEqualTo(mobility);
        assertThat(((Map<String, Object>) ((Map<String, Object>) recorded.get("recorded")).get("request")).get("reason"))
                .isEqualTo("整改期间暂停交易 suspended pending remedy");
        String txId = (String) ((Map<String, Object>) recorded.get("recorded")).get("txId");
        assertThat(api.json("demo-regulator", HttpRequest.GET("/api/regulator/transactions/" + txId)).toString())
                .contains("RecordSupervisionAction");
        // The regulator's monthly report lists them as the ledger holds them (measure, merchant, reason, transaction).
        String month = java.time.YearMonth.from(java.time.Instant.parse((String) ((Map<String, Object>) recorded.get("recorded"))
                .get("recordedAt")).atZone(java.time.ZoneOffset.UTC)).toString();
        String reportId = (String) http.toBlocking().retrieve(api.as("demo-regulator",
                HttpRequest.POST("/api/regulator/reports", Map.of("month", month))), Map.class).get("id");
        String csv = new String(http.toBlocking().retrieve(api.as("demo-regulator",
                HttpRequest.GET("/api/regulator/reports/" + reportId + "/csv")), byte[].class), StandardCharsets.UTF_8);
        assertThat(csv.lines().filter(l -> l.startsWith("supervision,SUSPENSION,1,0,")).toList())
                .anySatisfy(l -> assertThat(l).contains("捷行交通").contains(txId).contains("整改期间暂停交易 suspended pending remedy"));
        assertThat(csv).contains("supervision,WARNING_TALK,1,0,");
        List<Map<String, Object>> own = list("demo-merchant-mobility", "/api/merchant/supervision");
        assertThat(own).hasSize(2);
        assertThat(((Map<String, Object>) own.get(0).get("action")).get("transactionId")).isNotNull();
        assertThat(list("demo-merchant", "/api/merchant/supervision")).isEmpty();
        assertThat(api.status("demo-merchant", HttpRequest.GET("/api/regulator/supervision-actions"))).isEqualTo(403);

        // The supervision actions count on its credit record: 100 - 5 (talk) - 20 (suspension).
        Map<String, Object> credit = api.json("demo-merchant-mobility", HttpRequest.GET("/api/credit"));
        assertThat(credit.get("score")).isEqualTo(75);

        // Reinstated: the listings the suspension took off sale are listed again, once the ledger has them.
        api.json("demo-operator", HttpRequest.POST("/api/operator/merchants/" + mobility + "/supervision-actions",
                Map.of("measure", "REINSTATEMENT", "reason", "整改完成 remedied")));
        Awaitility.await("the listing is back").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "LISTED".equals(api.json("demo-operator", HttpRequest.GET("/api/products/" + bus.get("id"))).get("status")));
        assertThat(api.refusal("demo-operator", HttpRequest.POST("/api/operator/merchants/" + mobility + "/supervision-actions",
                Map.of("measure", "REINSTATEMENT", "reason", "again"))).getStatus().getCode()).isEqualTo(409);

        // A takedown suspends one listing; a takedown of another merchant's product is not found.
        String ocean = orgOf("蓝湾海洋");
        Map<String, Object> buoy = api.listed("东海浮标海洋观测");
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/merchants/" + mobility + "/supervision-actions",
                Map.of("measure", "LISTING_TAKEDOWN", "productId", buoy.get("id"), "reason", "x")))).isEqualTo(404);
        api.json("demo-operator", HttpRequest.POST("/api/operator/merchants/" + ocean + "/supervision-actions",
                Map.of("measure", "LISTING_TAKEDOWN", "productId", buoy.get("id"), "reason", "描述夸大 overstated description")));
        Awaitility.await("the listing is taken down").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "SUSPENDED".equals(api.json("demo-operator", HttpRequest.GET("/api/products/" + buoy.get("id"))).get("status")));

        // Bad input: a reason with a line break, a takedown without its product, a buyer organisation.
        assertThat(ApiClient.problem(api.refusal("demo-operator", HttpRequest.POST("/api/operator/merchants/" + ocean
                + "/supervision-actions", Map.of("measure", "WARNING_TALK", "reason", "two\nlines")))).get("status")).isEqualTo(400);
        assertThat(ApiClient.problem(api.refusal("demo-operator", HttpRequest.POST("/api/operator/merchants/" + ocean
                + "/supervision-actions", Map.of("measure", "LISTING_TAKEDOWN", "reason", "x")))).get("field")).isEqualTo("productId");
        String buyerOrg = (String) ((Map<String, Object>) api.json("demo-buyer", HttpRequest.GET("/api/me")).get("organisation")).get("id");
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/merchants/" + buyerOrg + "/supervision-actions",
                Map.of("measure", "WARNING_TALK", "reason", "x")))).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aDisqualifiedMerchantIsDelistedAndCanNeitherSubmitNorBeReinstated() {
        String insight = orgOf("衡数产业");
        Object steel = api.listed("钢材价格指数").get("id");
        api.json("demo-operator", HttpRequest.POST("/api/operator/merchants/" + insight + "/supervision-actions",
                Map.of("measure", "DISQUALIFICATION", "reason", "无资质转售数据 unlicensed resale")));
        Awaitility.await("the listings are delisted").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> "DELISTED".equals(api.json("demo-operator", HttpRequest.GET("/api/products/" + steel)).get("status")));
        assertThat(list("demo-operator", "/api/operator/merchants").stream()
                .filter(m -> m.get("organisationId").equals(insight)).findFirst().orElseThrow().get("standing")).isEqualTo("DISQUALIFIED");
        String productId = (String) api.json("demo-merchant-insight", HttpRequest.POST("/api/merchant/products",
                RefusalsTestDrafts.draft())).get("id");
        HttpClientResponseException refused = api.refusal("demo-merchant-insight", HttpRequest.POST("/api/merchant/products/"
                + productId + "/submit", Map.of("sourceLawful", true, "rightsHeld", true, "qualityAsDescribed", true)));
        assertThat(problemType(refused)).isEqualTo("urn:dataexchange:problem:merchant-suspended");
        assertThat(api.refusal("demo-operator", HttpRequest.POST("/api/operator/merchants/" + insight + "/supervision-actions",
                Map.of("measure", "REINSTATEMENT", "reason", "x"))).getStatus().getCode()).isEqualTo(409);
    }

    private io.micronaut.http.MutableHttpRequest<?> solarOrder() {
        return HttpRequest.POST("/api/orders", Map.of("productId", api.listed("光伏电站发电功率").get("id"), "planId", "monthly",
                "buyerLocation", "CN-SH", "securityAgreementAccepted", false,
                "scenario", Map.of("purpose", "功率预测 power forecasting", "location", "CN-SH")))
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    private Map<String, Object> eventOf(Map<String, Object> record, String sourceRef) {
        return ((List<Map<String, Object>>) record.get("events")).stream().filter(e -> e.get("sourceRef").equals(sourceRef))
                .findFirst().orElseThrow();
    }

    @Test
    @Order(4)
    void aLowScoreClosesLargeOrdersUntilAnUpheldObjectionOrAnApprovedRepairAndTheRegulatorSeesEveryRecord() {
        String buyerOrg = (String) ((Map<String, Object>) api.json("demo-buyer", HttpRequest.GET("/api/me")).get("organisation")).get("id");
        Map<String, Object> rules = api.json("demo-regulator", HttpRequest.GET("/api/credit/rules"));
        assertThat(((Map<String, Object>) rules.get("points")).get("LATE_DELIVERY")).isEqualTo(-40);
        assertThat(rules.get("largeOrderMinScore")).isEqualTo(70);

        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/operator/credit/parties/" + buyerOrg + "/events",
                Map.of("kind", "LATE_DELIVERY", "reference", "order:late-1", "note", "x")))).isEqualTo(403);
        assertThat(ApiClient.problem(api.refusal("demo-operator", HttpRequest.POST("/api/operator/credit/parties/" + buyerOrg
                + "/events", Map.of("kind", "SUSPENSION", "reference", "order:late-1", "note", "x")))).get("field")).isEqualTo("kind");
        api.json("demo-operator", HttpRequest.POST("/api/operator/credit/parties/" + buyerOrg + "/events",
                Map.of("kind", "LATE_DELIVERY", "reference", "payment:late-1", "note", "付款逾期三天 paid three days late")));
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/credit")).get("score")).isEqualTo(60);

        HttpClientResponseException tooLow = api.refusal("demo-buyer", solarOrder());
        assertThat(tooLow.getStatus().getCode()).isEqualTo(403);
        assertThat(problemType(tooLow)).isEqualTo("urn:dataexchange:problem:credit-score-too-low");

        // The regulator sees the record; the operator's overview puts the lowest first.
        List<Map<String, Object>> overview = list("demo-regulator", "/api/regulator/credit");
        assertThat(overview.stream().filter(p -> p.get("organisationId").equals(buyerOrg)).findFirst().orElseThrow().get("score"))
                .isEqualTo(60);
        assertThat(overview.stream().map(p -> (Integer) p.get("score")).toList()).isSorted();
        Map<String, Object> seen = api.json("demo-regulator", HttpRequest.GET("/api/regulator/credit/parties/" + buyerOrg));
        Map<String, Object> late = eventOf(seen, "payment:late-1");
        assertThat(late.get("source")).isEqualTo("OPERATOR");
        assertThat(late.get("points")).isEqualTo(-40);
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/regulator/credit"))).isEqualTo(403);

        // An objection (异议) the operator upholds withdraws the event; the order goes through.
        Map<String, Object> objection = api.json("demo-buyer", HttpRequest.POST("/api/credit/events/" + late.get("id")
                + "/objections", Map.of("reason", "银行系统故障，有回单 the bank's outage, receipt attached")));
        assertThat(api.refusal("demo-buyer", HttpRequest.POST("/api/credit/events/" + late.get("id") + "/objections",
                Map.of("reason", "again"))).getStatus().getCode()).isEqualTo(409);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/credit/events/" + late.get("id") + "/objections",
                Map.of("reason", "not mine")))).isEqualTo(404);
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/operator/credit/objections/" + objection.get("id") + "/decide",
                Map.of("accept", true, "note", "x")))).isEqualTo(403);
        api.json("demo-operator", HttpRequest.POST("/api/operator/credit/objections/" + objection.get("id") + "/decide",
                Map.of("accept", true, "note", "回单属实 the receipt is genuine")));
        Map<String, Object> after = api.json("demo-buyer", HttpRequest.GET("/api/credit"));
        assertThat(after.get("score")).isEqualTo(100);
        assertThat(eventOf(after, "payment:late-1").get("status")).isEqualTo("WITHDRAWN");
        assertThat(api.json("demo-buyer", solarOrder()).get("status")).isEqualTo("CREATED");

        // Credit repair (信用修复): not before the configured 3 s without a new fault; then the operator approves it.
        api.json("demo-operator", HttpRequest.POST("/api/operator/credit/parties/" + buyerOrg + "/events",
                Map.of("kind", "LATE_DELIVERY", "reference", "payment:late-2", "note", "付款逾期 paid late")));
        HttpClientResponseException early = api.refusal("demo-buyer", HttpRequest.POST("/api/credit/repairs",
                Map.of("statement", "已改为自动付款 payments are automatic now")));
        assertThat(early.getStatus().getCode()).isEqualTo(409);
        assertThat((String) ApiClient.problem(early).get("detail")).contains("can be applied for from");
        Map<String, Object> repair = Awaitility.await("repair opens").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try {
                        return api.json("demo-buyer", HttpRequest.POST("/api/credit/repairs",
                                Map.of("statement", "已改为自动付款 payments are automatic now")));
                    } catch (HttpClientResponseException e) {
                        return null;
                    }
                }, r -> r != null);
        assertThat(repair.get("status")).isEqualTo("OPEN");
        api.json("demo-operator", HttpRequest.POST("/api/operator/credit/repairs/" + repair.get("id") + "/decide",
                Map.of("accept", true, "note", "整改到位 remedied")));
        Map<String, Object> repaired = api.json("demo-buyer", HttpRequest.GET("/api/credit"));
        assertThat(repaired.get("score")).isEqualTo(100);
        assertThat(eventOf(repaired, "payment:late-2").get("status")).isEqualTo("REPAIRED");
        assertThat(eventOf(repaired, "payment:late-2").get("points")).isEqualTo(0);
        assertThat(api.refusal("demo-operator", HttpRequest.POST("/api/operator/credit/repairs/" + repair.get("id") + "/decide",
                Map.of("accept", false, "note", "again"))).getStatus().getCode()).isEqualTo(409);
    }

    @Test
    @Order(5)
    void aDismissedObjectionLeavesTheEventAndAnUpheldComplaintCountsAgainstTheSeller() throws Exception {
        String ocean = orgOf("蓝湾海洋");
        Map<String, Object> record = api.json("demo-merchant-ocean", HttpRequest.GET("/api/credit"));
        Map<String, Object> takedown = ((List<Map<String, Object>>) record.get("events")).stream()
                .filter(e -> e.get("kind").equals("LISTING_TAKEDOWN")).findFirst().orElseThrow();
        assertThat(takedown.get("source")).isEqualTo("SUPERVISION");
        Map<String, Object> objection = api.json("demo-merchant-ocean", HttpRequest.POST("/api/credit/events/"
                + takedown.get("id") + "/objections", Map.of("reason", "描述有依据 the description is sourced")));
        api.json("demo-operator", HttpRequest.POST("/api/operator/credit/objections/" + objection.get("id") + "/decide",
                Map.of("accept", false, "note", "依据不足 not sourced")));
        Map<String, Object> after = api.json("demo-merchant-ocean", HttpRequest.GET("/api/credit"));
        assertThat(after.get("score")).isEqualTo(90);
        assertThat(((List<Map<String, Object>>) after.get("objections")).get(0).get("status")).isEqualTo("DISMISSED");
        assertThat(list("demo-operator", "/api/operator/credit/objections")).extracting(o -> o.get("organisationId")).contains(ocean);

        // A complaint decided with a refund counts against the seller.
        String orderId = api.buySettled(api.listed("光伏电站发电功率"), "monthly", "功率预测 power forecasting");
        Map<String, Object> complaint = api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/complaints",
                Map.of("text", "数据缺失两天 two days missing")));
        api.json("demo-operator", HttpRequest.POST("/api/operator/complaints/" + complaint.get("id") + "/decide",
                Map.of("outcome", "PARTIAL_REFUND", "note", "缺失属实 missing days confirmed", "amountMinor", 1000)));
        Map<String, Object> seller = api.json("demo-merchant", HttpRequest.GET("/api/credit"));
        assertThat(eventOf(seller, "complaint:" + complaint.get("id")).get("kind")).isEqualTo("UPHELD_COMPLAINT");
        assertThat(seller.get("score")).isEqualTo(92);
    }
}
