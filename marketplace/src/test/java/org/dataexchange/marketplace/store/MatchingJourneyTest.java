package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.marketplace.store.Browser.testId;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Matching in a real Chromium against a real exchange (demo data, devnet ledger): the buyer posts a need in the store,
 * a merchant finds and answers it in its console, another merchant answers too, the buyer compares the answers side
 * by side, accepts one, pays the order it placed and sees it settle; the regulator's trade table marks the trade as
 * matched. axe-core on the new screens.
 */
@MicronautTest(transactional = false)
class MatchingJourneyTest extends BrowserJourney {
    @Override
    String journey() {
        return "matching-journey";
    }

    private void signOut() {
        browser.signOut();
    }

    @Test
    void aNeedIsPostedAnsweredComparedAcceptedPaidAndMarkedMatchedForTheRegulator() {
        Browser b = browser;
        MatchingPage matching = new MatchingPage(b);
        b.signIn("demo-buyer", "/needs");
        String needId = matching.postNeed("东海浪高观测需求", "需要东海逐小时浪高与水温观测 hourly wave height in the East China Sea",
                "海洋", "海洋科研 ocean research", "500", "1200");
        b.assertAccessible("need detail");
        signOut();

        b.signIn("demo-merchant-ocean", "/merchant/needs");
        matching.answer("浪高", "东海浪高观测需求", "东海浮标海洋观测", "880");
        b.assertAccessible("merchant needs");
        signOut();
        // A second answer, from another merchant, through the API.
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/needs/" + needId + "/answers",
                Map.of("productId", api.listed("全国雷达回波拼图数据").get("id"), "priceMinor", 150_000)));

        b.signIn("demo-buyer", "/needs/" + needId);
        b.until(d -> d.findElements(testId("answer")).size() == 2);
        b.assertAccessible("answers compared");
        b.screenshot("matching-compare");
        String orderId = matching.acceptAndPay(needId, "东海浮标海洋观测");
        assertThat(b.bodyText()).contains("880.00");
        b.open("/needs");
        b.visible(By.xpath("//tr[.//a[normalize-space(.)='东海浪高观测需求']]//*[@data-testid='need-state']"));
        signOut();

        b.signIn("demo-regulator", "/regulator/trades");
        b.visible(testId("trade-matched"));
        b.screenshot("regulator-matched");
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId)).get("amountMinor")).isEqualTo(88_000);
        assertThat(b.consoleErrors()).isEmpty();
    }
}
