package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The four roles in one browser, one after the other, each in its own screens only (nothing through the API): the
 * demo merchant lists a product with a contributor's share and a metered plan and submits it, the operator approves
 * it, the demo buyer buys it in the store, the merchant sees the sale and its split, and the regulator finds the trade
 * in the ledger's table and in the statistics, opens its block, verifies the chain and finds no reconciliation
 * difference. A buyer opening a console gets the "not allowed" page.
 */
@MicronautTest(transactional = false)
class ConsolesJourneyTest extends BrowserJourney {

    private static final MerchantConsolePage.NewProduct PRODUCT = new MerchantConsolePage.NewProduct(
            "黄海浮标盐度 Yellow Sea buoy salinity", "黄海浮标每日表层盐度。Daily surface salinity from Yellow Sea buoys.", "", "",
            "海洋观测/盐度", "黄海浮标运维中心", "yellow-sea-buoy-ops", "10", "5", "海洋科研 ocean research", "1,200.00", 100, "0.05");

    @Override
    String journey() {
        return "consoles-journey";
    }

    private void signOut() {
        browser.signOut();
    }

    @Test
    void aProductGoesFromTheMerchantThroughReviewAndSaleToTheRegulatorsLedgerView() throws Exception {
        // The merchant lists the product and submits it for review.
        MerchantConsolePage merchant = new MerchantConsolePage(browser).signIn("demo-merchant");
        String productId = merchant.createProduct(PRODUCT);
        Path file = Files.createTempFile("yellow-sea-salinity", ".csv");
        Files.writeString(file, "time,salinity\n2025-01-01T00:00:00Z,31.2\n", StandardCharsets.UTF_8);
        merchant.uploadVersion("1.0", file);
        merchant.submitForReview();
        assertThat(merchant.productStatus(PRODUCT.title())).isEqualTo("IN_REVIEW");

        // The operator approves it; the console shows it LISTED on the ledger.
        signOut();
        new OperatorConsolePage(browser).signIn().approve(PRODUCT.title());

        // The buyer buys it in the store and the order settles with its certificate.
        signOut();
        browser.signIn("demo-buyer", "/");
        String orderId = new StorePage(browser).buy(productId, PRODUCT.purpose(), "上海");

        // The merchant sees the sale and its split: ¥1,200.00 = contributor 10% + platform 5% + merchant 85%.
        signOut();
        merchant.signIn("demo-merchant");
        assertThat(merchant.saleWithSplit(PRODUCT.title(), "东港物流股份有限公司"))
                .contains("¥1,200.00", "¥1,020.00", "上游贡献方 · yellow-sea-buoy-ops · ¥120.00", "平台服务费", "¥60.00");

        // The regulator, reading the ledger: the trade in the statistics and the table, its block, the chain, no
        // difference between books and ledger.
        signOut();
        RegulatorConsolePage regulator = new RegulatorConsolePage(browser).signIn();
        assertThat(regulator.statisticsTrades()).isPositive();
        regulator.findTrade(orderId);
        assertThat(regulator.tradeLines(orderId)).contains("yellow-sea-buoy-ops");
        assertThat(regulator.openBlockOf(orderId)).isPositive();
        assertThat(regulator.verifyChain()).isTrue();
        assertThat(regulator.reconcile()).isZero();
        browser.assertAccessible("regulator reconciliation after the journey");

        // A buyer opening a console gets the "not allowed" page.
        signOut();
        browser.signIn("demo-buyer", "/operator");
        browser.seeText("无权访问");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/not-allowed");
    }
}
