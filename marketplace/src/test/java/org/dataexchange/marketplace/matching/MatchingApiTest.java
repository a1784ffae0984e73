package org.dataexchange.marketplace.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Matching over real HTTP, H2 and an in-process devnet: a buyer's need, merchants' search and answers, the buyer's
 * comparison and acceptance (an ordinary order on the private offer, paid and settled on the ledger), the need's close,
 * the operator's and the regulator's views, the refusals, and expiry at the deadline.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatchingApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    @Inject
    DataSource dataSource;

    @Inject
    io.micronaut.jdbc.DataSourceResolver dataSources;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        // A longer client read timeout: on a loaded machine the default 10 s was once exceeded (an answer on a busy devnet).
        return ApiClient.testProperties("matching-test", "exchange.matching.expire-every", "200ms",
                "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    static Map<String, Object> need(String title, String description, String industry, List<String> classifications) {
        Map<String, Object> need = new HashMap<>();
        need.put("title", title);
        need.put("description", description);
        need.put("industry", industry);
        need.put("scenario", Map.of("purpose", "海洋科研 ocean research", "location", "CN-SH"));
        need.put("budget", Map.of("minMinor", 30_000, "maxMinor", 120_000, "currency", "CNY"));
        need.put("deadline", Instant.now().plus(Duration.ofDays(7)).toString());
        need.put("acceptableClassifications", classifications);
        return need;
    }

    private Map<String, Object> answer(String merchant, String needId, String productId, long price) {
        return api.json(merchant, HttpRequest.POST("/api/merchant/needs/" + needId + "/answers",
                Map.of("productId", productId, "priceMinor", price, "note", "逐10分钟观测，可按需裁剪海域")));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String user, HttpRequest<?> request) {
        return http.toBlocking().retrieve(api.as(user, (io.micronaut.http.MutableHttpRequest<?>) request),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    @SuppressWarnings("unchecked")
    private List<String> foundIds(String query) {
        // The query's values URL-encoded (Chinese text), its separators kept.
        StringBuilder encoded = new StringBuilder();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            encoded.append(encoded.length() == 0 ? "" : "&").append(kv[0]).append('=')
                    .append(java.net.URLEncoder.encode(kv[1].replace("%20", " "), java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, Object> page = api.json("demo-merchant-ocean", HttpRequest.GET("/api/merchant/needs?" + encoded));
        return ((List<Map<String, Object>>) page.get("content")).stream().map(n -> (String) n.get("id")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBuyersNeedIsFoundAnsweredComparedAcceptedAndSettledAsAnyOrder() throws Exception {
        Map<String, Object> posted = api.json("demo-buyer", HttpRequest.POST("/api/needs", need("东海水温与浪高观测",
                "需要东海海域逐小时水温、浪高观测数据，用于航线规划。We need hourly sea temperature and wave height in the East China Sea.",
                "OCEAN", List.of("GENERAL"))));
        String needId = (String) posted.get("id");
        assertThat(posted.get("state")).isEqualTo("OPEN");

        // Merchants find it the catalogue's way: Chinese bigrams and English words, with filters.
        assertThat(foundIds("q=浪高")).contains(needId);
        assertThat(foundIds("q=wave%20height")).contains(needId);
        assertThat(foundIds("q=浪高&industry=OCEAN&classification=GENERAL")).contains(needId);
        assertThat(foundIds("q=浪高&industry=FINANCE")).doesNotContain(needId);
        assertThat(foundIds("q=浪高&classification=CORE")).doesNotContain(needId);
        assertThat(foundIds("q=雷达回波")).doesNotContain(needId);

        Map<String, Object> buoy = api.listed("东海浮标海洋观测");
        Map<String, Object> tides = api.listed("港口潮汐预报");
        Map<String, Object> radar = api.listed("全国雷达回波拼图数据");
        // Refusals change nothing: another merchant's product, a need not found.
        assertThat(api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/needs/" + needId + "/answers",
                Map.of("productId", buoy.get("id"), "priceMinor", 50_000))).getStatus().getCode()).isEqualTo(400);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/merchant/needs/no-such-need/answers",
                Map.of("productId", radar.get("id"), "priceMinor", 50_000)))).isEqualTo(404);

        Map<String, Object> chosen = answer("demo-merchant-ocean", needId, (String) buoy.get("id"), 88_000);
        assertThat(chosen.get("withinBudget")).isEqualTo(true);
        assertThat((String) chosen.get("planId")).startsWith("need-");
        // One answer per merchant organisation.
        assertThat(api.status("demo-merchant-ocean", HttpRequest.POST("/api/merchant/needs/" + needId + "/answers",
                Map.of("productId", tides.get("id"), "priceMinor", 70_000)))).isEqualTo(409);
        Map<String, Object> other = answer("demo-merchant", needId, (String) radar.get("id"), 150_000);
        assertThat(other.get("withinBudget")).isEqualTo(false);

        // The private offer is on the product for this buyer only.
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/products/" + buoy.get("id"))).get("pricingPlans").toString())
                .contains((String) chosen.get("planId"));
        assertThat(api.json(null, HttpRequest.GET("/api/products/" + buoy.get("id"))).get("pricingPlans").toString())
                .doesNotContain((String) chosen.get("planId"));

        List<Map<String, Object>> answers = list("demo-buyer", HttpRequest.GET("/api/needs/" + needId + "/answers"));
        assertThat(answers).extracting(a -> a.get("id")).containsExactly(chosen.get("id"), other.get("id"));
        assertThat(answers.get(0).get("licenceSummaryZh")).isNotNull();
        assertThat(api.status("demo-merchant", HttpRequest.GET("/api/needs/" + needId + "/answers"))).isEqualTo(403);
        assertThat(list("demo-operator", HttpRequest.GET("/api/operator/needs")).stream()
                .filter(n -> ((Map<?, ?>) n.get("need")).get("id").equals(needId))
                .findFirst().map(n -> ((List<?>) n.get("answers")).size())).contains(2);

        Map<String, Object> accepted = api.json("demo-buyer", HttpRequest.POST("/api/needs/" + needId + "/answers/"
                + chosen.get("id") + "/accept", Map.of("buyerLocation", "CN-SH", "securityAgreementAccepted", false)));
        Map<String, Object> order = (Map<String, Object>) accepted.get("order");
        String orderId = (String) order.get("id");
        assertThat(order.get("status")).isEqualTo("CREATED");
        assertThat(order.get("amountMinor")).isEqualTo(88_000);
        assertThat(order.get("planId")).isEqualTo(chosen.get("planId"));
        assertThat(((Map<?, ?>) accepted.get("need")).get("state")).isEqualTo("MATCHED");
        assertThat(((Map<?, ?>) accepted.get("need")).get("orderId")).isEqualTo(orderId);
        // Closed: no second acceptance, no new answers, gone from the search.
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/needs/" + needId + "/answers/" + other.get("id")
                + "/accept", Map.of("buyerLocation", "CN-SH", "securityAgreementAccepted", false)))).isEqualTo(409);
        assertThat(api.status("demo-merchant-mobility", HttpRequest.POST("/api/merchant/needs/" + needId + "/answers",
                Map.of("productId", api.listed("航班准点率统计").get("id"), "priceMinor", 50_000)))).isEqualTo(409);
        assertThat(foundIds("q=浪高")).doesNotContain(needId);
        assertThat(list("demo-buyer", HttpRequest.GET("/api/needs/" + needId + "/answers")))
                .extracting(a -> a.get("state")).containsExactly("ACCEPTED", "NOT_CHOSEN");
        // The answer not chosen is no longer on sale to the buyer at its price; the accepted one carries its order.
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/products/" + radar.get("id"))).get("pricingPlans").toString())
                .doesNotContain((String) other.get("planId"));
        assertThat(api.refusal("demo-buyer", HttpRequest.POST("/api/orders", Map.of("productId", radar.get("id"),
                "planId", other.get("planId"), "buyerLocation", "CN-SH", "securityAgreementAccepted", false,
                "scenario", Map.of("purpose", "海浪预报 wave forecasts", "location", "CN-SH")))
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())).getStatus().getCode()).isEqualTo(400);

        // Paid and settled exactly as any order: the ledger's trade is the private offer's price with its split.
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/pay", ""));
        Awaitility.await("the matched order settles").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId)).get("certificateId") != null);
        var trade = ledger.trade(orderId);
        assertThat(trade.request().amount()).isEqualTo(88_000);
        assertThat(trade.request().splitLines().stream().mapToLong(l -> l.amount()).sum()).isEqualTo(88_000);

        // The regulator's trade table marks it as matched; another trade of the product is not.
        String plain = api.buySettled(buoy, "one-off", "海洋科研 ocean research");
        Map<String, Object> page = api.json("demo-regulator", HttpRequest.GET("/api/regulator/trades?product=" + buoy.get("id")
                + "&size=100"));
        Map<String, Boolean> matched = new HashMap<>();
        ((List<Map<String, Object>>) page.get("records")).forEach(t -> matched.put(
                (String) ((Map<?, ?>) t.get("request")).get("orderRef"), (Boolean) t.get("matched")));
        assertThat(matched).containsEntry(orderId, true).containsEntry(plain, false);
        String csv = http.toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/trades?product="
                + buoy.get("id")).accept("text/csv")));
        assertThat(csv.lines().filter(l -> l.startsWith(orderId + ",")).findFirst().orElseThrow()).endsWith(",true");
    }

    @Test
    void anAnswerMustFitTheNeedAndOnlyItsBuyerAccepts() {
        String needId = (String) api.json("demo-buyer", HttpRequest.POST("/api/needs", need("区域流感周报",
                "需要哨点医院流感样病例比例 influenza surveillance", "HEALTHCARE", List.of("CORE")))).get("id");
        // A GENERAL product for a need that accepts CORE data only.
        var refused = api.refusal("demo-merchant-ocean", HttpRequest.POST("/api/merchant/needs/" + needId + "/answers",
                Map.of("productId", api.listed("东海浮标海洋观测").get("id"), "priceMinor", 50_000)));
        assertThat(refused.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(refused).get("field")).isEqualTo("productId");
        // Bad needs: a deadline in the past, a budget upside down, a currency the ledger does not settle.
        Map<String, Object> late = need("x", "y", "OCEAN", List.of("GENERAL"));
        late.put("deadline", Instant.now().minusSeconds(5).toString());
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/needs", late))).isEqualTo(400);
        Map<String, Object> upsideDown = need("x", "y", "OCEAN", List.of("GENERAL"));
        upsideDown.put("budget", Map.of("minMinor", 10, "maxMinor", 5, "currency", "CNY"));
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/needs", upsideDown))).isEqualTo(400);
        Map<String, Object> coins = need("x", "y", "OCEAN", List.of("GENERAL"));
        coins.put("budget", Map.of("minMinor", 10, "maxMinor", 50, "currency", "XBT"));
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/needs", coins))).isEqualTo(400);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/needs", need("x", "y", "OCEAN", List.of("GENERAL")))))
                .isEqualTo(403);
        // The regulator does not see needs; another buyer organisation is told there is no such need.
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/needs/" + needId))).isEqualTo(403);
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/needs/" + needId))).isEqualTo(200);
        // Withdrawn: closed for answers, and a second withdrawal is refused.
        assertThat(api.json("demo-buyer", HttpRequest.POST("/api/needs/" + needId + "/withdraw", "")).get("state"))
                .isEqualTo("WITHDRAWN");
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/needs/" + needId + "/withdraw", ""))).isEqualTo(409);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNeedNotMatchedByItsDeadlineExpiresAndItsAnswersAreNotChosen() throws Exception {
        String needId = (String) api.json("demo-buyer", HttpRequest.POST("/api/needs", need("港口潮位",
                "沿海港口逐时潮位 tide levels", "OCEAN", List.of("GENERAL")))).get("id");
        String answerId = (String) answer("demo-merchant-ocean", needId, (String) api.listed("港口潮汐预报").get("id"), 40_000)
                .get("id");
        // The deadline is at least a minute ahead when posted; the test moves it into the past rather than wait.
        try (Connection c = dataSources.resolve(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE data_need SET deadline = ? WHERE id = ?")) {
            s.setObject(1, java.time.OffsetDateTime.now().minusSeconds(1));
            s.setString(2, needId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        // Shown as expired at once; closed (its answers not chosen, their offers withdrawn) by the next expiry round.
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/needs/" + needId)).get("state")).isEqualTo("EXPIRED");
        Awaitility.await("the expiry round closes the need").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> list("demo-buyer", HttpRequest.GET("/api/needs/" + needId + "/answers")).stream()
                        .map(a -> a.get("state")).toList().equals(List.of("NOT_CHOSEN")));
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/products/" + api.listed("港口潮汐预报").get("id")))
                .get("pricingPlans").toString()).as("an expired need's offer is withdrawn").doesNotContain("need-"
                + answerId.replace("-", ""));
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/needs/" + needId + "/answers/" + answerId + "/accept",
                Map.of("buyerLocation", "CN-SH", "securityAgreementAccepted", false)))).isEqualTo(409);
        List<Map<String, Object>> mine = list("demo-merchant-ocean", HttpRequest.GET("/api/merchant/answers"));
        assertThat(mine).anySatisfy(n -> assertThat(((Map<String, Object>) n.get("need")).get("id")).isEqualTo(needId));
    }
}
