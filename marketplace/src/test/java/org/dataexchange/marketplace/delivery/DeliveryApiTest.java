package org.dataexchange.marketplace.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.catalogue.DemoCatalogue;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Delivery within the licence: signed short-lived links, ledger receipts, revocation and the end of the term. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryApiTest implements TestPropertyProvider {

    /** A clock the test moves forward through link lifetimes and licence terms. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        void reset() {
            offset = Duration.ZERO;
        }
    }

    private final MovableClock clock = new MovableClock();

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SettlementClient ledger;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("delivery-test");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSignedLinkDeliversTheVerifiedFileOnceSettledAndRecordsAReceipt() throws Exception {
        String orderId = buySettled("东海浮标海洋观测", "海洋科研 ocean research");
        Map<String, Object> link = api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        String url = (String) link.get("url");
        byte[] file = http.toBlocking().retrieve(HttpRequest.GET(url), byte[].class);
        DemoCatalogue.Item item = DemoCatalogue.ITEMS.stream().filter(i -> i.title().startsWith("东海浮标海洋观测")).findFirst().orElseThrow();
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(DemoCatalogue.sampleFile(item));

        Map<String, Object> order = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId));
        assertThat(order.get("status")).isEqualTo("DELIVERED");
        List<Map<String, Object>> deliveries = http.toBlocking().retrieve(api.as("demo-buyer",
                HttpRequest.GET("/api/orders/" + orderId + "/deliveries")), io.micronaut.core.type.Argument.listOf(
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertThat(deliveries).hasSize(1);
        assertThat((String) ((Map<?, ?>) deliveries.get(0)).get("ledgerTxId")).hasSize(64);
        assertThat(ledger.deliveriesByTrade(orderId)).hasSize(1);

        assertThat(api.status(null, HttpRequest.GET(url.replaceAll("sig=[0-9a-f]{4}", "sig=0000")))).isEqualTo(403);
        // A merchant account that does not hold the licence (here, not even the seller) finds no such order of its own.
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""))).isEqualTo(404);
        clock.advance(DeliveryService.LINK_LIFETIME.plusMinutes(1));
        assertThat(api.status(null, HttpRequest.GET(url))).as("an expired link").isEqualTo(403);
    }

    @Test
    void accessEndsWhenTheTermEnds() throws Exception {
        String orderId = buySettled("东海浮标海洋观测", "海洋科研 ocean research");
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""))).isEqualTo(200);
        clock.advance(Duration.ofDays(366));
        var ended = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        assertThat(ended.getStatus().getCode()).isEqualTo(403);
        assertThat((String) ApiClient.problem(ended).get("detail")).contains("term ended");
    }

    @Test
    void aRevokedLicenceFailsVerificationAndStopsDelivery() throws Exception {
        String orderId = buySettled("东海浮标海洋观测", "海洋科研 ocean research");
        String certificate = "CERT-" + orderId;
        assertThat(api.json(null, HttpRequest.GET("/api/certificates/" + certificate + "/verify")).get("valid")).isEqualTo(true);
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/operator/certificates/" + certificate + "/revoke",
                Map.of("reason", "x")))).isEqualTo(403);
        api.json("demo-operator", HttpRequest.POST("/api/operator/certificates/" + certificate + "/revoke",
                Map.of("reason", "仲裁裁决 ARB-2026-3：全额退款")));
        Map<String, Object> verification = api.json(null, HttpRequest.GET("/api/certificates/" + certificate + "/verify"));
        assertThat(verification.get("valid")).isEqualTo(false);
        assertThat(verification.get("revoked")).isEqualTo(true);
        var refused = api.refusal("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("revoked");
    }

    @Test
    void aRevocationTheBooksMissedReachesThemFromTheLedgerAndStopsDelivery() throws Exception {
        String orderId = buySettled("东海浮标海洋观测", "海洋科研 ocean research");
        String url = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", "")).get("url");
        // Downloads check the licence the books hold; the ledger records a revocation the books were never told of (as
        // when the process stops right after the ledger write): its LicenceRevoked event brings it to the books.
        ledger.revokeLicence(new org.dataexchange.ledger.licence.RevocationRequest("CERT-" + orderId, "仲裁裁决 ARB-2026-4",
                "operator:test")).join();
        // A new link is refused from the books alone (it asks the ledger nothing), once the event has reached them.
        Instant until = Instant.now().plusSeconds(30);
        int status = api.status("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        while (status != 403 && Instant.now().isBefore(until)) {
            Thread.sleep(50);
            status = api.status("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", ""));
        }
        assertThat(status).as("a link after the ledger's revocation").isEqualTo(403);
        // And the link handed out before is refused by the same check, before anything is served or recorded.
        var refused = api.refusal(null, HttpRequest.GET(url));
        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat((String) ApiClient.problem(refused).get("detail")).contains("revoked").doesNotContain("ledger refused");
        assertThat(ledger.deliveriesByTrade(orderId)).isEmpty();
    }

    @Test
    void meteredCallsAreCountedPricedByThePlanAndStopAtTermEnd() throws Exception {
        String orderId = buySettled("港口潮汐预报", "港口作业计划 port operations", "per-call");
        String key = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/api-keys", "")).get("apiKey");
        assertThat(key).startsWith("dxk_");
        for (int i = 0; i < 1005; i++) {
            String rows = http.toBlocking().retrieve(HttpRequest.GET("/api/data/records").header("X-Api-Key", key));
            assertThat(rows).startsWith("[{");
        }
        List<Map<String, Object>> usage = http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/orders/" + orderId + "/usage")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertThat(usage).hasSize(1);
        assertThat(((Number) usage.get(0).get("calls")).longValue()).isEqualTo(1005);
        assertThat(((Number) usage.get(0).get("billableCalls")).longValue()).isEqualTo(5); // 1000 free units
        assertThat(((Number) usage.get(0).get("chargeMinor")).longValue()).isEqualTo(5 * 30);
        assertThat(api.status("demo-merchant-ocean", HttpRequest.GET("/api/orders/" + orderId + "/usage"))).as("the seller sees it").isEqualTo(200);
        assertThat(api.status("demo-merchant", HttpRequest.GET("/api/orders/" + orderId + "/usage"))).isEqualTo(404);
        assertThat(api.status(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", "dxk_forged"))).isEqualTo(403);

        clock.advance(Duration.ofDays(366));
        assertThat(api.status(null, HttpRequest.GET("/api/data/records").header("X-Api-Key", key))).as("after the term").isEqualTo(403);
    }

    private String buySettled(String titlePrefix, String purpose) throws InterruptedException {
        return buySettled(titlePrefix, purpose, "one-off");
    }

    private String buySettled(String titlePrefix, String purpose, String plan) throws InterruptedException {
        return api.buySettled(api.listed(titlePrefix), plan, purpose);
    }
}
