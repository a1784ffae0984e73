package org.dataexchange.marketplace.store;

import static org.dataexchange.marketplace.store.Browser.containing;
import static org.dataexchange.marketplace.store.Browser.testId;

import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The merchant console (数据商工作台) as a merchant uses it, one method per thing the merchant does, in Chinese (the
 * store's default language). The lead's cross-role journey chains it with the store's and the other consoles' steps.
 */
final class MerchantConsolePage {

    /**
     * A product as the merchant enters it in the guided editor: title and description in Chinese and in English (empty:
     * not written), one contributor, a one-off plan and a metered plan.
     */
    record NewProduct(String title, String description, String titleEn, String descriptionEn, String category, String contributorName, String contributorParty,
                      String contributorSharePercent, String platformFeePercent, String purpose, String oneOffPriceYuan,
                      long freeCalls, String unitPriceYuan) {}

    private final Browser b;

    MerchantConsolePage(Browser browser) {
        this.b = browser;
    }

    /** Signs in as the merchant and lands on the console's dashboard. */
    MerchantConsolePage signIn(String username) {
        b.signIn(username, "/merchant");
        b.until(d -> d.getCurrentUrl().endsWith("/merchant"));
        b.visible(testId("products-by-status"));
        return this;
    }

    /**
     * Opens a section from the console's side menu, as a person does (the side menu is part of what is tested).
     */
    void section(String label) {
        b.click(By.xpath("//nav[@aria-label='数据商工作台']//a[normalize-space(.)='" + label + "']"));
    }

    void openDashboard() {
        section("经营概览");
        b.visible(testId("products-by-status"));
        b.visible(testId("sales-chart"));
    }

    /** Creates the product through every step of the guided editor; answers its id once the exchange saved it. */
    String createProduct(NewProduct p) {
        return createProduct(p, null, null, () -> { });
    }

    /**
     * As {@link #createProduct(NewProduct)}, for a product derived under a licence the merchant bought: in the shares
     * step the parent picker is opened, {@code parentTyped} typed into it and the option showing {@code parentOption}
     * picked (both null: not derived); {@code atShares} runs there, on the shares step as the merchant filled it.
     */
    String createProduct(NewProduct p, String parentTyped, String parentOption, Runnable atShares) {
        section("数据产品");
        b.click(testId("new-product"));
        b.visible(By.id("title"));
        // basics
        type("title", p.title());
        type("category", p.category());
        type("description", p.description());
        if (!p.titleEn().isEmpty()) {
            type("titleEn", p.titleEn());
        }
        if (!p.descriptionEn().isEmpty()) {
            type("descriptionEn", p.descriptionEn());
        }
        b.choose("industry", "海洋", "海洋");
        b.choose("sourceType", "企业", "企业数据");
        b.choose("classificationLevel", "一般", "一般数据");
        b.click(By.xpath("//label[.//span[normalize-space(.)='计量 API']]"));
        // provenance and quality
        next();
        tag("sources", "自有浮标观测网");
        type("collectedFrom", "2023-01-01");
        clearAndType("volumeRecords", "120000");
        type("updateFrequency", "每日");
        // revenue shares
        next();
        b.click(testId("add-contributor"));
        type("contributors_0_name", p.contributorName());
        type("contributors_0_partyId", p.contributorParty());
        type("contributors_0_share", p.contributorSharePercent());
        clearAndType("platformFee", p.platformFeePercent());
        if (parentOption != null) {
            pickParent(parentTyped, parentOption);
        }
        b.seeText("分配合计 100%");
        atShares.run();
        // schema and samples
        next();
        type("schema_0_name", "sst");
        type("schema_0_description", "海表温度 sea surface temperature");
        clearAndType("sampleRows", "[{\"sst\": 21.4}]");
        // licence: the preview follows the purposes as they are typed
        next();
        tag("purposes", p.purpose());
        b.until(d -> d.findElement(testId("licence-preview")).getText().contains(p.purpose()));
        // pricing: the one-off plan is there; add a metered plan
        next();
        type("plans_0_price", p.oneOffPriceYuan());
        b.click(testId("add-plan"));
        clearAndType("plans_1_id", "calls");
        clearAndType("plans_1_freeUnits", String.valueOf(p.freeCalls()));
        type("plans_1_unitPrice", p.unitPriceYuan());
        // compliance: nothing to file for general data
        next();
        b.seeText("一般数据无需备案");
        b.click(testId("save-product"));
        b.until(d -> d.getCurrentUrl().matches(".*/merchant/products/[^/]+$") && !d.getCurrentUrl().endsWith("/new"));
        b.visible(testId("saved"));
        return b.driver.getCurrentUrl().replaceAll(".*/merchant/products/", "");
    }

    /** Uploads a version of the data; answers the SHA-256 the console shows once the upload is done. */
    String uploadVersion(String version, Path file) {
        WebElement name = b.visible(testId("version-name"));
        name.sendKeys(version);
        b.driver.findElement(testId("version-file")).sendKeys(file.toAbsolutePath().toString());
        b.click(testId("upload-version"));
        b.visible(testId("upload-done"));
        return b.visible(testId("uploaded-sha256")).getText();
    }

    /** Makes the declaration and commitment (交易声明和承诺) and submits the product for review. */
    void submitForReview() {
        for (String k : List.of("sourceLawful", "rightsHeld", "qualityAsDescribed")) {
            b.click(testId("declare-" + k));
        }
        b.click(testId("submit-for-review"));
        b.visible(testId("in-review"));
    }

    /** Opens a product's page; answers what its versions table says about the version's ledger registration. */
    String ledgerRegistration(String title, String version) {
        section("数据产品");
        b.click(By.xpath("//tr//a[normalize-space(.)='" + title + "']"));
        return b.visible(testId("ledger-" + version)).getText();
    }

    /** The status chip of a product in the products table. */
    String productStatus(String title) {
        section("数据产品");
        WebElement row = b.visible(By.xpath("//tr[.//a[normalize-space(.)='" + title + "']]"));
        return row.findElement(By.cssSelector("[data-status]")).getAttribute("data-status");
    }

    /** Opens the products table and waits until the product's chip shows {@code status} (the list refetches on open). */
    String awaitProductStatus(String title, String status) {
        section("数据产品");
        By chip = By.xpath("//tr[.//a[normalize-space(.)='" + title + "']]//*[@data-status]");
        b.until(d -> status.equals(d.findElement(chip).getAttribute("data-status")));
        return status;
    }

    /** The orders received, filtered by product; answers the text of the buyer's order row and of its opened split lines. */
    String saleWithSplit(String productTitle, String buyerName) {
        section("收到的订单");
        b.choose("orders-product", productTitle.substring(0, 4), productTitle);
        WebElement row = b.visible(By.xpath("//tr[contains(@class,'ant-table-row')][.//td[contains(normalize-space(.),'" + buyerName + "')]]"));
        String rowText = row.getText();
        row.findElement(By.cssSelector("button.ant-table-row-expand-icon")).click();
        WebElement split = b.visible(By.cssSelector("[data-testid^='split-']"));
        return rowText + "\n" + split.getText();
    }

    /** The revenue statement's line of the product, opened to its sales and their split. */
    String revenueLine(String productTitle) {
        section("收益账单");
        By line = By.xpath("//tr[contains(@class,'ant-table-row')][.//td[normalize-space(.)='" + productTitle + "']]");
        b.visible(line);
        // The statement renders again when its other queries (royalties, orders) answer; read the row as it then stands.
        String text = b.until(d -> {
            try {
                WebElement row = d.findElement(line);
                String shown = row.getText();
                row.findElement(By.cssSelector("button.ant-table-row-expand-icon")).click();
                return shown;
            } catch (org.openqa.selenium.StaleElementReferenceException rendered) {
                return null;
            }
        });
        WebElement sales = b.visible(By.cssSelector("[data-testid^='revenue-sales-'] .split-lines"));
        return text + "\n" + sales.getText();
    }

    /** Downloads the orders received as CSV; the file lands in the browser's download folder. */
    void downloadOrdersCsv() {
        section("收到的订单");
        b.click(testId("orders-csv"));
    }

    /**
     * Opens the licences the merchant's organisation bought (已购许可) and unfolds the one of {@code orderId}: its volume
     * and delivery actions; answers the certificate id shown on its row.
     */
    String openLicenceHeld(String orderId) {
        section("已购许可");
        b.visible(By.xpath("//h1[normalize-space(.)='已购许可']"));
        String certificate = b.visible(By.cssSelector("tr[data-row-key='" + orderId + "'] [data-testid^='held-certificate-']")).getText();
        b.click(By.cssSelector("tr[data-row-key='" + orderId + "'] button.ant-table-row-expand-icon"));
        b.visible(testId("held-delivery-" + orderId));
        return certificate;
    }

    private void next() {
        b.click(testId("next-step"));
    }

    private void type(String id, String text) {
        b.visible(By.id(id)).sendKeys(text);
    }

    private void clearAndType(String id, String text) {
        WebElement el = b.visible(By.id(id));
        el.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        el.sendKeys(text);
    }

    /**
     * Picks a licence in the parent picker (a multiple select): type to filter, click the option showing the text, close
     * the list; the picked licence then shows as a tag in the picker.
     */
    private void pickParent(String typed, String optionText) {
        By box = By.xpath("//*[@id='parentCertificates']/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]");
        b.clickable(box).click();
        b.press(typed);
        try {
            b.click(By.xpath("//div[contains(@class,'ant-select-item-option')][contains(normalize-space(.),'" + optionText + "')]"));
        } catch (RuntimeException e) {
            b.screenshot("parent-picker-failed");
            throw new AssertionError("no parent option showing '" + optionText + "'; the picker lists: " + b.driver.executeScript(
                    "return [...document.querySelectorAll('.ant-select-item')].map(o => o.className + ' | ' + o.textContent).join('\\n')"), e);
        }
        b.press(Keys.ESCAPE);
        b.until(d -> d.findElement(box).getText().contains(optionText));
    }

    /** Adds a value to a tags select: type it, Enter. */
    private void tag(String id, String value) {
        // The select's own box (class token "ant-select"), not one of its inner parts (ant-select-selection-...).
        By box = By.xpath("//*[@id='" + id + "']/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]");
        b.clickable(box).click();
        b.press(value);
        b.until(d -> !d.findElements(containing("div", value)).isEmpty());
        b.press(Keys.ENTER, Keys.ESCAPE);
        b.until(d -> d.findElement(box).getText().contains(value));
    }
}
