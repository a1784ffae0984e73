package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.dataexchange.marketplace.catalogue.SubmittedProducts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The operator's console in a real Chromium against a real exchange (demo data, devnet ledger). What merchants and
 * buyers would have done is set up through the API: products submitted for review, two settled trades with complaints
 * from both sides. The demo operator then approves one product and rejects another with a reason, decides a complaint
 * with a partial refund, suspends a listing, tops up a wallet and revokes a licence, each checked against the API; a
 * buyer opening /operator is not allowed. axe-core runs on every screen; the dashboard is saved as
 * docs/console-operator.png.
 */
@MicronautTest(transactional = false)
class OperatorConsoleTest extends BrowserJourney {

    /** An untranslated key of the operator console or of the store ("operator.review.approve", "orderStatus.PAID"). */
    private static final Pattern RAW_KEY = Pattern.compile("\\b(operator|classification|industry|sourceType|orderStatus|delivery"
            + "|gate|personalBasis|notAllowed)\\.[A-Za-z][\\w.-]*");
    private static final String APPROVED = "近海浮标水温日报 Daily buoy water temperature";
    private static final String REJECTED = "港口闸口车牌流水 Port gate plate log";
    private static final String WAITING = "潮位预报 Tide forecast";

    String complainedOrder;
    String revokedOrder;

    @Override
    String journey() {
        return "operator-console";
    }

