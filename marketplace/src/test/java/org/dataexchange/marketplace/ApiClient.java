package org.dataexchange.marketplace;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;

/** Test helper around the real HTTP client: logins, JSON maps, refusals as exceptions to inspect. */
public final class ApiClient {

    private final HttpClient http;
    private final Map<String, String> tokens = new HashMap<>();

    public ApiClient(HttpClient http) {
        this.http = http;
    }

    public String token(String username) {
        return tokens.computeIfAbsent(username, u -> (String) http.toBlocking().retrieve(HttpRequest.POST("/api/auth/login",
                Map.of("username", u, "password", "demo")), Map.class).get("access_token"));
    }

    public <T> MutableHttpRequest<T> as(String username, MutableHttpRequest<T> request) {
        return username == null ? request : request.bearerAuth(token(username));
    }

    public Map<String, Object> json(String username, MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(as(username, request), Argument.mapOf(String.class, Object.class));
    }

    public int status(String username, MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(as(username, request), String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    public HttpClientResponseException refusal(String username, MutableHttpRequest<?> request) {
        try {
            http.toBlocking().exchange(as(username, request), String.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected a refusal of " + request.getMethod() + " " + request.getPath());
    }

    /**
     * Properties of a test service: its own data directory (and its own PostgreSQL database when {@link PostgresServer#switchedOn()}),
     * demo data, fast password hashing, a fixed token key, a free port. With demo data on H2 the data directory starts as a
     * copy of the JVM's seeded {@link DemoTemplate} (unless {@code exchange.demo-template} is {@code false}).
     */
    public static Map<String, String> testProperties(String name, String... extraKeyValues) {
        try {
            String dataDir = java.nio.file.Files.createTempDirectory(name).toString();
            Map<String, String> p = new HashMap<>(serviceProperties(dataDir));
            for (int i = 0; i + 1 < extraKeyValues.length; i += 2) {
                p.put(extraKeyValues[i], extraKeyValues[i + 1]);
            }
            boolean fromTemplate = !"false".equals(p.remove(DemoTemplate.SWITCH))
                    && !"false".equals(System.getProperty(DemoTemplate.SWITCH));
            if (fromTemplate && "true".equals(p.get("exchange.demo")) && dataDir.equals(p.get("exchange.data-dir"))
                    && !p.containsKey("exchange.ledger.connection-profile") && !p.containsKey("datasources.default.url")) {
                DemoTemplate.copyInto(java.nio.file.Path.of(dataDir));
            }
            if (PostgresServer.switchedOn()) {
                Map<String, String> db = PostgresServer.datasource(dataDir);
                db.forEach(p::putIfAbsent);
            }
            return p;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What every test service has, and the demo template was seeded with. */
    static Map<String, String> serviceProperties(String dataDir) {
        return Map.of("exchange.data-dir", dataDir,
                "exchange.demo", "true", "exchange.password-cost", "4",
                "exchange.jwt-secret", "test-secret-that-is-long-enough-for-hmac-sha256-signing",
                "micronaut.server.port", "-1"); // a free port: 8080 may be taken by a running exchange
    }

    /** The sheet of the listed demo product whose title starts with {@code titlePrefix}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> listed(String titlePrefix) {
        Map<String, Object> page = json(null, HttpRequest.GET("/api/products?size=100"));
        String id = ((java.util.List<Map<String, Object>>) page.get("content")).stream()
                .filter(p -> ((String) p.get("title")).startsWith(titlePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no demo product " + titlePrefix)).get("id").toString();
        return json(null, HttpRequest.GET("/api/products/" + id));
    }

    /**
     * demo-merchant drafts the product, uploads {@code csv} as version 1, submits it with the declaration, and
     * demo-operator approves it; its public sheet, listed.
     */
    public Map<String, Object> listNew(Map<String, Object> draft, String fileName, String csv) {
        String id = (String) json("demo-merchant", HttpRequest.POST("/api/merchant/products", draft)).get("id");
        json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/versions",
                io.micronaut.http.client.multipart.MultipartBody.builder().addPart("version", "1").addPart("file", fileName,
                        io.micronaut.http.MediaType.TEXT_CSV_TYPE, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build())
                .contentType(io.micronaut.http.MediaType.MULTIPART_FORM_DATA_TYPE));
        json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", Map.of("sourceLawful", true,
                "rightsHeld", true, "qualityAsDescribed", true, "statement", "如实声明")));
        json("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
        Map<String, Object> sheet = json(null, HttpRequest.GET("/api/products/" + id));
        if (!"LISTED".equals(sheet.get("status"))) {
            throw new AssertionError("product " + id + " is " + sheet.get("status") + " after its approval");
        }
        return sheet;
    }

    /** The answer read as the service's own type (a record it serialises), where a test reads it field by field. */
    public <T> T read(String username, MutableHttpRequest<?> request, Class<T> type) {
        return http.toBlocking().retrieve(as(username, request), type);
    }

    /** demo-buyer orders the product under {@code plan} for {@code purpose} in CN-SH, pays, and waits for the certificate. */
    public String buySettled(Map<String, Object> product, String plan, String purpose) throws InterruptedException {
        return buySettledAs("demo-buyer", product, plan, purpose);
    }

    /** {@code holder} (a buyer, or a merchant licensing another's data) orders, pays, and waits for the certificate. */
    public String buySettledAs(String holder, Map<String, Object> product, String plan, String purpose) {
        Map<String, Object> body = Map.of("productId", product.get("id"), "planId", plan, "buyerLocation", "CN-SH",
                "securityAgreementAccepted", false, "scenario", Map.of("purpose", purpose, "location", "CN-SH"));
        String id = (String) json(holder, HttpRequest.POST("/api/orders", body)
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())).get("id");
        json(holder, HttpRequest.POST("/api/orders/" + id + "/pay", ""));
        Awaitility.await("order " + id + " settles with its certificate").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> json(holder, HttpRequest.GET("/api/orders/" + id)).get("certificateId") != null);
        return id;
    }

    public static Map<String, Object> problem(HttpClientResponseException e) {
        return e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
    }
}
