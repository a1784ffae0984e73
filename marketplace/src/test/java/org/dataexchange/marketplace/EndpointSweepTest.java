package org.dataexchange.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of the service's own OpenAPI document (read from the running service), swept two ways:
 * <ul>
 *   <li>bad input generated from its schema (wrong types, fractions for integers, huge strings and numbers, unknown
 *       enum values, missing fields, unknown fields, injection strings) in the body and in query and path parameters,
 *       sent with a role that may call it: never a 5xx, every 4xx is problem+json, and a refused request changes no
 *       table (row counts and last-update times of every table but the audit trail and sign-in counts);</li>
 *   <li>every role and anonymous against the table {@link #ROLES} of expected answers; an operation missing from the
 *       table fails the test, so each new endpoint gets a row.</li>
 * </ul>
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointSweepTest implements TestPropertyProvider {

    /** Callers in the order of the table's columns. */
    private static final String[] CALLERS = {"demo-buyer", "demo-merchant", "demo-operator", "demo-regulator", null};

    /**
     * Expected answer per caller: BUYER, MERCHANT, OPERATOR, REGULATOR, anonymous. {@code y} passes the door (any
     * answer but 401, 403 and 5xx), {@code u} 401, {@code f} 403, {@code n} 404 (not the caller's), {@code *} any answer
     * but a 5xx (the endpoint authorises by its own key or signed link). Fixtures: the order and certificate are
     * demo-buyer's, bought from demo-merchant-ocean; the product is a draft of demo-merchant.
     */
    private static final Map<String, String> ROLES = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/auth/login", "yyyyy"),
            Map.entry("POST /api/auth/register", "yyyyy"),
            Map.entry("GET /api/me", "yyyyu"),
            Map.entry("GET /api/wallet", "yyyyu"),
            Map.entry("POST /api/certificates/verify", "yyyyy"),
            Map.entry("GET /api/certificates/{id}", "ynyyu"),
            Map.entry("GET /api/certificates/{id}/verify", "yyyyy"),
            Map.entry("GET /api/agreements/data-security", "yyyyy"),
            Map.entry("GET /api/data/records", "*****"),
            Map.entry("GET /api/downloads/{id}", "*****"),
            Map.entry("GET /api/products", "yyyyy"),
            Map.entry("GET /api/products/{id}", "nyyyn"),
            Map.entry("GET /api/merchant/products", "fyffu"),
            Map.entry("GET /api/merchant/products/parent-licences", "fyffu"),
            Map.entry("GET /api/statements/royalties", "fyffu"),
            Map.entry("GET /api/merchant/orders", "fyffu"),
            Map.entry("GET /api/merchant/orders/export", "fyffu"),
            Map.entry("GET /api/merchant/revenue/export", "fyffu"),
            Map.entry("GET /api/merchant/dashboard", "fyffu"),
            Map.entry("POST /api/merchant/products", "fyffu"),
            Map.entry("PUT /api/merchant/products/{id}", "fyffu"),
            Map.entry("POST /api/merchant/products/{id}/delist", "fyffu"),
            Map.entry("POST /api/merchant/products/{id}/submit", "fyffu"),
            Map.entry("POST /api/merchant/products/{id}/versions", "fyffu"),
            Map.entry("GET /api/merchant/products/{id}/revision", "fyffu"),
            Map.entry("POST /api/merchant/products/{id}/revision/withdraw", "fyffu"),
            Map.entry("GET /api/operator/products/{id}/revision", "ffyfu"),
            Map.entry("GET /api/operator/reviews", "ffyfu"),
            Map.entry("GET /api/operator/products", "ffyfu"),
            Map.entry("GET /api/operator/products/{id}/dossier", "ffyfu"),
            Map.entry("GET /api/operator/products/{id}/ledger", "ffyfu"),
            Map.entry("GET /api/operator/organisations", "ffyfu"),
            Map.entry("GET /api/operator/wallets/{organisationId}", "ffyfu"),
            Map.entry("GET /api/operator/actions", "ffyfu"),
            Map.entry("POST /api/operator/products/{id}/approve", "ffyfu"),
            Map.entry("POST /api/operator/products/{id}/reject", "ffyfu"),
            Map.entry("POST /api/operator/products/{id}/suspend", "ffyfu"),
            Map.entry("POST /api/operator/products/{id}/reinstate", "ffyfu"),
            Map.entry("POST /api/operator/products/{id}/delist", "ffyfu"),
            Map.entry("POST /api/operator/certificates/{id}/revoke", "ffyfu"),
            Map.entry("GET /api/operator/complaints", "ffyfu"),
            Map.entry("GET /api/operator/refunds", "ffyfu"),
            Map.entry("GET /api/regulator/refunds", "fffyu"),
            Map.entry("GET /api/regulator/disputes", "fffyu"),
            Map.entry("POST /api/operator/complaints/{id}/decide", "ffyfu"),
            Map.entry("POST /api/operator/wallets/{organisationId}/top-ups", "ffyfu"),
            // merchants buy licences too (to derive products); the fixture order is demo-buyer's
            Map.entry("GET /api/orders", "yyffu"),
            Map.entry("POST /api/orders", "yyffu"),
            Map.entry("GET /api/orders/{id}", "ynyyu"),
            Map.entry("POST /api/orders/{id}/pay", "ynffu"),
            Map.entry("POST /api/orders/{id}/cancel", "ynffu"),
            // the fixture is a file product: the buyer passes the door and is refused the delivery mode (403); delivery is
            // for the licence holder's account, BUYER or MERCHANT: demo-merchant holds no licence of the fixture (404)
            Map.entry("POST /api/orders/{id}/api-keys", "*nffu"),
            Map.entry("POST /api/orders/{id}/download-link", "ynffu"),
            // the body is validated before the order's parties are checked, so the role test sees the merchant pass
            Map.entry("POST /api/orders/{id}/complaints", "yyffu"),
            Map.entry("GET /api/orders/{id}/deliveries", "ynyyu"),
            Map.entry("GET /api/orders/{id}/usage", "ynyyu"),
            // the fixture is a file product: the buyer passes the door and is refused the sandbox's delivery mode (403)
            Map.entry("GET /api/orders/{id}/sandbox", "*nffu"),
            Map.entry("POST /api/orders/{id}/sandbox/queries", "*nffu"),
            Map.entry("GET /api/orders/{id}/sandbox/queries", "ynyyu"),
            Map.entry("GET /api/merchant/products/{id}/sandbox-k", "fyffu"),
            Map.entry("PUT /api/merchant/products/{id}/sandbox-k", "fyffu"),
            Map.entry("GET /api/orders/{id}/volume", "ynyyu"),
            Map.entry("GET /api/statements/purchases", "yyffu"),
            Map.entry("GET /api/orders/{id}/bills", "ynyyu"),
            Map.entry("GET /api/statements/bills", "yyffu"),
            Map.entry("GET /api/subscriptions", "yyffu"),
            Map.entry("GET /api/subscriptions/{id}", "ynyyu"),
            // the licence holder chooses, BUYER or MERCHANT; the body is validated before the holder is checked, so the
            // role test sees the merchant pass the door (LicenceHolderDeliveryApiTest: another org's merchant gets 404)
            Map.entry("PUT /api/subscriptions/{id}/auto-renew", "yyffu"),
            Map.entry("GET /api/statements/revenue", "fyffu"),
            Map.entry("POST /api/regulator/orders/{id}/approve", "fffyu"),
            Map.entry("POST /api/regulator/orders/{id}/refuse", "fffyu"),
            Map.entry("GET /api/regulator/trades", "fffyu"),
            Map.entry("GET /api/regulator/statistics", "fffyu"),
            Map.entry("GET /api/regulator/flags", "fffyu"),
            Map.entry("GET /api/regulator/reconciliation", "fffyu"),
            Map.entry("GET /api/regulator/certificates/{id}", "fffyu"),
            Map.entry("GET /api/regulator/blocks", "fffyu"),
            Map.entry("GET /api/regulator/blocks/{number}", "fffyu"),
            Map.entry("GET /api/regulator/transactions/{txId}", "fffyu"),
            Map.entry("GET /api/regulator/chain/verify", "fffyu"),
            Map.entry("GET /api/regulator/audit", "fffyu"),
            Map.entry("GET /api/regulator/audit/verify", "fffyu"),
            Map.entry("GET /api/regulator/orders", "fffyu"),
            Map.entry("GET /api/regulator/parties", "fffyu"),
            Map.entry("GET /api/regulator/chain/blocks", "fffyu"),
            // matching (issue 17): needs and answers; the fixtures name no need or answer, so allowed callers see 404
            Map.entry("POST /api/needs", "yfffu"),
            Map.entry("GET /api/needs", "yfffu"),
            Map.entry("GET /api/needs/{id}", "yyyfu"),
            Map.entry("GET /api/needs/{id}/answers", "yfyfu"),
            Map.entry("POST /api/needs/{id}/withdraw", "yfffu"),
            Map.entry("POST /api/needs/{id}/answers/{answerId}/accept", "yfffu"),
            Map.entry("GET /api/merchant/needs", "fyffu"),
            Map.entry("POST /api/merchant/needs/{id}/answers", "fyffu"),
            Map.entry("GET /api/merchant/answers", "fyffu"),
            Map.entry("GET /api/operator/needs", "ffyfu"),
            // ratings: the fixture order is settled, not delivered (the buyer is refused with 409); the product a draft
            // as auto-renew: the holder rates, BUYER or MERCHANT; the body is validated first (RatingApiTest: 404 to others)
            Map.entry("POST /api/orders/{id}/rating", "yyffu"),
            Map.entry("GET /api/products/{id}/ratings", "nyyyn"),
            Map.entry("POST /api/ratings/{id}/report", "yyffu"),
            Map.entry("GET /api/merchant/ratings", "fyffu"),
            Map.entry("POST /api/merchant/ratings/{id}/reply", "fyffu"),
            Map.entry("GET /api/operator/ratings", "ffyfu"),
            Map.entry("POST /api/operator/ratings/{id}/keep", "ffyfu"),
            Map.entry("POST /api/operator/ratings/{id}/hide", "ffyfu"),
            // the valuation aid: whoever may see the product's sheet
            Map.entry("GET /api/products/{id}/valuation", "nyyyn"),
            // market conduct and data assets (issue 18)

            Map.entry("GET /api/price-statistics", "yyyyy"),
            Map.entry("GET /api/regulator/price-statistics", "fffyu"),
            Map.entry("GET /api/regulator/conduct-flags", "fffyu"),
            Map.entry("GET /api/regulator/reports", "fffyu"),
            Map.entry("POST /api/regulator/reports", "fffyu"),
            Map.entry("GET /api/regulator/reports/{id}/pdf", "fffyu"),
            Map.entry("GET /api/regulator/reports/{id}/csv", "fffyu"),
            Map.entry("GET /api/data-assets", "yyffu"),
            Map.entry("GET /api/data-assets/export", "yyffu"),
            // off-venue deals (issue 18): the parties register and confirm, the operator verifies, the regulator reads
            // the ledger; the fixtures name no deal, so allowed callers of a deal's id see 404
            Map.entry("POST /api/off-venue-deals", "yyffu"),
            Map.entry("GET /api/off-venue-deals", "yyffu"),
            Map.entry("GET /api/off-venue-deals/{id}", "yyffu"),
            Map.entry("POST /api/off-venue-deals/{id}/confirm", "yyffu"),
            Map.entry("POST /api/off-venue-deals/{id}/decline", "yyffu"),
            Map.entry("GET /api/operator/off-venue-deals", "ffyfu"),
            Map.entry("GET /api/operator/off-venue-deals/{id}", "ffyfu"),
            Map.entry("POST /api/operator/off-venue-deals/{id}/verify", "ffyfu"),
            Map.entry("POST /api/operator/off-venue-deals/{id}/reject", "ffyfu"),
            Map.entry("GET /api/regulator/off-venue-deals", "fffyu"),
            // merchants and supervision (issue 18): onboarding, supervision actions, credit records
            Map.entry("GET /api/credit/rules", "yyyyu"),
            Map.entry("GET /api/credit", "yyffu"),
            Map.entry("POST /api/credit/events/{id}/objections", "yyffu"),
            Map.entry("POST /api/credit/repairs", "yyffu"),
            Map.entry("GET /api/operator/credit", "ffyfu"),
            Map.entry("GET /api/operator/credit/parties/{organisationId}", "ffyfu"),
            Map.entry("POST /api/operator/credit/parties/{organisationId}/events", "ffyfu"),
            Map.entry("GET /api/operator/credit/objections", "ffyfu"),
            Map.entry("POST /api/operator/credit/objections/{id}/decide", "ffyfu"),
            Map.entry("GET /api/operator/credit/repairs", "ffyfu"),
            Map.entry("POST /api/operator/credit/repairs/{id}/decide", "ffyfu"),
            Map.entry("GET /api/regulator/credit", "fffyu"),
            Map.entry("GET /api/regulator/credit/parties/{organisationId}", "fffyu"),
            Map.entry("GET /api/merchant/onboarding", "fyffu"),
            Map.entry("POST /api/merchant/onboarding", "fyffu"),
            Map.entry("GET /api/merchant/supervision", "fyffu"),
            Map.entry("GET /api/operator/onboarding", "ffyfu"),
            Map.entry("POST /api/operator/onboarding/{id}/decide", "ffyfu"),
            Map.entry("GET /api/operator/merchants", "ffyfu"),
            Map.entry("POST /api/operator/merchants/{organisationId}/supervision-actions", "ffyfu"),
            Map.entry("GET /api/operator/supervision-actions", "ffyfu"),
            Map.entry("GET /api/regulator/supervision-actions", "fffyu")));

    private static final List<String> INJECTIONS = List.of("' OR '1'='1' --", "\"; DROP TABLE account; --",
            "<script>alert(1)</script>", "../../../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "%00\u0000nul",
            "{\"$gt\": \"\"}", "😀\uD800");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Inject
    io.micronaut.jdbc.DataSourceResolver dataSources;

    ApiClient api;
    Map<String, Object> spec;
    String orderId;
    String productId;
    String buyerOrg;

    @Override
    public Map<String, String> getProperties() {
        // Bad sign-ins are part of the sweep; the limits must not lock the callers out of the role sweep.
        // The background rounds (period closing, the books check, listing retries) write on their own schedule; they are
        // held off here so that a change of the database during a refused request can only be that request's.
        return ApiClient.testProperties("endpoint-sweep", "exchange.sign-in.max-address-failures", "100000",
                "exchange.sign-in.max-account-failures", "100000", "exchange.billing.every", "1h",
                "exchange.books-check.interval", "1h", "exchange.catalogue.ledger-retry-every", "1h");
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    void setUp() throws Exception {
        api = new ApiClient(http);
        for (String caller : CALLERS) {
            if (caller != null) {
                api.token(caller);
            }
        }
        spec = new Yaml().load(http.toBlocking().retrieve(HttpRequest.GET("/api/openapi/data-element-exchange-api-0.1.yml")));
        orderId = api.buySettled(api.listed("东海浮标海洋观测"), "one-off", "海洋科研 ocean research");
        productId = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products",
                org.dataexchange.marketplace.problem.RefusalsTestDrafts.draft())).get("id");
        buyerOrg = (String) ((Map<String, Object>) api.json("demo-buyer", HttpRequest.GET("/api/me")).get("organisation")).get("id");
    }

    /** Every operation of the document: "METHOD /path" → its OpenAPI operation object. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> ops = new TreeMap<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, methods) -> methods.forEach((method, op) -> {
            if (op instanceof Map<?, ?> m && List.of("get", "post", "put", "patch", "delete").contains(method)) {
                ops.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path, (Map<String, Object>) m);
            }
        }));
        return ops;
    }

    private String fixture(String path, String param) {
        return switch (param) {
            case "organisationId" -> buyerOrg;
            case "number" -> "0";
            case "txId" -> "no-such-transaction";
            default -> path.startsWith("/api/orders/") || path.startsWith("/api/regulator/orders/") ? orderId
                    : path.contains("certificates/") ? "CERT-" + orderId
                    : path.contains("products/") ? productId : "no-such-" + param;
        };
    }

    private String pathWith(String path, Map<String, String> values) {
        String result = path;
        for (Map.Entry<String, String> v : values.entrySet()) {
            result = result.replace("{" + v.getKey() + "}", URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parameters(Map<String, Object> op) {
        return (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
    }

    private Map<String, String> fixturePathValues(String path, Map<String, Object> op) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, Object> p : parameters(op)) {
            if ("path".equals(p.get("in"))) {
                values.put((String) p.get("name"), fixture(path, (String) p.get("name")));
            }
        }
        return values;
    }

    private MutableHttpRequest<Object> request(String method, String uri, Object body) {
        MutableHttpRequest<Object> r = HttpRequest.create(HttpMethod.valueOf(method), uri);
        if (body != null) {
            r.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return r.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
    }

    private HttpResponse<String> send(String caller, MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(api.as(caller, request), String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
            return response;
        }
    }

    // ---------------------------------------------------------------- roles

    @Test
    void everyOperationIsInTheRoleTable() {
        assertThat(ROLES.keySet()).as("operations of the OpenAPI document without a row in EndpointSweepTest.ROLES")
                .containsAll(operations().keySet());
    }

    @Test
    @Order(1) // before the bad-input sweep, whose accepted cases change the fixtures (a revocation, a delisting)
    void everyRoleGetsTheAnswerItsRowExpects() {
        List<String> wrong = new ArrayList<>();
        operations().forEach((operation, op) -> {
            String expected = ROLES.get(operation);
            if (expected == null) {
                return;
            }
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            String uri = pathWith(path, fixturePathValues(path, op));
            for (int i = 0; i < CALLERS.length; i++) {
                // An empty JSON object: a body-taking operation refuses it (400) after the role check, so nothing changes.
                MutableHttpRequest<Object> r = request(method, uri, method.equals("GET") ? null : Map.of());
                if (multipart(op)) {
                    r.body(io.micronaut.http.client.multipart.MultipartBody.builder().addPart("version", "9.9").build())
                            .contentType(MediaType.MULTIPART_FORM_DATA_TYPE);
                }
                int status = send(CALLERS[i], r).code();
                char e = expected.charAt(i);
                boolean ok = status < 500 && switch (e) {
                    case 'y' -> status != 401 && status != 403;
                    case 'u' -> status == 401;
                    case 'f' -> status == 403;
                    case 'n' -> status == 404;
                    default -> true;
                };
                if (!ok) {
                    wrong.add(operation + " as " + (CALLERS[i] == null ? "anonymous" : CALLERS[i]) + ": expected " + e
                            + ", got " + status);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    // ---------------------------------------------------------------- bad input

    @Test
    @Order(2)
    void badInputIsRefusedAsProblemsAndChangesNothing() throws Exception {
        // the digest sees a change: an accepted top-up moves it
        String start = tablesDigest();
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + buyerOrg + "/top-ups",
                Map.of("amountMinor", 1, "currency", "CNY", "reference", "digest check")))).isEqualTo(201);
        assertThat(tablesDigest()).isNotEqualTo(start);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, Map<String, Object>> entry : operations().entrySet()) {
            String operation = entry.getKey();
            Map<String, Object> op = entry.getValue();
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            String caller = callerFor(operation);
            Map<String, String> pathValues = fixturePathValues(path, op);
            Map<String, Object> bodySchema = jsonBodySchema(op);
            Object validBody = bodySchema == null ? null : example(bodySchema, 0);
            List<Case> cases = new ArrayList<>();
            // path parameters
            for (String name : pathValues.keySet()) {
                for (Object bad : badScalars()) {
                    Map<String, String> values = new LinkedHashMap<>(pathValues);
                    values.put(name, String.valueOf(bad));
                    cases.add(new Case(name + "=" + abbreviate(bad), pathWith(path, values), validBody));
                }
            }
            String uri = pathWith(path, pathValues);
            // query parameters
            for (Map<String, Object> p : parameters(op)) {
                if ("query".equals(p.get("in"))) {
                    for (Object bad : badScalars()) {
                        cases.add(new Case("?" + p.get("name") + "=" + abbreviate(bad), uri + "?" + p.get("name") + "="
                                + URLEncoder.encode(String.valueOf(bad), StandardCharsets.UTF_8), validBody));
                    }
                }
            }
            // bodies
            if (bodySchema != null) {
                for (Object whole : List.of(List.of(), "a string", 12, Map.of("noSuchProperty", 1))) {
                    cases.add(new Case("body " + abbreviate(whole), uri, whole));
                }
                mutations(bodySchema, validBody, "", cases, uri);
            }
            for (Case c : cases) {
                String before = tablesDigest();
                HttpResponse<String> response = send(caller, request(method, c.uri(), c.body()));
                sent++;
                int status = response.code();
                String where = operation + " [" + c.name() + "] as " + caller + ": " + status;
                if (status >= 500) {
                    wrong.add(where + " " + response.getBody().orElse(""));
                } else if (status >= 400) {
                    String type = response.getContentType().map(MediaType::toString).orElse("");
                    if (!type.startsWith("application/problem+json")) {
                        wrong.add(where + " answered " + type);
                    }
                    String after = tablesDigest();
                    if (!after.equals(before)) {
                        wrong.add(where + " refused, but the database changed: " + changedTables(before, after));
                    }
                }
            }
        }
        System.out.println("bad-input sweep: " + sent + " requests over " + operations().size() + " operations");
        assertThat(wrong).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static boolean multipart(Map<String, Object> op) {
        return op.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content
                && content.containsKey("multipart/form-data");
    }

    private record Case(String name, String uri, Object body) {}

    private String callerFor(String operation) {
        String row = ROLES.getOrDefault(operation, "yyyyy");
        for (int i = 0; i < CALLERS.length; i++) {
            if (row.charAt(i) == 'y') {
                return CALLERS[i];
            }
        }
        return null;
    }

    private static List<Object> badScalars() {
        List<Object> bad = new ArrayList<>(INJECTIONS);
        bad.addAll(List.of("1.5", "-1", "abc", "99999999999999999999999", "NO_SUCH_VALUE", "x".repeat(5000), "", " "));
        return bad;
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> jsonBodySchema(Map<String, Object> op) {
        Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
        if (body == null) {
            return null;
        }
        Map<String, Object> content = (Map<String, Object>) body.get("content");
        Map<String, Object> json = content == null ? null : (Map<String, Object>) content.get("application/json");
        return json == null ? null : resolve((Map<String, Object>) json.get("schema"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema == null) {
            return Map.of();
        }
        if (schema.get("$ref") instanceof String ref) {
            Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("schemas");
            return resolve((Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1)));
        }
        if (schema.get("allOf") instanceof List<?> all && !all.isEmpty()) {
            return resolve((Map<String, Object>) all.get(0));
        }
        return schema;
    }

    /** A value of the schema's shape (not necessarily one the rules accept). */
    @SuppressWarnings("unchecked")
    private Object example(Map<String, Object> schema, int depth) {
        Map<String, Object> s = resolve(schema);
        if (s.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        String type = String.valueOf(s.getOrDefault("type", s.containsKey("properties") ? "object" : "string"));
        return switch (type) {
            case "integer" -> 1;
            case "number" -> 1.25;
            case "boolean" -> true;
            case "array" -> depth > 4 ? List.of() : List.of(example((Map<String, Object>) s.get("items"), depth + 1));
            case "object" -> {
                Map<String, Object> o = new LinkedHashMap<>();
                if (depth <= 4 && s.get("properties") instanceof Map<?, ?> props) {
                    ((Map<String, Map<String, Object>>) props).forEach((k, v) -> o.put(k, example(v, depth + 1)));
                }
                yield o;
            }
            default -> "date".equals(s.get("format")) ? "2024-01-01" : "date-time".equals(s.get("format"))
                    ? "2026-01-01T00:00:00Z" : "x";
        };
    }

    /** For each property (top level and one level down): wrong types, fractions, huge values, unknown enums, absence. */
    @SuppressWarnings("unchecked")
    private void mutations(Map<String, Object> schema, Object root, String prefix, List<Case> cases, String uri) {
        Map<String, Object> s = resolve(schema);
        Object valid = prefix.isEmpty() ? root : root instanceof Map<?, ?> r ? at((Map<String, Object>) r, prefix) : null;
        if (!(s.get("properties") instanceof Map<?, ?> props) || !(valid instanceof Map<?, ?>)) {
            return;
        }
        for (Map.Entry<String, Map<String, Object>> p : ((Map<String, Map<String, Object>>) props).entrySet()) {
            Map<String, Object> ps = resolve(p.getValue());
            String type = String.valueOf(ps.getOrDefault("type", ps.containsKey("properties") ? "object" : "string"));
            List<Object> bads = new ArrayList<>(List.of(List.of("a"), Map.of("a", 1)));
            bads.add(null);
            switch (type) {
                case "integer" -> bads.addAll(List.of(1.5, "100", new java.math.BigInteger("99999999999999999999"), -1,
                        Long.MAX_VALUE, Long.MIN_VALUE, true));
                case "number" -> bads.addAll(List.of("1.5", 1e308, true));
                case "boolean" -> bads.addAll(List.of("yes", 1, "true"));
                case "array", "object" -> bads.addAll(List.of("x", 1));
                default -> {
                    bads.addAll(List.of(12, true, "x".repeat(100_000), "NO_SUCH_VALUE", ""));
                    bads.addAll(INJECTIONS);
                }
            }
            String name = prefix + p.getKey();
            for (Object bad : bads) {
                Map<String, Object> body = deepCopy((Map<String, Object>) root);
                Map<String, Object> target = prefix.isEmpty() ? body : (Map<String, Object>) at(body, prefix);
                target.put(p.getKey(), bad);
                cases.add(new Case(name + "=" + abbreviate(bad), uri, body));
            }
            Map<String, Object> missing = deepCopy((Map<String, Object>) root);
            (prefix.isEmpty() ? missing : (Map<String, Object>) at(missing, prefix)).remove(p.getKey());
            cases.add(new Case(name + " missing", uri, missing));
            if (prefix.isEmpty() && "object".equals(type) && ((Map<String, Object>) valid).get(p.getKey()) instanceof Map<?, ?>) {
                mutations(ps, root, p.getKey() + ".", cases, uri);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> body, String prefix) {
        return body.get(prefix.substring(0, prefix.length() - 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> inner ? deepCopy((Map<String, Object>) inner) : v));
        return copy;
    }

    // ---------------------------------------------------------------- database digest

    private String digestQuery;

    /** The parts of two digests that differ: each changed table with its row count and newest update. */
    private static String changedTables(String before, String after) {
        List<String> was = List.of(before.split(","));
        List<String> is = List.of(after.split(","));
        return "was " + was.stream().filter(p -> !is.contains(p)).toList() + ", now " + is.stream().filter(p -> !was.contains(p)).toList();
    }

    /** Row counts and newest update time of every table but the audit trail, sign-in counts and ledger event position. */
    private String tablesDigest() throws Exception {
        try (Connection c = dataSources.resolve(dataSource).getConnection(); Statement st = c.createStatement()) {
            if (digestQuery == null) {
                List<String> parts = new ArrayList<>();
                try (ResultSet tables = st.executeQuery("SELECT t.table_name, (SELECT COUNT(*) FROM information_schema.columns k"
                        + " WHERE k.table_schema = t.table_schema AND k.table_name = t.table_name AND k.column_name = 'updated_at')"
                        + " FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'")) {
                    while (tables.next()) {
                        String t = tables.getString(1);
                        // books_check: the books check's own position, written by its round at start and after
                        if (t.startsWith("audit") || t.startsWith("sign_in") || t.startsWith("ledger_event") || t.equals("books_check")
                                || t.startsWith("flyway") || t.startsWith("settlement_confirmation")) {
                            continue;
                        }
                        parts.add("SELECT '" + t + "' || COUNT(*) || '/' || " + (tables.getInt(2) > 0
                                ? "COALESCE(CAST(MAX(updated_at) AS VARCHAR), '')" : "''") + " AS d FROM \"" + t + "\"");
                    }
                }
                // joined here, not by LISTAGG/STRING_AGG, so that the one statement runs on H2 and PostgreSQL alike
                digestQuery = "SELECT d FROM (" + String.join(" UNION ALL ", parts) + ") x ORDER BY d";
            }
            List<String> digest = new ArrayList<>();
            try (ResultSet r = st.executeQuery(digestQuery)) {
                while (r.next()) {
                    digest.add(r.getString(1));
                }
            }
            return String.join(",", digest);
        }
    }
}
