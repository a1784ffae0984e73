package org.dataexchange.marketplace.store;

import static org.dataexchange.marketplace.store.Browser.testId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The regulator console (/regulator) as the demo regulator uses it, one method per thing the regulator does; each
 * waits until the screen shows the result. Screens are reached through the console's side menu, as a person would.
 */
final class RegulatorConsolePage {

    private final Browser b;

    RegulatorConsolePage(Browser browser) {
        this.b = browser;
    }

    /** Signs in as demo-regulator and lands on the console's main screen, the statistics. */
    RegulatorConsolePage signIn() {
        b.signIn("demo-regulator", "/regulator");
        b.visible(testId("stats-trades"));
        return this;
    }

    private void section(String path) {
        b.click(By.cssSelector("nav a[href='/regulator" + path + "']"));
        b.until(d -> d.getCurrentUrl().endsWith("/regulator" + path));
    }

    /** The statistics screen: how many trades it counts once its charts are drawn. */
    long statisticsTrades() {
        section("");
        b.visible(testId("chart-per-day"));
        return Long.parseLong(b.visible(testId("stats-trades")).getText().replace(",", ""));
    }

    /** The per-day chart's text alternative (what a screen reader hears): each day with its trades and value. */
    String perDayChartSummary() {
        return b.visible(testId("chart-per-day")).getAttribute("aria-label");
    }

    /** Opens the trade ledger and waits for the trade's row. */
    WebElement findTrade(String tradeId) {
        section("/trades");
        return b.visible(By.cssSelector("[data-testid='trades-table'] tr[data-row-key='" + tradeId + "']"));
    }

    /** Narrows the ledger to one merchant, picked by name from the filter, and searches. */
    void filterByMerchant(String merchantName) {
        b.choose("merchant", null, merchantName);
        b.click(testId("trades-search"));
    }

    /** Expands the trade's row and answers the text of its split lines and approvals. */
    String tradeLines(String tradeId) {
        WebElement row = findTradeRow(tradeId);
        row.findElement(By.cssSelector("button.ant-table-row-expand-icon")).click();
        WebElement expanded = b.visible(By.xpath("//tr[@data-row-key='" + tradeId + "']/following-sibling::tr[1][contains(@class,'ant-table-expanded-row')]"));
        return expanded.getText();
    }

    private WebElement findTradeRow(String tradeId) {
        return b.visible(By.cssSelector("[data-testid='trades-table'] tr[data-row-key='" + tradeId + "']"));
    }

    /** From the trade's row to its block; answers the block's number. */
    long openBlockOf(String tradeId) {
        findTradeRow(tradeId).findElement(testId("trade-block-link")).click();
        String title = b.visible(testId("block-title")).getText();
        return Long.parseLong(title.replaceAll("\\D", ""));
    }

    /** On a block's screen: opens one of its transactions and answers the transaction screen's text. */
    String openTransaction(String txId) {
        b.click(By.cssSelector("a[href='/regulator/blocks/tx/" + txId + "']"));
        b.seeText(txId);
        return b.bodyText();
    }

    /** "Verify the chain" on the block explorer; true when the whole chain verifies. */
    boolean verifyChain() {
        section("/blocks");
        b.visible(testId("chain-height"));
        b.click(testId("verify-chain"));
        return "true".equals(b.visible(testId("chain-verdict")).getAttribute("data-valid"));
    }

    /** Reconciles the books against the ledger; answers the number of differences listed. */
    int reconcile() {
        section("/reconciliation");
        return Integer.parseInt(b.visible(testId("recon-verdict")).getAttribute("data-differences"));
    }

    /** Approves a core-data order from the approval queue with the decision's reference. */
    void approve(String orderId, String reference) {
        section("/approvals");
        b.click(testId("approve-" + orderId));
        WebElement field = b.visible(testId("decision-reference"));
        field.sendKeys(reference);
        field.sendKeys(Keys.ENTER);
        b.until(d -> d.findElements(testId("approve-" + orderId)).isEmpty());
    }

    /** "Verify the chain of entries" of the audit log; true when every entry verifies. */
    boolean verifyAuditLog() {
        section("/audit");
        b.click(testId("verify-audit"));
        return "true".equals(b.visible(testId("audit-verdict")).getAttribute("data-valid"));
    }

    /** Opens the flags and answers their text. */
    String flags() {
        section("/flags");
        b.visible(By.cssSelector(".ant-tabs"));
        return b.bodyText();
    }

    /** Saves the current screen in a tall window (the whole statistics screen), e.g. the console's main screen for the README. */
    void screenshotTo(Path file) {
        org.openqa.selenium.Dimension size = b.driver.manage().window().getSize();
        try {
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 1500));
            // ECharts follows the window's resize; give it a frame to redraw.
            b.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; setTimeout(done, 500);");
            Files.createDirectories(file.getParent());
            Files.write(file, b.driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            b.driver.manage().window().setSize(size);
        }
    }
}
