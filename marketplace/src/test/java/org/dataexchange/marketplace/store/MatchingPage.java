package org.dataexchange.marketplace.store;

import static org.dataexchange.marketplace.store.Browser.testId;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The steps of matching (交易撮合) in the browser: the buyer's needs and answers, the merchant's search and answer. */
final class MatchingPage {

    private final Browser b;

    MatchingPage(Browser browser) {
        this.b = browser;
    }

    private void type(String fieldId, String text) {
        WebElement field = b.visible(By.id(fieldId));
        field.clear();
        field.sendKeys(text);
    }

    /** Signed in as a buyer: posts a need from "my data needs" and opens it. Its id. */
    String postNeed(String title, String description, String industryLabel, String purpose, String budgetMin, String budgetMax) {
        b.open("/needs");
        b.click(testId("post-need"));
        type("title", title);
        type("description", description);
        b.choose("industry", industryLabel, industryLabel);
        type("purpose", purpose);
        type("budgetMin", budgetMin);
        type("budgetMax", budgetMax);
        b.click(testId("need-submit"));
        b.click(By.xpath("//a[@data-testid='need-link'][normalize-space(.)='" + title + "']"));
        b.until(d -> d.getCurrentUrl().matches(".*/needs/[^/]+$"));
        return b.driver.getCurrentUrl().replaceAll(".*/needs/", "");
    }

    /** Signed in as a merchant: finds the need by its text in the console and answers it with a listed product. */
    void answer(String search, String needTitle, String productTitle, String price) {
        b.open("/merchant/needs");
        WebElement box = b.visible(By.cssSelector("input[data-testid='needs-search'], [data-testid='needs-search'] input"));
        box.sendKeys(search, org.openqa.selenium.Keys.ENTER);
        b.click(By.xpath("//tr[.//*[normalize-space(.)='" + needTitle + "']]//button[@data-testid='answer-need']"));
        b.choose("productId", productTitle, productTitle);
        type("price", price);
        b.click(testId("answer-submit"));
        b.visible(By.xpath("//tr[.//td[contains(normalize-space(.),'" + productTitle + "')]][.//td[contains(.,'" + needTitle + "')]]"));
    }

    /** Signed in as the need's buyer: the answers side by side; accepts the one on the product, opens and pays its order. */
    String acceptAndPay(String needId, String productTitle) {
        b.open("/needs/" + needId);
        b.until(d -> d.findElements(testId("answer")).size() >= 2);
        b.click(By.xpath("//div[@data-testid='answer'][.//a[contains(normalize-space(.),'" + productTitle + "')]]"
                + "//button[@data-testid='accept-answer']"));
        b.click(testId("accept-confirm"));
        b.visible(testId("need-matched"));
        b.click(testId("need-order"));
        b.until(d -> d.getCurrentUrl().matches(".*/orders/[^/]+$"));
        String orderId = b.driver.getCurrentUrl().replaceAll(".*/orders/", "");
        b.click(testId("order-pay"));
        b.visible(By.cssSelector("[data-testid='order-status'] [data-status='SETTLED']"));
        return orderId;
    }
}
