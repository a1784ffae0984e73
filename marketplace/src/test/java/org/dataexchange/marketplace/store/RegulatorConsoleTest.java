package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The regulator console in a real Chromium against a real exchange (demo data, devnet ledger). What the buyers and the
 * operator would have done is done through the API first: a few settled trades across industries and a core-data order
 * that waits for the regulator. Then the demo regulator sees the trades in the chart and the ledger table, opens a
 * trade's block and transaction, verifies the chain, finds no reconciliation difference, approves the core-data order
 * and verifies the audit log; a buyer opening the console gets the "not allowed" page. axe-core runs on every screen.
 */
@MicronautTest(transactional = false)
class RegulatorConsoleTest extends BrowserJourney {

    /** What an untranslated key of the console or of the store's enums would look like on a screen. */
    private static final Pattern RAW_KEY = Pattern.compile("\\b(regulator|industry|classification|orderStatus|notAllowed)"
            + "\\.[A-Za-z][\\w.-]*");

    RegulatorConsolePage console;
    final List<String> trades = new ArrayList<>();
    String coreOrder;

    @Override
    String journey() {
        return "regulator-console";
    }

    private long tradedTodayBefore;

    @BeforeAll
    void setUp() throws Exception {
        tradedTodayBefore = tradesToday();
        // Trades other roles made, across industries, as the buyer's store would have placed them.
        trades.add(api.buySettled(api.listed("土壤墒情监测"), "one-off", "农业保险 crop insurance"));
        trades.add(api.buySettled(api.listed("东海浮标海洋观测"), "one-off", "海洋科研 ocean research"));
        trades.add(api.buySettled(api.listed("高速公路车流量统计"), "one-off", "物流路径规划 logistics route planning"));
        trades.add(api.buySettled(api.listed("航班准点率统计"), "one-off", "差旅管理 travel management"));
        Map<String, Object> grid = api.listed("区域电网负荷曲线");
        coreOrder = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders", Map.of("productId", grid.get("id"),
                "planId", "one-off", "buyerLocation", "CN-SH", "securityAgreementAccepted", true,
                "scenario", Map.of("purpose", "电网安全研究 grid security research", "location", "CN-SH")))
                .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
        console = new RegulatorConsolePage(browser);
    }

    /** Today's trades on the ledger as the regulator's statistics count them (the demo data's own trade among them). */
    @SuppressWarnings("unchecked")
    private long tradesToday() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, Object> stats = api.json("demo-regulator", HttpRequest.GET("/api/regulator/statistics"));
        return ((List<Map<String, Object>>) stats.get("perDay")).stream().filter(d -> today.equals(d.get("key")))
                .mapToLong(d -> ((Number) d.get("trades")).longValue()).sum();
    }

    @BeforeEach
    void freshPage() {
        browser.freshPage();
    }

    @Test
    void theDemoRegulatorSeesTheTradesVerifiesTheChainReconcilesAndApprovesACoreDataOrder() {
        Browser b = browser;
        String trade = trades.get(0);
        Map<String, Object> booked = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + trade));
        String txId = (String) booked.get("transactionId");
        long block = ((Number) booked.get("blockNumber")).longValue();

        // Statistics, the console's main screen: the trades counted and drawn for today.
        console.signIn();
        assertThat(console.statisticsTrades()).isGreaterThanOrEqualTo(trades.size());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(console.perDayChartSummary()).contains(today).contains((tradedTodayBefore + trades.size()) + " 笔");
        b.screenshot("regulator-01-statistics");
        // The charts are drawn on canvas; their text alternatives name what they show.
        assertThat(b.visible(Browser.testId("chart-per-industry")).getAttribute("aria-label")).contains("农业").contains("海洋").contains("交通物流");
        assertThat(b.visible(Browser.testId("chart-top-merchants")).getAttribute("aria-label")).contains("蓝湾海洋信息有限公司")
                .contains("捷行交通大数据有限公司");
        b.assertAccessible("regulator statistics");
        assertNoRawKeys("regulator statistics");
        console.screenshotTo(Path.of("../docs/console-regulator.png"));

        // The trade ledger: the trade's row, its split lines and approvals, then its block and transaction.
        console.findTrade(trade);
        b.assertAccessible("regulator trade ledger");
        String lines = console.tradeLines(trade);
        assertThat(lines).contains("收益分配明细").contains("数据商").contains("平台服务费").contains("¥").contains(trade);
        b.screenshot("regulator-02-trades");
        assertNoRawKeys("regulator trade ledger");
        assertThat(console.openBlockOf(trade)).isEqualTo(block);
        b.assertAccessible("regulator block");
        String tx = console.openTransaction(txId);
        assertThat(tx).contains("SettleTrades").contains("VALID").contains(trade);
        b.assertAccessible("regulator transaction");
        b.screenshot("regulator-03-transaction");

        // Verify the chain, reconcile, approve the core-data order, verify the audit log.
        assertThat(console.verifyChain()).isTrue();
        b.seeText("链完整");
        b.assertAccessible("regulator block explorer");
        b.screenshot("regulator-04-blocks");
        assertThat(console.reconcile()).isZero();
        b.seeText("账链一致");
        b.assertAccessible("regulator reconciliation");
        assertNoRawKeys("regulator reconciliation");
        console.approve(coreOrder, "监管审批〔2026〕第 12 号");
        Map<String, Object> approved = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + coreOrder));
        assertThat(approved.get("status")).isEqualTo("CREATED");
        assertThat(((Map<?, ?>) ((Map<?, ?>) approved.get("details")).get("gates")).get("regulatorApprovalRef"))
                .isEqualTo("监管审批〔2026〕第 12 号");
        b.assertAccessible("regulator approvals");
        assertThat(console.flags()).contains("受控交易").contains("数据异议");
        b.assertAccessible("regulator flags");
        assertNoRawKeys("regulator flags");
        assertThat(console.verifyAuditLog()).isTrue();
        b.seeText("监管查询"); // audit actions by their names, not their codes
        b.assertAccessible("regulator audit log");
        assertNoRawKeys("regulator audit log");
        b.screenshot("regulator-05-audit");
        assertThat(b.consoleErrors()).as("no Content-Security-Policy violation")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    void theRegulatorVerifiesTheChainAndTheAuditLogWithTheKeyboardAlone() {
        Browser b = browser;
        b.open("/signin?next=/regulator");
        b.visible(By.id("username"));
        b.tabTo("el.id === 'username'", false);
        b.press("demo-regulator", Keys.TAB, "demo", Keys.ENTER);
        b.visible(Browser.testId("signed-in-as"));

        // The side menu's entries are reached with Tab and opened with Enter; each shows where the focus is.
        b.tabTo("el.tagName === 'A' && el.getAttribute('href') === '/regulator/blocks'", false);
        b.assertFocusVisible("the side menu's block explorer");
        b.press(Keys.ENTER);
        b.visible(Browser.testId("chain-height"));
        b.tabTo("el.dataset.testid === 'verify-chain'", false);
        b.assertFocusVisible("verify the chain");
        b.press(Keys.ENTER);
        assertThat(b.visible(Browser.testId("chain-verdict")).getAttribute("data-valid")).isEqualTo("true");

        // Back up the menu to the audit log, and verify its chain of entries with Space.
        b.tabTo("el.tagName === 'A' && el.getAttribute('href') === '/regulator/audit'", true);
        b.assertFocusVisible("the side menu's audit log");
        b.press(Keys.ENTER);
        b.visible(Browser.testId("verify-audit"));
        b.tabTo("el.dataset.testid === 'verify-audit'", false);
        b.assertFocusVisible("verify the audit log");
        b.press(Keys.SPACE);
        assertThat(b.visible(Browser.testId("audit-verdict")).getAttribute("data-valid")).isEqualTo("true");
        b.assertAccessible("audit log verified by keyboard");
    }

    @Test
    void aBuyerOpeningTheRegulatorConsoleGetsTheNotAllowedPage() {
        Browser b = browser;
        b.signIn("demo-buyer", "/regulator/trades");
        b.seeText("无权访问");
        assertThat(b.driver.getCurrentUrl()).endsWith("/not-allowed");
        b.assertAccessible("not allowed (regulator console)");
    }

    private void assertNoRawKeys(String screen) {
        Matcher m = RAW_KEY.matcher(browser.bodyText());
        assertThat(m.find() ? m.group() : null).as("untranslated key on " + screen).isNull();
    }
}
