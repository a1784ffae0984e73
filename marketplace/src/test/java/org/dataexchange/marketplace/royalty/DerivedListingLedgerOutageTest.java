package org.dataexchange.marketplace.royalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.ProductDrafts;
import org.dataexchange.marketplace.problem.LedgerFaults;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A derived product approved while the ledger cannot take its registration, whose parent licence is revoked before the
 * ledger is back: the registration, sent again by the background round, is stopped before the ledger (the parents are
 * checked as it is sent, not only at approval), so nothing is registered or put on sale; the merchant and the operator
 * see the product still in review with the reason; nothing stays pending, and the operator can close it with a reason.
 * Over real HTTP and the devnet; only the ledger's product registration is made unreachable ({@link LedgerFaults}), so
 * the revocation itself reaches the ledger as it would between two attempts of the registration.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DerivedListingLedgerOutageTest implements TestPropertyProvider {

    private static final String A = "demo-merchant";
    private static final String B = "demo-merchant-ocean";
    private static final String OPERATOR = "demo-operator";
    private static final String PURPOSE = "衍生指数开发 derived index development";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    @Inject
    LedgerFaults faults;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("derived-outage", "test.ledger-faults", "true",
                "exchange.catalogue.ledger-retry-every", "1s", "micronaut.http.client.read-timeout", "60s");
    }

    @AfterEach
    void ledgerBack() {
        faults.clear();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegistrationSentAfterItsParentWasRevokedRegistersNothingAndSaysWhy() {
        ApiClient api = new ApiClient(http);
        // A lists a product whose licence lets the licensee derive and sell (10% royalty); B buys that licence.
        Map<String, Object> draft = ProductDrafts.seaTemperature("断链衍生授权 outage parent", List.of("FILE_DOWNLOAD"),
                "91310000MA1ROYALTY", Map.of("id", "one-off", "kind", "ONE_OFF", "priceMinor", 50_000, "currency", "CNY"));
        draft.put("licence", Map.of("template", "RESALE", "purposes", List.of(PURPOSE)));
        Map<String, Object> parent = api.listNew(draft, "sst.csv", ProductDrafts.SEA_TEMPERATURE_CSV);
        String orgB = (String) ((Map<String, Object>) api.json(B, HttpRequest.GET("/api/me")).get("organisation")).get("id");
        assertThat(api.status(OPERATOR, HttpRequest.POST("/api/operator/wallets/" + orgB + "/top-ups",
                Map.of("amountMinor", 100_000, "currency", "CNY", "reference", "outage-test " + UUID.randomUUID()))))
                .isEqualTo(201);
        String order = (String) api.json(B, HttpRequest.POST("/api/orders", Map.of("productId", parent.get("id"),
                "planId", "one-off", "buyerLocation", "CN-SH", "securityAgreementAccepted", false,
                "scenario", Map.of("purpose", PURPOSE, "location", "CN-SH")))
                .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
        api.json(B, HttpRequest.POST("/api/orders/" + order + "/pay", ""));
        await("the licence settles", () -> api.json(B, HttpRequest.GET("/api/orders/" + order)).get("certificateId") != null);
        String certificate = (String) api.json(B, HttpRequest.GET("/api/orders/" + order)).get("certificateId");

        // B lists a product derived under it and submits it; the review finds the parent usable.
        Map<String, Object> derived = ProductDrafts.seaTemperature("断链衍生指数 outage derived index", List.of("FILE_DOWNLOAD"),
                "x", Map.of("id", "one-off", "kind", "ONE_OFF", "priceMinor", 9_999, "currency", "CNY"));
        derived.put("contributors", List.of());
        derived.put("merchantShareBp", 9_000);
        derived.put("platformFeeBp", 1_000);
        derived.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of(PURPOSE)));
        derived.put("parentCertificates", List.of(certificate));
        String id = (String) api.json(B, HttpRequest.POST("/api/merchant/products", derived)).get("id");
        api.json(B, HttpRequest.POST("/api/merchant/products/" + id + "/versions", MultipartBody.builder()
                .addPart("version", "1").addPart("file", "d.csv", MediaType.TEXT_CSV_TYPE,
                        ProductDrafts.SEA_TEMPERATURE_CSV.getBytes()).build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
        api.json(B, HttpRequest.POST("/api/merchant/products/" + id + "/submit", Map.of("sourceLawful", true,
                "rightsHeld", true, "qualityAsDescribed", true, "statement", "衍生自已授权数据")));
        assertThat(api.json(OPERATOR, HttpRequest.GET("/api/operator/products/" + id + "/dossier")).get("approvable")).isEqualTo(true);

        // The ledger cannot take the registration: the approval is recorded, answered 503, and nothing is listed.
        faults.unavailable("registerProductVersion");
        HttpClientResponseException away = api.refusal(OPERATOR, HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(away.getStatus().getCode()).isEqualTo(503);
        assertThat(away.getResponse().header("Retry-After")).isNotBlank();
        Map<String, Object> waiting = api.json(B, HttpRequest.GET("/api/products/" + id));
        assertThat(waiting.get("status")).isEqualTo("IN_REVIEW");
        assertThat((String) waiting.get("pendingLedgerWrite")).contains("registration of version 1");
        assertThat(waiting.get("ledgerRefusal")).isNull();

        // Meanwhile the parent licence is revoked (an arbitration decision, say); the revocation reaches the ledger.
        api.json(OPERATOR, HttpRequest.POST("/api/operator/certificates/" + certificate + "/revoke",
                Map.of("reason", "仲裁裁决：许可撤销 licence revoked by arbitration")));
        await("the revocation reaches the books", () -> ((List<Map<String, Object>>) api.json(OPERATOR,
                HttpRequest.GET("/api/operator/products/" + id + "/dossier")).get("parents")).get(0).get("inForce").equals(false));

        // The ledger is back: the background round sends the registration again, checks the parents first, and stops it.
        faults.clear();
        await("the registration is sent again and ends", () ->
                api.json(B, HttpRequest.GET("/api/products/" + id)).get("pendingLedgerWrite") == null);

        // Nothing registered, nothing on sale.
        assertThatThrownBy(() -> ledger.productVersion(id, "1")).isInstanceOfSatisfying(ContractRefusedException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(api.status(null, HttpRequest.GET("/api/products/" + id))).isEqualTo(404);
        assertThat((List<Map<String, Object>>) api.json(null, HttpRequest.GET("/api/products?q="
                + java.net.URLEncoder.encode("断链衍生指数", java.nio.charset.StandardCharsets.UTF_8))).get("content"))
                .noneMatch(p -> id.equals(p.get("id")));
        assertThat(http.toBlocking().retrieve(api.as(A, HttpRequest.GET("/api/statements/royalties")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class))))
                .noneMatch(r -> id.equals(r.get("productId")));

        // The merchant sees why: still in review, the registration stopped because the parent licence was revoked.
        Map<String, Object> mine = api.json(B, HttpRequest.GET("/api/products/" + id));
        assertThat(mine.get("status")).isEqualTo("IN_REVIEW");
        // Said as fields the consoles translate: a stable code, the version, and the parent licence with its failed check.
        Map<String, Object> refusal = (Map<String, Object>) mine.get("ledgerRefusal");
        assertThat(refusal).containsEntry("code", "PARENT_LICENCE_UNUSABLE").containsEntry("version", "1")
                .containsEntry("revision", false).containsKeys("decidedAt", "refusedAt");
        assertThat((Map<String, Object>) refusal.get("parent")).containsEntry("certificateId", certificate)
                .containsEntry("productId", parent.get("id")).containsEntry("title", "断链衍生授权 outage parent")
                .containsEntry("failed", List.of("NOT_IN_FORCE"));
        assertThat((String) refusal.get("message")).contains("registration of version 1").contains("PARENT_LICENCE_UNUSABLE")
                .contains(certificate).contains("revoked or out of term");
        // So does the operator: the refused write on the product's ledger page, and the review dossier's failed check.
        List<Map<String, Object>> writes = (List<Map<String, Object>>) api.json(OPERATOR,
                HttpRequest.GET("/api/operator/products/" + id + "/ledger")).get("writes");
        assertThat(writes).singleElement().satisfies(w -> {
            assertThat(w).containsEntry("kind", "REGISTER_LISTING").containsEntry("state", "REFUSED");
            assertThat((String) w.get("lastError")).contains("PARENT_LICENCE_UNUSABLE").contains(certificate);
        });
        assertThat(http.toBlocking().retrieve(api.as(OPERATOR, HttpRequest.GET("/api/operator/reviews")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class))))
                .filteredOn(r -> id.equals(r.get("id"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("ledgerRefusal", "PARENT_LICENCE_UNUSABLE"));
        Map<String, Object> dossier = api.json(OPERATOR, HttpRequest.GET("/api/operator/products/" + id + "/dossier"));
        assertThat(dossier.get("approvable")).isEqualTo(false);
        assertThat((Map<String, Object>) api.json(OPERATOR, HttpRequest.GET("/api/products/" + id)).get("ledgerRefusal"))
                .containsEntry("code", "PARENT_LICENCE_UNUSABLE");
        // Nobody outside sees it (the product is not public; the other merchant gets no sheet at all).
        assertThat(api.status(A, HttpRequest.GET("/api/products/" + id))).isEqualTo(404);

        // Not stuck: approving again is refused with the reason, and the operator closes it with a rejection the
        // merchant reads; the merchant may then change the draft and submit it again.
        HttpClientResponseException again = api.refusal(OPERATOR, HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        assertThat(again.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(again)).containsEntry("type", "urn:dataexchange:problem:parent-licence-unusable");
        Map<String, Object> rejected = api.json(OPERATOR, HttpRequest.POST("/api/operator/products/" + id + "/reject",
                Map.of("reason", "父许可已撤销 the parent licence was revoked")));
        assertThat(rejected.get("status")).isEqualTo("REJECTED");
        Map<String, Object> seen = api.json(B, HttpRequest.GET("/api/products/" + id));
        assertThat(seen.get("status")).isEqualTo("REJECTED");
        assertThat((List<Map<String, Object>>) seen.get("transitions")).anySatisfy(t ->
                assertThat(String.valueOf(t.get("reason"))).contains("the parent licence was revoked"));
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(condition);
    }
}
