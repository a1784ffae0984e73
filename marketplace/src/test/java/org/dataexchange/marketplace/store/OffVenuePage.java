package org.dataexchange.marketplace.store;

import static org.dataexchange.marketplace.store.Browser.testId;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The steps of off-venue deals (场外交易) in the browser: a party registers and confirms, the operator verifies. */
final class OffVenuePage {

    private final Browser b;

    OffVenuePage(Browser browser) {
        this.b = browser;
    }

    private void type(String fieldId, String text) {
        WebElement field = b.visible(By.id(fieldId));
        field.clear();
        field.sendKeys(text);
    }

    private By row(String testId, String title) {
        return By.xpath("//tr[@data-testid='" + testId + "'][@data-title='" + title + "']");
    }

    /** Signed in as a party, on its deals page: registers a deal with the other party, the digest from a description. */
    void register(String page, String counterpartyCreditCode, String title, String description, String price, String licence,
                  String scenario) {
        b.open(page);
        b.click(testId("deal-register"));
        type("counterparty", counterpartyCreditCode);
        type("productTitle", title);
        type("description", description);
        b.until(d -> d.findElement(By.id("productDigest")).getAttribute("value").matches("[0-9a-f]{64}"));
        type("price", price);
        type("licenceSummary", licence);
        type("scenario", scenario);
        b.click(testId("deal-submit"));
        b.visible(By.xpath("//tr[@data-testid='deal-row'][@data-title='" + title + "']//*[@data-testid='deal-state']"));
    }

    /** Signed in as the other party: confirms the deal as registered. */
    void confirm(String page, String title) {
        b.open(page);
        b.click(By.xpath("//tr[@data-testid='deal-row'][@data-title='" + title + "']//button[@data-testid='deal-confirm']"));
        b.until(d -> d.findElements(By.xpath("//tr[@data-testid='deal-row'][@data-title='" + title
                + "']//button[@data-testid='deal-confirm']")).isEmpty());
    }

    /** Signed in as the operator: verifies the deal from the queue; it leaves the queue once on the ledger. */
    void verify(String title) {
        b.open("/operator/off-venue");
        b.click(By.xpath("//tr[@data-testid='operator-deal-row'][@data-title='" + title + "']//button[@data-testid='deal-verify']"));
        b.until(d -> d.findElements(row("operator-deal-row", title)).isEmpty());
    }

    /** The state tag of a deal in a party's or the operator's list. */
    String stateOf(String rowTestId, String title) {
        return b.visible(By.xpath("//tr[@data-testid='" + rowTestId + "'][@data-title='" + title + "']//*[@data-testid='deal-state']"))
                .getText();
    }
}
