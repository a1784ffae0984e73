package org.dataexchange.marketplace.royalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.Test;

/**
 * The demo data holds a derived product as the exchange makes one: demo-merchant-insight's licence of
 * demo-merchant-mobility's trip energy data, bought by an order paid and settled on the ledger, and the index derived
 * under it, reviewed and registered with its parent, on sale with "derived from" on its sheet. A restart on the same
 * data finds what is done and buys nothing twice.
 */
class DemoDerivedProductTest {

    private static final String PARENT = "电动汽车充电行程能耗";
    private static final String DERIVED = "城市电动出行能耗指数";
    private static final String MERCHANT = "demo-merchant-insight";

    @Test
    @SuppressWarnings("unchecked")
    void theDemoListsADerivedProductUnderALicenceBoughtThroughTheStoreOnceAcrossRestarts() throws Exception {
        // The seed itself, not a copy of the test JVM's demo template (which waits for this product).
        Map<String, Object> properties = new HashMap<>(ApiClient.testProperties("demo-derived",
                org.dataexchange.marketplace.DemoTemplate.SWITCH, "false"));
        String derivedId;
        String licenceOrder;
        try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
            HttpClient http = ctx.createBean(HttpClient.class, ctx.getBean(EmbeddedServer.class).getURL());
            ApiClient api = new ApiClient(http);
            Map<String, Object> derived = awaitListed(api, DERIVED);
            derivedId = (String) derived.get("id");
            Map<String, Object> parent = api.listed(PARENT);

            // On sale, derived from the parent under the merchant's licence, the parent's royalty on its sheet.
            Map<String, Object> sheet = api.json(null, HttpRequest.GET("/api/products/" + derivedId));
            assertThat(sheet.get("status")).isEqualTo("LISTED");
            assertThat(((Map<String, Object>) sheet.get("merchant")).get("name").toString()).contains("衡数");
            List<Map<String, Object>> from = (List<Map<String, Object>>) sheet.get("derivedFrom");
            assertThat(from).singleElement().satisfies(p -> {
                assertThat(p).containsEntry("productId", parent.get("id")).containsEntry("royaltyBp", 1000);
                assertThat(p.get("merchantName").toString()).contains("捷行");
            });
            String certificate = (String) from.get(0).get("certificateId");

            // The licence is the merchant's own order, paid and settled on the ledger like any buyer's.
            List<Map<String, Object>> orders = http.toBlocking().retrieve(api.as(MERCHANT, HttpRequest.GET("/api/orders")),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
            Map<String, Object> licence = orders.stream().filter(o -> parent.get("id").equals(o.get("productId")))
                    .findFirst().orElseThrow();
            licenceOrder = (String) licence.get("id");
            assertThat(licence.get("certificateId")).isEqualTo(certificate);
            assertThat((String) licence.get("transactionId")).hasSize(64);
            SettlementClient ledger = ctx.getBean(SettlementClient.class);
            assertThat(ledger.certificate(certificate)).isNotNull();
            // The ledger registered the derived version with its parent licence and royalty.
            assertThat(ledger.productVersion(derivedId, (String) sheet.get("currentVersion")).registration().parentLicences())
                    .singleElement().satisfies(p -> {
                        assertThat(p.certificateId()).isEqualTo(certificate);
                        assertThat(p.royaltyBp()).isEqualTo(1000);
                    });
        }

        // A restart on the same data: nothing bought or listed again.
        try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
            HttpClient http = ctx.createBean(HttpClient.class, ctx.getBean(EmbeddedServer.class).getURL());
            ApiClient api = new ApiClient(http);
            Thread.sleep(3_000); // a few of the derivation's rounds
            List<Map<String, Object>> orders = http.toBlocking().retrieve(api.as(MERCHANT, HttpRequest.GET("/api/orders")),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
            assertThat(orders).extracting(o -> o.get("id")).containsExactly(licenceOrder);
            List<Map<String, Object>> hits = search(api, DERIVED);
            assertThat(hits).extracting(h -> h.get("id")).containsExactly(derivedId);
            assertThat(search(api, PARENT)).hasSize(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> search(ApiClient api, String title) {
        return ((List<Map<String, Object>>) api.json(null, HttpRequest.GET("/api/products?q="
                + URLEncoder.encode(title, StandardCharsets.UTF_8))).get("content")).stream()
                .filter(p -> p.get("title").toString().startsWith(title)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitListed(ApiClient api, String title) {
        return Awaitility.await(title + " listed by the demo").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> search(api, title).stream().findFirst().orElse(null), p -> p != null);
    }
}
