package org.dataexchange.marketplace.catalogue;

import java.time.Duration;
import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Changes to listed products (issue 12, defects 2 and 3, and the cross-border filing check of 9), over real HTTP with
 * an H2 file database and an in-process devnet: a new version or new terms go through review as a revision while the
 * listed, registered terms keep selling, and reach buyers only once approved (and registered on the ledger).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListedProductRevisionTest implements TestPropertyProvider {

    private static final String PURPOSE = "海洋研究 ocean research";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("revision-test");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void aNewVersionOfAListedProductIsSoldOnlyOnceReviewedAndRegisteredWhileTheListedOneKeepsSelling() throws Exception {
        String id = listed(CatalogueApiTest.draft("潮位实况 Live tide levels", "GENERAL"));

        Map<String, Object> uploaded = upload(id, "2.0", "time,level\n2026-11-01,3.2\n");
        assertThat(uploaded.get("status")).isEqualTo("LISTED");
        assertThat(uploaded.get("currentVersion")).as("the registered version stays on sale").isEqualTo("1.0");
        assertThat(revision(uploaded).get("status")).isEqualTo("DRAFT");
        assertThat(revision(uploaded).get("version")).isEqualTo("2.0");
        assertThat(versionsOf(api.json(null, HttpRequest.GET("/api/products/" + id)))).as("buyers see registered versions")
                .containsExactly("1.0");
        assertThat(tradedVersion(buy(id, "one-off", PURPOSE))).isEqualTo("1.0");

        Map<String, Object> submitted = api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit",
                declaration()));
        assertThat(submitted.get("status")).isEqualTo("LISTED");
        assertThat(revision(submitted).get("status")).isEqualTo("IN_REVIEW");
        Map<String, Object> queued = queueEntry(id);
        assertThat(queued.get("kind")).isEqualTo("REVISION");
        assertThat(changes(queued)).containsEntry("version", List.of("1.0", "2.0"));
        assertThat(tradedVersion(buy(id, "one-off", PURPOSE))).as("still selling during review").isEqualTo("1.0");

        Map<String, Object> approved = api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(approved.get("currentVersion")).isEqualTo("2.0");
        assertThat(approved.get("pendingRevision")).isNull();
        assertThat(ledger.productVersion(id, "2.0").status()).isEqualTo(ListingStatus.LISTED);
        assertThat(ledger.productVersion(id, "1.0").status()).as("orders paid for 1.0 still settle").isEqualTo(ListingStatus.LISTED);
        assertThat(versionsOf(api.json(null, HttpRequest.GET("/api/products/" + id)))).containsExactly("1.0", "2.0");
        assertThat(tradedVersion(buy(id, "one-off", PURPOSE))).isEqualTo("2.0");

        // the product's listing status reaches every registered version on the ledger
        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/suspend", Map.of("reason", "核查中")));
        assertThat(ledger.productVersion(id, "1.0").status()).isEqualTo(ListingStatus.SUSPENDED);
        assertThat(ledger.productVersion(id, "2.0").status()).isEqualTo(ListingStatus.SUSPENDED);
        Map<String, Object> reinstated = api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/reinstate",
                Map.of("reason", "核查完毕")));
        assertThat(reinstated.get("status")).isEqualTo("LISTED");
        assertThat(ledger.productVersion(id, "2.0").status()).isEqualTo(ListingStatus.LISTED);
        assertThat(reinstated.get("pendingLedgerWrite")).isNull();
    }

    @Test
    void aCheaperPriceAndAnAddedPurposeReachBuyersOnlyOnceApproved() throws Exception {
        Map<String, Object> draft = CatalogueApiTest.draft("海浪预报 Wave forecasts", "GENERAL");
        String id = listed(draft);

        Map<String, Object> changed = new HashMap<>(draft);
        changed.put("pricingPlans", List.of(Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 1)));
        changed.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of(PURPOSE, "精准营销 targeted marketing")));
        Map<String, Object> sheet = api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, changed));
        assertThat(sheet.get("status")).isEqualTo("LISTED");
        assertThat(changes(revision(sheet))).containsKeys("pricingPlans", "licence.terms.purposes");

        // buyers still get the listed terms: the listed price, and no order for the purpose not yet approved
        Map<String, Object> shown = api.json(null, HttpRequest.GET("/api/products/" + id));
        assertThat(((Map<?, ?>) ((List<?>) shown.get("pricingPlans")).get(0)).get("priceMinor")).isEqualTo(250_000);
        assertThat(shown.get("pendingRevision")).as("buyers do not see pending changes").isNull();
        var marketing = api.refusal("demo-buyer", order(id, "one-off", "精准营销 targeted marketing", false));
        assertThat(marketing.getStatus().getCode()).isEqualTo(400);
        String before = buy(id, "one-off", PURPOSE);
        assertThat(order(before).get("amountMinor")).isEqualTo(250_000);

        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        assertThat(order(buy(id, "one-off", PURPOSE)).get("amountMinor")).as("in review: still the listed price").isEqualTo(250_000);
        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of("note", "降价与新增用途已核")));

        String after = buy(id, "one-off", "精准营销 targeted marketing");
        assertThat(order(after).get("amountMinor")).isEqualTo(1);
        assertThat(tradedVersion(after)).as("terms alone need no new registration").isEqualTo("1.0");
        // the first order keeps the terms it bought
        Map<?, ?> bought = (Map<?, ?>) ((Map<?, ?>) order(before).get("details")).get("terms");
        assertThat(bought.get("purposes")).isEqualTo(List.of(PURPOSE));
        assertThat(order(before).get("amountMinor")).isEqualTo(250_000);
        assertThat(((Map<?, ?>) ((Map<?, ?>) order(before).get("details")).get("plan")).get("priceMinor")).isEqualTo(250_000);
    }

    @Test
    void negativeListTextAddedToAListedProductIsRefusedAndTheListedTermsStay() throws Exception {
        Map<String, Object> draft = CatalogueApiTest.draft("码头客流 Terminal passenger flow", "GENERAL");
        String id = listed(draft);
        Map<String, Object> changed = new HashMap<>(draft);
        changed.put("description", "码头闸机抓拍的人脸图像与客流统计 Terminal gate captures with facial images");
        api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, changed));
        assertThat((String) api.json(null, HttpRequest.GET("/api/products/" + id)).get("description")).doesNotContain("人脸图像");
        assertThat(tradedVersion(buy(id, "one-off", PURPOSE))).isEqualTo("1.0");

        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        var refused = api.refusal("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("人脸图像");
        Map<String, Object> rejected = api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/reject",
                Map.of("reason", "负面清单：人脸图像")));
        assertThat(rejected.get("status")).isEqualTo("LISTED");
        assertThat(rejected.get("pendingRevision")).isNull();
        assertThat((String) api.json(null, HttpRequest.GET("/api/products/" + id)).get("description")).doesNotContain("人脸图像");
        assertThat(tradedVersion(buy(id, "one-off", PURPOSE))).isEqualTo("1.0");
    }

    @Test
    void aCoreToGeneralDowngradeWaitsForReviewThenIsRegisteredOnTheLedger() throws Exception {
        Map<String, Object> draft = CatalogueApiTest.draft("航运调度指令 Shipping dispatch orders", "CORE");
        draft.put("filing", filing("BA-2026-0777", false, 1000));
        String id = listed(draft);
        assertThat(ledger.productVersion(id, "1.0").registration().classificationLevel()).isEqualTo(ClassificationLevel.CORE);

        Map<String, Object> general = new HashMap<>(draft);
        general.put("classificationLevel", "GENERAL");
        Map<String, Object> sheet = api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, general));
        assertThat(changes(revision(sheet))).containsEntry("classificationLevel", List.of("CORE", "GENERAL"));
        assertThat(revision(sheet).get("refilingRequired")).as("the level is a filed field").isEqualTo(true);
        Map<String, Object> pending = api.json("demo-buyer", order(id, "one-off", PURPOSE, true));
        assertThat(pending.get("status")).as("core terms in force: the regulator decides").isEqualTo("AWAITING_APPROVAL");
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        assertThat(api.json("demo-buyer", order(id, "one-off", PURPOSE, true)).get("status")).isEqualTo("AWAITING_APPROVAL");

        Map<String, Object> approved = api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        String registered = (String) approved.get("currentVersion");
        assertThat(registered).isEqualTo("1.0-r1");
        assertThat(ledger.productVersion(id, registered).registration().classificationLevel()).isEqualTo(ClassificationLevel.GENERAL);
        assertThat(ledger.productVersion(id, registered).registration().contentDigest())
                .isEqualTo(ledger.productVersion(id, "1.0").registration().contentDigest());
        String bought = buy(id, "one-off", PURPOSE);
        assertThat(tradedVersion(bought)).isEqualTo(registered);
        assertThat(ledger.trade(bought).classificationLevel()).isEqualTo(ClassificationLevel.GENERAL);
        assertThat(api.json("demo-regulator", HttpRequest.GET("/api/regulator/flags")).get("refilingRequired").toString()).contains(id);
    }

    @Test
    void aVolumeChangeOfThirtyPercentFlagsRefilingAndASmallerOneDoesNot() {
        Map<String, Object> draft = CatalogueApiTest.draft("海冰范围 Sea ice extent", "IMPORTANT");
        draft.put("filing", filing("BA-2026-0555", false, 1000));
        String id = listed(draft);
        Map<String, Object> small = new HashMap<>(draft);
        small.put("provenance", Map.of("sources", List.of("自有浮标"), "collectedFrom", "2020-01-01", "volumeRecords", 1_200_000,
                "updateFrequency", "daily"));
        Map<String, Object> sheet = api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, small));
        assertThat(revision(sheet).get("refilingRequired")).isEqualTo(false);
        assertThat(api.json("demo-regulator", HttpRequest.GET("/api/regulator/flags")).get("refilingRequired").toString()).doesNotContain(id);

        Map<String, Object> grown = new HashMap<>(draft);
        grown.put("provenance", Map.of("sources", List.of("自有浮标"), "collectedFrom", "2020-01-01", "volumeRecords", 1_300_000,
                "updateFrequency", "daily"));
        sheet = api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, grown));
        assertThat(revision(sheet).get("refilingRequired")).isEqualTo(true);
        assertThat(changes(revision(sheet))).containsEntry("provenance.volumeRecords", List.of(1_000_000, 1_300_000));
        assertThat(api.json("demo-regulator", HttpRequest.GET("/api/regulator/flags")).get("refilingRequired").toString()).contains(id);
        assertThat(((Map<?, ?>) api.json(null, HttpRequest.GET("/api/products/" + id)).get("provenance")).get("volumeRecords"))
                .isEqualTo(1_000_000);
    }

    @Test
    void crossBorderTradeIsNotApprovedWhenTheFilingSaysTheDataStaysInTheCountry() {
        Map<String, Object> draft = CatalogueApiTestDrafts.crossBorderImportant();
        draft.put("title", "远洋气象 Ocean route weather (filed domestic)");
        draft.put("filing", filing("BA-2026-0901", false, 100_000));
        String id = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products", draft)).get("id");
        upload(id, "1.0", "a,b\n1,2\n");
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        var refused = api.refusal("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat(refused.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(ApiClient.problem(refused).get("title")).isEqualTo("Cross-border trade not filed");
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("BA-2026-0901");
        assertThat(api.json("demo-operator", HttpRequest.GET("/api/products/" + id)).get("status")).isEqualTo("IN_REVIEW");
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/products/" + id))).isEqualTo(200);

        // the same check on a revision: a listed cross-border product whose filing is changed to domestic
        Map<String, Object> abroad = CatalogueApiTestDrafts.crossBorderImportant();
        String listedId = listed(abroad);
        Map<String, Object> domestic = new HashMap<>(abroad);
        domestic.put("filing", filing("BA-2026-0900", false, 100_000));
        api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + listedId, domestic));
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + listedId + "/submit", declaration()));
        var revisionRefused = api.refusal("demo-operator", HttpRequest.POST("/api/operator/products/" + listedId + "/approve", Map.of()));
        assertThat(revisionRefused.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(revisionRefused).get("title")).isEqualTo("Cross-border trade not filed");
        assertThat(((Map<?, ?>) api.json(null, HttpRequest.GET("/api/products/" + listedId)).get("compliance")).get("crossBorderAllowed"))
                .isEqualTo(true);
    }

    @Test
    void aRegistrationTheLedgerRefusesIsA409AndNothingIsListed() {
        String id = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products",
                CatalogueApiTest.draft("盐度剖面 Salinity profiles", "GENERAL"))).get("id");
        upload(id, "1.0", "depth,salinity\n10,34.5\n");
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        String merchantCode = (String) ((Map<?, ?>) api.json("demo-operator", HttpRequest.GET("/api/products/" + id)).get("merchant"))
                .get("creditCode");
        // another record already holds this product version on the ledger: registering ours is an ID_CONFLICT
        ledger.registerProductVersion(new ProductRegistration(id, "1.0", merchantCode, "0".repeat(64), ClassificationLevel.GENERAL,
                "海洋观测/海温", SourceType.ENTERPRISE, "ocean", false, null, null)).join();

        var refused = api.refusal("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("ID_CONFLICT");
        Map<String, Object> sheet = api.json("demo-operator", HttpRequest.GET("/api/products/" + id));
        assertThat(sheet.get("status")).isEqualTo("IN_REVIEW");
        assertThat(sheet.get("pendingLedgerWrite")).isNull();
        assertThat(api.status(null, HttpRequest.GET("/api/products/" + id))).isEqualTo(404);
        assertThat(api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/reject",
                Map.of("reason", "账本登记冲突"))).get("status")).isEqualTo("REJECTED");
    }

    @Test
    void aRevisionCanBeWithdrawnAndOnlyOneIsOpenAtATime() {
        Map<String, Object> draft = CatalogueApiTest.draft("海雾预警 Sea fog warnings", "GENERAL");
        String id = listed(draft);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration())))
                .as("nothing to submit").isEqualTo(409);
        Map<String, Object> changed = new HashMap<>(draft);
        changed.put("title", "海雾预警（新版）Sea fog warnings v2");
        api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, changed));
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        assertThat(api.status("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, draft))).isEqualTo(409);
        assertThat(api.status("demo-merchant-ocean", HttpRequest.GET("/api/merchant/products/" + id + "/revision"))).isEqualTo(404);
        assertThat(api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + id + "/revision")).get("status"))
                .isEqualTo("IN_REVIEW");
        Map<String, Object> withdrawn = api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/revision/withdraw", ""));
        assertThat(withdrawn.get("pendingRevision")).isNull();
        assertThat(withdrawn.get("title")).isEqualTo("海雾预警 Sea fog warnings");
        assertThat(api.status("demo-merchant", HttpRequest.GET("/api/merchant/products/" + id + "/revision"))).isEqualTo(404);
    }

    // ------------------------------------------------------------------ helpers

    /** Creates, uploads version 1.0 of, submits and approves a product of demo-merchant; answers its id. */
    private String listed(Map<String, Object> draft) {
        String id = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products", draft)).get("id");
        upload(id, "1.0", "time,value\n2026-10-01,1\n");
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        Map<String, Object> listed = api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(listed.get("status")).isEqualTo("LISTED");
        return id;
    }

    private Map<String, Object> upload(String id, String version, String content) {
        return api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/versions",
                MultipartBody.builder().addPart("version", version)
                        .addPart("file", "data.csv", MediaType.TEXT_CSV_TYPE, content.getBytes(StandardCharsets.UTF_8)).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    private io.micronaut.http.MutableHttpRequest<Map<String, Object>> order(String productId, String plan, String purpose,
                                                                             boolean securityAgreement) {
        Map<String, Object> body = Map.of("productId", productId, "planId", plan, "buyerLocation", "CN-SH",
                "securityAgreementAccepted", securityAgreement, "scenario", Map.of("purpose", purpose, "location", "CN-SH"));
        return HttpRequest.POST("/api/orders", body).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** demo-buyer orders and pays; answers the order's id once it is settled with its certificate. */
    private String buy(String productId, String plan, String purpose) throws InterruptedException {
        String id = (String) api.json("demo-buyer", order(productId, plan, purpose, false)).get("id");
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + id + "/pay", ""));
        // a refusal fails at once (the assertion is not ignored), a settlement ends the wait
        Awaitility.await("order " + id + " settles").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> order(id), o -> {
                    assertThat(o.get("status")).as("order " + id + ": " + o.get("failureReason")).isNotIn("REFUNDED", "CANCELLED");
                    return o.get("certificateId") != null;
                });
        return id;
    }

    private Map<String, Object> order(String id) {
        return api.json("demo-buyer", HttpRequest.GET("/api/orders/" + id));
    }

    private String tradedVersion(String orderId) {
        return ledger.trade(orderId).request().version();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> queueEntry(String productId) {
        List<Map<String, Object>> queue = http.toBlocking().retrieve(api.as("demo-operator", HttpRequest.GET("/api/operator/reviews")),
                io.micronaut.core.type.Argument.listOf((Class<Map<String, Object>>) (Class<?>) Map.class));
        return queue.stream().filter(e -> productId.equals(e.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("product " + productId + " is not in the review queue"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> revision(Map<String, Object> sheetOrItem) {
        Object revision = sheetOrItem.containsKey("pendingRevision") ? sheetOrItem.get("pendingRevision")
                : sheetOrItem.containsKey("revision") ? sheetOrItem.get("revision") : sheetOrItem;
        assertThat(revision).as("a pending revision").isNotNull();
        return (Map<String, Object>) revision;
    }

    /** The changes of a revision (or of a review entry's revision) as field → [listed, proposed]. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<Object>> changes(Map<String, Object> revisionOrItem) {
        Map<String, Object> revision = revision(revisionOrItem);
        Map<String, List<Object>> out = new HashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) revision.get("changes")) {
            out.put((String) c.get("field"), java.util.Arrays.asList(c.get("listed"), c.get("proposed")));
        }
        return out;
    }

    private static Map<String, Object> filing(String reference, boolean crossBorder, long scale) {
        return Map.of("reference", reference, "source", "自有观测", "purpose", "海洋研究", "scope", "东海",
                "responsibleParty", "数据安全官", "sharing", "仅限买方", "crossBorder", crossBorder, "protections", "加密与审计",
                "scaleRecords", scale);
    }

    private static Map<String, Object> declaration() {
        return Map.of("sourceLawful", true, "rightsHeld", true, "qualityAsDescribed", true, "statement", "如实声明");
    }

    private static List<String> versionsOf(Map<String, Object> sheet) {
        return ((List<?>) sheet.get("versions")).stream().map(v -> (String) ((Map<?, ?>) v).get("version")).toList();
    }
}
