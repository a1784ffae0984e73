package org.dataexchange.marketplace.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.ProductDrafts;
import org.dataexchange.marketplace.catalogue.DeliveryOffer;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Delivery modes (SPEC §6): every delivery path checks that the order's product and plan deliver through that mode;
 * raw public data leaves only through the query sandbox (原始数据不出域), which is not open yet.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryModeApiTest implements TestPropertyProvider {

    private static final String SECRET = "test-secret-that-is-long-enough-for-hmac-sha256-signing";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("delivery-mode-test", "exchange.jwt-secret", SECRET);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void aPublicSandboxOnlyProductIsNeitherDownloadedNorCalledWithAnApiKey() throws Exception {
        // 医疗机构资源分布: public data, offered only through the query sandbox, one-off plan
        String orderId = api.buySettled(api.listed("医疗机构资源分布"), "one-off", "保险网络规划 insurance network planning");

        var link = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        assertThat(link.getStatus().getCode()).isEqualTo(403);
        assertThat(link.getResponse().getContentType().map(MediaType::toString)).hasValue("application/problem+json");
        assertThat(ApiClient.problem(link).get("type")).isEqualTo(DeliveryOffer.QUERY_SANDBOX_ONLY);
        assertThat((String) ApiClient.problem(link).get("detail")).contains("query sandbox");

        // a link signed with the service's own key is refused too: the download itself checks the mode
        long expires = Instant.now().plusSeconds(300).getEpochSecond();
        String sig = HexFormat.of().formatHex(hmac(hmac(SECRET.getBytes(StandardCharsets.UTF_8), "download-links"),
                orderId + "|" + expires + "|BUYER|demo-buyer"));
        var download = api.refusal(null, HttpRequest.GET("/api/downloads/" + orderId + "?expires=" + expires
                + "&role=BUYER&account=demo-buyer&sig=" + sig));
        assertThat(download.getStatus().getCode()).isEqualTo(403);
        assertThat(ApiClient.problem(download).get("type")).isEqualTo(DeliveryOffer.QUERY_SANDBOX_ONLY);
        assertThat(ledger.deliveriesByTrade(orderId)).as("nothing delivered, no receipt").isEmpty();
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId)).get("status")).isEqualTo("SETTLED");

        var key = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/api-keys", ""));
        assertThat(key.getStatus().getCode()).isEqualTo(403);
        assertThat(ApiClient.problem(key).get("type")).isEqualTo(DeliveryOffer.QUERY_SANDBOX_ONLY);

        // 中小企业纳税信用评级: public, sandbox only, metered: no API key either
        String metered = api.buySettled(api.listed("中小企业纳税信用评级"), "per-call", "普惠金融授信 inclusive lending");
        var meteredKey = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + metered + "/api-keys", ""));
        assertThat(ApiClient.problem(meteredKey).get("type")).isEqualTo(DeliveryOffer.QUERY_SANDBOX_ONLY);
    }

    @Test
    void aPlanThatDoesNotOfferApiDeliveryRefusesKeysButDeliversFiles() throws Exception {
        Map<String, Object> product = listNew(Map.of("id", "files-only", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 90_000,
                "deliveryModes", List.of("FILE_DOWNLOAD")));
        assertThat(product.get("deliveryModes").toString()).contains("METERED_API");
        String orderId = api.buySettled(product, "files-only", "海洋研究 ocean research");

        var key = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/api-keys", ""));
        assertThat(key.getStatus().getCode()).isEqualTo(403);
        assertThat(ApiClient.problem(key).get("type")).isEqualTo(DeliveryOffer.MODE_NOT_OFFERED);
        assertThat((String) ApiClient.problem(key).get("detail")).contains("plan files-only").contains("FILE_DOWNLOAD");

        String url = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", "")).get("url");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET(url))).startsWith("time,sst");
        List<Map<String, Object>> deliveries = http.toBlocking().retrieve(api.as("demo-buyer",
                HttpRequest.GET("/api/orders/" + orderId + "/deliveries")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertThat(deliveries).hasSize(1);
        assertThat((String) deliveries.get(0).get("ledgerTxId")).as("the receipt, written after the delivery").hasSize(64);
        assertThat(ledger.deliveriesByTrade(orderId)).hasSize(1);
    }

    @Inject
    DeliveryReceipts receipts;

    @Inject
    Delivery.Repository deliveries;

    @Test
    void aReceiptThatACrashKeptOffTheLedgerIsWrittenByTheNextRoundOnce() throws Exception {
        Map<String, Object> product = api.listed("东海浮标海洋观测");
        String orderId = api.buySettled(product, "one-off", "海洋科研 ocean research");
        String digest = (String) ((Map<?, ?>) ((List<?>) product.get("versions")).get(0)).get("sha256");
        // what a crash between recording the delivery and writing its receipt leaves behind
        String id = java.util.UUID.randomUUID().toString();
        deliveries.save(new Delivery(id, orderId, "FILE_DOWNLOAD", 1, digest, null, Instant.now().minusSeconds(120), null));
        assertThat(ledger.deliveriesByTrade(orderId)).isEmpty();

        receipts.submitDue();
        receipts.submitDue();
        assertThat(ledger.deliveriesByTrade(orderId)).singleElement()
                .satisfies(r -> assertThat(r.request().receiptId()).isEqualTo(id));
        assertThat(deliveries.findById(id).orElseThrow().ledgerTxId()).hasSize(64);
    }

    @Test
    void aPlanMayOnlyNameModesItsProductOffers() {
        Map<String, Object> draft = draft(List.of("FILE_DOWNLOAD"), Map.of("id", "p", "kind", "ONE_OFF", "currency", "CNY",
                "priceMinor", 100, "deliveryModes", List.of("METERED_API")));
        var refused = api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/products", draft));
        assertThat(refused.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(refused).get("field")).isEqualTo("pricingPlans[0].deliveryModes");
        // a metered plan is billed per call: it cannot sell files
        var metered = api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/products", draft(List.of("FILE_DOWNLOAD"),
                Map.of("id", "m", "kind", "METERED", "currency", "CNY", "unitPriceMinor", 5, "freeUnits", 0))));
        assertThat(ApiClient.problem(metered).get("field")).isEqualTo("pricingPlans[0].deliveryModes");
    }

    /** An enterprise product delivered as files and API calls, listed with the given plan. */
    private Map<String, Object> listNew(Map<String, Object> plan) {
        return api.listNew(draft(List.of("FILE_DOWNLOAD", "METERED_API"), plan), "sst.csv", ProductDrafts.SEA_TEMPERATURE_CSV);
    }

    static Map<String, Object> draft(List<String> modes, Map<String, Object> plan) {
        return ProductDrafts.seaTemperature("海温日报 " + java.util.UUID.randomUUID().toString().substring(0, 8), modes,
                "buoy-operator", plan);
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
