package org.dataexchange.marketplace.store;

import static org.dataexchange.marketplace.store.Browser.testId;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The operator's console (/operator) as the operator uses it, one method per thing the operator does. Chinese screen
 * texts, as the demo operator sees them. Each method waits until the console shows the outcome.
 */
final class OperatorConsolePage {

    private final Browser b;

    OperatorConsolePage(Browser browser) {
        this.b = browser;
    }

    /** Signs in as the demo operator and lands on the console's dashboard. */
    OperatorConsolePage signIn() {
        b.signIn("demo-operator", "/operator");
        return dashboard();
    }

    /** The dashboard, through the side menu (a page load would sign out: the session lives in the page's memory). */
    OperatorConsolePage dashboard() {
        b.click(By.linkText("工作台"));
        b.visible(testId("count-listing-reviews"));
        b.until(d -> !d.findElement(testId("count-listing-reviews")).getText().contains("—"));
        return this;
    }

    /** The number a dashboard tile shows (count-listing-reviews, count-open-complaints, ...). */
    long count(String tile) {
        String text = b.visible(testId(tile)).getText().replaceAll("[^0-9]", "");
        return Long.parseLong(text);
    }

    /** Opens a product of the review queue by its title: sheet, declaration, filing record and findings side by side. */
    OperatorConsolePage openReview(String productTitle) {
        b.click(By.linkText("上架审核"));
        b.click(By.xpath("//a[@data-testid='review-link'][normalize-space(.)='" + productTitle + "']"));
        b.visible(Browser.containing("h1", productTitle));
        b.visible(testId("review-findings"));
        b.visible(testId("review-declaration"));
        b.visible(testId("review-filing"));
        return this;
    }

    /** The outcome (PASSED, FAILED, NOTE, NOT_APPLICABLE) the open review shows for a rule. */
    String finding(String rule) {
        return b.visible(By.cssSelector("[data-testid='review-findings'] [data-rule='" + rule + "']")).getAttribute("data-outcome");
    }

    /** Approves a product in review; waits until the console shows its version LISTED on the ledger. */
    OperatorConsolePage approve(String productTitle) {
        openReview(productTitle);
        b.click(testId("approve-button"));
        b.visible(By.cssSelector("[data-testid='review-decided'][data-decision='approved']"));
        b.visible(By.cssSelector("[data-testid='ledger-listing'] [data-ledger-status='LISTED']"));
        return this;
    }

    /** Rejects a product in review with a reason. */
    OperatorConsolePage reject(String productTitle, String reason) {
        openReview(productTitle);
        b.click(testId("reject-button"));
        b.visible(By.id("reason")).sendKeys(reason);
        b.click(testId("reason-confirm"));
        b.visible(By.cssSelector("[data-testid='review-decided'][data-decision='rejected']"));
        return this;
    }

    /** Opens a complaint's trade from the complaints list: the trade and both parties' statements. */
    OperatorConsolePage openComplaint(String orderId) {
        b.click(By.linkText("数据异议"));
        b.click(By.xpath("//a[@data-testid='complaint-link'][@href='/operator/complaints/" + orderId + "']"));
        b.visible(testId("trade-amount"));
        b.visible(testId("statement-BUYER"));
        b.visible(testId("statement-MERCHANT"));
        return this;
    }

    /**
     * Decides the first open complaint of the trade: outcome as the console labels it (驳回异议, 部分退款, 全额退款), an
     * amount in yuan for a partial refund, and the note.
     */
    OperatorConsolePage decideComplaint(String orderId, String outcomeLabel, String amountYuan, String note) {
        openComplaint(orderId);
        WebElement form = b.visible(By.xpath("(//*[@data-testid='complaint-decision'][.//button[@data-testid='decide-button']])[1]"));
        form.findElement(By.xpath(".//label[contains(@class,'ant-radio-button-wrapper')][normalize-space(.)='" + outcomeLabel + "']")).click();
        if (amountYuan != null) {
            b.until(d -> !form.findElements(By.cssSelector("input[inputmode='decimal']")).isEmpty());
            form.findElement(By.cssSelector("input[inputmode='decimal']")).sendKeys(amountYuan);
        }
        form.findElement(By.tagName("textarea")).sendKeys(note);
        form.findElement(testId("decide-button")).click();
        b.until(d -> !d.findElements(By.xpath("//*[@data-testid='complaint-decision'][not(.//button[@data-testid='decide-button'])]"
                + "//*[@data-status]")).isEmpty());
        return this;
    }

    /** Records a top-up for the organisation with this credit code; answers the AVAILABLE balance the console then shows. */
    String topUp(String creditCode, String amountYuan, String reference) {
        b.click(By.linkText("机构与钱包"));
        b.click(testId("top-up-" + creditCode));
        WebElement before = b.visible(testId("balance-AVAILABLE-CNY"));
        String was = before.getText();
        b.visible(By.id("topUp_amount")).sendKeys(amountYuan);
        b.driver.findElement(By.id("topUp_reference")).sendKeys(reference);
        b.click(testId("top-up-submit"));
        b.until(d -> !d.findElement(testId("balance-AVAILABLE-CNY")).getText().equals(was));
        String now = b.driver.findElement(testId("balance-AVAILABLE-CNY")).getText();
        b.press(Keys.ESCAPE);
        return now;
    }

    /** Revokes a licence with a reason, after checking its certificate on the ledger; waits until it shows revoked. */
    OperatorConsolePage revokeLicence(String certificateId, String reason) {
        b.click(By.linkText("许可撤销"));
        WebElement id = b.visible(By.id("revoke_certificate"));
        id.clear();
        id.sendKeys(certificateId);
        b.click(testId("check-certificate"));
        b.visible(By.cssSelector("[data-testid='certificate-verdict'][data-revoked='false']"));
        b.driver.findElement(By.id("revoke_reason")).sendKeys(reason);
        b.click(testId("revoke-button"));
        b.click(testId("revoke-confirm"));
        b.visible(By.cssSelector("[data-testid='certificate-verdict'][data-revoked='true']"));
        // The confirmation fades out; half-transparent text would fail the contrast check of whatever looks next.
        b.until(d -> d.findElements(By.cssSelector(".ant-popconfirm")).stream().noneMatch(WebElement::isDisplayed));
        return this;
    }

    /** Suspends a listed product from the listings with a reason; waits for the ledger's SUSPENDED status beside it. */
    OperatorConsolePage suspend(String productId, String reason) {
        b.click(By.linkText("挂牌管理"));
        b.visible(testId("actions-" + productId)).findElement(testId("suspend")).click();
        b.visible(By.id("reason")).sendKeys(reason);
        b.click(testId("reason-confirm"));
        b.visible(By.cssSelector("[data-testid='ledger-listing'] [data-ledger-status='SUSPENDED']"));
        b.press(Keys.ESCAPE); // the drawer with the ledger's status closes
        b.until(d -> d.findElements(By.cssSelector("[data-testid='ledger-listing']")).isEmpty());
        return this;
    }
}
