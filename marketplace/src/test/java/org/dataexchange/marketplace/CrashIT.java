package org.dataexchange.marketplace;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: the packaged exchange runs as a separate process under order load from several buyers and is
 * killed with SIGKILL, three times, each time at another moment, then restarted on the same data. Every order whose
 * payment was answered 200 must be settled exactly once (one trade on the ledger, SETTLED in the books with that
 * transaction), the wallets must balance and reconciliation must show no difference.
 * <p>
 * The moments are aimed at from outside, through the API, and checked afterwards from what the ledger and the books
 * say: (1) during placement: a kill while orders are being placed and paid (requests cut); (2) between payment and
 * settlement: right after a payment was answered, while its licence is not yet on the ledger (after the restart its
 * trade is recorded later than the kill); (3) right after the ledger commit: once an order's licence is on the ledger
 * while the books still have it SETTLING (after the restart the worker finds its trade already recorded). That moment
 * lasts milliseconds in production; the exchange under test waits 200 ms there
 * ({@code test.settlement.pause-after-ledger-commit}) so that a kill aimed from outside can land in it. A kill that missed
 * its moment (a loaded machine stretches the aiming) is followed by another aimed at the same moment, up to three in all;
 * each moment must be hit.
 */
class CrashIT {

    private static final int BUYERS = 6;
    private static final long TOP_UP = 1_000_000_000L;
    /** Generous: on a loaded machine the exchange took five minutes to start (it takes 15 to 30 s on an idle one). */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path data;

    private Exchange exchange;
    private HttpClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Buyer username to organisation id and credit code. */
    private final Map<String, String[]> buyers = new HashMap<>();
    private String productId;
    /** Every order whose payment was answered 200, with its buyer. */
    private final Map<String, String> paid = new ConcurrentHashMap<>();
    /** Paid orders, newest last, for the moments aimed at. */
    private final ConcurrentLinkedDeque<String> recentlyPaid = new ConcurrentLinkedDeque<>();

    @Test
    void everyPaymentAnsweredSurvivesAKillAtThreeMomentsAndSettlesExactlyOnce() throws Exception {
        long started = System.nanoTime();
        exchange = Exchange.start(data);
        try {
            connect();
            setUp();
            List<String> report = new ArrayList<>();
            int placementsCut = 0;
            int paidThenSettledAfterKill = 0;
            int foundAlreadyRecorded = 0;
            int kills = 0;
            for (Moment moment : Moment.values()) {
                // On a loaded machine a kill can miss the moment it aims at (the window after a ledger commit lasts
                // milliseconds); it then aims again, up to three times, and the assertions below still need a hit.
                for (int attempt = 1; attempt <= 3; attempt++) {
                    Load load = new Load();
                    load.start();
                    Thread.sleep(2_000); // the load settles in
                    Instant killedAt = aimAndKill(moment, load);
                    load.stopAndJoin();
                    exchange = Exchange.start(data);
                    connect();
                    kills++;
                    Set<String> before = new HashSet<>(load.paidBeforeKill);
                    Map<String, Map<String, Object>> orders = awaitAllPaidSettled();
                    Verified v = verifyOnLedgerAndInBooks(orders, before, killedAt);
                    placementsCut += load.placementsInFlightAtKill;
                    paidThenSettledAfterKill += v.recordedAfterKill;
                    foundAlreadyRecorded += v.foundAlreadyRecorded;
                    String line = String.format("crash test: kill %d (%s, attempt %d): placements in flight %d, payments in"
                                    + " flight %d; orders paid (answered 200) so far %d, settled %d, lost 0; of those paid before"
                                    + " this kill, %d were recorded on the ledger only after it and %d were found already recorded",
                            kills, moment.description, attempt, load.placementsInFlightAtKill, load.paymentsInFlightAtKill,
                            paid.size(), v.settled, v.recordedAfterKill, v.foundAlreadyRecorded);
                    System.out.println(line);
                    report.add(line);
                    assertReconciledAndBalanced();
                    boolean hit = switch (moment) {
                        case DURING_PLACEMENT -> load.placementsInFlightAtKill > 0;
                        case BETWEEN_PAYMENT_AND_SETTLEMENT -> v.recordedAfterKill > 0;
                        case RIGHT_AFTER_THE_LEDGER_COMMIT -> v.foundAlreadyRecorded > 0;
                    };
                    if (hit) {
                        break;
                    }
                }
            }
            assertThat(placementsCut).as("a kill cut placements in flight").isPositive();
            assertThat(paidThenSettledAfterKill).as("a kill came between payment and settlement").isPositive();
            assertThat(foundAlreadyRecorded).as("a kill came right after the ledger commit, before the books").isPositive();
            exchange.stop();
            Totals t = assertJournalBalances();
            System.out.printf("crash test: %d kills with SIGKILL; %d orders paid (answered 200), %d settled exactly once,"
                            + " lost 0; journal balanced over %d accounts, escrow empty; %.0f s%n", kills, paid.size(), t.settledOrders,
                    t.accounts, (System.nanoTime() - started) / 1e9);
        } finally {
            if (exchange != null) {
                exchange.kill();
            }
        }
    }

