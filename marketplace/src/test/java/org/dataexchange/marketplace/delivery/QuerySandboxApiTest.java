package org.dataexchange.marketplace.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dataexchange.ledger.delivery.DeliveryReceipt;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.catalogue.DemoCatalogue;
import org.dataexchange.marketplace.problem.ProblemType;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query sandbox over real HTTP, the real engine and devnet: exact aggregates of the demo file, small groups
 * suppressed, row-level requests and injection attempts refused, access only within the licence, every query counted,
 * logged and covered by a ledger receipt for its hour.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuerySandboxApiTest implements TestPropertyProvider {

    private static final String PRODUCT = "医疗机构资源分布";
    private static final String PURPOSE = "保险网络规划 insurance network planning";

    private final DeliveryApiTest.MovableClock clock = new DeliveryApiTest.MovableClock();

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    @Inject
    DeliveryReceipts receipts;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        // A query loads the file into the engine; on a loaded machine that can take longer than the client's default 10 s.
        return ApiClient.testProperties("sandbox-test", "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The demo file of the product: time,region,value; 50 rows, CN-SH on even rows, CN-GD on odd ones. */
    private static List<String[]> demoRows() {
        DemoCatalogue.Item item = DemoCatalogue.ITEMS.stream().filter(i -> i.title().startsWith(PRODUCT)).findFirst().orElseThrow();
        return Arrays.stream(DemoCatalogue.sampleFile(item).split("\n")).skip(1).map(l -> l.split(",")).toList();
    }

    @Test
    void aggregatesAreExactOnTheProductsFileAndEachQueryIsCountedLoggedAndReceipted() throws Exception {
        String orderId = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        Map<String, Object> schema = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId + "/sandbox"));
        assertThat(schema.get("kThreshold")).isEqualTo(10);
        assertThat(schema.get("columns").toString()).contains("region").contains("value");

        Map<String, Object> result = query(orderId, Map.of(
                "select", List.of(Map.of("column", "region"), Map.of("aggregate", "COUNT"),
                        Map.of("aggregate", "SUM", "column", "value"), Map.of("aggregate", "AVG", "column", "value"),
                        Map.of("aggregate", "MIN", "column", "value"), Map.of("aggregate", "MAX", "column", "value"),
                        Map.of("aggregate", "PERCENTILE", "column", "value", "percent", 50)),
                "groupBy", List.of("region")));

        // The expected answer, computed here from the file itself.
        TreeMap<String, List<Long>> byRegion = new TreeMap<>();
        for (String[] row : demoRows()) {
            byRegion.computeIfAbsent(row[1], r -> new ArrayList<>()).add(Long.parseLong(row[2]));
        }
        List<List<Object>> rows = rows(result);
        assertThat(rows).hasSize(byRegion.size());
        int i = 0;
        for (var e : byRegion.entrySet()) {
            List<Long> values = e.getValue().stream().sorted().toList();
            long sum = values.stream().mapToLong(Long::longValue).sum();
            double median = percentile(values, 50);
            List<Object> got = rows.get(i++);
            assertThat(got.get(0)).isEqualTo(e.getKey());
            assertThat(((Number) got.get(1)).longValue()).isEqualTo(values.size());
            assertThat(((Number) got.get(2)).longValue()).isEqualTo(sum);
            assertThat(((Number) got.get(3)).doubleValue()).isCloseTo((double) sum / values.size(), within(1e-9));
            // MIN and MAX answer the k-th lowest and highest value, never the one record at an end.
            assertThat(((Number) got.get(4)).longValue()).isEqualTo(values.get(K - 1));
            assertThat(((Number) got.get(5)).longValue()).isEqualTo(values.get(values.size() - K));
            assertThat(((Number) got.get(6)).doubleValue()).isCloseTo(median, within(1e-9));
        }
        assertThat(columns(result)).containsExactly("region", "COUNT(*)", "SUM(value)", "AVG(value)", "MIN(value, 10th lowest)",
                "MAX(value, 10th highest)", "PERCENTILE(value, 50%)");
        assertThat((String) result.get("note")).contains("MIN and MAX are the 10th lowest and highest values");
        assertThat(result.get("suppressedGroups")).isEqualTo(0);
        assertThat(result.get("differencingGroups")).isEqualTo(0);
        assertThat((String) result.get("queryHash")).hasSize(64);

        // A typed filter, bound as a parameter: values above the median of CN-SH only.
        long threshold = byRegion.get("CN-SH").stream().sorted().toList().get(12);
        Map<String, Object> filtered = query(orderId, Map.of(
                "select", List.of(Map.of("aggregate", "COUNT")),
                "filters", List.of(Map.of("column", "region", "operator", "EQ", "value", "CN-SH"),
                        Map.of("column", "value", "operator", "GE", "value", threshold))));
        long expected = demoRows().stream().filter(r -> r[1].equals("CN-SH") && Long.parseLong(r[2]) >= threshold).count();
        assertThat(expected).isGreaterThanOrEqualTo(10);
        assertThat(((Number) rows(filtered).get(0).get(0)).longValue()).isEqualTo(expected);

        // Counted in the order's usage, logged for the buyer and the seller, the order delivered.
        List<Map<String, Object>> usage = list("demo-buyer", "/api/orders/" + orderId + "/usage");
        assertThat(((Number) usage.get(0).get("calls")).longValue()).isEqualTo(2);
        List<Map<String, Object>> log = list("demo-buyer", "/api/orders/" + orderId + "/sandbox/queries");
        assertThat(log).hasSize(2);
        assertThat(log).extracting(q -> q.get("queryHash")).contains(result.get("queryHash"), filtered.get("queryHash"));
        assertThat(api.status("demo-merchant-insight", HttpRequest.GET("/api/orders/" + orderId + "/sandbox/queries"))).isEqualTo(200);
        assertThat(api.status("demo-merchant", HttpRequest.GET("/api/orders/" + orderId + "/sandbox/queries"))).isEqualTo(404);
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId)).get("status")).isEqualTo("DELIVERED");

        // The hour's queries are one delivery; its receipt reaches the ledger once the hour is over.
        assertThat(ledger.deliveriesByTrade(orderId)).isEmpty();
        clock.advance(Duration.ofMinutes(62));
        receipts.submitDue();
        List<DeliveryReceipt> onLedger = ledger.deliveriesByTrade(orderId);
        assertThat(onLedger).hasSize(1);
        assertThat(onLedger.get(0).request().mode()).isEqualTo(org.dataexchange.ledger.delivery.DeliveryMode.QUERY_SANDBOX);
        assertThat(onLedger.get(0).request().units()).isEqualTo(2);
        String chained = QuerySandbox.sha256(QuerySandbox.sha256((String) log.get(1).get("queryHash")) + log.get(0).get("queryHash"));
        assertThat(onLedger.get(0).request().contentDigest()).as("the digest chains the hour's query hashes in order").isEqualTo(chained);
    }

    @Test
    void groupsBelowTheProductsKAreSuppressedAndSaidSo() throws Exception {
        String orderId = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        // Grouped by time: every group is one row.
        Map<String, Object> byTime = query(orderId, Map.of("select", List.of(Map.of("column", "time"), Map.of("aggregate", "MAX", "column", "value")),
                "groupBy", List.of("time")));
        assertThat(rows(byTime)).isEmpty();
        assertThat(byTime.get("suppressedGroups")).isEqualTo(50);
        assertThat((String) byTime.get("note")).contains("suppressed");

        // A filter that narrows to one record answers nothing about it.
        Map<String, Object> one = query(orderId, Map.of("select", List.of(Map.of("aggregate", "SUM", "column", "value")),
                "filters", List.of(Map.of("column", "time", "operator", "EQ", "value", "2026-10-01T00:00:00Z"))));
        assertThat(rows(one)).isEmpty();
        assertThat(one.get("suppressedGroups")).isEqualTo(1);

        // The merchant raises k above the regions' 25 rows: they are suppressed too. Only the merchant may.
        assertThat(api.status("demo-merchant", HttpRequest.PUT("/api/merchant/products/" + api.listed(PRODUCT).get("id")
                + "/sandbox-k", Map.of("kThreshold", 30)))).isEqualTo(404);
        assertThat(api.status("demo-merchant-insight", HttpRequest.PUT("/api/merchant/products/" + api.listed(PRODUCT).get("id")
                + "/sandbox-k", Map.of("kThreshold", 2)))).isEqualTo(400);
        try {
            api.json("demo-merchant-insight", HttpRequest.PUT("/api/merchant/products/" + api.listed(PRODUCT).get("id") + "/sandbox-k",
                    Map.of("kThreshold", 30)));
            Map<String, Object> regions = query(orderId, Map.of("select", List.of(Map.of("column", "region"), Map.of("aggregate", "COUNT")),
                    "groupBy", List.of("region")));
            assertThat(rows(regions)).isEmpty();
            assertThat(regions.get("suppressedGroups")).isEqualTo(2);
            assertThat(regions.get("kThreshold")).isEqualTo(30);
        } finally {
            api.json("demo-merchant-insight", HttpRequest.PUT("/api/merchant/products/" + api.listed(PRODUCT).get("id") + "/sandbox-k",
                    Map.of("kThreshold", 10)));
        }
    }

    @Test
    void rowLevelRequestsAndInjectionAttemptsAreRefusedAndNotCounted() throws Exception {
        String orderId = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        refused(orderId, Map.of("select", List.of(Map.of("column", "*"))), ProblemType.SANDBOX_ROW_LEVEL_REFUSED);
        refused(orderId, Map.of("select", List.of(Map.of("column", "value"))), ProblemType.SANDBOX_ROW_LEVEL_REFUSED);
        refused(orderId, Map.of("select", List.of()), ProblemType.SANDBOX_ROW_LEVEL_REFUSED);
        refused(orderId, Map.of("select", List.of(Map.of("aggregate", "COUNT")), "groupBy", List.of("time", "region", "value")),
                ProblemType.SANDBOX_ROW_LEVEL_REFUSED);
        refused(orderId, Map.of("select", List.of(Map.of("column", "region")), "groupBy", List.of("region")),
                ProblemType.SANDBOX_ROW_LEVEL_REFUSED);
        // SQL text is no query.
        assertThat(api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries",
                Map.of("sql", "SELECT * FROM data"))).getStatus().getCode()).isEqualTo(400);
        // Injection in column names: a name is only ever one of the file's columns.
        for (String column : List.of("value\" FROM data; --", "value) FROM read_csv('/etc/passwd'); --", "\"value\"", "VALUE")) {
            refused(orderId, Map.of("select", List.of(Map.of("aggregate", "SUM", "column", column))), ProblemType.INVALID_INPUT);
            refused(orderId, Map.of("select", List.of(Map.of("aggregate", "COUNT")), "groupBy", List.of(column)), ProblemType.INVALID_INPUT);
        }
        // Injection in values: bound as parameters, so a string is just a string that matches no region.
        Map<String, Object> none = query(orderId, Map.of("select", List.of(Map.of("aggregate", "COUNT")),
                "filters", List.of(Map.of("column", "region", "operator", "EQ", "value", "CN-SH' OR '1'='1"))));
        assertThat(rows(none)).isEmpty();
        assertThat(none.get("suppressedGroups")).as("zero rows is below k").isEqualTo(1);
        // Values of the wrong type are refused, not coerced.
        refused(orderId, Map.of("select", List.of(Map.of("aggregate", "COUNT")),
                "filters", List.of(Map.of("column", "value", "operator", "GT", "value", "0 OR 1=1"))), ProblemType.INVALID_INPUT);
        refused(orderId, Map.of("select", List.of(Map.of("aggregate", "COUNT")),
                "filters", List.of(Map.of("column", "time", "operator", "GT", "value", "yesterday"))), ProblemType.INVALID_INPUT);
        refused(orderId, Map.of("select", List.of(Map.of("aggregate", "SUM", "column", "region"))), ProblemType.INVALID_INPUT);
        refused(orderId, Map.of("select", List.of(Map.of("aggregate", "PERCENTILE", "column", "value", "percent", 100))),
                ProblemType.INVALID_INPUT);
        // Only the one query that ran was counted and logged.
        assertThat(list("demo-buyer", "/api/orders/" + orderId + "/sandbox/queries")).hasSize(1);
        assertThat(((Number) list("demo-buyer", "/api/orders/" + orderId + "/usage").get(0).get("calls")).longValue()).isEqualTo(1);
    }

    @Test
    void queriesAreRefusedOutsideTheTermAfterRevocationToOthersAndForOtherModes() throws Exception {
        Map<String, Object> count = Map.of("select", List.of(Map.of("aggregate", "COUNT")));
        String orderId = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        // the seller sees the order but does not hold its licence: no order of its own to query
        assertThat(api.status("demo-merchant-insight", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", count))).isEqualTo(404);
        assertThat(api.status(null, HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", count))).isEqualTo(401);
        clock.advance(Duration.ofDays(366));
        var ended = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", count));
        assertThat(ended.getStatus().getCode()).isEqualTo(403);
        assertThat((String) ApiClient.problem(ended).get("detail")).contains("term ended");
        clock.reset();

        String revoked = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        assertThat(rows(query(revoked, count))).hasSize(1);
        api.json("demo-operator", HttpRequest.POST("/api/operator/certificates/CERT-" + revoked + "/revoke",
                Map.of("reason", "仲裁裁决 ARB-2026-9")));
        var refused = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + revoked + "/sandbox/queries", count));
        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("revoked");
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/orders/" + revoked + "/sandbox"))).isEqualTo(403);

        // A file product is not queried in the sandbox.
        String file = api.buySettled(api.listed("东海浮标海洋观测"), "one-off", "海洋科研 ocean research");
        var mode = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + file + "/sandbox/queries", count));
        assertThat(ApiClient.problem(mode).get("type")).isEqualTo(ProblemType.DELIVERY_MODE_NOT_OFFERED.uri());
    }

    @Test
    void aMeteredSandboxPlanCountsQueriesAsCalls() throws Exception {
        String orderId = api.buySettled(api.listed("中小企业纳税信用评级"), "per-call", "普惠金融授信 inclusive lending");
        for (int i = 0; i < 3; i++) {
            query(orderId, Map.of("select", List.of(Map.of("aggregate", "AVG", "column", "value")), "groupBy", List.of("region"),
                    "filters", List.of(Map.of("column", "region", "operator", "IN", "values", List.of("CN-SH", "CN-GD")))));
        }
        List<Map<String, Object>> usage = list("demo-buyer", "/api/orders/" + orderId + "/usage");
        assertThat(((Number) usage.get(0).get("calls")).longValue()).isEqualTo(3);
    }

    @Test
    void aDifferencingPairIsSuppressedWhileQueriesDifferingByAtLeastKRowsAreAnsweredExactly() throws Exception {
        String orderId = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        List<String[]> shanghai = demoRows().stream().filter(r -> r[1].equals("CN-SH")).toList();
        String[] target = shanghai.get(7);
        Map<String, Object> inShanghai = Map.of("column", "region", "operator", "EQ", "value", "CN-SH");
        Map<String, Object> allButTarget = Map.of("column", "time", "operator", "NE", "value", target[0]);
        List<Map<String, Object>> countAndSum = List.of(Map.of("aggregate", "COUNT"), Map.of("aggregate", "SUM", "column", "value"));

        // COUNT and SUM over F: answered exactly.
        Map<String, Object> first = query(orderId, Map.of("select", countAndSum, "filters", List.of(inShanghai)));
        assertThat(rows(first)).hasSize(1);
        assertThat(((Number) rows(first).get(0).get(0)).longValue()).isEqualTo(shanghai.size());
        assertThat(((Number) rows(first).get(0).get(1)).longValue()).isEqualTo(sum(shanghai));

        // Over F minus one record: 24 rows, above k, but the difference would be that one record's value.
        Map<String, Object> second = query(orderId, Map.of("select", countAndSum, "filters", List.of(inShanghai, allButTarget)));
        assertThat(rows(second)).as("the difference of the two answers would disclose one record").isEmpty();
        assertThat(second.get("differencingGroups")).isEqualTo(1);
        assertThat(second.get("suppressedGroups")).isEqualTo(0);
        assertThat((String) second.get("note")).contains("would differ from an earlier answer of this licence by fewer than 10 rows")
                .contains("相差少于 10 条记录");

        // The same attack through a grouping: Shanghai without the record is suppressed, Guangdong (disjoint) answered.
        Map<String, Object> grouped = query(orderId, Map.of("select", List.of(Map.of("column", "region"), Map.of("aggregate", "SUM", "column", "value")),
                "groupBy", List.of("region"), "filters", List.of(allButTarget)));
        assertThat(rows(grouped)).hasSize(1);
        assertThat(rows(grouped).get(0).get(0)).isEqualTo("CN-GD");
        List<String[]> guangdong = demoRows().stream().filter(r -> r[1].equals("CN-GD")).toList();
        assertThat(((Number) rows(grouped).get(0).get(1)).longValue()).isEqualTo(sum(guangdong));
        assertThat(grouped.get("differencingGroups")).isEqualTo(1);

        // An overlapping query that differs from every earlier answer by at least k rows is answered exactly.
        long threshold = shanghai.stream().map(r -> Long.parseLong(r[2])).sorted().toList().get(12);
        List<String[]> upper = shanghai.stream().filter(r -> Long.parseLong(r[2]) >= threshold).toList();
        assertThat(shanghai.size() - upper.size()).as("the test's premise: F and its upper half differ by at least k").isGreaterThanOrEqualTo(K);
        Map<String, Object> overlapping = query(orderId, Map.of("select", countAndSum,
                "filters", List.of(inShanghai, Map.of("column", "value", "operator", "GE", "value", threshold))));
        assertThat(overlapping.get("differencingGroups")).isEqualTo(0);
        assertThat(((Number) rows(overlapping).get(0).get(0)).longValue()).isEqualTo(upper.size());
        assertThat(((Number) rows(overlapping).get(0).get(1)).longValue()).isEqualTo(sum(upper));
        // Asking F again is answered: identical sets disclose nothing new.
        assertThat(rows(query(orderId, Map.of("select", countAndSum, "filters", List.of(inShanghai))))).hasSize(1);

        // Every query was counted and logged, the suppressed ones with their count.
        List<Map<String, Object>> log = list("demo-buyer", "/api/orders/" + orderId + "/sandbox/queries");
        assertThat(log).hasSize(5);
        assertThat(log).extracting(q -> ((Number) q.get("differencingGroups")).intValue()).containsExactly(0, 0, 1, 1, 0);

        // The history is the licence's: under another licence the second query is answered as the first of its kind.
        String other = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        Map<String, Object> elsewhere = query(other, Map.of("select", countAndSum, "filters", List.of(inShanghai, allButTarget)));
        assertThat(((Number) rows(elsewhere).get(0).get(0)).longValue()).isEqualTo(shanghai.size() - 1);
        assertThat(elsewhere.get("differencingGroups")).isEqualTo(0);
    }

    @Test
    void theSumOfAQuerysGroupsIsComparedWithEarlierAnswersToo() throws Exception {
        String orderId = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        String[] target = demoRows().get(20);
        // The total over the file, then per region without one record: each region differs from the total by 25 or 26
        // rows, but the two regions' sum would differ from it by exactly that record.
        Map<String, Object> total = query(orderId, Map.of("select", List.of(Map.of("aggregate", "SUM", "column", "value"))));
        assertThat(((Number) rows(total).get(0).get(0)).longValue()).isEqualTo(sum(demoRows()));
        Map<String, Object> regions = query(orderId, Map.of("select", List.of(Map.of("column", "region"), Map.of("aggregate", "SUM", "column", "value")),
                "groupBy", List.of("region"), "filters", List.of(Map.of("column", "time", "operator", "NE", "value", target[0]))));
        assertThat(rows(regions)).isEmpty();
        assertThat(regions.get("differencingGroups")).isEqualTo(2);
        // Per region over the whole file: the regions add up to the total, nothing is left over, both are answered.
        Map<String, Object> whole = query(orderId, Map.of("select", List.of(Map.of("column", "region"), Map.of("aggregate", "SUM", "column", "value")),
                "groupBy", List.of("region")));
        assertThat(rows(whole)).hasSize(2);
        assertThat(whole.get("differencingGroups")).isEqualTo(0);
    }

    @Test
    void percentilesAreAnsweredOnlyWithKValuesOnEachSideAndExtremesAsTheKthValue() throws Exception {
        String orderId = api.buySettled(api.listed(PRODUCT), "one-off", PURPOSE);
        List<Long> shanghai = demoRows().stream().filter(r -> r[1].equals("CN-SH")).map(r -> Long.parseLong(r[2])).sorted().toList();
        List<Object> times = demoRows().stream().filter(r -> r[1].equals("CN-SH")).map(r -> (Object) r[0]).sorted().toList();
        // 25 values, k = 10: p·n >= 10 and (1−p)·n >= 10 holds from 40% to 60%.
        Map<String, Object> result = query(orderId, Map.of("select", List.of(
                        Map.of("aggregate", "PERCENTILE", "column", "value", "percent", 39),
                        Map.of("aggregate", "PERCENTILE", "column", "value", "percent", 40),
                        Map.of("aggregate", "PERCENTILE", "column", "value", "percent", 60),
                        Map.of("aggregate", "PERCENTILE", "column", "value", "percent", 61),
                        Map.of("aggregate", "PERCENTILE", "column", "value", "percent", 99),
                        Map.of("aggregate", "MIN", "column", "value"), Map.of("aggregate", "MAX", "column", "value"),
                        Map.of("aggregate", "MIN", "column", "time"), Map.of("aggregate", "MAX", "column", "time")),
                "filters", List.of(Map.of("column", "region", "operator", "EQ", "value", "CN-SH"))));
        List<Object> row = rows(result).get(0);
        assertThat(row.get(0)).as("39%% of 25 is below k").isNull();
        assertThat(((Number) row.get(1)).doubleValue()).isCloseTo(percentile(shanghai, 40), within(1e-9));
        assertThat(((Number) row.get(2)).doubleValue()).isCloseTo(percentile(shanghai, 60), within(1e-9));
        assertThat(row.get(3)).isNull();
        assertThat(row.get(4)).isNull();
        assertThat(((Number) row.get(5)).longValue()).isEqualTo(shanghai.get(K - 1));
        assertThat(((Number) row.get(6)).longValue()).isEqualTo(shanghai.get(shanghai.size() - K));
        assertThat(java.time.Instant.parse((String) row.get(7))).isEqualTo(java.time.Instant.parse((String) times.get(K - 1)));
        assertThat(java.time.Instant.parse((String) row.get(8))).isEqualTo(java.time.Instant.parse((String) times.get(times.size() - K)));
    }

    private static final int K = 10;

    /** The percentile as DuckDB's quantile_cont computes it: linear between the two nearest ranks. */
    private static double percentile(List<Long> sorted, int percent) {
        double rank = percent / 100.0 * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        return sorted.get(lo) + (rank - lo) * (sorted.get(Math.min(lo + 1, sorted.size() - 1)) - sorted.get(lo));
    }

    private static long sum(List<String[]> rows) {
        return rows.stream().mapToLong(r -> Long.parseLong(r[2])).sum();
    }

    @SuppressWarnings("unchecked")
    private static List<String> columns(Map<String, Object> result) {
        return (List<String>) result.get("columns");
    }

    private Map<String, Object> query(String orderId, Map<String, Object> body) {
        return api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", body));
    }

    private void refused(String orderId, Map<String, Object> body, ProblemType type) {
        var e = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", body));
        assertThat(e.getStatus().getCode()).as("%s", body).isEqualTo(type.status());
        assertThat(ApiClient.problem(e).get("type")).as("%s", body).isEqualTo(type.uri());
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(Map<String, Object> result) {
        return (List<List<Object>>) result.get("rows");
    }

    private List<Map<String, Object>> list(String user, String path) {
        return http.toBlocking().retrieve(api.as(user, HttpRequest.GET(path)), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }
}