    @BeforeAll
    void setUp() throws Exception {
        SubmittedProducts.submit(api, APPROVED, "每日近海浮标水温 daily buoy water temperature");
        SubmittedProducts.submit(api, REJECTED, "闸口车牌记录 gate plate records");
        SubmittedProducts.submit(api, WAITING, "沿海潮位预报 coastal tide forecast");
        Map<String, Object> buoys = api.listed("东海浮标海洋观测");
        complainedOrder = api.buySettled(buoys, "one-off", "海洋科研 ocean research");
        revokedOrder = api.buySettled(buoys, "one-off", "海洋科研 ocean research");
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + complainedOrder + "/complaints",
                Map.of("text", "数据缺失 3 天的观测记录 three days of observations are missing")));
        api.json("demo-merchant-ocean", HttpRequest.POST("/api/orders/" + complainedOrder + "/complaints",
                Map.of("text", "缺失为设备检修所致，已在说明书中注明 the gap was maintenance, stated in the sheet")));
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + revokedOrder + "/complaints",
                Map.of("text", "交付延迟 delivery was late")));
    }

    @BeforeEach
    void freshPage() {
        browser.freshPage();
    }

    @Test
    void theDemoOperatorReviewsDecidesAComplaintTopsUpAWalletAndRevokesALicence() throws IOException {
        Browser b = browser;
        OperatorConsolePage console = new OperatorConsolePage(b).signIn();
        assertThat(console.count("count-listing-reviews")).isEqualTo(3);
        assertThat(console.count("count-open-complaints")).isEqualTo(3);
        b.assertAccessible("operator dashboard");
        assertNoRawKeys("operator dashboard");

        // Review: the side-by-side dossier with its findings, then approval registers the version on the ledger.
        console.openReview(APPROVED);
        assertThat(console.finding("NEGATIVE_LIST")).isEqualTo("PASSED");
        assertThat(console.finding("DECLARATION")).isEqualTo("PASSED");
        assertThat(console.finding("FILING_RECORD")).isEqualTo("NOT_APPLICABLE");
        b.seeText("自有浮标采集，权利完整");
        b.assertAccessible("review");
        assertNoRawKeys("review");
        b.screenshot("operator-01-review");
        console.approve(APPROVED);
        b.assertAccessible("review approved, with the ledger's status");
        String approvedId = productId(APPROVED);
        assertThat(api.json(null, HttpRequest.GET("/api/products/" + approvedId)).get("status")).isEqualTo("LISTED");

        console.reject(REJECTED, "车牌属于个人信息，缺少处理依据 plates are personal data without a basis");
        Map<String, Object> rejected = api.json("demo-operator", HttpRequest.GET("/api/products/" + productId(REJECTED)));
        assertThat(rejected.get("status")).isEqualTo("REJECTED");
        assertThat(transitions(rejected)).anyMatch(t -> "REJECTED".equals(t.get("toStatus"))
                && t.get("reason").toString().startsWith("车牌属于个人信息"));

        // A listing suspended from the listings, with the ledger's answer beside it.
        console.suspend(approvedId, "抽检复核 spot check");
        b.assertAccessible("listings with the ledger drawer");
        b.screenshot("operator-02-suspended");
        assertThat(api.json(null, HttpRequest.GET("/api/products?size=100")).get("content").toString()).doesNotContain(approvedId);

        // A complaint with both statements, decided with a partial refund of ¥10.00.
        console.openComplaint(complainedOrder);
        b.seeText("数据缺失 3 天的观测记录");
        b.seeText("缺失为设备检修所致");
        b.assertAccessible("complaint");
        assertNoRawKeys("complaint");
        console.decideComplaint(complainedOrder, "部分退款", "10.00", "确认缺失 3 天，按比例退款 partial refund for the gap");
        List<Map<String, Object>> refunds = refunds(complainedOrder);
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).get("decision")).isEqualTo("PARTIAL_REFUND");
        assertThat(((Number) refunds.get(0).get("amountMinor")).longValue()).isEqualTo(1_000L);
        b.screenshot("operator-03-complaint-decided");

        // A top-up of ¥500.00 for the demo buyer.
        String buyerCode = buyerCreditCode();
        long before = available("demo-buyer");
        String shown = console.topUp(buyerCode, "500.00", "BANK-REF-20261202");
        assertThat(available("demo-buyer") - before).isEqualTo(50_000L);
        assertThat(shown).isEqualTo(cny(before + 50_000L));

        // A licence revoked with a reason: the certificate no longer verifies.
        console.revokeLicence("CERT-" + revokedOrder, "违反许可用途 use outside the licence");
        Map<String, Object> verdict = api.json(null, HttpRequest.GET("/api/certificates/CERT-" + revokedOrder + "/verify"));
        assertThat(verdict.get("revoked")).isEqualTo(true);
        assertThat(verdict.get("valid")).isEqualTo(false);
        b.assertAccessible("licence revoked");
        assertNoRawKeys("licence revocation");

        // The dashboard now: one product and two complaints still waiting, and what the operator just did.
        console.dashboard();
        assertThat(console.count("count-listing-reviews")).isEqualTo(1);
        assertThat(console.count("count-open-complaints")).isEqualTo(2);
        b.seeText("钱包充值");
        b.seeText("异议裁决");
        b.assertAccessible("operator dashboard after the day's work");
        assertNoRawKeys("operator dashboard after the day's work");
        b.screenshot("operator-00-dashboard");
        Files.copy(Browser.SCREENSHOTS.resolve("operator-00-dashboard.png"), Path.of("../docs/console-operator.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(b.consoleErrors()).as("no Content-Security-Policy violation")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    void theOperatorApprovesAProductWithTheKeyboardAlone() {
        String title = "航道水深键盘审核 Channel depth for keyboard review";
        String id = SubmittedProducts.submit(api, title, "航道水深 channel depth");
        Browser b = browser;
        b.open("/signin?next=/operator");
        b.visible(By.id("username"));
        b.tabTo("el.id === 'username'", false);
        b.press("demo-operator", Keys.TAB, "demo", Keys.ENTER);
        b.visible(Browser.testId("count-listing-reviews"));

        b.tabTo("el.tagName === 'A' && el.getAttribute('href') === '/operator/reviews'", false);
        b.assertFocusVisible("the side menu's review queue");
        b.press(Keys.ENTER);
        b.tabTo("el.dataset.testid === 'review-link' && el.textContent.trim() === '" + title + "'", false);
        b.assertFocusVisible("the product in the review queue");
        b.press(Keys.ENTER);
        b.visible(Browser.testId("review-findings"));
        b.tabTo("el.dataset.testid === 'approve-button'", false);
        b.assertFocusVisible("approve");
        b.press(Keys.ENTER);
        b.visible(By.cssSelector("[data-testid='review-decided'][data-decision='approved']"));
        b.visible(By.cssSelector("[data-testid='ledger-listing'] [data-ledger-status='LISTED']"));
        assertThat(api.json(null, HttpRequest.GET("/api/products/" + id)).get("status")).isEqualTo("LISTED");
        b.assertAccessible("review approved by keyboard");
    }

    @Test
    void aBuyerOpeningTheConsoleGetsTheNotAllowedPage() {
        Browser b = browser;
        b.signIn("demo-buyer", "/operator");
        b.seeText("无权访问");
        assertThat(b.driver.getCurrentUrl()).endsWith("/not-allowed");
        b.assertAccessible("not allowed");
    }

    /** An amount in fen as the console writes yuan: "¥1,000,500.00". */
    private static String cny(long fen) {
        return "¥" + new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(java.math.BigDecimal.valueOf(fen, 2));
    }

    private void assertNoRawKeys(String screen) {
        Matcher m = RAW_KEY.matcher(browser.bodyText());
        assertThat(m.find() ? m.group() : null).as("untranslated key on " + screen).isNull();
    }

    @SuppressWarnings("unchecked")
    private String productId(String title) {
        Map<String, Object> page = api.json("demo-operator", HttpRequest.GET("/api/operator/products?size=100"));
        return ((List<Map<String, Object>>) page.get("content")).stream().filter(p -> title.equals(p.get("title")))
                .findFirst().orElseThrow().get("id").toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> transitions(Map<String, Object> sheet) {
        return (List<Map<String, Object>>) sheet.get("transitions");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> refunds(String orderId) {
        return (List<Map<String, Object>>) api.json("demo-operator", HttpRequest.GET("/api/orders/" + orderId)).get("refunds");
    }

    @SuppressWarnings("unchecked")
    private String buyerCreditCode() {
        Map<String, Object> me = api.json("demo-buyer", HttpRequest.GET("/api/me"));
        return ((Map<String, Object>) me.get("organisation")).get("creditCode").toString();
    }

    private long available(String user) {
        List<Map<String, Object>> balances = http.toBlocking().retrieve(api.as(user, HttpRequest.GET("/api/wallet")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        return balances.stream().filter(x -> "AVAILABLE".equals(x.get("kind")) && "CNY".equals(x.get("currency")))
                .mapToLong(x -> ((Number) x.get("balanceMinor")).longValue()).sum();
    }
}
