package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.marketplace.store.Browser.testId;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.ProductDrafts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A merchant that bought a licence takes delivery of it in its console, in a real Chromium against a real exchange
 * (demo data, devnet ledger): 已购许可 lists the licence with its certificate and term, unfolds its volume and the
 * buyer's delivery actions, the merchant downloads the licensed file there and sees the download counted, and opens the
 * order's own page (the buyer's); then what its organisation paid (spending, a subscription held whose auto-renew it
 * switches off, the licences as data assets); and a buyer's same page in the store (采购与账单), whose links go to its
 * orders. axe-core on the new screens; screenshots in Chinese and English.
 */
@MicronautTest(transactional = false)
class LicencesHeldJourneyTest extends BrowserJourney {

    private static final String HOLDER = "demo-merchant-ocean";
    private static final String PURPOSE = "海洋研究 ocean research";

    @Override
    String journey() {
        return "licences-held-journey";
    }

    @Test
    void aMerchantDownloadsTheFileItLicensedFromLicencesHeld() throws IOException {
        // demo-merchant sells a capped file licence; demo-merchant-ocean buys it (as a merchant does, to derive from it).
        String title = "许可海温日报 " + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> draft = ProductDrafts.seaTemperature(title, List.of("FILE_DOWNLOAD"), "buoy-operator",
                Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 36_500));
        draft.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of(PURPOSE),
                "volumeCaps", Map.of("downloads", 2)));
        String productId = (String) api.listNew(draft, "sst.csv", ProductDrafts.SEA_TEMPERATURE_CSV).get("id");
        topUpHolder();

        // The merchant buys in the store as a buyer does; the paid order opens in its console's licences held.
        Browser b = browser;
        MerchantConsolePage console = new MerchantConsolePage(b).signIn(HOLDER);
        b.open("/products/" + productId);
        b.assertAccessible("a product sheet seen by a merchant that may buy it");
        String orderId = new StorePage(b).buy(productId, PURPOSE, "上海");
        assertThat(b.driver.getCurrentUrl()).endsWith("/merchant/licences/" + orderId);
        Awaitility.await("order " + orderId + " settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.json(HOLDER, HttpRequest.GET("/api/orders/" + orderId)).get("certificateId") != null);
        // Its own products offer it no order button.
        String own = ownDemoProduct();
        b.open("/products/" + own);
        b.visible(By.tagName("h1"));
        assertThat(b.driver.findElements(testId("order-button"))).isEmpty();
        b.open("/merchant");
        b.visible(testId("products-by-status"));

        String certificate = console.openLicenceHeld(orderId);
        assertThat(certificate).isEqualTo("CERT-" + orderId);
        assertThat(b.visible(testId("held-term-" + certificate)).getText()).matches("\\d{4}-\\d{2}-\\d{2} – \\d{4}-\\d{2}-\\d{2}");
        assertThat(b.visible(By.cssSelector("tr[data-row-key='" + orderId + "']")).getText()).contains(title);
        b.until(d -> text("volume-cap-DOWNLOADS").equals("2") && text("volume-used-DOWNLOADS").equals("0"));
        b.assertAccessible("licences held");
        b.screenshot("merchant-licences-held");

        b.click(testId("download-button"));
        Path file = b.until(d -> downloaded(b.downloads, "sst.csv"));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(ProductDrafts.SEA_TEMPERATURE_CSV);
        // The page refreshes the volume after the download: counted against the licence as a buyer's download is.
        b.until(d -> text("volume-used-DOWNLOADS").equals("1"));
        assertThat(text("volume-left-DOWNLOADS")).isEqualTo("1");
        List<Map<String, Object>> deliveries = http.toBlocking().retrieve(api.as(HOLDER, HttpRequest.GET("/api/orders/" + orderId
                + "/deliveries")), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(deliveries).singleElement().satisfies(d -> assertThat(d).containsEntry("mode", "FILE_DOWNLOAD"));

        // The order's own page is the buyer's, inside the console.
        b.click(testId("held-open-" + orderId));
        assertThat(b.visible(testId("certificate-id")).getText()).isEqualTo(certificate);
        b.until(d -> d.getCurrentUrl().endsWith("/merchant/licences/" + orderId));
        b.visible(testId("download-button"));
        b.assertAccessible("a licence held, its order page");
        b.screenshot("merchant-licence-order");

        // What the organisation paid for its licences (never its sales): spending, its subscription with the
        // auto-renew switch, and the licences as data assets.
        String subscribed = api.buySettledAs(HOLDER, api.listed("上市公司舆情指数"), "monthly", "量化投资 quantitative investing");
        console.section("采购与账单");
        b.visible(By.xpath("//h1[normalize-space(.)='采购与账单']"));
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        long spent = spentIn(month);
        assertThat(spent).isGreaterThanOrEqualTo(36_500 + 450_000);
        b.until(d -> text("held-spent-" + month).equals(String.format("¥%,d.%02d", spent / 100, spent % 100)));
        b.click(testId("held-auto-renew-" + subscribed));
        Awaitility.await("auto-renew off").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Boolean.FALSE.equals(api.json(HOLDER, HttpRequest.GET("/api/subscriptions/" + subscribed)).get("autoRenew")));
        b.until(d -> "false".equals(d.findElement(testId("held-auto-renew-" + subscribed)).getAttribute("aria-checked")));
        b.assertAccessible("purchases and bills");
        console.section("数据资产");
        b.visible(testId("asset-cost-" + orderId));
        b.visible(testId("asset-cost-" + subscribed));
        b.assertAccessible("the merchant's data assets");
        b.click(testId("asset-tx-" + orderId));
        b.until(d -> d.getCurrentUrl().endsWith("/merchant/licences/" + orderId));

        // The same list in English.
        b.driver.executeScript("localStorage.setItem('exchange.language', 'en');");
        b.open("/merchant/licences");
        b.visible(By.xpath("//h1[normalize-space(.)='Licences held']"));
        b.visible(testId("held-term-" + certificate));
        b.screenshot("merchant-licences-held-en");

        // A buyer has the same page in the store, next to its orders and wallet; its links go to its own orders.
        String bought = api.buySettledAs("demo-buyer", api.listed("上市公司舆情指数"), "monthly", "量化投资 quantitative investing");
        b.driver.executeScript("sessionStorage.clear(); localStorage.removeItem('exchange.language');");
        b.signIn("demo-buyer", "/orders");
        b.click(testId("nav-purchases"));
        b.visible(By.xpath("//h1[normalize-space(.)='采购与账单']"));
        assertThat(b.visible(testId("held-certificate-" + bought)).getText()).isEqualTo("CERT-" + bought);
        assertThat(b.visible(testId("held-auto-renew-" + bought)).getAttribute("aria-checked")).isEqualTo("true");
        b.assertAccessible("the buyer's purchases and bills");
        b.screenshot("buyer-purchases");
        b.click(testId("held-subscription-" + bought));
        b.until(d -> d.getCurrentUrl().endsWith("/orders/" + bought));
        assertThat(b.visible(testId("certificate-id")).getText()).isEqualTo("CERT-" + bought);
        b.driver.executeScript("localStorage.setItem('exchange.language', 'en');");
        b.open("/purchases");
        b.visible(By.xpath("//h1[normalize-space(.)='Purchases and bills']"));
        b.visible(testId("held-certificate-" + bought));
        b.assertAccessible("the buyer's purchases and bills in English");
        b.screenshot("buyer-purchases-en");

        assertThat(b.consoleErrors()).isEmpty();
    }

    /** A listed demo product of the holder's own organisation (蓝湾海洋, demo-merchant-ocean). */
    @SuppressWarnings("unchecked")
    private String ownDemoProduct() {
        List<Map<String, Object>> page = (List<Map<String, Object>>) api.json(null, HttpRequest.GET("/api/products?size=100")).get("content");
        return page.stream().filter(p -> ((String) p.get("merchantName")).startsWith("蓝湾海洋")).findFirst()
                .orElseThrow(() -> new AssertionError("no demo product of " + HOLDER)).get("id").toString();
    }

    /** The holder's net spending in a month, as its purchases statement states it (CNY). */
    @SuppressWarnings("unchecked")
    private long spentIn(String month) {
        List<Map<String, Object>> spending = (List<Map<String, Object>>) api.json(HOLDER, HttpRequest.GET("/api/statements/purchases"))
                .get("spending");
        return spending.stream().filter(l -> month.equals(l.get("month")) && "CNY".equals(l.get("currency")))
                .mapToLong(l -> ((Number) l.get("spentMinor")).longValue()).sum();
    }

    @SuppressWarnings("unchecked")
    private void topUpHolder() {
        String org = (String) ((Map<String, Object>) api.json(HOLDER, HttpRequest.GET("/api/me")).get("organisation")).get("id");
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/wallets/" + org + "/top-ups",
                Map.of("amountMinor", 1_000_000, "currency", "CNY", "reference", "licences-held " + UUID.randomUUID())))).isEqualTo(201);
    }

    private String text(String testId) {
        List<org.openqa.selenium.WebElement> found = browser.driver.findElements(testId(testId));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static Path downloaded(Path dir, String name) {
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? file : null;
    }
}
