package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.marketplace.store.Browser.testId;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.DemoData;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Off-venue deals in a real Chromium against a real exchange (demo data, devnet ledger): the merchant registers a deal
 * made outside the exchange in its console, the buyer confirms it in the store, the operator verifies it in the
 * verification queue, and the regulator sees it read from the ledger marked off-venue with its transaction and block;
 * the store's price statistics page, linked from the header, shows off-venue deals apart. axe-core on every screen.
 */
@MicronautTest(transactional = false)
class OffVenueJourneyTest extends BrowserJourney {

    private static final String TITLE = "港区逐时风场（场外）";

    @Override
    String journey() {
        return "off-venue-journey";
    }

    private void signOut() {
        browser.signOut();
    }

    @Test
    @SuppressWarnings("unchecked")
    void registeredConfirmedVerifiedAndSeenByTheRegulatorMarkedOffVenue() {
        Browser b = browser;
        OffVenuePage page = new OffVenuePage(b);
        b.signIn("demo-merchant", "/merchant/off-venue");
        page.register("/merchant/off-venue", DemoData.DEMO_BUYER_CREDIT_CODE, TITLE, "港区 10 米高度逐时风速风向，2025 全年",
                "12345.67", "加工使用权，一年，境内使用", "港口作业气象预警");
        assertThat(page.stateOf("deal-row", TITLE)).isEqualTo("待对方确认");
        b.assertAccessible("merchant off-venue deals");
        signOut();

        b.signIn("demo-buyer", "/off-venue");
        b.visible(testId("nav-off-venue"));
        page.confirm("/off-venue", TITLE);
        assertThat(page.stateOf("deal-row", TITLE)).isEqualTo("待运营方核验");
        b.assertAccessible("buyer off-venue deals");
        signOut();

        b.signIn("demo-operator", "/operator/off-venue");
        b.visible(By.xpath("//tr[@data-testid='operator-deal-row'][@data-title='" + TITLE + "']"));
        b.assertAccessible("operator off-venue queue");
        page.verify(TITLE);
        signOut();

        b.signIn("demo-regulator", "/regulator/off-venue");
        var venue = b.visible(testId("venue-tag"));
        assertThat(venue.getAttribute("data-venue")).isEqualTo("OFF_VENUE");
        assertThat(venue.getText()).isEqualTo("场外");
        assertThat(Long.parseLong(b.visible(testId("deal-block")).getText())).isPositive();
        assertThat(b.bodyText()).contains("12,345.67").contains(DemoData.DEMO_BUYER_CREDIT_CODE);
        b.assertAccessible("regulator off-venue deals");
        b.screenshot("regulator-off-venue");
        // What the screen showed is the ledger's: the deal, its transaction, marked off-venue.
        Map<String, Object> onLedger = api.json("demo-regulator", HttpRequest.GET("/api/regulator/off-venue-deals"));
        List<Map<String, Object>> deals = (List<Map<String, Object>>) onLedger.get("deals");
        assertThat(deals).hasSize(1);
        assertThat(deals.get(0).get("venue")).isEqualTo("OFF_VENUE");
        assertThat(deals.get(0).get("amountMinor")).isEqualTo(1_234_567);
        signOut();

        // The public price statistics, from the store's header, with off-venue deals apart (one deal: withheld).
        b.open("/");
        b.click(testId("nav-prices"));
        b.visible(testId("prices-on-venue"));
        b.visible(testId("prices-off-venue"));
        assertThat(b.visible(testId("prices-off-venue")).getText()).contains("场外交易").contains("合计 1 笔");
        b.assertAccessible("price statistics");
        b.screenshot("store-price-statistics");
        assertThat(b.consoleErrors()).isEmpty();
    }
}
