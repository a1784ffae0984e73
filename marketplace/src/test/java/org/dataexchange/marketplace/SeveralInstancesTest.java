package org.dataexchange.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.account.AccountService;
import org.dataexchange.marketplace.account.Registration;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the exchange (two application contexts, each with its HTTP server and its settlement worker, its
 * event subscription and its audit sealer) on one PostgreSQL database and one devnet ledger, reached through its
 * connection profile as a real peer would be, serve one exchange: orders placed and paid on both drain one wallet
 * without overdraft, each trade is recorded once, the audit chain and the event checkpoint are one, and tokens and
 * signed download links made by one are accepted by the other (the secret from configuration; the data files on a
 * shared volume).
 */
class SeveralInstancesTest {

    @TempDir
    Path dir;

    @Test
    void twoInstancesOnOnePostgresqlAndOneLedgerServeOneExchange() throws Exception {
        try (TwoInstances two = TwoInstances.start(dir)) {
            ApplicationContext a = two.a;
            ApplicationContext b = two.b;
            HttpClient httpA = two.httpA;
            HttpClient httpB = two.httpB;
            ApiClient apiA = two.apiA;
            ApiClient apiB = two.apiB;

            // A token signed in on one instance is accepted by the other.
            String tokenFromA = apiA.token("demo-buyer");
            assertThat(httpB.toBlocking().retrieve(HttpRequest.GET("/api/me").bearerAuth(tokenFromA), Map.class)
                    .get("username")).isEqualTo("demo-buyer");

            // One wallet with funds for three of eight orders, paid at once through both instances.
            var account = a.getBean(AccountService.class).register(new Registration("two-door-buyer",
                    "a long enough password", Role.BUYER, new Registration.OrganisationDetails("双门采购有限公司",
                    CreditCode.withCheckCharacter("91310115MA1KTW0D1"))));
            String orgId = account.organisation().id();
            Wallets wallets = a.getBean(Wallets.class);
            wallets.topUp(orgId, 3 * 150_000 + 50_000, "CNY", "test funds", "test");
            Map<String, Object> product = apiB.listed("逐小时气象站观测数据");
            String tokenFromB = (String) httpB.toBlocking().retrieve(HttpRequest.POST("/api/auth/login",
                    Map.of("username", "two-door-buyer", "password", "a long enough password")), Map.class).get("access_token");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                HttpClient via = i % 2 == 0 ? httpA : httpB;
                ids.add((String) via.toBlocking().retrieve(HttpRequest.POST("/api/orders", Map.of("productId", product.get("id"),
                        "planId", "one-off", "buyerLocation", "CN-SH", "securityAgreementAccepted", false,
                        "scenario", Map.of("purpose", "气候分析 climate analysis", "location", "CN-SH")))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).bearerAuth(tokenFromB), Map.class).get("id"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                HttpClient via = i % 2 == 0 ? httpB : httpA; // paid on the other instance than placed
                String id = ids.get(i);
                results.add(pool.submit(() -> {
                    try {
                        return via.toBlocking().exchange(HttpRequest.POST("/api/orders/" + id + "/pay", "")
                                .bearerAuth(tokenFromB), String.class).getStatus().getCode();
                    } catch (HttpClientResponseException e) {
                        return e.getStatus().getCode();
                    }
                }));
            }
            List<String> paid = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < ids.size(); i++) {
                int status = results.get(i).get();
                if (status == 200) {
                    paid.add(ids.get(i));
                } else if (status == 409) {
                    refused++;
                }
            }
            pool.shutdown();
            assertThat(paid).hasSize(3);
            assertThat(refused).isEqualTo(5);
            assertThat(wallets.balance(orgId, Wallets.Kind.AVAILABLE, "CNY")).isEqualTo(50_000);
            assertThat(wallets.balanceFromJournal(orgId, Wallets.Kind.AVAILABLE, "CNY")).isEqualTo(50_000);

            // Settled by the workers of both instances; each trade once on the ledger.
            for (String id : paid) {
                Awaitility.await("order " + id + " settles").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> httpA.toBlocking().retrieve(HttpRequest.GET("/api/orders/" + id).bearerAuth(tokenFromB),
                                Map.class).get("certificateId") != null);
            }
            SettlementClient ledger = a.getBean(SettlementClient.class);
            for (String id : paid) {
                assertThat(ledger.tradeHistory(id)).as("trade %s on the ledger", id).hasSize(1);
            }
            assertThat(wallets.balance(orgId, Wallets.Kind.ESCROW, "CNY")).isZero();

            // A signed download link made by one instance is served by the other.
            String bought = apiA.buySettled(apiA.listed("东海浮标海洋观测"), "one-off", "海洋科研 ocean research");
            String url = (String) apiA.json("demo-buyer", HttpRequest.POST("/api/orders/" + bought + "/download-link", "")).get("url");
            byte[] file = httpB.toBlocking().retrieve(HttpRequest.GET(url), byte[].class);
            assertThat(file).isNotEmpty();
            assertThat(apiB.status(null, HttpRequest.GET(url.replaceAll("sig=[0-9a-f]{4}", "sig=0000")))).isEqualTo(403);

            // One audit chain, sealed by both instances' sealers, that verifies from either.
            AuditLog.Verification fromA = a.getBean(AuditLog.class).verify();
            AuditLog.Verification fromB = b.getBean(AuditLog.class).verify();
            assertThat(fromA.valid()).as(String.valueOf(fromA)).isTrue();
            assertThat(fromB.valid()).as(String.valueOf(fromB)).isTrue();
            assertThat(fromB.entries()).isGreaterThanOrEqualTo(fromA.entries()).isPositive();

            // One event checkpoint, and each settled trade confirmed once by the ledger's events.
            Awaitility.await("the ledger's events confirm every settled trade").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> count(a, "SELECT COUNT(*) FROM settlement_confirmation"
                            + " WHERE order_id IN ('" + String.join("','", paid) + "')") == paid.size());
            assertThat(count(a, "SELECT COUNT(*) FROM ledger_event_checkpoint")).isEqualTo(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static long count(ApplicationContext ctx, String sql) {
        io.micronaut.transaction.TransactionOperations<Connection> tx = ctx.getBean(io.micronaut.transaction.TransactionOperations.class);
        return tx.executeRead(status -> {
            try (Statement s = status.getConnection().createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
