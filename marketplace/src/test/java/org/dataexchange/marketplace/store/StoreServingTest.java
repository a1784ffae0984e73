package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The marketplace serves the web store at / with client routes falling back to index.html, and /api untouched. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreServingTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("store-serving", "micronaut.server.port", "-1");
    }

    private HttpResponse<String> get(String path, String accept) {
        try {
            return http.toBlocking().exchange(HttpRequest.GET(path).accept(accept), String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) e.getResponse();
            return r;
        }
    }

    @Test
    void theStoreIsServedAtTheRootAndItsClientRoutesFallBackToIndexHtml() {
        HttpResponse<String> root = get("/", "text/html");
        assertThat(root.code()).isEqualTo(200);
        String page = root.getBody(String.class).orElseThrow();
        assertThat(page).contains("<div id=\"root\">").contains("/assets/index-");
        // No inline script: every <script> names a file.
        assertThat(page.replaceAll("(?s)<script[^>]*src=[^>]*></script>", "")).doesNotContain("<script");

        for (String clientRoute : new String[] {"/products/some-id", "/orders/123", "/verify/CERT-1", "/no/such/page"}) {
            HttpResponse<String> r = get(clientRoute, "text/html,application/xhtml+xml");
            assertThat(r.code()).as(clientRoute).isEqualTo(200);
            assertThat(r.getBody(String.class).orElseThrow()).as(clientRoute).isEqualTo(page);
        }
        String asset = page.replaceAll("(?s).*src=\"(/assets/index-[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> js = get(asset, "*/*");
        assertThat(js.code()).isEqualTo(200);
        assertThat(js.getContentType().map(MediaType::getName).orElse("")).contains("javascript");
    }

    @Test
    void apiPathsAndMissingAssetsAreNeverAnsweredWithThePage() {
        HttpResponse<String> api = get("/api/no-such-thing", "text/html");
        assertThat(api.code()).isEqualTo(404);
        assertThat(api.getBody(String.class).orElse("")).doesNotContain("<div id=\"root\">");
        assertThat(get("/api/no-such-thing", "application/json").getContentType().map(MediaType::getName).orElse(""))
                .isEqualTo("application/problem+json");
        assertThat(get("/assets/missing.js", "*/*").code()).isEqualTo(404);
        // The API answers as before.
        assertThat(get("/api/products?q=%E6%B0%94%E8%B1%A1", "application/json").getBody(String.class).orElseThrow()).contains("\"totalSize\"");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (var r : new HttpResponse<?>[] {get("/", "text/html"), get("/orders/1", "text/html"),
                get("/api/products", "application/json"), get("/api/orders", "application/json"),
                get("/api/no-such-thing", "application/json"), get("/api/docs/index.html", "text/html")}) {
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as("CSP").contains("script-src 'self'").contains("default-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
            assertThat(csp.replaceAll("style-src [^;]*", "")).doesNotContain("unsafe-inline").doesNotContain("http");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void theDataSecurityAgreementIsPublishedWithTheHashOrdersRecord() {
        @SuppressWarnings("unchecked")
        Map<String, Object> agreement = http.toBlocking().retrieve(HttpRequest.GET("/api/agreements/data-security"), Map.class);
        assertThat((String) agreement.get("text")).contains("数据安全协议");
        assertThat((String) agreement.get("sha256")).matches("[0-9a-f]{64}");

        ApiClient api = new ApiClient(http);
        String productId = firstProduct(api, "电价");
        Map<String, Object> order = api.json("demo-buyer", HttpRequest.POST("/api/orders", Map.of(
                "productId", productId, "planId", planOf(api, productId),
                "scenario", Map.of("purpose", purposeOf(api, productId), "location", "CN-SH"),
                "buyerLocation", "CN-SH", "securityAgreementAccepted", true)).header("Idempotency-Key", "agreement-hash-1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> gates = (Map<String, Object>) ((Map<String, Object>) order.get("details")).get("gates");
        assertThat(gates.get("securityAgreementHash")).isEqualTo(agreement.get("sha256"));
    }

    @SuppressWarnings("unchecked")
    static String firstProduct(ApiClient api, String q) {
        var page = api.json(null, HttpRequest.GET("/api/products?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)));
        return (String) ((java.util.List<Map<String, Object>>) page.get("content")).get(0).get("id");
    }

    @SuppressWarnings("unchecked")
    static String planOf(ApiClient api, String productId) {
        var sheet = api.json(null, HttpRequest.GET("/api/products/" + productId));
        return (String) ((java.util.List<Map<String, Object>>) sheet.get("pricingPlans")).get(0).get("id");
    }

    @SuppressWarnings("unchecked")
    static String purposeOf(ApiClient api, String productId) {
        var sheet = api.json(null, HttpRequest.GET("/api/products/" + productId));
        var terms = (Map<String, Object>) ((Map<String, Object>) sheet.get("licence")).get("terms");
        return ((java.util.List<String>) terms.get("purposes")).get(0);
    }
}
