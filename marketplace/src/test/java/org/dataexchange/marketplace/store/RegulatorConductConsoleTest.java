package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.marketplace.store.Browser.testId;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The regulator's market-conduct screen in a real Chromium: a price far above its comparables (recorded on the devnet
 * ledger) shows as a flag with the numbers that raised it and the rules in words; the regulator generates this month's
 * report, which is listed with its hash and downloads as the same bytes. axe-core runs on each tab.
 */
@MicronautTest(transactional = false)
class RegulatorConductConsoleTest extends BrowserJourney {

    @Inject
    SettlementClient operatorLedger;

    @Override
    String journey() {
        return "regulator-conduct-console";
    }

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties(journey(), "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeAll
    void setUp() {
        Map<String, Long> transport = Map.of("港口集装箱吞吐量", 100_000L, "城市公交到站预测API", 95_000L, "高速公路车流量统计", 110_000L,
                "地铁客流OD矩阵", 120_000L, "网约车出行热力图", 105_000L, "航班准点率统计", 900_000L);
        for (var p : transport.entrySet()) {
            Map<String, Object> sheet = api.listed(p.getKey());
            for (String buyer : List.of("BUYER-A", "BUYER-B", "BUYER-C")) {
                String seller = (String) ((Map<?, ?>) sheet.get("merchant")).get("creditCode");
                String id = "SIDE-" + UUID.randomUUID();
                operatorLedger.recordTrade(new TradeRequest(id, id, (String) sheet.get("id"), (String) sheet.get("currentVersion"),
                        (String) ((Map<?, ?>) ((List<?>) sheet.get("versions")).get(0)).get("sha256"), "0".repeat(64), buyer, seller,
                        p.getValue(), "CNY", List.of(new SplitLine(seller, SplitRole.MERCHANT, p.getValue())), "CN-SH", "CN-SH",
                        Approvals.NONE)).join();
            }
        }
    }

    @Test
    void theRegulatorSeesAnInflatedPriceExplainedAndGeneratesTheMonthlyReport() throws Exception {
        Browser b = browser;
        b.signIn("demo-regulator", "/regulator/conduct");
        b.until(d -> d.getCurrentUrl().endsWith("/regulator/conduct"));

        // The flags tab: the outlier, in words and numbers, and the rules it was judged by.
        WebElement outlier = b.visible(By.cssSelector("[data-testid='conduct-flags'] [data-rule='PRICE_OUTLIER']"));
        assertThat(outlier.getText()).isEqualTo("价格显著偏高");
        WebElement row = outlier.findElement(By.xpath("./ancestor::tr[1]"));
        b.until(d -> row.getText().contains("航班准点率统计"));
        assertThat(row.getText()).contains("900000").contains("165000").contains("Q3 110000").contains("thresholdMinor=165000");
        assertThat(b.visible(testId("conduct-rules")).getText()).contains("Q3 + 3 × IQR").contains("10%").contains("30 分钟");
        b.assertAccessible("regulator conduct flags");
        b.screenshot("regulator-conduct-flags");

        // The price statistics tab: the transport cell with its quartiles.
        b.click(By.xpath("//div[@role='tab'][normalize-space(.)='价格统计']"));
        WebElement cells = b.visible(testId("price-cells"));
        b.until(d -> cells.getText().contains("transport"));
        assertThat(cells.getText()).contains("UNKNOWN").contains("¥9,000.00");
        b.assertAccessible("regulator price statistics");

        // The reports tab: generate this month's, see it listed with its hash, download it.
        b.click(By.xpath("//div[@role='tab'][normalize-space(.)='监管月报']"));
        b.click(testId("generate-report"));
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        b.until(d -> d.findElement(By.cssSelector("[data-testid='reports']")).getText().contains(month));
        List<Map<String, Object>> kept = http.toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/reports")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertThat(kept).hasSize(1);
        Map<String, Object> report = kept.get(0);
        assertThat(((Number) report.get("flags")).intValue()).isEqualTo(1);
        String hash = (String) report.get("pdfSha256");
        assertThat(b.visible(testId("reports")).getText()).contains(hash.substring(0, 16));
        b.assertAccessible("regulator monthly reports");
        b.screenshot("regulator-conduct-reports");
        // The download button fetches the PDF with the session's token; the bytes it gets are the kept ones.
        Object digest = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/regulator/reports/" + report.get("id") + "/pdf', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('exchange.session')}})"
                + ".then(r => r.arrayBuffer()).then(b => crypto.subtle.digest('SHA-256', b))"
                + ".then(h => done(Array.from(new Uint8Array(h)).map(x => x.toString(16).padStart(2, '0')).join('')))"
                + ".catch(e => done('failed: ' + e))");
        assertThat(digest).isEqualTo(hash);
        b.click(testId("report-pdf-" + report.get("id")));
        assertThat(b.driver.findElements(By.cssSelector(".ant-message-error"))).isEmpty();
        byte[] pdf = http.toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/reports/" + report.get("id") + "/pdf")), byte[].class);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf))).isEqualTo(hash);
    }
}