    /** The moments the kills aim at. */
    enum Moment {
        DURING_PLACEMENT("during placement"),
        BETWEEN_PAYMENT_AND_SETTLEMENT("between payment and settlement"),
        RIGHT_AFTER_THE_LEDGER_COMMIT("right after the ledger commit");

        final String description;

        Moment(String description) {
            this.description = description;
        }
    }

    private Instant aimAndKill(Moment moment, Load load) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        switch (moment) {
            case DURING_PLACEMENT -> {
                while (load.placing.get() == 0 && Instant.now().isBefore(deadline)) {
                    Thread.onSpinWait();
                }
            }
            case BETWEEN_PAYMENT_AND_SETTLEMENT -> {
                // The newest paid order whose licence the ledger does not hold yet.
                while (Instant.now().isBefore(deadline)) {
                    String id = recentlyPaid.peekLast();
                    if (id != null && statusOf(regulator(HttpRequest.GET("/api/regulator/certificates/CERT-" + id))) == 404) {
                        break;
                    }
                }
            }
            case RIGHT_AFTER_THE_LEDGER_COMMIT -> {
                // An order whose licence is on the ledger while the books still have it SETTLING.
                outer:
                while (Instant.now().isBefore(deadline)) {
                    String id = recentlyPaid.peekLast();
                    if (id == null) {
                        continue;
                    }
                    Instant until = Instant.now().plusSeconds(2);
                    while (Instant.now().isBefore(until)) {
                        if (statusOf(regulator(HttpRequest.GET("/api/regulator/certificates/CERT-" + id))) == 200) {
                            Map<String, Object> order = get(paid.get(id), HttpRequest.GET("/api/orders/" + id));
                            if ("SETTLING".equals(order.get("status"))) {
                                break outer;
                            }
                            break;
                        }
                    }
                }
            }
        }
        load.snapshotAtKill();
        Instant at = Instant.now();
        exchange.kill();
        return at;
    }

    private void connect() throws Exception {
        if (http != null) {
            http.close();
        }
        DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
        config.setReadTimeout(Duration.ofSeconds(60));
        config.setMaxContentLength(64 * 1024 * 1024);
        http = HttpClient.create(URI.create(exchange.base).toURL(), config);
        tokens.clear();
    }

    private void setUp() {
        productId = ((List<Map<String, Object>>) get(null, HttpRequest.GET("/api/products?q=%E6%B0%94%E8%B1%A1%E7%AB%99"))
                .get("content")).get(0).get("id").toString();
        for (int b = 0; b < BUYERS; b++) {
            String username = "crash-buyer-" + b;
            String code = CreditCode.withCheckCharacter(String.format("9131011500C%06d", b));
            Map<String, Object> created = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/register", Map.of(
                    "username", username, "password", "crash test password", "role", "BUYER",
                    "organisation", Map.of("name", "崩溃测试买方" + b, "creditCode", code))), Argument.mapOf(String.class, Object.class));
            String orgId = ((Map<?, ?>) created.get("organisation")).get("id").toString();
            buyers.put(username, new String[] {orgId, code});
            list("demo-operator", HttpRequest.POST("/api/operator/wallets/" + orgId + "/top-ups",
                    Map.of("amountMinor", TOP_UP, "currency", "CNY", "reference", "crash test funds " + b)));
        }
    }

    /** Several buyers placing and paying orders as fast as the exchange answers, until the exchange dies. */
    private final class Load {
        final AtomicInteger placing = new AtomicInteger();
        final AtomicInteger paying = new AtomicInteger();
        final List<String> paidBeforeKill = new ArrayList<>();
        volatile boolean stopping;
        int placementsInFlightAtKill;
        int paymentsInFlightAtKill;
        private final List<Thread> threads = new ArrayList<>();

        void start() {
            for (String buyer : buyers.keySet()) {
                token(buyer);
                threads.add(Thread.ofPlatform().name("crash-" + buyer).start(() -> orderUntilDead(buyer)));
            }
        }

        private void orderUntilDead(String buyer) {
            Map<String, Object> body = Map.of("productId", productId, "planId", "one-off", "buyerLocation", "CN-SH",
                    "securityAgreementAccepted", false, "scenario", Map.of("purpose", "气候分析 climate analysis", "location", "CN-SH"));
            while (!stopping) {
                String id;
                placing.incrementAndGet();
                try {
                    id = (String) get(buyer, HttpRequest.POST("/api/orders", body).header("Idempotency-Key",
                            UUID.randomUUID().toString())).get("id");
                } catch (RuntimeException dead) {
                    return;
                } finally {
                    placing.decrementAndGet();
                }
                paying.incrementAndGet();
                try {
                    get(buyer, HttpRequest.POST("/api/orders/" + id + "/pay", ""));
                    // Answered 200: this payment must never be lost.
                    paid.put(id, buyer);
                    recentlyPaid.addLast(id);
                    while (recentlyPaid.size() > 50) {
                        recentlyPaid.pollFirst();
                    }
                } catch (RuntimeException dead) {
                    return;
                } finally {
                    paying.decrementAndGet();
                }
            }
        }

        void snapshotAtKill() {
            placementsInFlightAtKill = placing.get();
            paymentsInFlightAtKill = paying.get();
            paidBeforeKill.addAll(paid.keySet());
            stopping = true;
        }

        void stopAndJoin() throws InterruptedException {
            stopping = true;
            for (Thread t : threads) {
                t.join(120_000);
            }
        }
    }

    /**
     * Waits until every order answered 200 for payment is SETTLED with its certificate, and no order is between payment
     * and settlement any more; answers each buyer's orders. A payment the kill cut off after its commit was never
     * answered, so the test does not count it as paid, yet it holds escrow until it settles after the restart: the
     * escrow check must wait for it as well.
     */
    private Map<String, Map<String, Object>> awaitAllPaidSettled() throws InterruptedException {
        Map<String, Map<String, Object>> orders = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        open.addAll(paid.keySet());
        Set<String> settling = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            Awaitility.await("every order answered 200 for payment is settled").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        orders.clear();
                        for (String buyer : buyers.keySet()) {
                            for (Map<String, Object> o : list(buyer, HttpRequest.GET("/api/orders"))) {
                                orders.put(o.get("id").toString(), o);
                            }
                        }
                        open.removeIf(id -> orders.containsKey(id) && "SETTLED".equals(orders.get(id).get("status"))
                                && orders.get(id).get("certificateId") != null);
                        settling.clear();
                        orders.forEach((id, o) -> {
                            if (BETWEEN_PAYMENT_AND_SETTLEMENT.contains(o.get("status").toString())) {
                                settling.add(id);
                            }
                        });
                        return open.isEmpty() && settling.isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<String> lost = open.stream().limit(10).map(id -> id + "=" + (orders.containsKey(id)
                    ? orders.get(id).get("status") : "MISSING")).toList();
            throw new AssertionError(open.size() + " orders answered 200 for payment are not settled: " + lost
                    + "; " + settling.size() + " orders still between payment and settlement: "
                    + settling.stream().limit(10).toList() + "\n" + exchange.logTail());
        }
        return new HashMap<>(orders);
    }

    private static final Set<String> BETWEEN_PAYMENT_AND_SETTLEMENT = Set.of("PAID", "SETTLING");

    private record Verified(int settled, int recordedAfterKill, int foundAlreadyRecorded) {}

    /** Every paid order: one trade on the ledger, the books SETTLED with that trade's transaction. */
    private Verified verifyOnLedgerAndInBooks(Map<String, Map<String, Object>> orders, Set<String> paidBeforeKill, Instant killedAt) {
        Map<String, List<Map<String, Object>>> trades = new HashMap<>();
        for (String[] buyer : buyers.values()) {
            String bookmark = "";
            do {
                Map<String, Object> page = regulatorJson(HttpRequest.GET("/api/regulator/trades?size=500&buyer=" + buyer[1]
                        + (bookmark.isEmpty() ? "" : "&bookmark=" + bookmark)));
                for (Map<String, Object> t : (List<Map<String, Object>>) page.get("records")) {
                    trades.computeIfAbsent(tradeField(t, "tradeId"), k -> new ArrayList<>()).add(t);
                }
                bookmark = page.get("bookmark") == null ? "" : page.get("bookmark").toString();
            } while (!bookmark.isEmpty());
        }
        int settled = 0;
        int recordedAfterKill = 0;
        int foundAlreadyRecorded = 0;
        for (String id : paid.keySet()) {
            Map<String, Object> order = orders.get(id);
            assertThat(trades.get(id)).as("order %s on the ledger exactly once", id).hasSize(1);
            Map<String, Object> trade = trades.get(id).get(0);
            assertThat(order.get("status")).as("order %s in the books", id).isEqualTo("SETTLED");
            assertThat(order.get("transactionId")).as("order %s settled with its ledger transaction", id)
                    .isEqualTo(tradeField(trade, "txId"));
            settled++;
            if (paidBeforeKill.contains(id) && Instant.parse(tradeField(trade, "recordedAt")).isAfter(killedAt)) {
                recordedAfterKill++;
            }
            List<Map<String, Object>> transitions = (List<Map<String, Object>>) order.get("transitions");
            boolean after = transitions.stream().anyMatch(t -> "SETTLED".equals(t.get("toStatus"))
                    && t.get("reason").toString().contains("found already recorded")
                    && Instant.parse(t.get("at").toString()).isAfter(killedAt));
            if (paidBeforeKill.contains(id) && after) {
                foundAlreadyRecorded++;
            }
        }
        // And no trade on the ledger that the books do not hold as settled.
        for (Map.Entry<String, List<Map<String, Object>>> e : trades.entrySet()) {
            assertThat(e.getValue()).as("trade %s once", e.getKey()).hasSize(1);
            assertThat(orders.get(e.getKey())).as("trade %s in the books", e.getKey()).isNotNull();
            assertThat(orders.get(e.getKey()).get("status")).isEqualTo("SETTLED");
        }
        return new Verified(settled, recordedAfterKill, foundAlreadyRecorded);
    }

    /** Reconciliation finds no difference; escrow is empty; the books check is healthy with nothing open. */
    private void assertReconciledAndBalanced() throws InterruptedException {
        Map<String, Object> reconciliation = regulatorJson(HttpRequest.GET("/api/regulator/reconciliation"));
        assertThat((List<?>) reconciliation.get("differences")).as("reconciliation differences").isEmpty();
        Map<?, ?> totals = (Map<?, ?>) reconciliation.get("totals");
        assertThat(totals.get("tradesOnLedger")).isEqualTo(totals.get("ordersInBooks"));
        for (String buyer : buyers.keySet()) {
            for (Map<String, Object> balance : list(buyer, HttpRequest.GET("/api/wallet"))) {
                if ("ESCROW".equals(balance.get("kind"))) {
                    assertThat(((Number) balance.get("balanceMinor")).longValue()).as("%s escrow after settling", buyer).isZero();
                }
            }
        }
        // The books check runs every second here: it must end UP, with no trade it could not heal.
        int status = Awaitility.await("GET /health is UP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> statusOf(HttpRequest.GET("/health")), s -> s == 200);
        assertThat(status).as("GET /health").isEqualTo(200);
        Map<String, Object> flags = regulatorJson(HttpRequest.GET("/api/regulator/flags"));
        assertThat((List<Map<String, Object>>) flags.get("unbookedTrades"))
                .allSatisfy(t -> assertThat(t.get("state")).isEqualTo("RESOLVED"));
    }

    private record Totals(int settledOrders, int accounts) {}

    /** With the exchange stopped: every balance is the sum of its journal lines, escrow is empty, each order charged once. */
    private Totals assertJournalBalances() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/exchange")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", ""); Statement s = c.createStatement()) {
            int accounts = 0;
            long sum = 0;
            try (ResultSet r = s.executeQuery("SELECT a.id, a.kind, a.balance_minor, (SELECT COALESCE(SUM(l.amount_minor), 0)"
                    + " FROM journal_line l WHERE l.account_id = a.id) FROM ledger_account a")) {
                while (r.next()) {
                    accounts++;
                    sum += r.getLong(3);
                    assertThat(r.getLong(3)).as("balance of %s against its journal", r.getString(1)).isEqualTo(r.getLong(4));
                    if (r.getString(2).equals("ESCROW")) {
                        assertThat(r.getLong(3)).as("escrow %s", r.getString(1)).isZero();
                    }
                }
            }
            assertThat(sum).as("double entry: all balances sum to zero").isZero();
            try (ResultSet r = s.executeQuery("SELECT o.id, o.status, (SELECT COUNT(*) FROM journal_entry e WHERE e.reference ="
                    + " 'order ' || o.id AND e.kind = 'ESCROW'), (SELECT COUNT(*) FROM journal_entry e WHERE e.reference ="
                    + " 'order ' || o.id AND e.kind = 'SETTLEMENT') FROM purchase_order o")) {
                int settled = 0;
                while (r.next()) {
                    boolean isSettled = r.getString(2).equals("SETTLED");
                    assertThat(r.getString(2)).as("order %s ends settled or unpaid", r.getString(1)).isIn("SETTLED", "CREATED");
                    assertThat(r.getInt(3)).as("order %s charged", r.getString(1)).isEqualTo(isSettled ? 1 : 0);
                    assertThat(r.getInt(4)).as("order %s paid out", r.getString(1)).isEqualTo(isSettled ? 1 : 0);
                    settled += isSettled ? 1 : 0;
                }
                assertThat(settled).isGreaterThanOrEqualTo(paid.size());
                return new Totals(settled, accounts);
            }
        }
    }

    private static String tradeField(Map<String, Object> trade, String field) {
        Object direct = trade.get(field);
        if (direct != null) {
            return direct.toString();
        }
        return ((Map<?, ?>) trade.get("request")).get(field).toString();
    }

    private String token(String username) {
        return tokens.computeIfAbsent(username, u -> (String) http.toBlocking().retrieve(HttpRequest.POST("/api/auth/login",
                Map.of("username", u, "password", u.startsWith("demo-") ? "demo" : "crash test password")), Map.class)
                .get("access_token"));
    }

    private <T> MutableHttpRequest<T> as(String username, MutableHttpRequest<T> request) {
        return username == null ? request : request.bearerAuth(token(username));
    }

    private Map<String, Object> get(String username, MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(as(username, request), Argument.mapOf(String.class, Object.class));
    }

    private List<Map<String, Object>> list(String username, MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(as(username, request), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private MutableHttpRequest<?> regulator(MutableHttpRequest<?> request) {
        return as("demo-regulator", request);
    }

    private Map<String, Object> regulatorJson(MutableHttpRequest<?> request) {
        return get("demo-regulator", request);
    }

    private int statusOf(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    /** The packaged exchange in its own JVM, on a free loopback port, with its state under one data directory. */
    private static final class Exchange {
        final Process process;
        final String base;
        final Path log;

        private Exchange(Process process, String base, Path log) {
            this.process = process;
            this.base = base;
            this.log = log;
        }

        static Exchange start(Path data) throws Exception {
            Path jar = Path.of("target", "marketplace.jar").toAbsolutePath();
            assertThat(jar).as("the packaged exchange (mvn package runs before the integration tests)").exists();
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            Path log = Files.createTempFile(data.getParent(), "exchange-", ".log");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-XX:G1HeapRegionSize=16m",
                    // Real settings, at values for a test: fast password hashing, a crashed worker's batches due again
                    // after 3 s instead of 60 s, the books check every second with 5 s of grace.
                    "-Dexchange.password-cost=4", "-Dexchange.settlement.lease=3s",
                    // the books are posted 200 ms after the ledger's commit instead of a few: the third kill can aim there
                    "-Dtest.settlement.pause-after-ledger-commit=200ms",
                    "-Dexchange.books-check.interval=1s", "-Dexchange.books-check.grace=5s",
                    "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().put("EXCHANGE_DATA_DIR", data.toString());
            pb.environment().put("EXCHANGE_DEMO", "true");
            pb.environment().put("EXCHANGE_JWT_SECRET", "crash-test-secret-that-is-long-enough-for-hmac-sha256");
            pb.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            pb.environment().put("MICRONAUT_SERVER_HOST", "127.0.0.1");
            pb.environment().remove("EXCHANGE_LEDGER_CONNECTION_PROFILE");
            Exchange exchange = new Exchange(pb.start(), "http://127.0.0.1:" + port, log);
            try {
                exchange.awaitReady();
            } catch (Exception | AssertionError e) {
                exchange.process.destroyForcibly();
                throw e;
            }
            return exchange;
        }

        private void awaitReady() throws Exception {
            java.net.http.HttpClient probe = java.net.http.HttpClient.newHttpClient();
            try {
                Awaitility.await("the exchange answers").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new AssertionError("the exchange exited with " + process.exitValue() + "\n" + logTail());
                            }
                            return probe.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/api/products?size=1"))
                                    .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                                    .statusCode() == HttpStatus.OK.getCode();
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the exchange did not start within " + START_TIMEOUT + "\n" + logTail());
            }
        }

        /** SIGKILL: no shutdown hook, no flush, nothing the process could still do. */
        void kill() throws InterruptedException {
            if (!process.isAlive()) {
                return;
            }
            process.destroyForcibly();
            process.waitFor();
            // 128 + 9: the JVM was killed by SIGKILL (Process.destroyForcibly sends it on Linux and macOS).
            assertThat(process.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(137);
        }

        /** SIGTERM: the exchange stops cleanly and closes its database. */
        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        }

        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }
}
