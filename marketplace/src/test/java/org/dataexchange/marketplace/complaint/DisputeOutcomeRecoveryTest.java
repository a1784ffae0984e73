package org.dataexchange.marketplace.complaint;

import java.time.Duration;
import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.settlement.SettlementWorker;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision's outcome reaches the ledger exactly once whatever happens after its database transaction commits: here
 * the process stops after the ledger recorded the outcome but before the books knew, and a restart finishes the job.
 */
class DisputeOutcomeRecoveryTest {

    @TempDir
    Path data;

    private static Map<String, Object> properties(Path dir, boolean worker) {
        return new HashMap<>(Map.of("exchange.data-dir", org.dataexchange.marketplace.DemoTemplate.seeded(dir), "exchange.demo", "true",
                "exchange.password-cost", "4", "exchange.jwt-secret", "test-secret-that-is-long-enough-for-hmac-sha256-signing",
                "micronaut.server.port", "-1", "exchange.settlement.worker-enabled", Boolean.toString(worker)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOutcomeRecordedOnTheLedgerBeforeAStopIsFinishedOnceAfterRestartAndTheBooksAgree() throws Exception {
        String orderId;
        String complaintId;
        String txBeforeStop;
        String certificateId;
        try (ApplicationContext first = ApplicationContext.run(EmbeddedServer.class, properties(data, false)).getApplicationContext()) {
            ApiClient api = new ApiClient(first.createBean(HttpClient.class, first.getBean(EmbeddedServer.class).getURL()));
            Map<String, Object> product = api.listed("土壤墒情监测");
            Map<String, Object> body = Map.of("productId", product.get("id"), "planId", "one-off", "buyerLocation", "CN-SH",
                    "securityAgreementAccepted", false, "scenario", Map.of("purpose", "农业保险 crop insurance", "location", "CN-SH"));
            orderId = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders", body)
                    .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
            api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/pay", ""));
            first.getBean(SettlementWorker.class).drain();
            certificateId = (String) api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId)).get("certificateId");
            assertThat(certificateId).isNotNull();
            complaintId = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/complaints",
                    Map.of("text", "数据缺失"))).get("id");
            api.json("demo-operator", HttpRequest.POST("/api/operator/complaints/" + complaintId + "/decide",
                    Map.of("outcome", "FULL_REFUND", "note", "全额退款")));
            // Committed in the books and queued; the round recorded it on the ledger and the process stopped before it
            // wrote that down: do that first half by hand.
            DisputeOutcomes outbox = first.getBean(DisputeOutcomes.class);
            DisputeOutcomes.Pending pending = outbox.find(DisputeRefunds.outcomeId(complaintId)).orElseThrow();
            assertThat(pending.state()).isEqualTo(DisputeOutcomes.State.PENDING);
            txBeforeStop = first.getBean(SettlementClient.class).recordDisputeOutcome(pending.request()).join().transactionId();
            Map<String, Object> report = api.json("demo-regulator", HttpRequest.GET("/api/regulator/reconciliation"));
            assertThat(report.get("differences").toString()).as("an outcome on its way is no difference").doesNotContain(orderId);
        }
        try (ApplicationContext second = ApplicationContext.run(EmbeddedServer.class, properties(data, true)).getApplicationContext()) {
            ApiClient api = new ApiClient(second.createBean(HttpClient.class, second.getBean(EmbeddedServer.class).getURL()));
            DisputeOutcomes outbox = second.getBean(DisputeOutcomes.class);
            Awaitility.await("the outcome is recorded after the restart").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> outbox.find(DisputeRefunds.outcomeId(complaintId)).orElseThrow().state() == DisputeOutcomes.State.RECORDED);
            DisputeOutcomes.Pending recorded = outbox.find(DisputeRefunds.outcomeId(complaintId)).orElseThrow();
            assertThat(recorded.state()).isEqualTo(DisputeOutcomes.State.RECORDED);
            assertThat(recorded.transactionId()).as("the original ledger transaction, not a second outcome").isEqualTo(txBeforeStop);
            List<Map<String, Object>> onLedger = second.createBean(HttpClient.class, second.getBean(EmbeddedServer.class).getURL())
                    .toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/disputes?trade=" + orderId)),
                            io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
            assertThat(onLedger).hasSize(1);
            Map<String, Object> verification = (Map<String, Object>) api.json("demo-regulator",
                    HttpRequest.GET("/api/regulator/certificates/" + certificateId)).get("verification");
            assertThat(verification.get("revoked")).isEqualTo(true);
            Map<String, Object> report = api.json("demo-regulator", HttpRequest.GET("/api/regulator/reconciliation"));
            assertThat(report.get("differences").toString()).doesNotContain(orderId);
            Map<String, Object> totals = (Map<String, Object>) report.get("totals");
            assertThat(totals.get("refundsInBooks")).isEqualTo(1);
            assertThat(totals.get("refundsOnLedger")).isEqualTo(1);
            assertThat(totals.get("booksRefundedMinor")).isEqualTo(totals.get("ledgerRefundedMinor"));

            // A refund the books hold and the ledger never will (written around the outbox) is listed.
            second.getBean(org.dataexchange.marketplace.order.OrderRepositories.Refunds.class).save(
                    new org.dataexchange.marketplace.order.OrderRepositories.Refund("R-stray", orderId, "complaint-stray",
                            "PARTIAL_REFUND", 5, "CNY", "[]", "nobody", Instant.now()));
            Map<String, Object> broken = api.json("demo-regulator", HttpRequest.GET("/api/regulator/reconciliation"));
            assertThat(broken.get("differences").toString()).contains("REFUND_MISSING_ON_LEDGER").contains("complaint-stray");
        }
    }
}
