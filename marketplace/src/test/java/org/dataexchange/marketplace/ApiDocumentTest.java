package org.dataexchange.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The generated OpenAPI document and the browsable API page are served to anyone, offline. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("exchange.data-dir", Files.createTempDirectory("docs-test").toString(),
                    "exchange.jwt-secret", "test-secret-that-is-long-enough-for-hmac-sha256-signing", "micronaut.server.port", "-1");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOpenApiDocumentListsTheApiAndThePageBrowsesIt() {
        String doc = http.toBlocking().retrieve(HttpRequest.GET("/api/openapi/data-element-exchange-api-0.1.yml"));
        assertThat(doc).contains("openapi: 3").contains("/api/products:").contains("/api/products/{id}:")
                .contains("/api/merchant/products:").contains("/api/operator/products/{id}/approve:")
                .contains("/api/auth/register:");
        String page = http.toBlocking().retrieve(HttpRequest.GET("/api/docs/index.html"));
        // The page starts Swagger UI from a file: the Content-Security-Policy allows no inline script.
        assertThat(page).contains("/api/docs/swagger-init.js").doesNotContain("SwaggerUIBundle(");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/docs/swagger-init.js")))
                .contains("SwaggerUIBundle").contains("data-element-exchange-api-0.1.yml");
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/api/docs/ui/swagger-ui-bundle.js"), byte[].class)
                .getStatus().getCode()).isEqualTo(200);
    }
}
