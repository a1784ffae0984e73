package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.marketplace.store.Browser.testId;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.dataexchange.marketplace.ProductDrafts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Licence volume limits and data assets in a real Chromium against a real exchange (demo data, devnet ledger): the
 * buyer reads the caps on the product sheet before ordering, buys, sees the caps, the use and what is left on the order
 * page while downloading up to the download cap, is refused past it, finds each cap on the public certificate check,
 * and exports its data assets as CSV and XLSX from the store's data-assets screen; the merchant sees the same use under
 * the order received. axe-core on the new screens.
 */
@MicronautTest(transactional = false)
class LicenceVolumeJourneyTest extends BrowserJourney {
    @Override
    String journey() {
        return "licence-volume-journey";
    }

    @Test
    void aBuyerSeesTheCapsAndTheUseIsStoppedAtTheCapAndExportsItsDataAssets() throws IOException {
        String title = "限量海温日报 " + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> draft = ProductDrafts.seaTemperature(title, List.of("FILE_DOWNLOAD"), "buoy-operator",
                Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 36_500));
        draft.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of("海洋研究 ocean research"),
                "volumeCaps", Map.of("records", 1000, "downloads", 2)));
        String productId = (String) api.listNew(draft, "sst.csv", ProductDrafts.SEA_TEMPERATURE_CSV).get("id");

        Browser b = browser;
        b.signIn("demo-buyer", "/products/" + productId);
        b.seeText("用量上限（整个许可期内）：1,000 条记录、2 次下载；达到上限后不再交付。");
        String orderId = new StorePage(b).buy(productId, "海洋研究 ocean research", "上海");

        // The order page: the caps, and the use counted as the buyer downloads.
        assertThat(b.visible(testId("order-caps")).getText()).isEqualTo("1,000 条记录、2 次下载");
        b.until(d -> text("volume-cap-DOWNLOADS").equals("2") && text("volume-used-DOWNLOADS").equals("0"));
        b.click(testId("download-button"));
        b.until(d -> downloadedCount(b.downloads, "sst") == 1);
        refreshUntil("volume-used-DOWNLOADS", "1");
        assertThat(text("volume-used-RECORDS")).isEqualTo("1");
        assertThat(text("volume-left-RECORDS")).isEqualTo("999");
        b.click(testId("download-button"));
        b.until(d -> downloadedCount(b.downloads, "sst") == 2);
        refreshUntil("volume-used-DOWNLOADS", "2");
        assertThat(text("volume-left-DOWNLOADS")).isEqualTo("0 · 已达上限");
        b.click(testId("download-button"));
        b.visible(By.xpath("//*[@role='alert'][contains(., '已达许可用量上限')]"));
        assertThat(downloadedCount(b.downloads, "sst")).as("nothing delivered past the cap").isEqualTo(2);
        b.assertAccessible("order page with its licence volume");
        b.screenshot("licence-volume-order");

        // The public certificate check states each cap.
        b.click(testId("verify-link"));
        b.visible(By.cssSelector("[data-testid='verify-verdict'][data-verdict='valid']"));
        assertThat(b.visible(testId("verify-caps")).getText()).isEqualTo("1,000 条记录、2 次下载");

        // Data assets, from the buyer's menu: the licence with its cost and ledger transaction, exported for the books.
        b.click(testId("nav-data-assets"));
        b.visible(testId("asset-tx-" + orderId));
        assertThat(b.visible(testId("asset-cost-" + orderId)).getText()).isEqualTo("¥365.00");
        b.assertAccessible("data assets");
        b.screenshot("data-assets");
        b.click(testId("assets-export-csv"));
        Path csv = b.until(d -> downloaded(b.downloads, "data-assets.csv"));
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains(orderId, title);
        b.click(testId("assets-export-xlsx"));
        Path xlsx = b.until(d -> downloaded(b.downloads, "data-assets.xlsx"));
        byte[] zip = Files.readAllBytes(xlsx);
        assertThat(new String(zip, 0, 2, StandardCharsets.US_ASCII)).as("an OOXML workbook is a zip").isEqualTo("PK");

        // The merchant sees the same use under the order received.
        b.open("/");
        b.driver.executeScript("sessionStorage.clear();");
        b.signIn("demo-merchant", "/merchant/orders");
        b.click(By.xpath("//tr[.//td[contains(., '" + title + "')]]//button[contains(@class,'ant-table-row-expand-icon')]"));
        b.until(d -> text("volume-used-DOWNLOADS").equals("2"));
        assertThat(text("volume-cap-RECORDS")).isEqualTo("1,000");
        b.assertAccessible("merchant's order with its licence volume");
        assertThat(api.json("demo-merchant", HttpRequest.GET("/api/orders/" + orderId + "/volume")).get("orderId")).isEqualTo(orderId);

        // The refused download link is a 403 the test provoked; nothing else may be logged as an error.
        assertThat(b.consoleErrors()).allMatch(e -> e.contains("403"));
    }

    private String text(String testId) {
        List<org.openqa.selenium.WebElement> found = browser.driver.findElements(testId(testId));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private void refreshUntil(String testId, String expected) {
        browser.until(d -> {
            if (text(testId).equals(expected)) {
                return true;
            }
            browser.click(testId("volume-refresh"));
            return false;
        });
    }

    private static long downloadedCount(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && !n.endsWith(".crdownload")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static Path downloaded(Path dir, String name) {
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? file : null;
    }
}
