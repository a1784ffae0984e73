package org.dataexchange.marketplace.catalogue;

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
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The catalogue over real HTTP, with the demo data, an H2 file database and an in-process devnet. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("catalogue-test", "exchange.upload.max-bytes", "4096");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemoCatalogueIsListedAndSearchableInBothLanguages() {
        Map<String, Object> all = api.json(null, HttpRequest.GET("/api/products"));
        assertThat(((Number) all.get("totalSize")).longValue()).isGreaterThanOrEqualTo(40);
        assertThat((List<?>) all.get("content")).hasSize(20);

        // 气象 matches meteorology products by their text, and others by their merchant's name (海天气象...)
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?q=" + enc("气象") + "&size=50"))))
                .contains("逐小时气象站观测数据 Hourly station observations", "全国雷达回波拼图数据 Radar echo mosaic")
                .doesNotContain("港口潮汐预报 Port tide forecasts");
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?q=" + enc("气象") + "&industry=METEOROLOGY&size=50"))))
                .hasSize(5);
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?q=" + enc("雷达回波")))))
                .anyMatch(t -> t.contains("Radar echo mosaic"));
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?q=radar")))).anyMatch(t -> t.contains("雷达"));
        // Chinese and English are separate fields; the demo writes both, and search matches either.
        Map<String, Object> radar = ((List<Map<String, Object>>) api.json(null, HttpRequest.GET("/api/products?q=radar+echo"))
                .get("content")).get(0);
        assertThat(radar).containsEntry("title", "全国雷达回波拼图数据").containsEntry("titleEn", "Radar echo mosaic");
        Map<String, Object> radarSheet = api.json(null, HttpRequest.GET("/api/products/" + radar.get("id")));
        assertThat((String) radarSheet.get("description")).startsWith("全国天气雷达组网拼图").doesNotContain("Nationwide");
        assertThat((String) radarSheet.get("descriptionEn")).startsWith("Nationwide weather radar mosaic");
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?q=tide+forecasts")))).containsExactly("港口潮汐预报 Port tide forecasts");
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?q=" + enc("不存在的东西")))) ).isEmpty();

        Map<String, Object> ocean = api.json(null, HttpRequest.GET("/api/products?industry=OCEAN&size=50"));
        assertThat((List<Map<String, Object>>) ocean.get("content")).isNotEmpty().allMatch(p -> p.get("industry").equals("OCEAN"));
        Map<String, Object> core = api.json(null, HttpRequest.GET("/api/products?classification=CORE"));
        assertThat((List<Map<String, Object>>) core.get("content")).allMatch(p -> Boolean.TRUE.equals(p.get("requiresRegulatorApproval")));
        Map<String, Object> cheap = api.json(null, HttpRequest.GET("/api/products?maxPrice=100&sort=PRICE_ASC&size=50"));
        List<Long> prices = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) cheap.get("content")) {
            prices.add(((Number) p.get("minPriceMinor")).longValue());
        }
        assertThat(prices).isNotEmpty().isSorted().allMatch(p -> p <= 100);
        Map<String, Object> page2 = api.json(null, HttpRequest.GET("/api/products?page=1&size=10&sort=NEWEST"));
        assertThat((List<?>) page2.get("content")).hasSize(10);
        assertThat(api.status(null, HttpRequest.GET("/api/products?industry=SPACE"))).isEqualTo(400);
        assertThat(api.status(null, HttpRequest.GET("/api/products?size=1000"))).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCatalogueFiltersByThePricingKindOfPublicPlans() {
        Map<String, Object> metered = api.json(null, HttpRequest.GET("/api/products?planKind=METERED&size=100"));
        List<Map<String, Object>> found = (List<Map<String, Object>>) metered.get("content");
        assertThat(((Number) metered.get("totalSize")).longValue()).isEqualTo(found.size());
        assertThat(titles(metered)).contains("台风路径集合预报 Typhoon track ensemble forecast", "港口潮汐预报 Port tide forecasts")
                .doesNotContain("逐小时气象站观测数据 Hourly station observations", "全国雷达回波拼图数据 Radar echo mosaic");
        for (Map<String, Object> p : found) {
            Map<String, Object> sheet = api.json(null, HttpRequest.GET("/api/products/" + p.get("id")));
            assertThat((List<Map<String, Object>>) sheet.get("pricingPlans")).as("%s", p.get("title"))
                    .anyMatch(plan -> "METERED".equals(plan.get("kind")));
        }

        // the regional GDP nowcast is sold by subscription; its one-off-priced private offer does not count
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?planKind=ONE_OFF&size=100"))))
                .contains("逐小时气象站观测数据 Hourly station observations")
                .doesNotContain("区域GDP月度估算 Regional GDP nowcast", "台风路径集合预报 Typhoon track ensemble forecast");
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?planKind=SUBSCRIPTION&size=100"))))
                .contains("区域GDP月度估算 Regional GDP nowcast").doesNotContain("台风路径集合预报 Typhoon track ensemble forecast");

        // several kinds: a product with any of them; combined with the other filters
        List<String> either = titles(api.json(null, HttpRequest.GET("/api/products?planKind=METERED&planKind=ONE_OFF&size=100")));
        assertThat(either).contains("台风路径集合预报 Typhoon track ensemble forecast", "逐小时气象站观测数据 Hourly station observations")
                .doesNotContain("区域GDP月度估算 Regional GDP nowcast");
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?planKind=METERED&industry=METEOROLOGY&size=100"))))
                .containsExactlyInAnyOrder("台风路径集合预报 Typhoon track ensemble forecast", "城市格点气温预报 City grid temperature forecast");

        assertThat(api.status(null, HttpRequest.GET("/api/products?planKind=PRIVATE_OFFER"))).isEqualTo(400);
        var unknown = api.refusal(null, HttpRequest.GET("/api/products?planKind=BARTER"));
        assertThat(unknown.getStatus().getCode()).isEqualTo(400);
        assertThat(unknown.getResponse().getContentType().map(Object::toString).orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aProductGoesFromDraftThroughReviewToTheLedgerAndTheShelf() throws Exception {
        Map<String, Object> created = api.json("demo-merchant", HttpRequest.POST("/api/merchant/products", draft("海温日报 Daily sea surface temperature", "IMPORTANT")));
        String id = (String) created.get("id");
        assertThat(created.get("status")).isEqualTo("DRAFT");
        assertThat(((Map<?, ?>) ((Map<?, ?>) created.get("licence")).get("odrl")).get("@type")).isEqualTo("Offer");
        assertThat(api.status(null, HttpRequest.GET("/api/products/" + id))).as("drafts are not public").isEqualTo(404);
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/products/" + id))).isEqualTo(404);

        byte[] data = "time,sst\n2026-10-01,21.4\n".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> uploaded = api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/versions",
                MultipartBody.builder().addPart("version", "2026.10").addPart("file", "sst.csv", MediaType.TEXT_CSV_TYPE, data).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
        Map<?, ?> version = (Map<?, ?>) ((List<?>) uploaded.get("versions")).get(0);
        assertThat(version.get("sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));

        // important data without a filing record cannot go to review
        var noFiling = api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        assertThat(noFiling.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(noFiling).get("field")).isEqualTo("filing");

        Map<String, Object> filed = draft("海温日报 Daily sea surface temperature", "IMPORTANT");
        filed.put("filing", Map.of("reference", "BA-2026-0042", "source", "自有浮标", "purpose", "海洋研究", "scope", "东海",
                "responsibleParty", "数据安全官", "sharing", "仅限买方", "crossBorder", false, "protections", "加密与审计", "scaleRecords", 1000));
        api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, filed));
        Map<String, Object> inReview = api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        assertThat(inReview.get("status")).isEqualTo("IN_REVIEW");
        assertThat(http.toBlocking().retrieve(api.as("demo-operator", HttpRequest.GET("/api/operator/reviews")))).contains(id);

        Map<String, Object> listed = api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(listed.get("status")).isEqualTo("LISTED");
        Map<?, ?> registered = (Map<?, ?>) ((List<?>) listed.get("versions")).get(0);
        assertThat((String) registered.get("ledgerTxId")).hasSize(64);
        assertThat(ledger.productVersion(id, "2026.10").registration().contentDigest()).isEqualTo(version.get("sha256"));
        assertThat(api.json(null, HttpRequest.GET("/api/products/" + id)).get("title")).isEqualTo("海温日报 Daily sea surface temperature");
        assertThat(titles(api.json(null, HttpRequest.GET("/api/products?q=" + enc("海温日报"))))).contains("海温日报 Daily sea surface temperature");
        List<?> transitions = (List<?>) api.json("demo-operator", HttpRequest.GET("/api/products/" + id)).get("transitions");
        assertThat(transitions).hasSizeGreaterThanOrEqualTo(3);

        // a listed product whose volume grows by 50% gets a revision flagged for refiling, which the regulator sees
        Map<String, Object> grown = new HashMap<>(filed);
        grown.put("provenance", Map.of("sources", List.of("自有浮标"), "collectedFrom", "2020-01-01", "volumeRecords", 1_500_000,
                "updateFrequency", "daily"));
        Map<String, Object> flagged = api.json("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + id, grown));
        assertThat(((Map<?, ?>) flagged.get("pendingRevision")).get("refilingRequired")).isEqualTo(true);
        assertThat(((Map<?, ?>) flagged.get("provenance")).get("volumeRecords")).as("listed terms in force").isEqualTo(1_000_000);
        assertThat(api.json("demo-regulator", HttpRequest.GET("/api/regulator/flags")).get("refilingRequired").toString()).contains(id);

        // suspension takes it off the shelf and the ledger refuses trades in it
        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/suspend", Map.of("reason", "质量投诉调查中")));
        assertThat(api.status(null, HttpRequest.GET("/api/products/" + id))).isEqualTo(404);
        assertThat(ledger.productVersion(id, "2026.10").status()).isEqualTo(ListingStatus.SUSPENDED);
    }

    @Test
    void rolesAndOwnershipAreEnforced() {
        Map<String, Object> created = api.json("demo-merchant", HttpRequest.POST("/api/merchant/products", draft("私有草稿 Private draft", "GENERAL")));
        String id = (String) created.get("id");
        assertThat(api.status(null, HttpRequest.POST("/api/merchant/products", draft("x", "GENERAL")))).isEqualTo(401);
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/merchant/products", draft("x", "GENERAL")))).isEqualTo(403);
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/merchant/products", draft("x", "GENERAL")))).isEqualTo(403);
        assertThat(api.status("demo-merchant-ocean", HttpRequest.PUT("/api/merchant/products/" + id, draft("taken over", "GENERAL")))).isEqualTo(404);
        assertThat(api.status("demo-merchant", HttpRequest.GET("/api/operator/reviews"))).isEqualTo(403);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()))).isEqualTo(403);
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/products/" + id))).isEqualTo(200);
        assertThat(api.status("demo-merchant-ocean", HttpRequest.GET("/api/products/" + id))).isEqualTo(404);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        long before = ((Number) api.json("demo-operator", HttpRequest.GET("/api/products")).get("totalSize")).longValue();
        Map<String, Object> badShares = draft("x", "GENERAL");
        badShares.put("merchantShareBp", 9000);
        var shares = api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/products", badShares));
        assertThat(shares.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(shares).get("field")).isEqualTo("merchantShareBp");
        assertThat((String) ApiClient.problem(shares).get("detail")).contains("10000");
        assertThat(shares.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");

        Map<String, Object> badEnum = draft("x", "GENERAL");
        badEnum.put("industry", "SPACE");
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/merchant/products", badEnum))).isEqualTo(400);
        Map<String, Object> badCurrency = draft("x", "GENERAL");
        badCurrency.put("pricingPlans", List.of(Map.of("id", "p", "kind", "ONE_OFF", "currency", "BTC", "priceMinor", 100)));
        var currency = api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/products", badCurrency));
        assertThat(ApiClient.problem(currency).get("field")).isEqualTo("pricingPlans[0].currency");
        Map<String, Object> noUse = draft("x", "GENERAL");
        noUse.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of("研究"), "permittedActions", List.of("DERIVE")));
        var licence = api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/products", noUse));
        assertThat((String) ApiClient.problem(licence).get("field")).startsWith("licence.");
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/merchant/products", "{\"title\": ").contentType(MediaType.APPLICATION_JSON_TYPE))).isEqualTo(400);
        long after = ((Number) api.json("demo-operator", HttpRequest.GET("/api/products")).get("totalSize")).longValue();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void uploadsOverTheSizeLimitAreRefusedAndLeaveNothingBehind() {
        String id = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products", draft("大文件 Big file", "GENERAL"))).get("id");
        var tooBig = api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/versions",
                MultipartBody.builder().addPart("version", "1").addPart("file", "big.csv", MediaType.TEXT_CSV_TYPE, new byte[5000]).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
        assertThat(tooBig.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(tooBig).get("field")).isEqualTo("file");
        assertThat((List<?>) api.json("demo-merchant", HttpRequest.GET("/api/products/" + id)).get("versions")).isEmpty();
        var unauthenticated = api.refusal(null, HttpRequest.GET("/api/merchant/products"));
        assertThat(unauthenticated.getStatus().getCode()).isEqualTo(401);
        var forbidden = api.refusal("demo-buyer", HttpRequest.GET("/api/merchant/products"));
        assertThat(forbidden.getStatus().getCode()).isEqualTo(403);
        assertThat(forbidden.getResponse().getContentType().map(Object::toString).orElse("")).isEqualTo("application/problem+json");
    }

    @Test
    void negativeListItemsCannotBeApprovedAndARejectionIsRecorded() {
        Map<String, Object> d = draft("人脸图像样本库 Facial image samples", "GENERAL");
        String id = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products", d)).get("id");
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/versions",
                MultipartBody.builder().addPart("version", "1").addPart("file", "f.csv", MediaType.TEXT_CSV_TYPE, "a,b\n".getBytes()).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", declaration()));
        var refused = api.refusal("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("人脸图像");
        Map<String, Object> rejected = api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/reject",
                Map.of("reason", "负面清单：人脸图像")));
        assertThat(rejected.get("status")).isEqualTo("REJECTED");
        assertThat(rejected.get("transitions").toString()).contains("负面清单：人脸图像");
    }

    private static Map<String, Object> declaration() {
        return Map.of("sourceLawful", true, "rightsHeld", true, "qualityAsDescribed", true, "statement", "如实声明");
    }

    static Map<String, Object> draft(String title, String level) {
        Map<String, Object> d = new HashMap<>();
        d.put("title", title);
        d.put("description", "东海逐日海表温度分析。Daily sea surface temperature analysis of the East China Sea.");
        d.put("tags", List.of("海温", "SST"));
        d.put("industry", "OCEAN");
        d.put("sourceType", "ENTERPRISE");
        d.put("classificationLevel", level);
        d.put("category", "海洋观测/海温");
        d.put("deliveryModes", List.of("FILE_DOWNLOAD"));
        d.put("crossBorderAllowed", false);
        d.put("provenance", Map.of("sources", List.of("自有浮标"), "collectedFrom", "2020-01-01", "volumeRecords", 1_000_000,
                "updateFrequency", "daily"));
        d.put("contributors", List.of(Map.of("name", "浮标运维方", "partyId", "buoy-operator", "shareBp", 1000)));
        d.put("merchantShareBp", 8500);
        d.put("platformFeeBp", 500);
        d.put("schema", List.of(Map.of("name", "time", "type", "date", "description", "日期"), Map.of("name", "sst", "type", "number", "description", "海温")));
        d.put("sampleRows", List.of(Map.of("time", "2026-10-01", "sst", 21.4)));
        d.put("quality", Map.of("completenessPercent", 99, "accuracyPercent", 97, "method", "交叉比对"));
        d.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of("海洋研究 ocean research")));
        d.put("pricingPlans", List.of(Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 250_000)));
        return d;
    }

    @SuppressWarnings("unchecked")
    /** Each product's Chinese and English titles, separate fields of the API, as the demo writes them side by side. */
    private static List<String> titles(Map<String, Object> page) {
        List<String> titles = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) page.get("content")) {
            titles.add((p.get("title") + " " + p.get("titleEn")).strip()); // a product without English has titleEn ""
        }
        return titles;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
