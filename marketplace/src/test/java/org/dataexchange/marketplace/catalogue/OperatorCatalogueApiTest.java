package org.dataexchange.marketplace.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator console's reads over real HTTP against the demo exchange and its devnet ledger: products by status with
 * counts, a review's dossier whose findings agree with what approval does, the listing as the ledger holds it after each
 * decision, organisations, an organisation's balances and the operator's recent actions.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCatalogueApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("operator-catalogue");
    }

    @BeforeAll
    void setUp() {
        api = new ApiClient(http);
    }

    @Test
    @SuppressWarnings("unchecked")
    void productsByStatusWithCounts() {
        String inReview = SubmittedProducts.submit(api, "计数测试 Count test", "用于计数 for counting");
        Map<String, Object> all = api.json("demo-operator", HttpRequest.GET("/api/operator/products?size=100"));
        Map<String, Number> counts = (Map<String, Number>) all.get("counts");
        assertThat(counts.get("LISTED").longValue()).isGreaterThanOrEqualTo(41);
        assertThat(counts.get("IN_REVIEW").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) all.get("totalSize")).longValue())
                .isEqualTo(counts.values().stream().mapToLong(Number::longValue).sum());

        Map<String, Object> reviewing = api.json("demo-operator", HttpRequest.GET("/api/operator/products?status=IN_REVIEW&size=100"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) reviewing.get("content");
        assertThat(rows).allMatch(r -> "IN_REVIEW".equals(r.get("status")));
        assertThat(rows).anyMatch(r -> inReview.equals(r.get("id")) && r.get("merchantName").toString().startsWith("海天气象数据科技有限公司"));
        assertThat(((Number) reviewing.get("totalSize")).longValue()).isEqualTo(counts.get("IN_REVIEW").longValue());
        assertThat(reviewing.get("counts")).isEqualTo(counts);

        Map<String, Object> page2 = api.json("demo-operator", HttpRequest.GET("/api/operator/products?status=LISTED&size=20&page=1"));
        assertThat((List<?>) page2.get("content")).hasSize(20);
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/operator/products?status=SOLD"))).isEqualTo(400);
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/operator/products?size=1000"))).isEqualTo(400);
        assertThat(api.status("demo-merchant", HttpRequest.GET("/api/operator/products"))).isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDossierFindsWhatApprovalRefusesAndPassesWhatItApproves() {
        String banned = SubmittedProducts.submit(api, "港口人脸图像 Port facial image set", "含人脸图像 contains faces");
        Map<String, Object> refused = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + banned + "/dossier"));
        assertThat(refused.get("kind")).isEqualTo("LISTING");
        assertThat(refused.get("approvable")).isEqualTo(false);
        Map<String, Object> negative = finding(refused, "NEGATIVE_LIST");
        assertThat(negative.get("outcome")).isEqualTo("FAILED");
        assertThat((List<String>) negative.get("items")).contains("人脸图像", "facial image");
        assertThat(finding(refused, "DECLARATION").get("outcome")).isEqualTo("PASSED");
        assertThat(((Map<String, Object>) refused.get("declaration")).get("declaredBy")).isEqualTo("demo-merchant");
        var approval = api.refusal("demo-operator", HttpRequest.POST("/api/operator/products/" + banned + "/approve", Map.of()));
        assertThat(approval.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(approval).get("detail").toString()).contains("人脸图像");

        String clean = SubmittedProducts.submit(api, "近岸海温 Coastal sea temperature", "浮标海温 buoy sea temperature");
        Map<String, Object> passing = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + clean + "/dossier"));
        assertThat(passing.get("approvable")).isEqualTo(true);
        assertThat((List<Map<String, Object>>) passing.get("findings")).noneMatch(f -> "FAILED".equals(f.get("outcome")))
                .extracting(f -> f.get("rule")).containsExactly("NEGATIVE_LIST", "DECLARATION", "FILING_RECORD",
                        "PERSONAL_DATA_BASIS", "RAW_PUBLIC_DATA", "CROSS_BORDER_FILED", "CLASSIFICATION_GATES", "REFILING", "PARENT_LICENCES");
        assertThat(finding(passing, "FILING_RECORD").get("outcome")).isEqualTo("NOT_APPLICABLE");
        Map<String, Object> before = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + clean + "/ledger"));
        assertThat((List<?>) before.get("versions")).as("nothing on the ledger before approval").isEmpty();

        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + clean + "/approve", Map.of("note", "ok")));
        Map<String, Object> listed = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + clean + "/ledger"));
        assertThat(listed.get("status")).isEqualTo("LISTED");
        Map<String, Object> version = ((List<Map<String, Object>>) listed.get("versions")).get(0);
        assertThat(version.get("version")).isEqualTo("1.0");
        assertThat(version.get("status")).isEqualTo("LISTED");
        assertThat((String) version.get("registrationTxId")).isNotBlank();
        assertThat((List<?>) version.get("history")).hasSize(1);
        assertThat(api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + clean + "/dossier")).get("kind"))
                .as("listed: no longer in review").isNull();

        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + clean + "/suspend", Map.of("reason", "质量核查 quality check")));
        Map<String, Object> suspended = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + clean + "/ledger"));
        Map<String, Object> onLedger = ((List<Map<String, Object>>) suspended.get("versions")).get(0);
        assertThat(suspended.get("status")).isEqualTo("SUSPENDED");
        assertThat(onLedger.get("status")).isEqualTo("SUSPENDED");
        assertThat(onLedger.get("statusReason")).isEqualTo("质量核查 quality check");
        List<Map<String, Object>> history = (List<Map<String, Object>>) onLedger.get("history");
        assertThat(history).extracting(h -> h.get("status")).containsExactly("SUSPENDED", "LISTED");
        assertThat(history.get(0).get("txId")).isNotEqualTo(history.get(1).get("txId"));
        assertThat((List<?>) suspended.get("writes")).as("nothing left on its way").isEmpty();

        assertThat(api.status("demo-operator", HttpRequest.GET("/api/operator/products/no-such/dossier"))).isEqualTo(404);
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/operator/products/no-such/ledger"))).isEqualTo(404);
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/operator/products/" + clean + "/ledger"))).isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void organisationsTheirBalancesAndTheOperatorsRecentActions() {
        Map<String, Object> all = api.json("demo-operator", HttpRequest.GET("/api/operator/organisations"));
        Map<String, Number> counts = (Map<String, Number>) all.get("counts");
        assertThat(counts.get("MERCHANT").longValue()).isGreaterThanOrEqualTo(4);
        assertThat(counts.get("BUYER").longValue()).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> buyers = (List<Map<String, Object>>) api.json("demo-operator",
                HttpRequest.GET("/api/operator/organisations?kind=BUYER")).get("content");
        assertThat(buyers).allMatch(o -> "BUYER".equals(o.get("kind")));
        Map<String, Object> buyer = buyers.stream().filter(o -> o.get("name").toString().startsWith("东港物流股份有限公司")).findFirst().orElseThrow();
        String code = (String) buyer.get("creditCode");
        List<Map<String, Object>> byCode = (List<Map<String, Object>>) api.json("demo-operator",
                HttpRequest.GET("/api/operator/organisations?q=" + code.toLowerCase())).get("content");
        assertThat(byCode).extracting(o -> o.get("id")).containsExactly(buyer.get("id"));
        assertThat((List<?>) api.json("demo-operator", HttpRequest.GET("/api/operator/organisations?kind=BUYER&q=海天")).get("content")).isEmpty();
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/operator/organisations?kind=BANK"))).isEqualTo(400);

        String org = (String) buyer.get("id");
        long before = available(org);
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + org + "/top-ups",
                Map.of("amountMinor", 123_45, "currency", "CNY", "reference", "BANK-2026-001")))).isEqualTo(201);
        assertThat(available(org) - before).isEqualTo(123_45);
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/operator/wallets/no-such-org"))).isEqualTo(404);
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/operator/wallets/" + org))).isEqualTo(403);

        List<Map<String, Object>> actions = http.toBlocking().retrieve(api.as("demo-operator",
                HttpRequest.GET("/api/operator/actions?size=5")), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(actions).isNotEmpty().hasSizeLessThanOrEqualTo(5).allMatch(a -> "OPERATOR".equals(a.get("role")));
        assertThat(actions.get(0).get("action")).isEqualTo("WALLET_TOP_UP");
        assertThat(actions.get(0).get("detail").toString()).contains("12345 CNY", "BANK-2026-001");
        assertThat(actions).extracting(a -> ((Number) a.get("seq")).longValue()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finding(Map<String, Object> dossier, String rule) {
        return ((List<Map<String, Object>>) dossier.get("findings")).stream().filter(f -> rule.equals(f.get("rule")))
                .findFirst().orElseThrow();
    }

    private long available(String org) {
        List<Map<String, Object>> balances = http.toBlocking().retrieve(api.as("demo-operator",
                HttpRequest.GET("/api/operator/wallets/" + org)), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        return balances.stream().filter(b -> "AVAILABLE".equals(b.get("kind")) && "CNY".equals(b.get("currency")))
                .mapToLong(b -> ((Number) b.get("balanceMinor")).longValue()).sum();
    }
}
