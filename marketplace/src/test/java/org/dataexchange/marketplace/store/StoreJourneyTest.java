package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.marketplace.store.Browser.containing;
import static org.dataexchange.marketplace.store.Browser.testId;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The buyer's side of the web store in a real Chromium against a real exchange (demo data, devnet ledger): the
 * whole journey as the demo buyer, refusals shown where the buyer acted, a double-clicked pay, a keyboard-only
 * purchase, the English switch, and axe-core on every screen. Screenshots land in target/store-screenshots.
 */
@MicronautTest(transactional = false)
class StoreJourneyTest extends BrowserJourney {

    /** What an untranslated i18n key would look like on a screen ("wizard.next", "orderStatus.PAID"). */
    private static final Pattern RAW_KEY = Pattern.compile("\\b(brand|footer|problem|nav|catalogue|industry|sourceType"
            + "|classification|delivery|gate|planKind|period|plan|template|personalBasis|sheet|wizard|orders|orderStatus|order"
            + "|wallet|verify|signIn|signUp|role|region|console|notAllowed|notFound)\\.[A-Za-z][\\w.-]*");

    @Override
    String journey() {
        return "store-journey";
    }

    @BeforeEach
    void freshPage() {
        browser.freshPage();
    }

    @Test
    void theDemoBuyerSearchesOrdersPaysVerifiesDownloadsAndCallsTheApi() throws Exception {
        Browser b = browser;
        // Catalogue, searched in Chinese; the search is kept in the URL.
        b.visible(testId("product-card"));
        b.assertAccessible("catalogue");
        assertNoRawKeys("catalogue");
        b.screenshot("01-catalogue");
        b.click(By.linkText("登录"));
        b.visible(By.id("username")).sendKeys("demo-buyer");
        b.driver.findElement(By.id("password")).sendKeys("demo", Keys.ENTER);
        b.visible(testId("signed-in-as"));
        WebElement search = b.visible(By.cssSelector("input[aria-label='搜索数据产品']"));
        search.sendKeys("雷达", Keys.ENTER);
        b.until(d -> d.getCurrentUrl().contains("q=%E9%9B%B7%E8%BE%BE"));
        b.click(By.partialLinkText("全国雷达回波拼图数据"));

        // The product sheet.
        b.visible(containing("h1", "全国雷达回波拼图数据"));
        b.seeText("数据字典");
        b.seeText("未明确许可的行为一律禁止。");
        b.seeText("SHA-256");
        b.screenshot("02-product-sheet");
        b.click(By.id("odrl-toggle"));
        b.visible(By.cssSelector("pre.odrl"));
        assertThat(b.driver.findElement(By.cssSelector("pre.odrl")).getText()).contains("\"@context\"");
        b.assertAccessible("product sheet");
        assertNoRawKeys("product sheet");
        b.screenshot("02-product-sheet-odrl");

        // The order wizard with a scenario the licence allows, then pay.
        b.click(testId("order-button"));
        walkWizard("短临降水预报", "上海", "上海", false);
        assertThat(b.driver.findElement(testId("order-total")).getText()).isEqualTo("¥9,800.00");
        b.assertAccessible("order wizard, confirm step");
        b.screenshot("03-order-confirm");
        b.click(testId("pay-button"));

        // The order follows itself until settled, with its certificate.
        b.until(d -> d.getCurrentUrl().matches(".*/orders/[^/]+$"));
        String orderId = b.driver.getCurrentUrl().replaceAll(".*/orders/", "");
        b.visible(By.cssSelector("[data-testid='order-status'] [data-status='SETTLED']"));
        String certificateId = b.visible(testId("certificate-id")).getText();
        assertThat(certificateId).isEqualTo("CERT-" + orderId);
        b.assertAccessible("order");

        // Verify on the public page.
        b.click(testId("verify-link"));
        b.visible(By.cssSelector("[data-testid='verify-verdict'][data-verdict='valid']"));
        b.seeText("有效：证书与账本记录一致");
        b.assertAccessible("certificate check");
        b.screenshot("05-certificate-check");
        b.driver.navigate().back();

        // Download the file through the signed link.
        b.click(testId("download-button"));
        Path file = b.until(d -> downloaded(b.downloads));
        assertThat(Files.size(file)).isPositive();
        b.visible(By.cssSelector("[data-testid='order-status'] [data-status='DELIVERED']"));

        // An API key, shown once, then one counted call in the usage chart.
        b.click(containing("button", "生成 API 密钥"));
        String key = b.visible(testId("api-key")).getText();
        assertThat(key).startsWith("dxk_");
        List<Map<String, Object>> records = http.toBlocking().retrieve(HttpRequest.GET("/api/data/records").header("X-Api-Key", key),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(records).isNotEmpty();
        b.click(testId("usage-refresh"));
        b.until(d -> "1".equals(d.findElement(testId("usage-calls")).getText()));
        b.visible(By.cssSelector("[data-testid='usage-chart'] canvas"));
        b.click(containing("button", "我已保存"));
        assertThat(b.driver.findElement(testId("api-key")).getText()).startsWith("••••••••").doesNotContain(key.substring(4, 20));
        b.assertAccessible("order with usage");
        assertNoRawKeys("order");
        b.screenshot("04-order-settled");

        // My orders, the wallet and its statement.
        b.click(By.linkText("我的订单"));
        b.visible(containing("td", "全国雷达回波拼图数据"));
        b.assertAccessible("my orders");
        b.screenshot("06-my-orders");
        b.click(By.linkText("钱包与账单"));
        b.seeText("可用余额");
        b.visible(containing("td", "¥9,800.00"));
        b.assertAccessible("wallet");
        assertNoRawKeys("wallet");
        b.screenshot("07-wallet");

        // The licence is held: the sheet leads to it instead of selling it again.
        b.click(By.linkText("数据目录"));
        b.visible(By.cssSelector("input[aria-label='搜索数据产品']")).sendKeys("雷达", Keys.ENTER);
        b.click(By.partialLinkText("全国雷达回波拼图数据"));
        b.click(testId("view-licence"));
        b.until(d -> d.getCurrentUrl().endsWith("/orders/" + orderId));

        assertThat(b.consoleErrors()).as("no Content-Security-Policy violation")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    void aScenarioOutsideTheLicenceIsRefusedNextToTheFieldAndTheFormKeepsWhatWasTyped() {
        Browser b = browser;
        String productId = StoreServingTest.firstProduct(api, "气象站 station observation");
        b.signIn("demo-buyer", "/products/" + productId + "/order");
        walkWizard("气候分析", "新加坡", "上海", false);
        b.click(testId("pay-button"));
        WebElement reason = b.visible(By.cssSelector("#location_help .ant-form-item-explain-error"));
        assertThat(reason.getText()).contains("domestic use only");
        // The refusal is titled in Chinese by its problem type; the service's own (English) detail follows it.
        assertThat(b.visible(By.cssSelector("[role='alert']")).getText()).contains("交易所的说明：").contains("domestic use only")
                .containsPattern("^[^A-Za-z]+\\n");
        // What the buyer chose is still there.
        assertThat(b.driver.findElement(By.xpath("//*[@id='purpose']/ancestor::div[contains(@class,'ant-select')][1]")).getText())
                .contains("气候分析");
        b.assertAccessible("order wizard with a refusal");
        b.screenshot("08-scenario-refused");
        assertThat(ordersFor(productId)).isEmpty();
    }

    @Test
    void importantDataIsSoldOnlyWithTheDataSecurityAgreement() {
        Browser b = browser;
        String productId = StoreServingTest.firstProduct(api, "电价");
        b.signIn("demo-buyer", "/products/" + productId + "/order");
        b.click(Browser.testId("wizard-next"));
        chooseScenario("售电策略", "上海", "上海");
        b.click(Browser.testId("wizard-next"));
        b.seeText("数据安全协议 Data-security agreement v1");
        b.click(By.xpath("//label[.//input[@id='licenceRead']]"));
        b.click(Browser.testId("wizard-next"));
        b.click(testId("pay-button"));
        WebElement reason = b.visible(By.cssSelector("#securityAgreementAccepted_help .ant-form-item-explain-error"));
        assertThat(reason.getText()).contains("data-security agreement");
        b.screenshot("09-security-agreement-required");
        assertThat(ordersFor(productId)).isEmpty();

        b.click(By.xpath("//label[.//input[@id='securityAgreementAccepted']]"));
        b.click(Browser.testId("wizard-next"));
        b.click(testId("pay-button"));
        b.visible(By.cssSelector("[data-testid='order-status'] [data-status='SETTLED']"));
        assertThat(ordersFor(productId)).hasSize(1);
    }

    @Test
    void aDoubleClickedPayPlacesOneOrderAndPaysOnce() {
        Browser b = browser;
        String productId = StoreServingTest.firstProduct(api, "浮标 buoy");
        long before = available();
        b.signIn("demo-buyer", "/products/" + productId + "/order");
        walkWizard("海洋科研", "上海", "上海", false);
        assertThat(b.driver.findElement(testId("order-total")).getText()).isEqualTo("¥2,600.00");
        new Actions(b.driver).doubleClick(b.clickable(testId("pay-button"))).perform();
        b.visible(By.cssSelector("[data-testid='order-status'] [data-status='SETTLED']"));
        assertThat(ordersFor(productId)).hasSize(1);
        assertThat(before - available()).isEqualTo(260_000L);
    }

    @Test
    void aPurchaseCanBeMadeWithTheKeyboardAlone() {
        Browser b = browser;
        String productId = StoreServingTest.firstProduct(api, "航班 flight punctuality");
        b.open("/signin?next=/products/" + productId + "/order");
        b.visible(By.id("username"));
        b.tabTo("el.id === 'username'", false);
        b.press("demo-buyer", Keys.TAB, "demo", Keys.ENTER);
        b.visible(testId("wizard-next"));

        b.tabTo("el.closest('#planId') && el.checked", false);
        b.tabTo("el.dataset.testid === 'wizard-next'", false);
        b.press(Keys.ENTER);
        b.until(d -> Boolean.TRUE.equals(b.driver.executeScript("return !document.getElementById('purpose').closest('[hidden]')")));
        b.tabTo("el.id === 'purpose'", true);
        b.press(Keys.ARROW_DOWN);
        b.until(d -> !d.findElements(By.cssSelector(".ant-select-item-option-active")).isEmpty());
        b.press(Keys.ENTER);
        b.tabTo("el.id === 'location'", false);
        b.press("上海");
        b.until(d -> !d.findElements(By.xpath("//div[contains(@class,'ant-select-item-option-active')][contains(.,'上海')]")).isEmpty());
        b.press(Keys.ENTER);
        b.tabTo("el.id === 'buyerLocation'", false);
        b.press("北京");
        b.until(d -> !d.findElements(By.xpath("//div[contains(@class,'ant-select-item-option-active')][contains(.,'北京')]")).isEmpty());
        b.press(Keys.ENTER);
        b.tabTo("el.dataset.testid === 'wizard-next'", false);
        b.press(Keys.ENTER);
        b.until(d -> Boolean.TRUE.equals(b.driver.executeScript("return !document.getElementById('licenceRead').closest('[hidden]')")));
        b.tabTo("el.id === 'licenceRead'", true);
        b.press(Keys.SPACE);
        b.tabTo("el.dataset.testid === 'wizard-next'", false);
        b.press(Keys.ENTER);
        b.visible(testId("pay-button"));
        b.tabTo("el.dataset.testid === 'pay-button'", false);
        b.press(Keys.ENTER);
        b.visible(By.cssSelector("[data-testid='order-status'] [data-status='SETTLED']"));
        assertThat(ordersFor(productId)).hasSize(1);
    }

    @Test
    void theEnglishSwitchTranslatesEveryScreenAndIsRemembered() {
        Browser b = browser;
        b.visible(testId("product-card"));
        b.click(By.xpath("//div[contains(@class,'ant-segmented-item')][normalize-space(.)='English']"));
        b.seeText("Data product catalogue");
        assertNoRawKeys("catalogue (en)");
        b.assertAccessible("catalogue (en)");
        b.screenshot("10-catalogue-en");
        b.click(By.cssSelector("[data-testid='product-card'] h2 a"));
        b.seeText("Data dictionary");
        b.seeText("Whatever is not permitted is prohibited.");
        assertNoRawKeys("product sheet (en)");
        b.screenshot("11-product-sheet-en");

        // A reload keeps the session (the tab's sessionStorage) and the language; signing out ends the session.
        b.signIn("demo-buyer", "/orders");
        b.seeText("My orders");
        b.driver.navigate().refresh();
        b.seeText("My orders");
        b.visible(testId("signed-in-as"));
        assertNoRawKeys("my orders (en)");
        b.click(By.linkText("Wallet"));
        b.seeText("Purchases per month");
        assertNoRawKeys("wallet (en)");
        b.click(By.linkText("Verify a certificate"));
        b.seeText("Anyone can enter a certificate id");
        assertNoRawKeys("verify (en)");
        b.click(By.linkText("Catalogue"));
        b.click(By.cssSelector("[data-testid='product-card'] h2 a"));
        b.click(testId("order-button"));
        b.seeText("Use scenario");
        assertNoRawKeys("order wizard (en)");
        b.click(testId("wizard-next"));
        b.seeText("Where your organisation is");
        assertNoRawKeys("order wizard step 2 (en)");
        b.assertAccessible("order wizard (en)");
        assertThat((String) b.driver.executeScript("return document.documentElement.lang")).isEqualTo("en");

        // Signing out ends the session for good: a reload and a buyer's page then ask for the sign-in.
        b.click(By.xpath("//button[normalize-space(.)='Sign out']"));
        b.driver.navigate().refresh();
        b.open("/orders");
        b.until(d -> d.getCurrentUrl().contains("/signin"));
        assertThat((Object) b.driver.executeScript("return sessionStorage.getItem('exchange.session')")).isNull();
    }

    @Test
    void signUpNotFoundAndNotAllowedPages() {
        Browser b = browser;
        b.open("/signup");
        b.visible(By.id("creditCode")).sendKeys("91350100M000100Y44");
        b.driver.findElement(By.id("name")).click();
        b.visible(containing("div", "校验位不正确"));
        b.assertAccessible("sign-up");
        b.screenshot("12-sign-up");

        b.open("/no/such/page");
        b.seeText("页面不存在");
        b.assertAccessible("not found");

        b.signIn("demo-merchant", "/orders");
        b.seeText("无权访问");
        b.assertAccessible("not allowed");
        b.screenshot("13-not-allowed");
        assertThat(b.driver.getCurrentUrl()).endsWith("/not-allowed");
    }

    /** From the wizard's first step to its last: plan (the first), scenario, licence read, optionally the agreement. */
    private void walkWizard(String purpose, String location, String buyerLocation, boolean acceptSecurityAgreement) {
        new StorePage(browser).walkWizard(purpose, location, buyerLocation, acceptSecurityAgreement);
    }

    private void chooseScenario(String purpose, String location, String buyerLocation) {
        new StorePage(browser).chooseScenario(purpose, location, buyerLocation);
    }

    private void assertNoRawKeys(String screen) {
        Matcher m = RAW_KEY.matcher(browser.bodyText());
        assertThat(m.find() ? m.group() : null).as("untranslated key on " + screen).isNull();
    }

    private List<Map<String, Object>> ordersFor(String productId) {
        List<Map<String, Object>> mine = http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/orders")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        return mine.stream().filter(o -> productId.equals(o.get("productId"))).toList();
    }

    private long available() {
        List<Map<String, Object>> balances = http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/wallet")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        return balances.stream().filter(x -> "AVAILABLE".equals(x.get("kind")) && "CNY".equals(x.get("currency")))
                .mapToLong(x -> ((Number) x.get("balanceMinor")).longValue()).sum();
    }

    private static Path downloaded(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            // Chromium writes into a hidden temporary file (.org.chromium.Chromium.*), then a .crdownload, then renames.
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return !name.startsWith(".") && !name.endsWith(".crdownload");
            }).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
