package org.dataexchange.marketplace.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.Money;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, defects 7 to 9: what used to answer 500 (or was accepted) at the edges is refused clearly, as
 * problem+json with its stable type, and changes nothing; sign-in, certificates and the API document.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalsTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    ApiClient api;
    String buyerOrg;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("refusals");
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    void setUp() {
        api = new ApiClient(http);
        buyerOrg = (String) ((Map<String, Object>) api.json("demo-buyer", HttpRequest.GET("/api/me")).get("organisation")).get("id");
    }

    private Map<String, Object> refused(String user, MutableHttpRequest<?> request, int status, String type) {
        HttpClientResponseException e = api.refusal(user, request);
        assertThat(e.getStatus().getCode()).as("%s %s", request.getMethod(), request.getPath()).isEqualTo(status);
        assertThat(e.getResponse().getContentType().orElseThrow().toString()).startsWith("application/problem+json");
        Map<String, Object> problem = ApiClient.problem(e);
        assertThat(problem.get("type")).isEqualTo("urn:dataexchange:problem:" + type);
        return problem;
    }

    private List<Object> buyerBalances() {
        return http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/wallet")), Argument.listOf(Object.class));
    }

    private MutableHttpRequest<?> topUp(Object amount, String reference) {
        Map<String, Object> body = new HashMap<>(Map.of("amountMinor", amount, "currency", "CNY", "reference", reference));
        return HttpRequest.POST("/api/operator/wallets/" + buyerOrg + "/top-ups", body);
    }

    static Map<String, Object> draft() {
        return RefusalsTestDrafts.draft();
    }

    private int merchantProducts() {
        return http.toBlocking().retrieve(api.as("demo-merchant", HttpRequest.GET("/api/merchant/products")),
                Argument.listOf(Object.class)).size();
    }

    @Test
    void oversizedBodiesAndFieldsAreRefusedNotStored() {
        int before = merchantProducts();
        Map<String, Object> huge = draft();
        huge.put("sampleRows", List.of(Map.of("sst", "x".repeat(1 << 20))));
        refused("demo-merchant", HttpRequest.POST("/api/merchant/products", huge), 413, "request-too-large");
        List<Object> balances = buyerBalances();
        refused("demo-operator", topUp(100, "r".repeat(1 << 20)), 413, "request-too-large");
        assertThat(refused("demo-operator", topUp(100, "r".repeat(201)), 400, "invalid-input").get("field")).isEqualTo("reference");
        assertThat(buyerBalances()).isEqualTo(balances);
        assertThat(merchantProducts()).isEqualTo(before);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/merchant/products", draft()))).isEqualTo(201);
    }

    @Test
    void balancesCannotOverflow() {
        List<Object> balances = buyerBalances();
        refused("demo-operator", topUp(Long.MAX_VALUE, "max"), 400, "invalid-input");
        refused("demo-operator", topUp(Money.MAX_MINOR + 1, "above the limit"), 400, "invalid-input");
        assertThat(buyerBalances()).isEqualTo(balances);
        // up to the limit, then a wallet that would pass it is refused whole (409), not wrapped around
        assertThat(api.status("demo-operator", topUp(Money.MAX_MINOR - 2_000_000_000_000L, "large"))).isEqualTo(201);
        List<Object> large = buyerBalances();
        assertThat(refused("demo-operator", topUp(Money.MAX_MINOR, "past the limit"), 409, "conflict").get("title"))
                .isEqualTo("Balance limit");
        assertThat(buyerBalances()).isEqualTo(large);
    }

    @Test
    void meteredChargesSaturateInsteadOfOverflowing() {
        assertThat(Money.timesAtMost(3, Money.MAX_MINOR)).isEqualTo(Money.MAX_MINOR);
        assertThat(Money.timesAtMost(Long.MAX_VALUE, 2)).isEqualTo(Money.MAX_MINOR);
        assertThat(Money.timesAtMost(1_000, 25)).isEqualTo(25_000);
        Map<String, Object> d = draft();
        d.put("deliveryModes", List.of("METERED_API"));
        d.put("pricingPlans", List.of(Map.of("id", "per-call", "kind", "METERED", "currency", "CNY", "unitPriceMinor",
                Long.MAX_VALUE / 2)));
        assertThat(refused("demo-merchant", HttpRequest.POST("/api/merchant/products", d), 400, "invalid-input").get("field"))
                .asString().contains("unitPriceMinor");
    }

    @Test
    void ledgerTimeRangesAreCheckedAndTheLedgersRefusalsMapped() {
        for (String path : List.of("/api/regulator/trades", "/api/regulator/statistics")) {
            assertThat(refused("demo-regulator", HttpRequest.GET(path + "?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z"),
                    400, "invalid-input").get("field")).isEqualTo("to");
            refused("demo-regulator", HttpRequest.GET(path + "?from=yesterday"), 400, "invalid-input");
        }
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/trades?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z")))
                .isEqualTo(200);
        refused("demo-regulator", HttpRequest.GET("/api/regulator/certificates/CERT-nothing"), 404, "not-found");
    }

    @Test
    void revokingAnUnknownOrRevokedCertificate() throws Exception {
        refused("demo-operator", HttpRequest.POST("/api/operator/certificates/CERT-unknown/revoke", Map.of("reason", "test")),
                404, "not-found");
        String certificate = "CERT-" + api.buySettled(api.listed("东海浮标海洋观测"), "one-off", "海洋科研 ocean research");
        api.json("demo-operator", HttpRequest.POST("/api/operator/certificates/" + certificate + "/revoke", Map.of("reason", "仲裁 A")));
        Map<String, Object> again = refused("demo-operator", HttpRequest.POST("/api/operator/certificates/" + certificate
                + "/revoke", Map.of("reason", "仲裁 B")), 409, "ledger-refused");
        assertThat(again.get("code")).isEqualTo("ID_CONFLICT");
        // the anonymous check says it is revoked and when, not who decided or why
        Map<String, Object> check = api.json(null, HttpRequest.GET("/api/certificates/" + certificate + "/verify"));
        assertThat(check.get("revoked")).isEqualTo(true);
        assertThat(check).containsKey("revokedAt").doesNotContainKey("revocation");
        assertThat(check.toString()).doesNotContain("demo-operator").doesNotContain("仲裁");
    }

    @Test
    void concurrentSignUpsWithOneUsernameCreateOneAccount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> signUps = new ArrayList<>();
            String[] codes = {"91310000MA1FL0RX7B", "91110108MA01KL5X2E", "91440300MA5F0G1W4R", "91330100MA2H1J4Q9Y",
                    "91320500MA1N0P2R3T", "91510100MA61Q0W8XE"};
            for (int i = 0; i < 6; i++) {
                Map<String, Object> body = Map.of("username", "same-name", "password", "long enough password", "role", "BUYER",
                        "organisation", Map.of("name", "并发公司 " + i, "creditCode", valid(codes[i])));
                signUps.add(() -> {
                    try {
                        return http.toBlocking().exchange(HttpRequest.POST("/api/auth/register", body), String.class).code();
                    } catch (HttpClientResponseException e) {
                        assertThat(e.getResponse().getContentType().orElseThrow().toString()).startsWith("application/problem+json");
                        assertThat(ApiClient.problem(e).get("title")).isEqualTo("Username taken");
                        return e.getStatus().getCode();
                    }
                });
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(signUps)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The 17 characters of {@code code} with its right check character (GB 32100-2015). */
    private static String valid(String code) {
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += chars.indexOf(code.charAt(i)) * weights[i];
        }
        return code.substring(0, 17) + chars.charAt((31 - sum % 31) % 31);
    }

    @Test
    void contributorsAndCollectionPeriodsAreChecked() {
        int before = merchantProducts();
        Map<String, Object> twice = draft();
        twice.put("merchantShareBp", 7500);
        twice.put("contributors", List.of(Map.of("name", "A", "partyId", "p-1", "shareBp", 1000),
                Map.of("name", "A again", "partyId", "p-1", "shareBp", 1000)));
        assertThat(refused("demo-merchant", HttpRequest.POST("/api/merchant/products", twice), 400, "invalid-input")
                .get("field")).isEqualTo("contributors[1].partyId");
        Map<String, Object> backwards = draft();
        backwards.put("provenance", Map.of("sources", List.of("s"), "collectedFrom", "2024-01-01", "collectedTo", "2023-01-01",
                "volumeRecords", 10, "updateFrequency", "daily"));
        assertThat(refused("demo-merchant", HttpRequest.POST("/api/merchant/products", backwards), 400, "invalid-input")
                .get("field")).isEqualTo("provenance.collectedTo");
        Map<String, Object> price = draft();
        price.put("pricingPlans", List.of(Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 1.5)));
        assertThat(refused("demo-merchant", HttpRequest.POST("/api/merchant/products", price), 400, "invalid-input")
                .get("detail")).asString().startsWith("expected an integer, got the fraction 1.5 (line 1, column");
        Map<String, Object> level = draft();
        level.put("classificationLevel", "SECRET");
        refused("demo-merchant", HttpRequest.POST("/api/merchant/products", level), 400, "invalid-input");
        assertThat(merchantProducts()).isEqualTo(before);
    }

    @Test
    void onlyBearerTokensSignInToTheApi() {
        String basic = java.util.Base64.getEncoder().encodeToString("demo-buyer:demo".getBytes());
        refused(null, HttpRequest.GET("/api/me").header("Authorization", "Basic " + basic), 401, "unauthenticated");
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/me"))).isEqualTo(200);
        String doc = http.toBlocking().retrieve(HttpRequest.GET("/api/openapi/data-element-exchange-api-0.1.yml"));
        assertThat(doc).contains("/api/auth/login:").contains("bearerFormat: JWT").contains("- bearer: []");
    }

    @Test
    void failedSignInsLockTheAccountEvenForTheRightPassword() {
        assertThat(api.status("demo-operator", topUp(1, "warm-up"))).isEqualTo(201); // tokens are kept; other accounts unaffected
        MutableHttpRequest<?> wrong = HttpRequest.POST("/api/auth/login", Map.of("username", "demo-merchant-ocean", "password", "nope"));
        for (int i = 0; i < 4; i++) {
            assertThat(api.status(null, wrong)).isEqualTo(401);
        }
        assertThat(api.status(null, HttpRequest.POST("/api/auth/login", Map.of("username", "demo-merchant-ocean",
                "password", "demo")))).as("a success before the limit clears the count").isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(api.status(null, wrong)).isEqualTo(401);
        }
        HttpClientResponseException locked = api.refusal(null, HttpRequest.POST("/api/auth/login",
                Map.of("username", "demo-merchant-ocean", "password", "demo")));
        assertThat(locked.getStatus().getCode()).isEqualTo(429);
        assertThat(locked.getResponse().getHeaders().get("Retry-After")).isNotNull();
        assertThat(ApiClient.problem(locked).get("type")).isEqualTo("urn:dataexchange:problem:too-many-attempts");
        // other accounts from this address still sign in (the address limit is higher)
        assertThat(api.status(null, HttpRequest.POST("/api/auth/login", Map.of("username", "demo-merchant-insight",
                "password", "demo")))).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBuyerFetchesItsCertificateAndAnyoneVerifiesTheDocument() throws Exception {
        String orderId = api.buySettled(api.listed("东海浮标海洋观测"), "one-off", "海洋科研 ocean research");
        String id = "CERT-" + orderId;
        Map<String, Object> document = api.json("demo-buyer", HttpRequest.GET("/api/certificates/" + id));
        assertThat(document.get("certificateId")).isEqualTo(id);
        assertThat(document.get("tradeId")).isEqualTo(orderId);
        assertThat(api.status("demo-merchant-insight", HttpRequest.GET("/api/certificates/" + id))).isEqualTo(404);
        assertThat(api.status(null, HttpRequest.GET("/api/certificates/" + id))).isEqualTo(401);
        Map<String, Object> check = api.json(null, HttpRequest.POST("/api/certificates/verify", document));
        assertThat(check.get("valid")).isEqualTo(true);
        Map<String, Object> altered = new HashMap<>(document);
        altered.put("validUntil", "2099-01-01T00:00:00Z");
        Map<String, Object> forged = api.json(null, HttpRequest.POST("/api/certificates/verify", altered));
        assertThat(forged.get("valid")).isEqualTo(false);
        assertThat((List<String>) forged.get("mismatchedFields")).contains("validUntil");
        Map<String, Object> unknown = new HashMap<>(document);
        unknown.put("certificateId", "CERT-none");
        assertThat(api.json(null, HttpRequest.POST("/api/certificates/verify", unknown)).get("onLedger")).isEqualTo(false);
    }
}
