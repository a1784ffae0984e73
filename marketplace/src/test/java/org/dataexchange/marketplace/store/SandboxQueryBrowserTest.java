package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.marketplace.store.Browser.testId;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The query sandbox in a real Chromium: the buyer of a sandbox-only product builds an aggregate query on its order
 * page, sees the groups as a table and a chart, and sees small groups suppressed; axe-core on the panel.
 */
@MicronautTest(transactional = false)
class SandboxQueryBrowserTest extends BrowserJourney {

    @Override
    String journey() {
        return "sandbox-browser";
    }

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties(journey(), "micronaut.http.client.read-timeout", "60s");
    }

    @Test
    void theBuyerQueriesTheSandboxAndSeesAggregatesOnly() throws Exception {
        String orderId = api.buySettled(api.listed("医疗机构资源分布"), "one-off", "保险网络规划 insurance network planning");
        Browser b = browser;
        b.signIn("demo-buyer", "/orders/" + orderId);
        b.visible(testId("sandbox"));
        b.seeText("少于 10 条记录的分组将被隐藏");

        // Average value per region: two groups of 25 rows.
        groupBy(b, "region");
        b.click(testId("sandbox-add-output"));
        b.choose("sandbox-column-1", "value", "value");
        b.click(testId("sandbox-run"));
        WebElement result = b.visible(testId("sandbox-result"));
        b.until(d -> result.findElements(By.cssSelector("tbody tr.ant-table-row")).size() == 2);
        List<String> rows = result.findElements(By.cssSelector("tbody tr.ant-table-row")).stream().map(WebElement::getText).toList();
        assertThat(rows.get(0)).startsWith("CN-GD").contains("25");
        assertThat(rows.get(1)).startsWith("CN-SH").contains("25");
        b.visible(testId("sandbox-chart"));
        assertThat(b.driver.findElements(testId("sandbox-suppressed"))).isEmpty();
        b.assertAccessible("sandbox result");
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", result);
        b.screenshot("sandbox-01-by-region");

        // Grouped by time every group is one record: all are suppressed, and the page says so.
        b.driver.navigate().refresh();
        b.visible(testId("sandbox"));
        groupBy(b, "time");
        b.click(testId("sandbox-run"));
        b.visible(testId("sandbox-suppressed"));
        b.seeText("已隐藏 50 个少于 10 条记录的分组");
        b.seeText("没有可显示的分组");
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", b.visible(testId("sandbox-result")));
        b.screenshot("sandbox-02-suppressed");

        // Per region again, without one Shanghai record: Shanghai would differ from the earlier answer by that one
        // record, so it is suppressed, and the page says why; Guangdong is answered.
        b.driver.navigate().refresh();
        b.visible(testId("sandbox"));
        b.seeText("最小值、最大值给出第 10 小、第 10 大的值");
        groupBy(b, "region");
        withoutTheFirstRecord(b, 0, "不等于");
        b.click(testId("sandbox-run"));
        WebElement differencing = b.visible(testId("sandbox-differencing"));
        assertThat(differencing.getText()).contains("已隐藏 1 个分组：与本许可此前的查询结果相差不足 10 条记录").contains("防差分攻击");
        WebElement partial = b.visible(testId("sandbox-result"));
        b.until(d -> partial.findElements(By.cssSelector("tbody tr.ant-table-row")).size() == 1);
        assertThat(partial.findElement(By.cssSelector("tbody tr.ant-table-row")).getText()).startsWith("CN-GD").contains("25");
        b.assertAccessible("sandbox differencing");
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", partial);
        b.screenshot("sandbox-03-differencing");

        // In English, with a filter: the CN-SH rows whose value is above 0, counted (one group of 25).
        b.click(By.xpath("//div[contains(@class,'ant-segmented-item')][normalize-space(.)='English']"));
        b.seeText("Query sandbox (usable, not visible)");
        b.driver.navigate().refresh();
        b.visible(testId("sandbox"));
        groupBy(b, "region");
        b.click(testId("sandbox-add-filter"));
        b.choose("sandbox-filter-column-0", "region", "region");
        b.driver.findElement(testId("sandbox-filter-value-0")).sendKeys("CN-SH");
        b.click(testId("sandbox-run"));
        WebElement english = b.visible(testId("sandbox-result"));
        b.until(d -> english.findElements(By.cssSelector("tbody tr.ant-table-row")).size() == 1);
        assertThat(english.findElement(By.cssSelector("tbody tr.ant-table-row")).getText()).startsWith("CN-SH").contains("25");
        b.seeText("Queries run");
        b.assertAccessible("sandbox result (en)");
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", english);
        b.screenshot("sandbox-04-en");

        // The same differencing query in English: Shanghai without one record, after Shanghai was answered.
        b.driver.navigate().refresh();
        b.visible(testId("sandbox"));
        groupBy(b, "region");
        b.click(testId("sandbox-add-filter"));
        b.choose("sandbox-filter-column-0", "region", "region");
        b.driver.findElement(testId("sandbox-filter-value-0")).sendKeys("CN-SH");
        withoutTheFirstRecord(b, 1, "differs from");
        b.click(testId("sandbox-run"));
        WebElement englishDifferencing = b.visible(testId("sandbox-differencing"));
        assertThat(englishDifferencing.getText()).contains("1 group suppressed because it would differ from an earlier answer"
                + " of this licence by fewer than 10 records");
        b.seeText("No group to show");
        b.assertAccessible("sandbox differencing (en)");
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", b.visible(testId("sandbox-result")));
        b.screenshot("sandbox-05-differencing-en");
        assertThat(b.consoleErrors()).isEmpty();
    }

    /** Adds filter {@code i}: time differs from the file's first record's (a Shanghai record). */
    private static void withoutTheFirstRecord(Browser b, int i, String operatorLabel) {
        b.click(testId("sandbox-add-filter"));
        b.choose("sandbox-filter-column-" + i, "time", "time");
        b.click(By.xpath("//*[@id='sandbox-filter-operator-" + i + "']/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]"));
        b.click(By.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select-item-option ')][normalize-space(.)='"
                + operatorLabel + "']"));
        b.until(d -> d.findElement(By.xpath("//*[@id='sandbox-filter-operator-" + i + "']/ancestor::div[contains(concat(' ',"
                + " normalize-space(@class), ' '), ' ant-select ')][1]")).getText().contains(operatorLabel));
        b.driver.findElement(testId("sandbox-filter-value-" + i)).sendKeys("2026-10-01T00:00:00Z");
    }

    /**
     * Picks a group-by column in the multiple select with the mouse, closes the list, and sees it chosen as a tag. The
     * select is found by its root's exact class: in multiple mode the input's nearest "ant-select…" ancestor is the search
     * box, whose text never holds the chosen tags.
     */
    private static void groupBy(Browser b, String column) {
        By select = By.xpath("//*[@id='sandbox-group-by']/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]");
        b.click(select);
        b.click(By.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select-item-option ')]"
                + "[starts-with(normalize-space(.),'" + column + " (')]"));
        b.press(Keys.ESCAPE);
        try {
            b.until(d -> d.findElement(select).getText().contains(column));
        } catch (org.openqa.selenium.TimeoutException e) {
            b.screenshot("sandbox-group-by-failed");
            throw new AssertionError("group-by " + column + " not chosen; the select: "
                    + b.driver.findElement(select).getAttribute("outerHTML"), e);
        }
    }
}
