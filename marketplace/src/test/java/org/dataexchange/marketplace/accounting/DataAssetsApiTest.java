package org.dataexchange.marketplace.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The buyer's data assets over real HTTP: licences settled on devnet, amortised, exported as CSV and XLSX. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class DataAssetsApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("data-assets-test", "micronaut.http.client.read-timeout", "60s");
    }

    @Test
    void eachLicenceIsAnAssetAmortisedMonthlyAndTracedToItsLedgerTransaction() throws Exception {
        ApiClient api = new ApiClient(http);
        String oneOff = api.buySettled(api.listed("土壤墒情监测"), "one-off", "农业保险 crop insurance");
        String monthly = api.buySettled(api.listed("钢材价格指数"), "monthly", "采购决策 procurement decisions");
        Map<String, Object> order = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + oneOff));

        List<Map<String, Object>> assets = http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/data-assets")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        Map<String, Object> soil = assets.stream().filter(a -> a.get("orderId").equals(oneOff)).findFirst().orElseThrow();
        assertThat(soil.get("transactionId")).isEqualTo(order.get("transactionId"));
        assertThat(((Number) soil.get("blockNumber")).longValue()).isEqualTo(((Number) order.get("blockNumber")).longValue());
        assertThat(((Number) soil.get("costMinor")).longValue()).isEqualTo(110_000);
        assertThat(soil.get("planKind")).isEqualTo("ONE_OFF");
        assertThat((String) soil.get("productTitle")).startsWith("土壤墒情监测");
        assertThat(soil.get("termFrom")).isEqualTo(order.get("paidAt"));
        List<Map<String, Object>> months = (List<Map<String, Object>>) soil.get("amortisation");
        assertThat(months).hasSize(((Number) soil.get("months")).intValue());
        assertThat(months.stream().mapToLong(m -> ((Number) m.get("chargeMinor")).longValue()).sum()).isEqualTo(110_000);
        assertThat(((Number) months.get(months.size() - 1).get("carryingMinor")).longValue()).isZero();
        Map<String, Object> steel = assets.stream().filter(a -> a.get("orderId").equals(monthly)).findFirst().orElseThrow();
        assertThat(steel.get("planKind")).isEqualTo("SUBSCRIPTION");
        assertThat(((Number) steel.get("months")).intValue()).isBetween(1, 2); // one month's term, across one or two calendar months

        String csv = new String(http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/data-assets/export?format=csv")), byte[].class),
                StandardCharsets.UTF_8);
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.get(0)).startsWith("orderId,transactionId,blockNumber,").endsWith("month,periodFrom,periodUntil,chargeMinor,accumulatedMinor,carryingMinor");
        List<String> soilRows = lines.stream().filter(l -> l.startsWith(oneOff + ",")).toList();
        assertThat(soilRows).hasSize(months.size()).allSatisfy(l -> assertThat(l.split(",")[1]).isEqualTo(order.get("transactionId")));
        assertThat(soilRows.stream().mapToLong(l -> Long.parseLong(l.split(",")[l.split(",").length - 3])).sum()).isEqualTo(110_000);

        HttpResponse<byte[]> xlsx = http.toBlocking().exchange(api.as("demo-buyer", HttpRequest.GET("/api/data-assets/export?format=xlsx")), byte[].class);
        assertThat(xlsx.getContentType().orElseThrow().toString()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Map<String, String> parts = unzip(xlsx.body());
        assertThat(parts).containsKeys("xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml");
        // FastExcel writes the Chinese of sheet names as character references (资产 = &#x8d44;&#x4ea7;).
        assertThat(parts.get("xl/workbook.xml")).contains("&#x8d44;&#x4ea7; Assets").contains("&#x644a;&#x9500; Amortisation");
        String strings = parts.getOrDefault("xl/sharedStrings.xml", "") + parts.get("xl/worksheets/sheet1.xml") + parts.get("xl/worksheets/sheet2.xml");
        assertThat(strings).contains((String) order.get("transactionId")).contains(oneOff);

        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/data-assets/export?format=pdf"))).isEqualTo(400);
        // A merchant's data assets are its own organisation's purchases: the sellers of these licences, and every other
        // merchant, find neither of the buyer's among theirs; the staff have no data assets.
        for (String merchant : new String[] {"demo-merchant", "demo-merchant-ocean", "demo-merchant-insight", "demo-merchant-mobility"}) {
            List<Map<String, Object>> theirs = http.toBlocking().retrieve(api.as(merchant, HttpRequest.GET("/api/data-assets")),
                    io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
            assertThat(theirs).as(merchant).noneMatch(a -> oneOff.equals(a.get("orderId")) || monthly.equals(a.get("orderId")));
        }
        for (String who : new String[] {"demo-operator", "demo-regulator"}) {
            assertThat(api.status(who, HttpRequest.GET("/api/data-assets"))).as(who).isEqualTo(403);
        }
        assertThat(api.status(null, HttpRequest.GET("/api/data-assets/export"))).isEqualTo(401);
    }

    /** The workbook's parts, read through the zip's central directory as spreadsheet programs do. */
    private static Map<String, String> unzip(byte[] bytes) throws Exception {
        Map<String, String> out = new HashMap<>();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("data-assets", ".xlsx");
        java.nio.file.Files.write(file, bytes);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                out.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        return out;
    }
}
