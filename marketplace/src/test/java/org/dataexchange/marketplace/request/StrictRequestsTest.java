package org.dataexchange.marketplace.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Issue 12, defect 8: requests are read strictly, for every field of every body, and validated. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictRequestsTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    ApiClient api;
    String buyerOrg;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("strict-requests");
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    void setUp() {
        api = new ApiClient(http);
        buyerOrg = (String) ((Map<String, Object>) api.json("demo-buyer", HttpRequest.GET("/api/me")).get("organisation")).get("id");
    }

    private List<Object> balances() {
        return List.copyOf(http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/wallet")), io.micronaut.core.type.Argument.listOf(Object.class)));
    }

    private Map<String, Object> refusedTopUp(Object amount, Object reference) {
        Map<String, Object> body = new HashMap<>();
        body.put("amountMinor", amount);
        body.put("currency", "CNY");
        body.put("reference", reference);
        HttpClientResponseException e = api.refusal("demo-operator",
                HttpRequest.POST("/api/operator/wallets/" + buyerOrg + "/top-ups", body));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getContentType().orElseThrow().toString()).startsWith("application/problem+json");
        return ApiClient.problem(e);
    }

    @Test
    void moneyIsAWholeJsonNumberNeverAFractionOrAString() {
        List<Object> before = balances();
        assertThat(refusedTopUp(100.5, "fraction").get("type")).isEqualTo("urn:dataexchange:problem:invalid-input");
        assertThat(refusedTopUp("100", "string").get("detail").toString()).contains("expected an integer");
        assertThat(refusedTopUp(new java.math.BigInteger("9223372036854775808"), "beyond long")).containsKey("detail");
        assertThat(refusedTopUp(100, List.of("an array")).get("detail").toString()).contains("expected a string");
        assertThat(balances()).isEqualTo(before);
        // the well-formed one is accepted
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + buyerOrg + "/top-ups",
                Map.of("amountMinor", 100, "currency", "CNY", "reference", "ok")))).isEqualTo(201);
    }

    @Test
    void unknownPropertiesAreRefused() {
        HttpClientResponseException e = api.refusal("demo-operator", HttpRequest.POST("/api/operator/wallets/" + buyerOrg
                + "/top-ups", Map.of("amountMinor", 100, "currency", "CNY", "reference", "x", "amountMajor", 1)));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(e).get("detail").toString()).contains("amountMajor");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ordersReadIdsAsStringsAndFlagsAsBooleans() {
        Map<String, Object> product = api.listed("东海浮标海洋观测");
        String plan = (String) ((List<Map<String, Object>>) product.get("pricingPlans")).get(0).get("id");
        Map<String, Object> good = new HashMap<>(Map.of("productId", product.get("id"), "planId", plan, "buyerLocation", "CN-SH",
                "securityAgreementAccepted", false, "scenario", Map.of("purpose", "海洋科研 ocean research", "location", "CN-SH")));
        for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(Map.entry("productId", List.of(product.get("id"))),
                Map.entry("securityAgreementAccepted", "yes"), Map.entry("securityAgreementAccepted", 1),
                Map.entry("planId", 7))) {
            Map<String, Object> body = new HashMap<>(good);
            body.put(bad.getKey(), bad.getValue());
            HttpClientResponseException e = api.refusal("demo-buyer", HttpRequest.POST("/api/orders", body)
                    .header("Idempotency-Key", java.util.UUID.randomUUID().toString()));
            assertThat(e.getStatus().getCode()).as("%s", bad).isEqualTo(400);
        }
        assertThat(http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/orders")), io.micronaut.core.type.Argument.listOf(Object.class))).isEmpty();
    }
}
