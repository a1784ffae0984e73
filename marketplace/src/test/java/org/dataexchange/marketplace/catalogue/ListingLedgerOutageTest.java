package org.dataexchange.marketplace.catalogue;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.ledger.LedgerConnection;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue's ledger writes run after the database commit, from a recorded intent: while the ledger is away an
 * approval answers 503 with Retry-After and lists nothing, a suspension holds in the exchange at once, and both
 * reach the ledger (and the approval the shelf) on their own once it is back.
 */
class ListingLedgerOutageTest {

    @TempDir
    Path data;

    @Test
    void listingDecisionsTakenDuringALedgerOutageReachTheLedgerWhenItIsBack() throws Exception {
        Path ledgerDir = data.resolve("ledger-net");
        Devnet devnet = Devnet.start(new LedgerConnection.EmbeddedDevnet(ledgerDir).devnetConfig().withPort(0));
        int port = devnet.port();
        Map<String, Object> properties = new HashMap<>(Map.of("exchange.data-dir", data.toString(), "exchange.demo", "true",
                "exchange.password-cost", "4", "exchange.jwt-secret", "test-secret-that-is-long-enough-for-hmac-sha256-signing",
                "micronaut.server.port", "-1", "exchange.catalogue.ledger-retry-every", "1s",
                "exchange.ledger.connection-profile", ledgerDir.resolve("connection.json").toString(),
                // an unreachable ledger is known as such at the client's endorsement deadline (15 s by default)
                "exchange.ledger.endorse-deadline", "3s", "micronaut.http.client.read-timeout", "60s"));
        try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
            ApiClient api = new ApiClient(ctx.createBean(HttpClient.class, ctx.getBean(EmbeddedServer.class).getURL()));
            SettlementClient ledger = ctx.getBean(SettlementClient.class);
            String id = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products",
                    CatalogueApiTest.draft("潮流观测 Current observations", "GENERAL"))).get("id");
            api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/versions",
                    MultipartBody.builder().addPart("version", "1.0").addPart("file", "c.csv", MediaType.TEXT_CSV_TYPE,
                            "t,v\n1,2\n".getBytes(StandardCharsets.UTF_8)).build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
            api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit",
                    Map.of("sourceLawful", true, "rightsHeld", true, "qualityAsDescribed", true)));
            Map<String, Object> tide = api.listed("港口潮汐预报");
            String tideId = (String) tide.get("id");

            devnet.close(); // the ledger goes away
            var unavailable = api.refusal("demo-operator", HttpRequest.POST("/api/operator/products/" + id + "/approve", Map.of()));
            assertThat(unavailable.getStatus().getCode()).isEqualTo(503);
            assertThat(unavailable.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
            assertThat(Long.parseLong(unavailable.getResponse().header("Retry-After"))).isPositive();
            Map<String, Object> waiting = api.json("demo-operator", HttpRequest.GET("/api/products/" + id));
            assertThat(waiting.get("status")).as("not listed before the ledger registered it").isEqualTo("IN_REVIEW");
            assertThat((String) waiting.get("pendingLedgerWrite")).contains("registration of version 1.0");
            assertThat(api.status(null, HttpRequest.GET("/api/products/" + id))).isEqualTo(404);

            Map<String, Object> suspended = api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + tideId + "/suspend",
                    Map.of("reason", "质量核查")));
            assertThat(suspended.get("status")).as("a suspension holds in the exchange at once").isEqualTo("SUSPENDED");
            assertThat((String) suspended.get("pendingLedgerWrite")).contains("SUSPENDED");
            assertThat(api.status(null, HttpRequest.GET("/api/products/" + tideId))).isEqualTo(404);

            devnet = Devnet.start(new LedgerConnection.EmbeddedDevnet(ledgerDir).devnetConfig().withPort(port)); // and comes back
            await(() -> "LISTED".equals(api.json("demo-operator", HttpRequest.GET("/api/products/" + id)).get("status")));
            assertThat(ledger.productVersion(id, "1.0").status()).isEqualTo(ListingStatus.LISTED);
            assertThat(api.json(null, HttpRequest.GET("/api/products/" + id)).get("title")).isEqualTo("潮流观测 Current observations");
            await(() -> api.json("demo-operator", HttpRequest.GET("/api/products/" + tideId)).get("pendingLedgerWrite") == null);
            assertThat(ledger.productVersion(tideId, (String) tide.get("currentVersion")).status()).isEqualTo(ListingStatus.SUSPENDED);
            assertThat(api.json("demo-operator", HttpRequest.GET("/api/products/" + id)).get("pendingLedgerWrite")).isNull();
        } finally {
            devnet.close();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(200))
                .until(condition::getAsBoolean);
    }
}
