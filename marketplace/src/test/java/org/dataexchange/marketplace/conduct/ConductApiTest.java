package org.dataexchange.marketplace.conduct;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Price statistics, conduct flags and the monthly report over real HTTP, from trades on the devnet ledger: some placed
 * through the store, some recorded on the ledger directly (as a trade behind the exchange's back would be, with buyers
 * the books do not know), so the prices can be chosen.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class ConductApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient operatorLedger;

    @Value("${exchange.data-dir}")
    String dataDir;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("conduct-test", "exchange.conduct.public-min-parties", "2",
                // A month's report reads the whole ledger and reconciles it: slower than 10 s on a loaded machine.
                "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    /**
     * Transport, general data (merchants 1 and 2): five products at 95,000 to 120,000 fen and 航班 at 900,000, each
     * bought by three buyers; energy: 光伏 at 260,000 and 300,000 to two buyers (15% apart), 风电 at 540,000 and 560,000
     * (3.7%); agriculture: 土壤 bought by demo-buyer in the store, alone, three times; manufacturing: 工业设备故障样本库
     * bought by demo-buyer three times, each time with 钢材价格指数 of the same merchant.
     */
    @BeforeAll
    void trades() throws Exception {
        api = new ApiClient(http);
        Map<String, Long> transport = Map.of("集装箱", 100_000L, "公交", 95_000L, "高速", 110_000L, "地铁", 120_000L,
                "网约车", 105_000L, "航班", 900_000L);
        for (var p : transport.entrySet()) {
            Map<String, Object> sheet = api.listed(title(p.getKey()));
            for (String buyer : List.of("BUYER-A", "BUYER-B", "BUYER-C")) {
                side(sheet, buyer, p.getValue());
            }
        }
        Map<String, Object> solar = api.listed("光伏");
        side(solar, "BUYER-A", 260_000);
        side(solar, "BUYER-B", 300_000);
        Map<String, Object> wind = api.listed("风电");
        side(wind, "BUYER-A", 540_000);
        side(wind, "BUYER-B", 560_000);
        for (int i = 0; i < 3; i++) {
            api.buySettled(api.listed("土壤墒情监测"), "one-off", "农业保险 crop insurance");
            api.buySettled(api.listed("工业设备故障样本库"), "one-off", "故障诊断模型训练 fault model training");
            api.buySettled(api.listed("钢材价格指数"), "monthly", "采购决策 procurement decisions");
        }
    }

    private static String title(String key) {
        return switch (key) {
            case "集装箱" -> "港口集装箱吞吐量";
            case "公交" -> "城市公交到站预测API";
            case "高速" -> "高速公路车流量统计";
            case "地铁" -> "地铁客流OD矩阵";
            case "网约车" -> "网约车出行热力图";
            default -> "航班准点率统计";
        };
    }

    private void side(Map<String, Object> sheet, String buyer, long amount) {
        String seller = (String) ((Map<?, ?>) sheet.get("merchant")).get("creditCode");
        String id = "SIDE-" + UUID.randomUUID();
        operatorLedger.recordTrade(new TradeRequest(id, id, (String) sheet.get("id"), (String) sheet.get("currentVersion"),
                (String) ((Map<?, ?>) ((List<?>) sheet.get("versions")).get(0)).get("sha256"), "0".repeat(64), buyer, seller,
                amount, "CNY", List.of(new SplitLine(seller, SplitRole.MERCHANT, amount)), "CN-SH", "CN-SH", Approvals.NONE)).join();
    }

    @Test
    void everyoneSeesPricesWithoutPartiesAndWithoutCellsSmallEnoughToPointAtOne() {
        Map<String, Object> pub = api.json(null, HttpRequest.GET("/api/price-statistics"));
        List<Map<String, Object>> cells = (List<Map<String, Object>>) pub.get("cells");
        Map<String, Object> transport = cells.stream().filter(c -> c.get("industry").equals("transport")).findFirst().orElseThrow();
        assertThat(transport.get("classification")).isEqualTo("GENERAL");
        assertThat(transport.get("planKind")).isEqualTo("UNKNOWN");
        assertThat(((Number) transport.get("trades")).longValue()).isEqualTo(18);
        assertThat(((Number) transport.get("merchants")).intValue()).isEqualTo(2);
        Map<String, Object> prices = (Map<String, Object>) transport.get("prices");
        assertThat(((Number) prices.get("minMinor")).longValue()).isEqualTo(95_000);
        assertThat(((Number) prices.get("maxMinor")).longValue()).isEqualTo(900_000);
        assertThat(transport.get("merchantShares")).isNull();
        // One merchant in agriculture (and in manufacturing, and each energy product's merchant): withheld, only counted.
        assertThat(cells).noneMatch(c -> c.get("industry").equals("agriculture"));
        assertThat(((Number) pub.get("withheldCells")).intValue()).isGreaterThanOrEqualTo(3);
        assertThat(((Number) pub.get("withheldTrades")).longValue()).isGreaterThanOrEqualTo(3 + 6 + 4);
        String body = pub.toString();
        for (String party : List.of("BUYER-A", "91310115MA1KJK1275", (String) ((Map<?, ?>) api.listed("航班").get("merchant")).get("creditCode"))) {
            assertThat(body).doesNotContain(party);
        }

        Map<String, Object> full = api.json("demo-regulator", HttpRequest.GET("/api/regulator/price-statistics"));
        List<Map<String, Object>> all = (List<Map<String, Object>>) full.get("cells");
        assertThat(((Number) full.get("withheldCells")).intValue()).isZero();
        Map<String, Object> agriculture = all.stream().filter(c -> c.get("industry").equals("agriculture")).findFirst().orElseThrow();
        assertThat(agriculture.get("planKind")).isEqualTo("ONE_OFF");
        assertThat(((Number) ((Map<?, ?>) agriculture.get("prices")).get("medianMinor")).longValue()).isEqualTo(110_000);
        assertThat(agriculture.get("merchantShares").toString()).contains((String) ((Map<?, ?>) api.listed("土壤墒情监测").get("merchant")).get("creditCode"));
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/regulator/price-statistics"))).isEqualTo(403);
        assertThat(api.status(null, HttpRequest.GET("/api/price-statistics?from=2026-13-01"))).isEqualTo(400);
    }

    @Test
    void flagsExplainTheNumbersThatRaisedThem() {
        Map<String, Object> view = api.json("demo-regulator", HttpRequest.GET("/api/regulator/conduct-flags"));
        List<Map<String, Object>> flags = (List<Map<String, Object>>) view.get("flags");
        String flight = (String) api.listed("航班").get("id");
        Map<String, Object> outlier = flags.stream().filter(f -> f.get("rule").equals("PRICE_OUTLIER")).findFirst().orElseThrow();
        assertThat(outlier.get("productId")).isEqualTo(flight);
        Map<String, Object> n = (Map<String, Object>) outlier.get("numbers");
        // Comparables 95,000 100,000 105,000 110,000 120,000: Q3 110,000, IQR 10,000; 110,000 + 3 × 10,000 = 140,000,
        // and 50% above Q3 = 165,000: the threshold is 165,000.
        assertThat(((Number) n.get("priceMinor")).longValue()).isEqualTo(900_000);
        assertThat(((Number) n.get("q3Minor")).longValue()).isEqualTo(110_000);
        assertThat(((Number) n.get("iqrMinor")).longValue()).isEqualTo(10_000);
        assertThat(((Number) n.get("thresholdMinor")).longValue()).isEqualTo(165_000);
        assertThat(((Number) n.get("comparables")).longValue()).isEqualTo(5);
        assertThat((String) outlier.get("explanation")).contains("900000").contains("165000").contains("Q3 110000");
        assertThat((List<?>) outlier.get("tradeIds")).hasSize(3);
        assertThat(flags).filteredOn(f -> f.get("rule").equals("PRICE_OUTLIER")).hasSize(1);

        String solar = (String) api.listed("光伏").get("id");
        String wind = (String) api.listed("风电").get("id");
        List<Map<String, Object>> discrimination = flags.stream().filter(f -> f.get("rule").equals("PRICE_DISCRIMINATION")).toList();
        assertThat(discrimination).extracting(f -> f.get("productId")).containsExactly(solar);
        Map<String, Object> d = (Map<String, Object>) discrimination.get(0).get("numbers");
        assertThat(((Number) d.get("lowestMinor")).longValue()).isEqualTo(260_000);
        assertThat(((Number) d.get("highestMinor")).longValue()).isEqualTo(300_000);
        assertThat(((Number) d.get("spreadBasisPoints")).longValue()).isEqualTo(1538); // 40,000 / 260,000
        assertThat((String) discrimination.get(0).get("explanation")).contains("BUYER-A").contains("BUYER-B").contains("15.38%");
        assertThat(flags).noneMatch(f -> wind.equals(f.get("productId")));

        String faults = (String) api.listed("工业设备故障样本库").get("id");
        String steel = (String) api.listed("钢材价格指数").get("id");
        List<Map<String, Object>> tied = flags.stream().filter(f -> f.get("rule").equals("TIED_SALE")).toList();
        assertThat(tied).anySatisfy(f -> {
            assertThat(f.get("productId")).isEqualTo(faults);
            assertThat(f.get("otherProductId")).isEqualTo(steel);
            assertThat(((Number) ((Map<?, ?>) f.get("numbers")).get("orders")).longValue()).isEqualTo(3);
            assertThat((List<?>) f.get("tradeIds")).hasSize(3).doesNotContainNull();
        });
        // Bought three times alone: not tied.
        String soil = (String) api.listed("土壤墒情监测").get("id");
        assertThat(tied).noneMatch(f -> soil.equals(f.get("productId")));
        assertThat(((Map<?, ?>) view.get("rules")).get("discriminationPeriod")).isEqualTo("MONTH");
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/regulator/conduct-flags"))).isEqualTo(403);
    }

    @Test
    void theMonthlyReportIsKeptAndServedUnchangedWithItsHash() throws Exception {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        HttpResponse<Map> created = http.toBlocking().exchange(api.as("demo-regulator",
                HttpRequest.POST("/api/regulator/reports", Map.of("month", month))), Map.class);
        assertThat(created.code()).isEqualTo(201);
        Map<String, Object> report = created.body();
        String id = (String) report.get("id");
        assertThat(((Number) report.get("trades")).longValue()).isGreaterThanOrEqualTo(18 + 4 + 9);
        assertThat(((Number) report.get("flags")).intValue()).isGreaterThanOrEqualTo(3);
        // The side trades are on the ledger but not in the books: reconciliation names them.
        assertThat(((Number) report.get("differences")).intValue()).isGreaterThanOrEqualTo(22);

        List<Map<String, Object>> kept = list(api.as("demo-regulator", HttpRequest.GET("/api/regulator/reports")));
        assertThat(kept).anySatisfy(r -> assertThat(r.get("id")).isEqualTo(id));

        HttpResponse<byte[]> pdf = http.toBlocking().exchange(api.as("demo-regulator", HttpRequest.GET("/api/regulator/reports/" + id + "/pdf")), byte[].class);
        byte[] pdfBytes = pdf.body();
        assertThat(new String(pdfBytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(sha256(pdfBytes)).isEqualTo(report.get("pdfSha256"));
        assertThat(pdf.header("Repr-Digest")).isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(pdfBytes))) + ":");
        try (PDDocument doc = Loader.loadPDF(pdfBytes)) {
            String text = new PDFTextStripper().getText(doc);
            // The Chinese is in the text (an embedded CJK font, not boxes or question marks).
            assertThat(text).contains("数据交易监管月报").contains("价格统计").contains("PRICE_OUTLIER").contains("MISSING_IN_BOOKS");
        }
        String csv = new String(http.toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/reports/" + id + "/csv")), byte[].class),
                StandardCharsets.UTF_8);
        assertThat(sha256(csv.getBytes(StandardCharsets.UTF_8))).isEqualTo(report.get("csvSha256"));
        assertThat(csv).startsWith("section,item,count,valueMinor,detail\r\n").contains("flag,PRICE_DISCRIMINATION")
                .contains("flag,TIED_SALE").contains("industry,transport,18,").contains("difference,MISSING_IN_BOOKS");

        // Downloaded again: the same bytes. Changed on disk: refused, not served.
        assertThat(http.toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/reports/" + id + "/pdf")), byte[].class))
                .isEqualTo(pdfBytes);
        Path file = Path.of(dataDir, "reports", id + ".csv");
        Files.writeString(file, csv.replace("industry,transport,18,", "industry,transport,17,"));
        var altered = api.refusal("demo-regulator", HttpRequest.GET("/api/regulator/reports/" + id + "/csv"));
        assertThat(altered.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(altered).get("type")).isEqualTo("urn:dataexchange:problem:report-altered");

        assertThat(api.status("demo-regulator", HttpRequest.POST("/api/regulator/reports",
                Map.of("month", YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString())))).isEqualTo(400);
        assertThat(api.status("demo-regulator", HttpRequest.POST("/api/regulator/reports", Map.of("month", "2026-13")))).isEqualTo(400);
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/reports/no-such/pdf"))).isEqualTo(404);
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/regulator/reports", Map.of("month", month)))).isEqualTo(403);
        assertThat(api.status("demo-merchant", HttpRequest.GET("/api/regulator/reports/" + id + "/pdf"))).isEqualTo(403);
    }

    private List<Map<String, Object>> list(io.micronaut.http.MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(request, io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
