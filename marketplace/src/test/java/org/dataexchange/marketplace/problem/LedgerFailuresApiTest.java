package org.dataexchange.marketplace.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14: a ledger refusal answers 409 {@code ledger-refused} (with the contract's code) and a ledger that cannot be
 * reached 503 {@code ledger-unavailable} with Retry-After, both application/problem+json and never a 500, on every
 * request path that touches the ledger (the operator's and the regulator's identities alike), over real HTTP against
 * the real devnet through {@link LedgerFaults}. And a books transaction that fails after its ledger write leaves books
 * and ledger in agreement once the exchange has finished it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerFailuresApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    LedgerFaults faults;

    @Inject
    SettlementClient ledger;

    @Inject
    TransactionOperations<Connection> tx;

    ApiClient api;
    String delivered;
    String revoked;
    String certificate;
    Map<String, Object> certificateDocument;
    String downloadUrl;
    String tradeTx;
    String inReview;
    String suspended;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("ledger-failures", "test.ledger-faults", "true",
                "exchange.catalogue.ledger-retry-every", "1s",
                // the rollback test holds a row lock for the database's lock timeout (10 s)
                "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    void setUp() throws Exception {
        api = new ApiClient(http);
        Map<String, Object> buoys = api.listed("东海浮标海洋观测");
        delivered = api.buySettled(buoys, "one-off", "海洋科研 ocean research");
        revoked = api.buySettled(buoys, "one-off", "海洋科研 ocean research");
        certificate = "CERT-" + delivered;
        certificateDocument = api.json("demo-buyer", HttpRequest.GET("/api/certificates/" + certificate));
        downloadUrl = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + delivered + "/download-link", ""))
                .get("url");
        tradeTx = (String) api.json("demo-buyer", HttpRequest.GET("/api/orders/" + delivered)).get("transactionId");
        assertThat(tradeTx).hasSize(64);

        inReview = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products", RefusalsTestDrafts.draft()))
                .get("id");
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + inReview + "/versions",
                MultipartBody.builder().addPart("version", "1.0").addPart("file", "edge.csv", MediaType.TEXT_CSV_TYPE,
                        "sst\n21.4\n".getBytes(StandardCharsets.UTF_8)).build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + inReview + "/submit",
                Map.of("sourceLawful", true, "rightsHeld", true, "qualityAsDescribed", true)));

        suspended = (String) api.listed("港口潮汐预报").get("id");
        api.json("demo-operator", HttpRequest.POST("/api/operator/products/" + suspended + "/suspend", Map.of("reason", "核查")));
        await(() -> api.json("demo-operator", HttpRequest.GET("/api/products/" + suspended)).get("pendingLedgerWrite") == null);
    }

    @AfterEach
    void ledgerBack() {
        faults.clear();
    }

    /** One request path that touches the ledger: who asks, the request, and the refusal the contract gives there. */
    private record Path(String name, String user, Supplier<MutableHttpRequest<?>> request, ErrorCode refusal) {}

    private List<Path> readPaths() {
        List<Path> paths = new ArrayList<>();
        paths.add(new Path("certificate document", "demo-buyer",
                () -> HttpRequest.GET("/api/certificates/" + certificate), ErrorCode.ACCESS_DENIED));
        paths.add(new Path("public verification by id", null,
                () -> HttpRequest.GET("/api/certificates/" + certificate + "/verify"), ErrorCode.ACCESS_DENIED));
        paths.add(new Path("public verification of a document", null,
                () -> HttpRequest.POST("/api/certificates/verify", certificateDocument), ErrorCode.ACCESS_DENIED));
        for (String regulatorPath : List.of("/api/regulator/flags", "/api/regulator/disputes",
                "/api/regulator/disputes?trade=" + delivered, "/api/regulator/reconciliation", "/api/regulator/trades",
                "/api/regulator/trades?product=" + certificateDocument.get("productId"), "/api/regulator/statistics",
                "/api/regulator/certificates/" + certificate, "/api/regulator/blocks", "/api/regulator/blocks/1",
                "/api/regulator/transactions/" + tradeTx, "/api/regulator/chain/verify")) {
            paths.add(new Path(regulatorPath, "demo-regulator", () -> HttpRequest.GET(regulatorPath), ErrorCode.ACCESS_DENIED));
        }
        return paths;
    }

    private Map<String, Object> refused(Path path, int status, String type) {
        HttpClientResponseException e = api.refusal(path.user(), path.request().get());
        assertThat(e.getStatus().getCode()).as(path.name()).isEqualTo(status);
        assertThat(e.getResponse().getContentType().orElseThrow().toString()).as(path.name()).startsWith("application/problem+json");
        Map<String, Object> problem = ApiClient.problem(e);
        assertThat(problem.get("type")).as(path.name()).isEqualTo("urn:dataexchange:problem:" + type);
        assertThat(problem.get("status")).as(path.name()).isEqualTo(status);
        if (status == 503) {
            assertThat(Long.parseLong(e.getResponse().header("Retry-After"))).as(path.name()).isPositive();
        }
        return problem;
    }

    private void refusedAndAway(Path path) {
        int before = faults.failedCalls();
        faults.refuse(path.refusal());
        assertThat(refused(path, 409, "ledger-refused").get("code")).as(path.name()).isEqualTo(path.refusal().name());
        faults.unavailable();
        refused(path, 503, "ledger-unavailable");
        faults.clear();
        assertThat(faults.failedCalls()).as("%s reached the ledger", path.name()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void deliveryChecksTheLicenceInTheBooksSoALedgerOutageDoesNotStopIt() {
        // The books hold the licence the ledger confirmed (term, revocation): issuing a download link reads no ledger.
        faults.unavailable();
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders/" + delivered + "/download-link", ""))).isEqualTo(200);
        faults.refuse(ErrorCode.ACCESS_DENIED);
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders/" + delivered + "/download-link", ""))).isEqualTo(200);
        faults.clear();
    }

    @Test
    void everyReadingPathAnswers409WhenTheLedgerRefusesAnd503WhenItIsAway() {
        for (Path path : readPaths()) {
            refusedAndAway(path);
            // and with the ledger back, the same request is answered
            assertThat(api.status(path.user(), path.request().get())).as(path.name()).isEqualTo(200);
        }
    }

    @Test
    void approvingAListingAnswers409And503AndListsOnlyWhatTheLedgerRegistered() throws Exception {
        Path approve = new Path("approve", "demo-operator",
                () -> HttpRequest.POST("/api/operator/products/" + inReview + "/approve", Map.of()), ErrorCode.ID_CONFLICT);
        refusedAndAway(approve);
        // the registration recorded during the outage reaches the ledger by itself once it is back
        await(() -> "LISTED".equals(api.json("demo-operator", HttpRequest.GET("/api/products/" + inReview)).get("status")));
        assertThat(ledger.productVersion(inReview, "1.0").status()).isEqualTo(org.dataexchange.ledger.product.ListingStatus.LISTED);
    }

    @Test
    void reinstatingAListingAnswers409And503() throws Exception {
        Path reinstate = new Path("reinstate", "demo-operator",
                () -> HttpRequest.POST("/api/operator/products/" + suspended + "/reinstate", Map.of("reason", "核查完毕")),
                ErrorCode.INVALID_STATUS_TRANSITION);
        refusedAndAway(reinstate);
        await(() -> "LISTED".equals(api.json("demo-operator", HttpRequest.GET("/api/products/" + suspended)).get("status")));
    }

    /*
     * Suspending stops sales in the books at once (the ledger may be away), so a suspension the ledger then refuses
     * leaves the two apart: the operator sees the refused write on the product, and the regulator's reconciliation
     * lists the difference with the ledger's reason until someone settles it.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aSuspensionTheLedgerRefusesStopsSalesAndShowsInReconciliation() throws Exception {
        Map<String, Object> flights = api.listed("航班准点率统计");
        String id = (String) flights.get("id");
        faults.refuse(ErrorCode.INVALID_STATUS_TRANSITION, "updateListingStatus");
        Map<String, Object> sheet = api.json("demo-operator",
                HttpRequest.POST("/api/operator/products/" + id + "/suspend", Map.of("reason", "核查来源")));
        faults.clear();
        assertThat(sheet.get("status")).isEqualTo("SUSPENDED");
        Map<String, Object> listing = api.json("demo-operator", HttpRequest.GET("/api/operator/products/" + id + "/ledger"));
        assertThat((List<Map<String, Object>>) listing.get("writes")).anySatisfy(w -> {
            assertThat(w.get("state")).isEqualTo("REFUSED");
            assertThat((String) w.get("lastError")).startsWith("INVALID_STATUS_TRANSITION");
        });
        // Not for sale in the books, whatever the ledger says.
        HttpClientResponseException order = api.refusal("demo-buyer", HttpRequest.POST("/api/orders",
                Map.of("productId", id, "planId", "one-off", "buyerLocation", "CN-SH", "securityAgreementAccepted", false,
                        "scenario", Map.of("purpose", "差旅管理 travel management", "location", "CN-SH")))
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertThat(order.getStatus().getCode()).as("%s", ApiClient.problem(order)).isEqualTo(400);
        assertThat(ApiClient.problem(order)).containsEntry("type", "urn:dataexchange:problem:invalid-input")
                .containsEntry("field", "productId");
        assertThat((String) ApiClient.problem(order).get("detail")).startsWith("no listed product");

        Map<String, Object> report = api.json("demo-regulator", HttpRequest.GET("/api/regulator/reconciliation"));
        assertThat((List<Map<String, Object>>) report.get("differences")).anySatisfy(d -> {
            assertThat(d.get("kind")).isEqualTo("LISTING_MISMATCH");
            assertThat((String) d.get("tradeId")).startsWith(id + "@");
            assertThat((String) d.get("detail")).contains("SUSPENDED in the books", "LISTED on the ledger",
                    "INVALID_STATUS_TRANSITION");
        });
    }

    @Test
    void revokingALicenceAnswers409And503AndTheRevocationRecordedDuringTheOutageReachesTheLedger() throws Exception {
        String cert = "CERT-" + revoked;
        Path revoke = new Path("revoke", "demo-operator",
                () -> HttpRequest.POST("/api/operator/certificates/" + cert + "/revoke", Map.of("reason", "仲裁裁决")),
                ErrorCode.ACCESS_DENIED);
        int before = faults.failedCalls();
        faults.refuse(revoke.refusal());
        refused(revoke, 409, "ledger-refused");
        faults.clear();
        assertThat(api.json(null, HttpRequest.GET("/api/certificates/" + cert + "/verify")).get("revoked"))
                .as("refused: nothing changed").isEqualTo(false);
        assertThat(licenceRevokedInTheBooks(revoked)).isFalse();
        faults.unavailable();
        refused(revoke, 503, "ledger-unavailable");
        faults.clear();
        assertThat(faults.failedCalls()).isGreaterThanOrEqualTo(before + 2);
        // recorded before the outage answered 503: sent again by the exchange, then the books follow the ledger
        await(() -> ledger.certificate(cert).revocation() != null && licenceRevokedInTheBooks(revoked));
    }

    @Test
    void aDownloadWhoseReceiptTheLedgerRefusesAnswers409AndOneItCannotReachIsServedWithItsReceiptLater() throws Exception {
        // the licence is checked in the books; only the delivery receipt goes to the ledger
        // the receipt alone refused: 409 with the contract's code, and the file is not served
        faults.refuse(ErrorCode.LICENCE_REVOKED, "recordDelivery");
        assertThat(refused(new Path("download", null, () -> HttpRequest.GET(downloadUrl), ErrorCode.LICENCE_REVOKED),
                409, "ledger-refused").get("code")).isEqualTo("LICENCE_REVOKED");
        // the receipt alone cannot be written now: the file is served and its receipt written later
        faults.unavailable("recordDelivery");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET(downloadUrl), byte[].class)).isNotEmpty();
        faults.clear();
    }

    /**
     * The ledger writes the revocation, then the books' transaction that records it fails (another transaction holds the
     * order's row past the lock timeout) and rolls back. Right then the ledger has it and the books do not; the request
     * still answers the revocation, since the ledger has it, and the exchange finishes the books by itself: afterwards
     * both say revoked, once, with the same ledger transaction.
     */
    @Test
    void aBooksTransactionRolledBackAfterItsLedgerWriteEndsWithBooksAndLedgerInAgreement() throws Exception {
        String orderId = api.buySettled(api.listed("东海浮标海洋观测"), "one-off", "海洋科研 ocean research");
        String cert = "CERT-" + orderId;
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = pool.submit(() -> tx.executeWrite(status -> {
                try (PreparedStatement s = status.getConnection().prepareStatement(
                        "SELECT id FROM purchase_order WHERE id = ? FOR UPDATE")) {
                    s.setString(1, orderId);
                    s.executeQuery().close();
                    locked.countDown();
                    release.await(2, TimeUnit.MINUTES);
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

            Map<String, Object> revocation = api.json("demo-operator", HttpRequest.POST("/api/operator/certificates/" + cert
                    + "/revoke", Map.of("reason", "仲裁裁决 ARB-14")));
            String txId = (String) revocation.get("txId");
            assertThat(txId).hasSize(64);
            // the ledger has it; the books' transaction rolled back
            assertThat(ledger.certificate(cert).revocation().txId()).isEqualTo(txId);
            assertThat(licenceRevokedInTheBooks(orderId)).isFalse();
            assertThat(revocationStates(orderId)).containsExactly("PENDING");

            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            // The books learn it twice: the revocation's own round, and the ledger's LicenceRevoked event; wait for both.
            await(() -> licenceRevokedInTheBooks(orderId) && revocationStates(orderId).equals(List.of("DONE")));
            assertThat(revocationTransactions(orderId)).containsExactly(txId);
            assertThat(ledger.certificate(cert).revocation().txId()).as("revoked once on the ledger").isEqualTo(txId);
            assertThat(api.json(null, HttpRequest.GET("/api/certificates/" + cert + "/verify")).get("revoked")).isEqualTo(true);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private boolean licenceRevokedInTheBooks(String orderId) {
        return query("SELECT licence_revoked FROM purchase_order WHERE id = ?", orderId).equals(List.of("true"));
    }

    private List<String> revocationStates(String orderId) {
        return query("SELECT state FROM licence_revocation WHERE order_id = ? ORDER BY created_at", orderId);
    }

    private List<String> revocationTransactions(String orderId) {
        return query("SELECT transaction_id FROM licence_revocation WHERE order_id = ? ORDER BY created_at", orderId);
    }

    private List<String> query(String sql, String arg) {
        return tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                s.setString(1, arg);
                List<String> values = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        values.add(String.valueOf(r.getObject(1)));
                    }
                }
                return values;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 60 s");
            }
            Thread.sleep(200);
        }
    }
}
