package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.marketplace.store.Browser.testId;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The merchant console in a real Chromium against a real exchange (demo data, devnet ledger): the demo merchant creates
 * a product with a contributor's share and a metered plan, uploads a file and submits it; the operator approves it and
 * the demo buyer buys it through the API; the merchant then sees the ledger registration, the sale and its split, and
 * the month's revenue. A buyer opening the console gets the "not allowed" page. axe-core on every screen; the dashboard
 * is saved as docs/console-merchant.png.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MerchantConsoleTest extends BrowserJourney {

    /** What an untranslated key of the console would look like on screen ("merchant.orders.title"). */
    private static final Pattern RAW_KEY = Pattern.compile("\\bmerchant\\.[a-z][\\w]*\\.[A-Za-z][\\w.-]*|\\b(orderStatus|planKind|industry)\\.[A-Z]");

    private static final MerchantConsolePage.NewProduct PRODUCT = new MerchantConsolePage.NewProduct(
            "渤海浮标海温", "渤海浮标每日海表温度。", "Bohai buoy sea temperatures", "Daily sea surface temperatures from Bohai buoys.",
            "海洋观测/海温", "渤海浮标运维中心", "bohai-buoy-ops", "10", "5", "海洋科研 ocean research", "2,500.00", 100, "0.05");

    MerchantConsolePage console;

    @Override
    String journey() {
        return "merchant-console";
    }

    @BeforeAll
    void openConsole() {
        console = new MerchantConsolePage(browser);
    }

    @BeforeEach
    void freshPage() {
        browser.freshPage();
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void theDemoMerchantListsAProductAndSeesItsSaleAndSplit() throws Exception {
        Browser b = browser;
        console.signIn("demo-merchant");
        b.assertAccessible("merchant dashboard");
        assertNoRawKeys("merchant dashboard");

        String productId = console.createProduct(PRODUCT);
        // Both languages, each in its own field of the API.
        Map<String, Object> saved = api.json("demo-merchant", HttpRequest.GET("/api/products/" + productId));
        assertThat(saved).containsEntry("title", PRODUCT.title()).containsEntry("titleEn", PRODUCT.titleEn())
                .containsEntry("description", PRODUCT.description()).containsEntry("descriptionEn", PRODUCT.descriptionEn());
        b.assertAccessible("product editor");
        assertNoRawKeys("product editor");

        Path file = Files.createTempFile("bohai-sst", ".csv");
        Files.writeString(file, "time,sst\n2025-01-01T00:00:00Z,3.2\n2025-01-02T00:00:00Z,3.1\n", StandardCharsets.UTF_8);
        String sha256 = console.uploadVersion("1.0", file);
        assertThat(sha256).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        b.seeText("与本机计算的 SHA-256 一致");
        console.submitForReview();
        assertThat(console.productStatus(PRODUCT.title())).isEqualTo("IN_REVIEW");
        b.assertAccessible("products");
        assertNoRawKeys("products");

        // The operator approves it and the demo buyer buys it under the one-off plan (the other roles' consoles are
        // chained in the lead's journey; here they act through the API).
        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + productId + "/approve", Map.of("note", "ok")));
        Map<String, Object> sheet = until(() -> {
            Map<String, Object> s = api.json(null, HttpRequest.GET("/api/products/" + productId));
            return "LISTED".equals(s.get("status")) ? s : null;
        });
        String orderId = api.buySettled(sheet, "one-off", PRODUCT.purpose());

        // The ledger registration of the version, as the merchant sees it.
        assertThat(console.ledgerRegistration(PRODUCT.title(), "1.0")).contains("区块");
        assertThat(console.awaitProductStatus(PRODUCT.title(), "LISTED")).isEqualTo("LISTED");

        // The sale with the buyer's scenario and its split: ¥2,500.00 = contributor 10% + platform 5% + merchant 85%.
        String sale = console.saleWithSplit(PRODUCT.title(), "东港物流股份有限公司");
        assertThat(sale).contains("海洋科研 ocean research", "一次性买断", "¥2,500.00", "¥2,125.00",
                "上游贡献方 · bohai-buoy-ops · ¥250.00", "平台服务费", "¥125.00");
        b.assertAccessible("orders received");
        assertNoRawKeys("orders received");
        b.screenshot("merchant-orders");

        String revenue = console.revenueLine(PRODUCT.title());
        assertThat(revenue).contains("¥2,125.00", "上游贡献方 · bohai-buoy-ops · ¥250.00");
        b.assertAccessible("revenue statement");
        assertNoRawKeys("revenue statement");

        console.downloadOrdersCsv();
        Path csv = b.until(d -> downloaded(b.downloads, "orders-received"));
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains(orderId, PRODUCT.title(), ":CONTRIBUTOR:25000");

        // The dashboard counts today's sale; its screenshot is the console's picture in the README.
        console.openDashboard();
        b.until(d -> d.findElement(testId("dashboard-revenue")).getText().contains("¥2,125.00"));
        b.assertAccessible("merchant dashboard after the sale");
        b.screenshot("merchant-dashboard");
        Path docs = Path.of("../docs/console-merchant.png");
        Files.copy(Browser.SCREENSHOTS.resolve("merchant-dashboard.png"), docs, StandardCopyOption.REPLACE_EXISTING);

        // The same console in English, with no untranslated key.
        console.section("收到的订单");
        b.click(By_language());
        b.seeText("Orders received");
        assertNoRawKeys("orders received in English");
        browser.driver.executeScript("localStorage.clear();");
        assertThat(b.consoleErrors()).as("browser console errors").isEmpty();
    }

    @Test
    @Order(2)
    void aBuyerOpeningTheConsoleIsNotAllowed() {
        browser.signIn("demo-buyer", "/merchant");
        browser.seeText("无权访问");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/not-allowed");
        browser.assertAccessible("not allowed");
    }

    private static org.openqa.selenium.By By_language() {
        return org.openqa.selenium.By.xpath("//div[contains(@class,'ant-segmented-item')][normalize-space(.)='English']");
    }

    private void assertNoRawKeys(String screen) {
        Matcher m = RAW_KEY.matcher(browser.bodyText());
        assertThat(m.find() ? m.group() : null).as("untranslated key on " + screen).isNull();
    }

    private static Path downloaded(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".csv"))
                    .findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static <T> T until(java.util.function.Supplier<T> probe) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (java.time.Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached in 30 s");
    }
}
