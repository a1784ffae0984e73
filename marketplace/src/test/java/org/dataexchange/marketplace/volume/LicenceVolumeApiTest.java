package org.dataexchange.marketplace.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.ProductDrafts;
import org.dataexchange.marketplace.problem.ProblemType;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Licence volume limits (用途用量) over real HTTP and devnet: the merchant caps records, calls or downloads in the
 * licence; the caps are in the ODRL agreement and the ledger's certificate; each delivery path counts against them and
 * stops at them with a problem, counting nothing of the refused request; parallel calls never pass a cap. Runs on H2
 * and, in the {@code postgresql} surefire execution, on PostgreSQL.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicenceVolumeApiTest implements TestPropertyProvider {

    /** Three data rows: a blank line is not a row, a quoted line break belongs to its row. */
    static final String THREE_ROWS_CSV = "time,sst\n2026-10-01,21.4\n\n\"2026-10-02\",\"21.6\"\n2026-10-03,\"21\n.9\"\n";
    static final String EXHAUSTED = ProblemType.LICENCE_VOLUME_EXHAUSTED.uri();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        // A sandbox query loads the file into the engine; on a loaded machine that can take longer than the client's 10 s.
        return ApiClient.testProperties("licence-volume-test", "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void downloadsCountTheFilesRowsExactlyAndStopAtTheRecordCap() throws Exception {
        Map<String, Object> product = listCapped(Map.of("downloads", 3, "records", 7), List.of("FILE_DOWNLOAD"),
                Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 50_000), THREE_ROWS_CSV);
        Map<?, ?> terms = (Map<?, ?>) ((Map<?, ?>) product.get("licence")).get("terms");
        assertThat(terms.get("volumeCaps")).isEqualTo(Map.of("records", 7, "downloads", 3));
        assertThat((String) ((Map<?, ?>) product.get("licence")).get("summaryEn")).contains("At most 7 records, 3 downloads in all");
        assertThat((String) ((Map<?, ?>) product.get("licence")).get("summaryZh")).contains("用量上限：7条记录、3次下载");

        String orderId = api.buySettled(product, "one-off", "海洋研究 ocean research");
        // The agreement the ledger's trade hashes carries the caps as ODRL count constraints, by unit.
        Map<String, Object> order = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId));
        String agreement = ((Map<?, ?>) order.get("details")).get("agreement").toString();
        assertThat(agreement).contains("rightOperand=7, unit=dx:record").contains("rightOperand=3, unit=dx:download");

        assertThat(download(orderId)).contains("2026-10-03");
        // A link taken while there was room; the download it leads to counts (and checks) again.
        String url = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", "")).get("url");
        assertThat(download(orderId)).contains("2026-10-03");
        assertThat(volume("demo-buyer", orderId)).containsExactly(
                line("RECORDS", 7, 6, 1), line("DOWNLOADS", 3, 2, 1));

        // A third download would deliver 9 records: no link for it, and the earlier link is refused whole, though a
        // download is left.
        HttpClientResponseException noLink = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        assertThat(noLink.getStatus().getCode()).isEqualTo(403);
        assertThat(ApiClient.problem(noLink).get("type")).isEqualTo(EXHAUSTED);
        HttpClientResponseException refused = api.refusal(null, HttpRequest.GET(url));
        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat(refused.getResponse().getContentType().map(MediaType::toString)).hasValue("application/problem+json");
        assertThat(ApiClient.problem(refused).get("type")).isEqualTo(EXHAUSTED);
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("7 records").contains("6 used, 1 left")
                .contains("needs 3");
        assertThat(volume("demo-buyer", orderId)).as("nothing of the refused download counted").containsExactly(
                line("RECORDS", 7, 6, 1), line("DOWNLOADS", 3, 2, 1));
        assertThat(ledger.deliveriesByTrade(orderId)).as("receipts of the two downloads only").hasSize(2);

        // The seller, the operator and the regulator see the same; nobody else does.
        assertThat(volume("demo-merchant", orderId)).isEqualTo(volume("demo-buyer", orderId));
        assertThat(volume("demo-regulator", orderId)).isEqualTo(volume("demo-buyer", orderId));
        assertThat(api.status("demo-merchant-ocean", HttpRequest.GET("/api/orders/" + orderId + "/volume"))).isEqualTo(404);
        assertThat(api.status(null, HttpRequest.GET("/api/orders/" + orderId + "/volume"))).isEqualTo(401);
    }

    @Test
    void theCertificateStatesEachCapAndVerifiesOnTheLedger() throws Exception {
        Map<String, Object> product = listCapped(Map.of("downloads", 2, "calls", 5_000_000_000L), List.of("FILE_DOWNLOAD", "METERED_API"),
                Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 50_000), ProductDrafts.SEA_TEMPERATURE_CSV);
        String orderId = api.buySettled(product, "one-off", "海洋研究 ocean research");
        String certificateId = (String) api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId)).get("certificateId");

        Map<String, Object> certificate = api.json("demo-buyer", HttpRequest.GET("/api/certificates/" + certificateId));
        assertThat(certificate.get("volumeCaps")).isEqualTo(List.of(Map.of("measure", "calls", "limit", 5_000_000_000L),
                Map.of("measure", "downloads", "limit", 2)));
        assertThat(ledger.certificate(certificateId).issued().certificate().volumeCaps()).hasSize(2);
        Map<String, Object> publicCheck = api.json(null, HttpRequest.GET("/api/certificates/" + certificateId + "/verify"));
        assertThat(publicCheck.get("valid")).isEqualTo(true);
        assertThat(publicCheck.get("volumeCaps")).isEqualTo(certificate.get("volumeCaps"));
        assertThat(api.json(null, HttpRequest.POST("/api/certificates/verify", certificate)).get("valid")).isEqualTo(true);

        // The same document with a larger cap is not what the ledger issued.
        Map<String, Object> altered = new HashMap<>(certificate);
        altered.put("volumeCaps", List.of(Map.of("measure", "calls", "limit", 5_000_000_000L), Map.of("measure", "downloads", "limit", 20)));
        Map<String, Object> check = api.json(null, HttpRequest.POST("/api/certificates/verify", altered));
        assertThat(check.get("valid")).isEqualTo(false);
        assertThat(check.get("mismatchedFields")).isEqualTo(List.of("volumeCaps"));
    }

    @Test
    void parallelMeteredCallsStopExactlyAtTheCallCap() throws Exception {
        Map<String, Object> product = listCapped(Map.of("calls", 5), List.of("METERED_API"),
                Map.of("id", "per-call", "kind", "METERED", "currency", "CNY", "unitPriceMinor", 5, "freeUnits", 0),
                ProductDrafts.SEA_TEMPERATURE_CSV);
        String orderId = api.buySettled(product, "per-call", "海洋研究 ocean research");
        String key = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")).get("apiKey");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Callable<Integer> call = () -> api.status(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key));
                calls.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 403).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
        HttpClientResponseException refused = api.refusal(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key));
        assertThat(ApiClient.problem(refused).get("type")).isEqualTo(EXHAUSTED);
        // Each call returned the one sample record; calls refused at the cap are neither counted nor billed.
        assertThat(volume("demo-buyer", orderId)).containsExactly(line("RECORDS", null, 5, null), line("CALLS", 5, 5, 0));
        List<Map<String, Object>> usage = http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/orders/" + orderId
                + "/usage")), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(usage).singleElement().satisfies(month -> assertThat(month.get("calls")).isEqualTo(5));
    }

    @Test
    void sandboxQueriesStopAtTheQueryCap() throws Exception {
        Map<String, Object> product = listCapped(Map.of("queries", 2), List.of("QUERY_SANDBOX"),
                Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 50_000), THREE_ROWS_CSV);
        String orderId = api.buySettled(product, "one-off", "海洋研究 ocean research");
        Map<String, Object> count = Map.of("select", List.of(Map.of("aggregate", "COUNT")));
        for (int i = 0; i < 2; i++) {
            api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", count));
        }
        HttpClientResponseException refused = api.refusal("demo-buyer",
                HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", count));
        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat(ApiClient.problem(refused).get("type")).isEqualTo(EXHAUSTED);
        assertThat(volume("demo-buyer", orderId)).containsExactly(line("QUERIES", 2, 2, 0));
        List<Map<String, Object>> logged = http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/orders/"
                + orderId + "/sandbox/queries")), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(logged).as("the refused query neither ran nor was logged").hasSize(2);
    }

    @Test
    void aCapIsAPositiveWholeNumber() {
        for (Object bad : List.of(0, -1, 1.5, "10", 2_000_000_000_000_000L)) {
            Map<String, Object> draft = draft(Map.of("downloads", bad), List.of("FILE_DOWNLOAD"),
                    Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 100));
            HttpClientResponseException refused = api.refusal("demo-merchant", HttpRequest.POST("/api/merchant/products", draft));
            assertThat(refused.getStatus().getCode()).as("cap " + bad).isEqualTo(400);
            if (bad instanceof Number n && n.doubleValue() == n.longValue()) {
                assertThat(ApiClient.problem(refused).get("field")).as("cap " + bad).isEqualTo("licence.volumeCaps.downloads");
            }
        }
    }

    private Map<String, Object> listCapped(Map<String, Object> caps, List<String> modes, Map<String, Object> plan, String csv) {
        return api.listNew(draft(caps, modes, plan), "sst.csv", csv);
    }

    private static Map<String, Object> draft(Map<String, Object> caps, List<String> modes, Map<String, Object> plan) {
        Map<String, Object> draft = ProductDrafts.seaTemperature("限量海温 " + UUID.randomUUID().toString().substring(0, 8), modes,
                "buoy-operator", plan);
        draft.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of("海洋研究 ocean research"),
                "volumeCaps", caps));
        return draft;
    }

    private String download(String orderId) {
        String url = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", "")).get("url");
        return http.toBlocking().retrieve(HttpRequest.GET(url));
    }

    private List<Map<String, Object>> volume(String user, String orderId) {
        Map<String, Object> usage = api.json(user, HttpRequest.GET("/api/orders/" + orderId + "/volume"));
        assertThat(usage.get("orderId")).isEqualTo(orderId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) usage.get("lines");
        return lines;
    }

    private static Map<String, Object> line(String measure, Integer cap, int used, Integer left) {
        Map<String, Object> line = new HashMap<>();
        line.put("measure", measure);
        if (cap != null) {
            line.put("cap", cap);
            line.put("left", left);
        }
        line.put("used", used);
        return line;
    }
}
