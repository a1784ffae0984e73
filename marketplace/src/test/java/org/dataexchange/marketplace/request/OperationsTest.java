package org.dataexchange.marketplace.request;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.DemoTemplate;
import org.dataexchange.marketplace.problem.LedgerFaults;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an operator of the exchange monitors, over real HTTP on a running service with the real devnet: liveness and
 * readiness (the database and the ledger; readiness 503 while the ledger cannot be reached, liveness unmoved), the
 * Prometheus metrics moving with a purchase, who may read metrics and health details, JSON log lines, and no
 * configured secret or token in any of them.
 */
class OperationsTest {

    private static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hmac-sha256-signing";
    private static final String MONITORING_TOKEN = "monitoring-token-for-the-scraper-0123456789abcdef";

    @Test
    void probesMetricsAndLogsTellTheOperatorWhatHappensAndNoSecret() throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        reconfigureLogging("json");
        System.setOut(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class,
                new java.util.HashMap<String, Object>(ApiClient.testProperties("operations", "test.ledger-faults", "true",
                        // a service of its own from an empty data directory: its JSON log holds Flyway migrating the schema
                        DemoTemplate.SWITCH, "false",
                        "exchange.monitoring.token", MONITORING_TOKEN, "exchange.ledger.probe-every", "200ms")))
                .getApplicationContext()) {
            HttpClient http = ctx.createBean(HttpClient.class, ctx.getBean(EmbeddedServer.class).getURL());
            ApiClient api = new ApiClient(http);
            LedgerFaults faults = ctx.getBean(LedgerFaults.class);

            // probes: anonymous, status only
            Awaitility.await("ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(http, HttpRequest.GET("/health/readiness")) == 200);
            Map<String, Object> readiness = json(http, HttpRequest.GET("/health/readiness"));
            assertThat(readiness.get("status")).isEqualTo("UP");
            // the demo seeds itself here; its derived product's licence order must not land among the counted purchase
            DemoTemplate.awaitDerivedProductListed(ctx);
            assertThat(readiness).as("no details for anonymous callers").doesNotContainKey("details");
            assertThat(status(http, HttpRequest.GET("/health/liveness"))).isEqualTo(200);
            assertThat(json(http, api.as("demo-buyer", HttpRequest.GET("/health/readiness"))))
                    .as("nor for a buyer").doesNotContainKey("details");
            // details: the operator and the monitoring token; readiness holds the database and the ledger
            Map<String, Object> details = details(json(http, api.as("demo-operator", HttpRequest.GET("/health/readiness"))));
            assertThat(details).containsKeys("jdbc", "ledger", "books");
            assertThat(((Map<?, ?>) details.get("ledger")).get("status")).isEqualTo("UP");
            assertThat(((Map<?, ?>) details.get("jdbc")).get("status")).isEqualTo("UP");
            assertThat(details(json(http, HttpRequest.GET("/health").bearerAuth(MONITORING_TOKEN)))).containsKey("ledger");

            // metrics: operator or monitoring token, nobody else
            assertThat(status(http, HttpRequest.GET("/prometheus"))).isEqualTo(401);
            assertThat(status(http, api.as("demo-buyer", HttpRequest.GET("/prometheus")))).isEqualTo(403);
            assertThat(status(http, api.as("demo-regulator", HttpRequest.GET("/prometheus")))).isEqualTo(403);
            assertThat(status(http, HttpRequest.GET("/prometheus").bearerAuth("not-the-monitoring-token-0123456789abcdef")))
                    .isEqualTo(401);
            assertThat(status(http, HttpRequest.GET("/api/me").bearerAuth(MONITORING_TOKEN)))
                    .as("the monitoring token opens no API").isEqualTo(401);
            String before = scrape(http, api.as("demo-operator", HttpRequest.GET("/prometheus")));
            double placed = value(before, "exchange_orders_placed_total");
            double paid = value(before, "exchange_orders_paid_total");

            // a purchase moves the counters, and the ledger calls are timed
            String orderId = api.buySettled(api.listed("东海浮标海洋观测"), "one-off", "海洋科研 ocean research");
            String after = scrape(http, HttpRequest.GET("/prometheus").bearerAuth(MONITORING_TOKEN));
            assertThat(value(after, "exchange_orders_placed_total")).isEqualTo(placed + 1);
            assertThat(value(after, "exchange_orders_paid_total")).isEqualTo(paid + 1);
            assertThat(after).contains("exchange_metered_calls_total", "exchange_settlement_outbox_depth",
                    "exchange_settlement_lag_seconds", "exchange_audit_sealer_lag_seconds");
            assertThat(sum(after, "grpc_client_processing_duration_seconds_count")).as("ledger calls timed").isPositive();

            // the ledger goes away: not ready (503) within seconds, still alive; back: ready again
            faults.unavailable();
            Awaitility.await("not ready while the ledger is away").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> status(http, HttpRequest.GET("/health/readiness")) == 503);
            assertThat(status(http, HttpRequest.GET("/health/liveness"))).isEqualTo(200);
            HttpClientResponseException down = api.refusal("demo-operator", HttpRequest.GET("/health/readiness"));
            Map<String, Object> downDetails = details(down.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow());
            assertThat(((Map<?, ?>) downDetails.get("ledger")).get("status")).isEqualTo("DOWN");
            String healthWhileDown = down.getResponse().getBody(String.class).orElse("");
            faults.clear();
            Awaitility.await("ready again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> status(http, HttpRequest.GET("/health/readiness")) == 200);

            // no secret in any of it: the token key, the monitoring token, a sign-in token, the demo password
            String operatorToken = api.token("demo-operator");
            List<String> seen = new ArrayList<>(List.of(after, healthWhileDown,
                    http.toBlocking().retrieve(api.as("demo-operator", HttpRequest.GET("/health"))),
                    http.toBlocking().retrieve(api.as("demo-operator", HttpRequest.GET("/metrics"))),
                    http.toBlocking().retrieve(HttpRequest.GET("/health/readiness").bearerAuth(MONITORING_TOKEN))));
            seen.add(logged.toString(StandardCharsets.UTF_8));
            for (String text : seen) {
                assertThat(text).doesNotContain(JWT_SECRET, MONITORING_TOKEN, operatorToken,
                        operatorToken.substring(operatorToken.lastIndexOf('.') + 1), "\"demo\"");
            }
            assertThat(orderId).isNotBlank();
        } finally {
            System.setOut(stdout);
            reconfigureLogging("text");
        }
        // the JSON log: one object per line, with the level, the logger and the message
        List<String> lines = logged.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        JsonMapper mapper = JsonMapper.createDefault();
        for (String line : lines) {
            Map<String, Object> entry = mapper.readValue(line, Argument.mapOf(String.class, Object.class));
            assertThat(entry).containsKeys("timestamp", "level", "loggerName", "formattedMessage");
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"loggerName\":\"org.flywaydb").contains("Migrating schema"));
    }

    /** Logging configured again from the service's logback.xml with EXCHANGE_LOG_FORMAT set to {@code format}. */
    private static void reconfigureLogging(String format) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("EXCHANGE_LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(OperationsTest.class.getResource("/logback.xml"));
    }

    private static int status(HttpClient http, MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private static Map<String, Object> json(HttpClient http, MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> health) {
        assertThat(health).containsKey("details");
        return (Map<String, Object>) health.get("details");
    }

    private static String scrape(HttpClient http, MutableHttpRequest<?> request) {
        HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
        assertThat(response.getContentType().orElseThrow().toString()).startsWith("text/plain");
        return response.body();
    }

    /** The value of an unlabelled metric in Prometheus's text format. */
    private static double value(String scraped, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(scraped);
        assertThat(m.find()).as(name + " in the scrape").isTrue();
        return Double.parseDouble(m.group(2));
    }

    /** The sum of a metric's values over all its labels. */
    private static double sum(String scraped, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(scraped);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }
}
