package org.dataexchange.marketplace.store;

import static org.dataexchange.marketplace.store.Browser.testId;

import org.openqa.selenium.By;

/** The buyer's steps in the web store, shared by the store's journey and the cross-role journey. */
final class StorePage {

    private final Browser b;

    StorePage(Browser browser) {
        this.b = browser;
    }

    /**
     * Walks the order wizard from the product sheet's order page: the first plan, the use scenario, the licence read
     * (and the data-security agreement when asked), up to the pay button.
     */
    void walkWizard(String purpose, String location, String buyerLocation, boolean acceptSecurityAgreement) {
        b.click(testId("wizard-next"));
        chooseScenario(purpose, location, buyerLocation);
        b.click(testId("wizard-next"));
        b.click(By.xpath("//label[.//input[@id='licenceRead']]"));
        if (acceptSecurityAgreement) {
            b.click(By.xpath("//label[.//input[@id='securityAgreementAccepted']]"));
        }
        b.click(testId("wizard-next"));
        b.visible(testId("pay-button"));
    }

    void chooseScenario(String purpose, String location, String buyerLocation) {
        b.choose("purpose", null, purpose);
        b.choose("location", location, location);
        b.choose("buyerLocation", buyerLocation, buyerLocation);
    }

    /**
     * Signed in as a buyer, or as a merchant buying a licence: orders the product under its first plan, pays, and waits
     * on the order's page (the buyer's orders, or the merchant console's licences held) until it is settled. Its id.
     */
    String buy(String productId, String purpose, String location) {
        b.open("/products/" + productId);
        b.click(testId("order-button"));
        walkWizard(purpose, location, location, false);
        b.click(testId("pay-button"));
        b.until(d -> d.getCurrentUrl().matches(".*/(orders|merchant/licences)/[^/]+$"));
        String orderId = b.driver.getCurrentUrl().replaceAll(".*/", "");
        b.visible(By.cssSelector("[data-testid='order-status'] [data-status='SETTLED']"));
        return orderId;
    }
}
