package org.dataexchange.marketplace.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.ProductDrafts;
import org.dataexchange.marketplace.problem.ProblemType;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A merchant that bought a licence (to derive a product of its own) takes delivery of it exactly as a buyer would, over
 * real HTTP and devnet: it downloads, calls and queries within the licence's mode and volume caps, sees its use and its
 * certificate, and chooses its subscription's renewal; the seller, another merchant and another organisation's buyer
 * find no such order of theirs (404), the operator and the regulator never take the data (403), and a revocation stops
 * the merchant as it stops a buyer.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicenceHolderDeliveryApiTest implements TestPropertyProvider {

    /** The merchant organisation that buys the licences. */
    private static final String HOLDER = "demo-merchant-ocean";
    /** Seller of the products {@link ApiClient#listNew} lists. */
    private static final String SELLER = "demo-merchant";
    private static final String OTHER_MERCHANT = "demo-merchant-mobility";
    private static final String BUYER = "demo-buyer";
    private static final String PURPOSE = "海洋研究 ocean research";
    private static final String EXHAUSTED = ProblemType.LICENCE_VOLUME_EXHAUSTED.uri();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        // A sandbox query loads the file into the engine; on a loaded machine that can take longer than the client's 10 s.
        return ApiClient.testProperties("licence-holder-test", "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    void topUpTheHoldingMerchant() {
        api = new ApiClient(http);
        String org = (String) ((Map<String, Object>) api.json(HOLDER, HttpRequest.GET("/api/me")).get("organisation")).get("id");
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + org + "/top-ups",
                Map.of("amountMinor", 10_000_000, "currency", "CNY", "reference", "licence-holder " + UUID.randomUUID()))))
                .isEqualTo(201);
    }

    @Test
    void aMerchantDownloadsAndCallsWhatItLicensedWithinTheCapsAndNobodyElseDoes() {
        Map<String, Object> product = listFileAndApi(Map.of("downloads", 1));
        String orderId = buy(HOLDER, product, "one-off", PURPOSE);

        String url = (String) api.json(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/download-link", "")).get("url");
        // The link names the account and role that asked for it under its signature: passed off as a buyer's, it fails.
        assertThat(url).contains("role=MERCHANT").contains("account=" + HOLDER);
        assertThat(api.status(null, HttpRequest.GET(url.replace("role=MERCHANT", "role=BUYER")))).isEqualTo(403);
        assertThat(api.status(null, HttpRequest.GET(url.replace("account=" + HOLDER, "account=" + BUYER)))).isEqualTo(403);
        assertThat(http.toBlocking().retrieve(HttpRequest.GET(url))).isEqualTo(ProductDrafts.SEA_TEMPERATURE_CSV);
        // Audited as the merchant account that asked for the link, in its role, not as a buyer.
        Awaitility.await("the download in the audit log").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !audited("DELIVERY", orderId).isEmpty());
        assertThat(audited("DELIVERY", orderId)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("actor", HOLDER).containsEntry("role", "MERCHANT"));
        String key = (String) api.json(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")).get("apiKey");
        List<Map<String, Object>> records = http.toBlocking().retrieve(HttpRequest.GET("/api/data/records").header("X-Api-Key", key),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(records).isNotEmpty();

        // The licence's cap holds for the merchant as for a buyer: one download, then no link.
        HttpClientResponseException noLink = api.refusal(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        assertThat(noLink.getStatus().getCode()).isEqualTo(403);
        assertThat(ApiClient.problem(noLink).get("type")).isEqualTo(EXHAUSTED);
        Map<String, Object> volume = api.json(HOLDER, HttpRequest.GET("/api/orders/" + orderId + "/volume"));
        assertThat(lines(volume)).anySatisfy(l -> assertThat(l)
                .containsEntry("measure", "DOWNLOADS").containsEntry("cap", 1).containsEntry("used", 1).containsEntry("left", 0));
        assertThat(lines(volume)).anySatisfy(l -> assertThat(l)
                .containsEntry("measure", "CALLS").containsEntry("used", 1));

        // Its deliveries with their ledger receipt, its certificate, its usage and its purchases.
        Awaitility.await("the download's receipt on the ledger").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ledger.deliveriesByTrade(orderId).size() == 1);
        assertThat(list(HOLDER, "/api/orders/" + orderId + "/deliveries")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("mode", "FILE_DOWNLOAD"));
        String certificate = (String) api.json(HOLDER, HttpRequest.GET("/api/orders/" + orderId)).get("certificateId");
        assertThat(api.json(HOLDER, HttpRequest.GET("/api/certificates/" + certificate)).get("certificateId")).isEqualTo(certificate);
        assertThat(list(HOLDER, "/api/orders/" + orderId + "/usage")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("calls", 1));
        Map<String, Object> purchases = api.json(HOLDER, HttpRequest.GET("/api/statements/purchases"));
        assertThat((List<Map<String, Object>>) purchases.get("orders")).anySatisfy(o -> assertThat(o).containsEntry("orderId", orderId));

        // It is the merchant's data asset (cost, term, amortisation; in the CSV too), never the seller's nor a buyer's.
        assertThat(list(HOLDER, "/api/data-assets")).filteredOn(a -> orderId.equals(a.get("orderId"))).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("costMinor", 50_000).containsEntry("merchantCreditCode",
                        creditCodeOf(SELLER)));
        assertThat(http.toBlocking().retrieve(api.as(HOLDER, HttpRequest.GET("/api/data-assets/export?format=csv"))))
                .contains(orderId);
        for (String other : List.of(SELLER, OTHER_MERCHANT, BUYER)) {
            assertThat(list(other, "/api/data-assets")).as(other).noneMatch(a -> orderId.equals(a.get("orderId")));
            assertThat(http.toBlocking().retrieve(api.as(other, HttpRequest.GET("/api/data-assets/export?format=csv"))))
                    .as(other).doesNotContain(orderId);
        }
        for (String staff : List.of("demo-operator", "demo-regulator")) {
            assertThat(api.status(staff, HttpRequest.GET("/api/data-assets"))).as(staff).isEqualTo(403);
        }

        // The seller and other organisations find no such order of theirs; the staff never take data.
        for (String other : List.of(SELLER, OTHER_MERCHANT, BUYER)) {
            assertThat(api.status(other, HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""))).as(other).isEqualTo(404);
            assertThat(api.status(other, HttpRequest.POST("/api/orders/" + orderId + "/api-keys", ""))).as(other).isEqualTo(404);
        }
        for (String staff : List.of("demo-operator", "demo-regulator")) {
            assertThat(api.status(staff, HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""))).as(staff).isEqualTo(403);
            assertThat(api.status(staff, HttpRequest.POST("/api/orders/" + orderId + "/api-keys", ""))).as(staff).isEqualTo(403);
        }
        assertThat(api.status(OTHER_MERCHANT, HttpRequest.GET("/api/orders/" + orderId + "/volume"))).isEqualTo(404);
        assertThat(api.status(BUYER, HttpRequest.GET("/api/orders/" + orderId + "/volume"))).isEqualTo(404);
        assertThat(api.json(SELLER, HttpRequest.GET("/api/orders/" + orderId + "/volume"))).as("the seller sees the use")
                .isEqualTo(volume);
        // A merchant's own product stays out of reach: it does not buy a licence to it.
        assertThat(api.status(SELLER, HttpRequest.POST("/api/orders", Map.of("productId", product.get("id"), "planId", "one-off",
                "buyerLocation", "CN-SH", "securityAgreementAccepted", false, "scenario", Map.of("purpose", PURPOSE, "location", "CN-SH")))
                .header("Idempotency-Key", UUID.randomUUID().toString()))).isEqualTo(400);
    }

    @Test
    void aMerchantQueriesTheSandboxOfALicenceItHolds() {
        // Public data offered only through the query sandbox, sold by demo-merchant-insight; 50 rows in its file.
        String orderId = buy(HOLDER, api.listed("医疗机构资源分布"), "one-off", "保险网络规划 insurance network planning");
        Map<String, Object> schema = api.json(HOLDER, HttpRequest.GET("/api/orders/" + orderId + "/sandbox"));
        assertThat(schema.get("columns").toString()).contains("region");
        Map<String, Object> count = Map.of("select", List.of(Map.of("aggregate", "COUNT")));
        Map<String, Object> result = api.json(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", count));
        assertThat(result.get("rows")).isEqualTo(List.of(List.of(50)));
        assertThat(list(HOLDER, "/api/orders/" + orderId + "/sandbox/queries")).hasSize(1);
        Map<String, Object> volume = api.json(HOLDER, HttpRequest.GET("/api/orders/" + orderId + "/volume"));
        assertThat(lines(volume)).anySatisfy(l -> assertThat(l)
                .containsEntry("measure", "QUERIES").containsEntry("used", 1));

        for (String other : List.of("demo-merchant-insight", SELLER, BUYER)) {
            assertThat(api.status(other, HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", count))).as(other).isEqualTo(404);
            assertThat(api.status(other, HttpRequest.GET("/api/orders/" + orderId + "/sandbox"))).as(other).isEqualTo(404);
        }
        assertThat(api.status("demo-regulator", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", count))).isEqualTo(403);
        assertThat(list(HOLDER, "/api/orders/" + orderId + "/sandbox/queries")).as("nothing the others tried ran").hasSize(1);
    }

    @Test
    void aRevocationStopsTheMerchantAsItStopsABuyer() {
        String orderId = buy(HOLDER, listFileAndApi(Map.of("downloads", 5)), "one-off", PURPOSE);
        String url = (String) api.json(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/download-link", "")).get("url");
        String key = (String) api.json(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")).get("apiKey");
        assertThat(api.status(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key))).isEqualTo(200);

        api.json("demo-operator", HttpRequest.POST("/api/operator/certificates/CERT-" + orderId + "/revoke",
                Map.of("reason", "仲裁裁决 ARB-2026-9：许可撤销")));

        HttpClientResponseException link = api.refusal(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        assertThat(link.getStatus().getCode()).isEqualTo(403);
        assertThat((String) ApiClient.problem(link).get("detail")).contains("revoked");
        assertThat(api.status(null, HttpRequest.GET(url))).as("the link handed out before").isEqualTo(403);
        HttpClientResponseException call = api.refusal(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key));
        assertThat(call.getStatus().getCode()).isEqualTo(403);
        assertThat((String) ApiClient.problem(call).get("detail")).contains("revoked");
        assertThat(api.status(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/api-keys", ""))).isEqualTo(403);
        assertThat(ledger.deliveriesByTrade(orderId)).as("nothing delivered").isEmpty();
    }

    @Test
    void aMerchantChoosesTheRenewalOfASubscriptionItHolds() {
        // API delivery, monthly subscription, sold by demo-merchant-insight.
        String orderId = buy(HOLDER, api.listed("上市公司舆情指数"), "monthly", "量化投资 quantitative investing");
        String key = (String) api.json(HOLDER, HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")).get("apiKey");
        assertThat(api.status(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key))).isEqualTo(200);
        assertThat(api.status("demo-merchant-insight", HttpRequest.PUT("/api/subscriptions/" + orderId + "/auto-renew",
                Map.of("autoRenew", false)))).as("the seller does not choose").isEqualTo(404);
        assertThat(api.status(BUYER, HttpRequest.PUT("/api/subscriptions/" + orderId + "/auto-renew",
                Map.of("autoRenew", false)))).isEqualTo(404);
        Map<String, Object> off = api.json(HOLDER, HttpRequest.PUT("/api/subscriptions/" + orderId + "/auto-renew",
                Map.of("autoRenew", false)));
        assertThat(off.get("autoRenew")).isEqualTo(false);
        assertThat(api.json(HOLDER, HttpRequest.GET("/api/subscriptions/" + orderId)).get("autoRenew")).isEqualTo(false);

        // The merchant lists it on its HELD side; its SOLD side (what it always got without a side) stays its sales.
        assertThat(list(HOLDER, "/api/subscriptions?side=HELD")).filteredOn(sub -> orderId.equals(sub.get("id"))).singleElement()
                .satisfies(sub -> assertThat(sub).containsEntry("autoRenew", false).containsEntry("status", "ACTIVE"));
        assertThat(list(HOLDER, "/api/subscriptions")).noneMatch(sub -> orderId.equals(sub.get("id")));
        assertThat(list(HOLDER, "/api/subscriptions?side=SOLD")).noneMatch(sub -> orderId.equals(sub.get("id")));
        // The seller sees it among its sales only, never as a subscription it holds; a buyer not at all.
        assertThat(list("demo-merchant-insight", "/api/subscriptions")).anyMatch(sub -> orderId.equals(sub.get("id")));
        assertThat(list("demo-merchant-insight", "/api/subscriptions?side=SOLD")).anyMatch(sub -> orderId.equals(sub.get("id")));
        assertThat(list("demo-merchant-insight", "/api/subscriptions?side=HELD")).noneMatch(sub -> orderId.equals(sub.get("id")));
        assertThat(list(BUYER, "/api/subscriptions")).noneMatch(sub -> orderId.equals(sub.get("id")));
        assertThat(list(BUYER, "/api/subscriptions?side=HELD")).noneMatch(sub -> orderId.equals(sub.get("id")));
        HttpClientResponseException sold = api.refusal(BUYER, HttpRequest.GET("/api/subscriptions?side=SOLD"));
        assertThat(sold.getStatus().getCode()).as("a buyer organisation sells nothing").isEqualTo(403);
        assertThat(ApiClient.problem(sold).get("type")).isEqualTo(ProblemType.FORBIDDEN.uri());
        assertThat(api.refusal(HOLDER, HttpRequest.GET("/api/subscriptions?side=BOTH")).getStatus().getCode()).isEqualTo(400);
        assertThat(api.status(BUYER, HttpRequest.GET("/api/statements/bills?side=SOLD"))).isEqualTo(403);
        for (String staff : List.of("demo-operator", "demo-regulator")) {
            assertThat(api.status(staff, HttpRequest.GET("/api/subscriptions?side=HELD"))).as(staff).isEqualTo(403);
        }
        // Switched back on by the holder, as a buyer would.
        assertThat(api.json(HOLDER, HttpRequest.PUT("/api/subscriptions/" + orderId + "/auto-renew", Map.of("autoRenew", true)))
                .get("autoRenew")).isEqualTo(true);
    }

    /** demo-merchant lists an enterprise file-and-API product whose licence caps {@code caps}, one-off at 500 CNY. */
    private Map<String, Object> listFileAndApi(Map<String, Object> caps) {
        Map<String, Object> draft = ProductDrafts.seaTemperature("许可持有海温 " + UUID.randomUUID().toString().substring(0, 8),
                List.of("FILE_DOWNLOAD", "METERED_API"), "buoy-operator",
                Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 50_000));
        draft.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of(PURPOSE), "volumeCaps", caps));
        return api.listNew(draft, "sst.csv", ProductDrafts.SEA_TEMPERATURE_CSV);
    }

    private String buy(String user, Map<String, Object> product, String plan, String purpose) {
        Map<String, Object> body = Map.of("productId", product.get("id"), "planId", plan, "buyerLocation", "CN-SH",
                "securityAgreementAccepted", false, "scenario", Map.of("purpose", purpose, "location", "CN-SH"));
        String id = (String) api.json(user, HttpRequest.POST("/api/orders", body)
                .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
        api.json(user, HttpRequest.POST("/api/orders/" + id + "/pay", ""));
        Awaitility.await("order " + id + " settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.json(user, HttpRequest.GET("/api/orders/" + id)).get("certificateId") != null);
        return id;
    }

    /** The audit entries of one action on an order, as the regulator reads them. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audited(String action, String orderId) {
        Map<String, Object> page = api.json("demo-regulator", HttpRequest.GET("/api/regulator/audit?action=" + action
                + "&subject=order:" + orderId + "&size=50"));
        return (List<Map<String, Object>>) page.get("content");
    }

    @SuppressWarnings("unchecked")
    private String creditCodeOf(String user) {
        return (String) ((Map<String, Object>) api.json(user, HttpRequest.GET("/api/me")).get("organisation")).get("creditCode");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> volume) {
        return (List<Map<String, Object>>) volume.get("lines");
    }

    private List<Map<String, Object>> list(String user, String path) {
        return http.toBlocking().retrieve(api.as(user, HttpRequest.GET(path)), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }
}
