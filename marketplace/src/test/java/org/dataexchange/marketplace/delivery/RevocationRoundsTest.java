package org.dataexchange.marketplace.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.Test;

/**
 * The revocation round of one instance passes over an intent whose lease another round (of this or another instance)
 * is taking, instead of queueing on its row lock: {@code FOR UPDATE SKIP LOCKED}, on H2 here and on PostgreSQL in the
 * build's {@code postgresql} run.
 */
class RevocationRoundsTest {

    @Test
    @SuppressWarnings("unchecked")
    void anIntentAnotherRoundHoldsIsPassedOverAndTakenOnceReleased() throws Exception {
        Map<String, Object> props = (Map) ApiClient.testProperties("revocation-rounds");
        try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, props).getApplicationContext()) {
            ApiClient api = new ApiClient(ctx.createBean(HttpClient.class, ctx.getBean(EmbeddedServer.class).getURL()));
            Map<String, Object> product = api.listed("土壤墒情监测");
            String orderId = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders", Map.of("productId",
                    product.get("id"), "planId", "one-off", "buyerLocation", "CN-SH", "securityAgreementAccepted", false,
                    "scenario", Map.of("purpose", "农业保险 crop insurance", "location", "CN-SH")))
                    .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
            LicenceRevocations.Repository intents = ctx.getBean(LicenceRevocations.Repository.class);
            TransactionOperations<Connection> tx = ctx.getBean(TransactionOperations.class);
            Instant now = Instant.now();
            // Due in an hour, so that the service's own round leaves it alone during the test.
            LicenceRevocations.Intent intent = tx.executeWrite(s -> intents.save(new LicenceRevocations.Intent("REV-1",
                    "CERT-" + orderId, orderId, "licence breached", "operator:ops", LicenceRevocations.State.PENDING, 0,
                    now.plusSeconds(3600), null, null, null, now)));

            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> otherRound = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
                assertThat(intents.lock(intent.id())).isPresent();
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            Optional<LicenceRevocations.Intent> whileHeld = tx.executeWrite(s -> intents.lockUnlessHeld(intent.id()));
            assertThat(whileHeld).as("passed over while the other round holds it").isEmpty();
            release.countDown();
            otherRound.get(30, TimeUnit.SECONDS);
            Optional<LicenceRevocations.Intent> afterwards = tx.executeWrite(s -> intents.lockUnlessHeld(intent.id()));
            assertThat(afterwards).as("taken once released").map(LicenceRevocations.Intent::id).contains("REV-1");
        }
    }
}
