package org.dataexchange.marketplace.royalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitLineRecord;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.ProductDrafts;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Derived-product royalties end to end over HTTP and the devnet's contract: merchant A (demo-merchant) lists a product
 * whose licence lets the licensee derive and sell, owing A 10% of each sale (ODRL compensate); merchant B
 * (demo-merchant-ocean) buys that licence, lists a product derived under it, the review checks the parent, buyer C
 * (demo-buyer) buys B's product, A is paid its royalty, and the ledger holds the royalty split line and refuses a trade
 * without it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DerivedProductRoyaltiesApiTest implements TestPropertyProvider {

    private static final String A = "demo-merchant";
    private static final String B = "demo-merchant-ocean";
    private static final String C = "demo-buyer";
    private static final String PURPOSE = "衍生指数开发 derived index development";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    private ApiClient api;
    private Map<String, Object> parent;
    private String licenceOrder;
    private String certificate;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("royalties-test");
    }

    @BeforeAll
    void merchantBBuysALicenceToDerive() {
        api = new ApiClient(http);
        Map<String, Object> draft = ProductDrafts.seaTemperature("衍生授权海温 licensable SST", List.of("FILE_DOWNLOAD"),
                "91310000MA1ROYALTY", plan("one-off", 50_000));
        draft.put("licence", Map.of("template", "RESALE", "purposes", List.of(PURPOSE)));
        parent = api.listNew(draft, "sst.csv", ProductDrafts.SEA_TEMPERATURE_CSV);
        assertThat(((Map<?, ?>) ((Map<?, ?>) parent.get("licence")).get("terms")).get("royaltyBp")).isEqualTo(1000);
        assertThat(((Map<?, ?>) parent.get("licence")).get("summaryEn").toString())
                .contains("pay a royalty on sales of derived products (10% of each sale)");
        topUp(B, 1_000_000);
        licenceOrder = buy(B, parent, "one-off");
        certificate = (String) api.json(B, HttpRequest.GET("/api/orders/" + licenceOrder)).get("certificateId");
    }

    static Map<String, Object> plan(String id, long price) {
        return Map.of("id", id, "kind", "ONE_OFF", "priceMinor", price, "currency", "CNY");
    }

    @SuppressWarnings("unchecked")
    private void topUp(String user, long amount) {
        String org = (String) ((Map<String, Object>) api.json(user, HttpRequest.GET("/api/me")).get("organisation")).get("id");
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + org + "/top-ups",
                Map.of("amountMinor", amount, "currency", "CNY", "reference", "royalty-test " + UUID.randomUUID()))))
                .isEqualTo(201);
    }

    private String buy(String user, Map<String, Object> product, String plan) {
        Map<String, Object> body = Map.of("productId", product.get("id"), "planId", plan, "buyerLocation", "CN-SH",
                "securityAgreementAccepted", false, "scenario", Map.of("purpose", PURPOSE, "location", "CN-SH"));
        String id = (String) api.json(user, HttpRequest.POST("/api/orders", body)
                .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
        api.json(user, HttpRequest.POST("/api/orders/" + id + "/pay", ""));
        Awaitility.await("order " + id + " settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.json(user, HttpRequest.GET("/api/orders/" + id)).get("certificateId") != null);
        return id;
    }

    /** B's derived product: 99.99 CNY (9999 fen), merchant 90%, platform 10%, naming {@code parents}. */
    private Map<String, Object> derivedDraft(String title, List<String> parents, int merchantBp, int platformBp) {
        Map<String, Object> d = ProductDrafts.seaTemperature(title, List.of("FILE_DOWNLOAD"), "x", plan("one-off", 9_999));
        d.put("contributors", List.of());
        d.put("merchantShareBp", merchantBp);
        d.put("platformFeeBp", platformBp);
        d.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of(PURPOSE)));
        d.put("parentCertificates", parents);
        return d;
    }

    private String createDraft(Map<String, Object> draft) {
        return (String) api.json(B, HttpRequest.POST("/api/merchant/products", draft)).get("id");
    }

    private void uploadAndSubmit(String id) {
        api.json(B, HttpRequest.POST("/api/merchant/products/" + id + "/versions",
                io.micronaut.http.client.multipart.MultipartBody.builder().addPart("version", "1").addPart("file", "d.csv",
                        io.micronaut.http.MediaType.TEXT_CSV_TYPE, ProductDrafts.SEA_TEMPERATURE_CSV.getBytes()).build())
                .contentType(io.micronaut.http.MediaType.MULTIPART_FORM_DATA_TYPE));
        api.json(B, HttpRequest.POST("/api/merchant/products/" + id + "/submit", Map.of("sourceLawful", true,
                "rightsHeld", true, "qualityAsDescribed", true, "statement", "衍生自已授权数据")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDerivedProductPaysItsParentsMerchantTheRoyaltyOnEverySale() throws Exception {
        // B's editor offers the licence it bought as a parent, with its royalty.
        List<Map<String, Object>> choices = http.toBlocking().retrieve(api.as(B, HttpRequest.GET("/api/merchant/products/parent-licences")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertThat(choices).anySatisfy(c -> {
            assertThat(c.get("certificateId")).isEqualTo(certificate);
            assertThat(c.get("royaltyBp")).isEqualTo(1000);
            assertThat(c.get("resale")).isEqualTo(true);
            assertThat(c.get("inForce")).isEqualTo(true);
        });

        String id = createDraft(derivedDraft("海温衍生指数 SST derived index", List.of(certificate), 9_000, 1_000));
        uploadAndSubmit(id);
        Map<String, Object> dossier = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + id + "/dossier"));
        List<Map<String, Object>> checks = (List<Map<String, Object>>) dossier.get("parents");
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.get("certificateId")).isEqualTo(certificate);
            assertThat(c).containsEntry("held", true).containsEntry("inForce", true).containsEntry("derive", true)
                    .containsEntry("resale", true).containsEntry("royaltyBp", 1000);
        });
        assertThat((List<Map<String, Object>>) dossier.get("findings")).anySatisfy(f -> {
            assertThat(f.get("rule")).isEqualTo("PARENT_LICENCES");
            assertThat(f.get("outcome")).isEqualTo("PASSED");
        });
        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        Map<String, Object> sheet = api.json(null, HttpRequest.GET("/api/products/" + id));
        assertThat(sheet.get("status")).isEqualTo("LISTED");
        assertThat((List<Map<String, Object>>) sheet.get("derivedFrom")).singleElement().satisfies(p -> {
            assertThat(p.get("productId")).isEqualTo(parent.get("id"));
            assertThat(p.get("royaltyBp")).isEqualTo(1000);
        });
        // The ledger registered the version with its parent and royalty.
        var registered = ledger.productVersion(id, "1").registration();
        String creditCodeA = (String) ((Map<String, Object>) parent.get("merchant")).get("creditCode");
        assertThat(registered.parentLicences()).singleElement().satisfies(p -> {
            assertThat(p.certificateId()).isEqualTo(certificate);
            assertThat(p.merchantId()).isEqualTo(creditCodeA);
            assertThat(p.royaltyBp()).isEqualTo(1000);
        });

        // C buys B's product for 9999 fen: merchant 80% (90% less A's 10%) 7999.2, royalty 999.9, platform 999.9; the
        // floors leave 2 fen, which go to the largest remainders, the royalty and the platform.
        String sale = buy(C, sheet, "one-off");
        Map<String, Object> order = api.json(C, HttpRequest.GET("/api/orders/" + sale));
        List<Map<String, Object>> split = (List<Map<String, Object>>) ((Map<String, Object>) order.get("details")).get("split");
        assertThat(split).extracting(l -> l.get("role")).containsExactly("MERCHANT", "ROYALTY", "PLATFORM");
        assertThat(split).extracting(l -> ((Number) l.get("amountMinor")).longValue()).containsExactly(7_999L, 1_000L, 1_000L);
        assertThat(split.get(1).get("parentCertificateId")).isEqualTo(certificate);
        assertThat(split.get(1).get("party")).isEqualTo(creditCodeA);

        // The ledger holds the royalty as a split line naming the parent licence.
        List<SplitLineRecord> lines = ledger.splitLines(sale);
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.role()).isEqualTo(SplitRole.ROYALTY);
            assertThat(l.party()).isEqualTo(creditCodeA);
            assertThat(l.amount()).isEqualTo(1_000L);
            assertThat(l.parentCertificateId()).isEqualTo(certificate);
        });

        // A's statement lists the royalty received: source product, order, amount.
        List<Map<String, Object>> royalties = http.toBlocking().retrieve(api.as(A, HttpRequest.GET("/api/statements/royalties")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertThat(royalties).anySatisfy(r -> {
            assertThat(r.get("productId")).isEqualTo(id);
            assertThat(r.get("orderId")).isEqualTo(sale);
            assertThat(((Number) r.get("amountMinor")).longValue()).isEqualTo(1_000L);
            assertThat(r.get("parentCertificateId")).isEqualTo(certificate);
            assertThat(r.get("parentProductId")).isEqualTo(parent.get("id"));
        });
        assertThat(api.status(C, HttpRequest.GET("/api/statements/royalties"))).isEqualTo(403);

        // A's revenue statement as CSV carries the royalty as its own row, naming the order and the parent licence; B's
        // names its own sale of the derived product and no royalty row (B paid the royalty, did not receive it).
        String csvA = http.toBlocking().retrieve(api.as(A, HttpRequest.GET("/api/merchant/revenue/export")));
        List<String> headerA = List.of(csvA.lines().findFirst().orElseThrow().replace("\uFEFF", "").split(","));
        assertThat(headerA).containsSubsequence("product_id", "product", "month", "currency", "trades", "gross_minor")
                .contains("kind", "order", "seller", "parent_certificate", "parent_product_id", "revenue_minor");
        List<Map<String, String>> rowsA = csvRows(csvA);
        String month = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().substring(0, 7);
        assertThat(rowsA).filteredOn(r -> r.get("kind").equals("ROYALTY") && r.get("order").equals(sale)).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("product_id", id).containsEntry("product", "海温衍生指数 SST derived index")
                    .containsEntry("month", month).containsEntry("currency", "CNY").containsEntry("trades", "1")
                    .containsEntry("gross_minor", "1000").containsEntry("refunded_minor", "0")
                    .containsEntry("revenue_minor", "1000").containsEntry("order", sale)
                    .containsEntry("parent_certificate", certificate)
                    .containsEntry("parent_product_id", (String) parent.get("id"))
                    .containsEntry("transaction", (String) order.get("transactionId"));
            assertThat(r.get("seller")).isNotBlank();
        });
        assertThat(rowsA).filteredOn(r -> r.get("kind").equals("SALES")).anySatisfy(r ->
                assertThat(r).containsEntry("product_id", (String) parent.get("id")).containsEntry("order", "")
                        .containsEntry("parent_certificate", ""));
        List<Map<String, String>> rowsB = csvRows(http.toBlocking().retrieve(api.as(B, HttpRequest.GET("/api/merchant/revenue/export"))));
        assertThat(rowsB).noneMatch(r -> r.get("kind").equals("ROYALTY") && r.get("order").equals(sale));
        // B's gross is its share of the sale with A's royalty already taken out: 7999 of 9999.
        assertThat(rowsB).anySatisfy(r -> assertThat(r).containsEntry("kind", "SALES").containsEntry("product_id", id)
                .containsEntry("gross_minor", "7999"));

        // A trade of the derived product made by hand without the royalty is refused by the contract itself.
        Trade recorded = ledger.trade(sale);
        TradeRequest t = recorded.request();
        List<SplitLine> withoutRoyalty = new ArrayList<>();
        withoutRoyalty.add(new SplitLine(t.splitLines().get(0).party(), SplitRole.MERCHANT, 9_000L));
        withoutRoyalty.add(new SplitLine("platform", SplitRole.PLATFORM, 999L));
        TradeRequest forged = new TradeRequest("forged-" + UUID.randomUUID(), "forged", t.productId(), t.version(),
                t.contentDigest(), t.agreementHash(), t.buyerId(), t.sellerId(), t.amount(), t.currency(), withoutRoyalty,
                t.buyerLocation(), t.deliveryLocation(), t.approvals());
        Throwable refused = refusal(() -> ledger.recordTrade(forged).get());
        assertThat(refused).isInstanceOf(ContractRefusedException.RoyaltyUnderpaid.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void parentsAreCheckedWhenDraftedAndAtReview() {
        HttpClientResponseException notHeld = api.refusal(B, HttpRequest.POST("/api/merchant/products",
                derivedDraft("无授权衍生 no licence", List.of("cert-of-somebody-else"), 9_000, 1_000)));
        assertThat(ApiClient.problem(notHeld)).containsEntry("field", "parentCertificates[0]")
                .containsEntry("type", "urn:dataexchange:problem:invalid-input");
        // A holds no licence of its own product; a merchant does not buy from itself.
        assertThat(api.status(A, HttpRequest.POST("/api/merchant/products",
                derivedDraft("x", List.of(certificate), 9_000, 1_000)))).isEqualTo(400);
        // 10% royalty + 95% platform fee: more than the price.
        HttpClientResponseException tooMuch = api.refusal(B, HttpRequest.POST("/api/merchant/products",
                derivedDraft("分成超价 too much", List.of(certificate), 500, 9_500)));
        assertThat(tooMuch.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(tooMuch)).containsEntry("type", "urn:dataexchange:problem:royalties-exceed-price")
                .containsEntry("field", "parentCertificates");
        // Exactly the merchant's whole share: allowed, the merchant nets nothing.
        assertThat(api.status(B, HttpRequest.POST("/api/merchant/products",
                derivedDraft("全部分成 all royalties", List.of(certificate), 1_000, 9_000)))).isEqualTo(201);

        // A licence that permits deriving but not selling what is derived: drafted, but refused at review.
        Map<String, Object> noResale = ProductDrafts.seaTemperature("仅衍生 derive only", List.of("FILE_DOWNLOAD"),
                "91310000MA1ROYALTY", plan("one-off", 10_000));
        noResale.put("licence", Map.of("template", "DERIVED_PRODUCTS", "purposes", List.of(PURPOSE)));
        Map<String, Object> deriveOnly = api.listNew(noResale, "sst.csv", ProductDrafts.SEA_TEMPERATURE_CSV);
        String order = buy(B, deriveOnly, "one-off");
        String deriveOnlyCert = (String) api.json(B, HttpRequest.GET("/api/orders/" + order)).get("certificateId");
        String id = createDraft(derivedDraft("不可转售衍生 not resellable", List.of(deriveOnlyCert), 9_000, 1_000));
        uploadAndSubmit(id);
        Map<String, Object> dossier = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + id + "/dossier"));
        assertThat(dossier.get("approvable")).isEqualTo(false);
        assertThat((List<Map<String, Object>>) dossier.get("parents")).singleElement().satisfies(c ->
                assertThat(c).containsEntry("derive", true).containsEntry("resale", false).containsEntry("royaltyBp", 0));
        HttpClientResponseException refused = api.refusal("demo-operator",
                HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(refused)).containsEntry("type", "urn:dataexchange:problem:parent-licence-unusable");
        assertThat(ApiClient.problem(refused).get("detail").toString()).contains("selling or distributing");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRevisionIsRefusedAtApprovalWhenAParentWasRevokedSinceItWasSubmitted() {
        // B lists a product derived under a licence of its own (bought for this test), at 99.99 CNY.
        String order = buy(B, parent, "one-off");
        String cert = (String) api.json(B, HttpRequest.GET("/api/orders/" + order)).get("certificateId");
        Map<String, Object> draft = derivedDraft("修订衍生 revised derivative", List.of(cert), 9_000, 1_000);
        String id = createDraft(draft);
        uploadAndSubmit(id);
        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(api.json(null, HttpRequest.GET("/api/products/" + id)).get("status")).isEqualTo("LISTED");

        // B revises the price; the revision is submitted while the parent licence is in force.
        draft.put("pricingPlans", List.of(plan("one-off", 12_000)));
        Map<String, Object> revised = api.json(B, HttpRequest.PUT("/api/merchant/products/" + id, draft));
        assertThat(revised.get("pendingRevision")).isNotNull();
        api.json(B, HttpRequest.POST("/api/merchant/products/" + id + "/submit", Map.of("sourceLawful", true,
                "rightsHeld", true, "qualityAsDescribed", true, "statement", "调价")));
        Map<String, Object> before = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + id + "/dossier"));
        assertThat(before.get("kind")).isEqualTo("REVISION");
        assertThat((List<Map<String, Object>>) before.get("parents")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("inForce", true));

        // Meanwhile the parent licence is revoked (an arbitration decision, say).
        api.json("demo-operator", HttpRequest.POST("/api/operator/certificates/" + cert + "/revoke",
                Map.of("reason", "仲裁裁决：许可撤销 licence revoked by arbitration")));
        Awaitility.await("the revocation reaches the books").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ((List<Map<String, Object>>) api.json("demo-operator",
                        HttpRequest.GET("/api/operator/products/" + id + "/dossier")).get("parents")).get(0).get("inForce")
                        .equals(false));

        // Approving the revision now is refused, and nothing of it goes on sale.
        HttpClientResponseException refused = api.refusal("demo-operator",
                HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(refused)).containsEntry("type", "urn:dataexchange:problem:parent-licence-unusable");
        assertThat(ApiClient.problem(refused).get("detail").toString()).contains(cert).contains("revoked or out of term");
        Map<String, Object> sheet = api.json(B, HttpRequest.GET("/api/products/" + id));
        assertThat(((Map<String, Object>) sheet.get("pendingRevision")).get("status")).isEqualTo("IN_REVIEW");
        assertThat(((Map<String, Object>) ((List<?>) sheet.get("pricingPlans")).get(0)).get("priceMinor")).isEqualTo(9_999);
        Map<String, Object> after = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + id + "/dossier"));
        assertThat(after.get("approvable")).isEqualTo(false);
    }

    /** The CSV's rows by header name (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
    private static List<Map<String, String>> csvRows(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String text = csv.replace("\uFEFF", "");
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString().replaceAll("\r$", ""));
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            assertThat(r).as("a row with every column: " + r).hasSameSizeAs(header);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), r.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Throwable refusal(ThrowingCall call) {
        try {
            call.run();
        } catch (Throwable t) {
            Throwable cause = t;
            while (cause.getCause() != null && !(cause instanceof ContractRefusedException)) {
                cause = cause.getCause();
            }
            return cause;
        }
        throw new AssertionError("expected the contract to refuse");
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }
}
