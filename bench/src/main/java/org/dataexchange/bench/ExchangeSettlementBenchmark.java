package org.dataexchange.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.dataexchange.marketplace.Application;
import org.dataexchange.marketplace.account.AccountService;
import org.dataexchange.marketplace.account.Registration;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.payment.Wallets;

/**
 * Settled orders per second end to end: buyers place and pay orders over HTTP, the settlement worker records
 * each trade on the in-process devnet and issues its certificate; an order counts when it is SETTLED with its
 * certificate. Printed beside devnet's raw RecordTrade throughput measured in the same run.
 *
 * <pre>java -cp bench/target/bench.jar org.dataexchange.bench.ExchangeSettlementBenchmark [--seconds 20] [--buyers 32] [--warmup 120]
 *     [--postgresql | --db-url jdbc:postgresql://HOST/DB --db-user USER --db-password PASSWORD]</pre>
 * By default the books are on H2, as {@code ./exchange run} keeps them; {@code --postgresql} puts them on a PostgreSQL
 * server started for the run on a free loopback port (its defaults: fsync and synchronous_commit on), {@code --db-url}
 * on an existing one.
 */
public final class ExchangeSettlementBenchmark {

    private ExchangeSettlementBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = 20;
        int buyers = 32;
        int warmup = 120;
        boolean postgresql = false;
        String dbUrl = null;
        String dbUser = "postgres";
        String dbPassword = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--buyers" -> buyers = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--postgresql" -> postgresql = true;
                case "--db-url" -> dbUrl = args[++i];
                case "--db-user" -> dbUser = args[++i];
                case "--db-password" -> dbPassword = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        double settledPerSecond;
        EmbeddedPostgres server = postgresql && dbUrl == null ? EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1").start() : null;
        if (server != null) {
            dbUrl = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
        }
        String database = dbUrl == null ? "H2" : "PostgreSQL";
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("exchange.demo", "true", "exchange.password-cost", "4",
                "micronaut.server.port", "-1", "exchange.jwt-secret", "benchmark-secret-that-is-long-enough-for-hmac-sha256"));
        if (dbUrl != null) {
            settings.putAll(Map.of("datasources.default.url", dbUrl, "datasources.default.username", dbUser,
                    "datasources.default.password", dbPassword));
        }
        try (EmbeddedPostgres ignored = server;
             ScratchDirectory dir = ScratchDirectory.create("exchange-bench");
             ApplicationContext ctx = Micronaut.build(new String[0]).mainClass(Application.class).properties(with(settings,
                "exchange.data-dir", dir.path().toString())).start();
             // Blocking HTTP/1.1 with a kept-alive connection per buyer, as an API client talks to the exchange. The load
             // shares the exchange's two cores, so it should cost little: the JDK's asynchronous client took a tenth of
             // the CPU. Like the JDK's client and curl, it does not ask for compressed responses.
             CloseableHttpClient http = HttpClients.custom().disableCookieManagement().disableAutomaticRetries()
                     .disableContentCompression()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setMaxConnTotal(buyers).setMaxConnPerRoute(buyers).build()).build()) {
            int port = ctx.getBean(EmbeddedServer.class).getPort();
            String base = "http://127.0.0.1:" + port;
            String productId = firstMatch(get(http, base + "/api/products?q=%E6%B0%94%E8%B1%A1%E7%AB%99", null), "\"id\":\"([^\"]+)\"");
            AccountService accounts = ctx.getBean(AccountService.class);
            Wallets wallets = ctx.getBean(Wallets.class);
            List<String> tokens = new ArrayList<>();
            for (int b = 0; b < buyers; b++) {
                String username = "bench-buyer-" + b;
                var account = accounts.register(new Registration(username, "benchmark password", Role.BUYER,
                        new Registration.OrganisationDetails("压测买方" + b, CreditCode.withCheckCharacter(String.format("9131011500B%06d", b)))));
                wallets.topUp(account.organisation().id(), 10_000_000_000L, "CNY", "benchmark funds", "bench");
                tokens.add(firstMatch(post(http, base + "/api/auth/login", "{\"username\":\"" + username
                        + "\",\"password\":\"benchmark password\"}", null, null), "\"access_token\":\"([^\"]+)\""));
            }
            String order = "{\"productId\":\"" + productId + "\",\"planId\":\"one-off\",\"buyerLocation\":\"CN-SH\","
                    + "\"securityAgreementAccepted\":false,\"scenario\":{\"purpose\":\"气候分析 climate analysis\",\"location\":\"CN-SH\"}}";
            OrderBook orders = ctx.getBean(OrderBook.class);
            // Warm up until the JIT is done: on two cores compilation takes a quarter of the CPU in the first minute and
            // still a seventh in the second, which would measure the compiler rather than a running exchange.
            run(http, base, tokens, order, warmup, new java.util.concurrent.ConcurrentLinkedQueue<>());
            java.util.concurrent.ConcurrentLinkedQueue<String> ids = new java.util.concurrent.ConcurrentLinkedQueue<>();
            long start = System.nanoTime();
            long placed = run(http, base, tokens, order, seconds, ids);
            double placing = (System.nanoTime() - start) / 1e9;
            // An order counts when it is settled with its certificate: wait for the outbox to drain what was paid. Only
            // the orders not yet seen settled are read again, a thousand to a query, so the wait costs the exchange little.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            List<String> open = new ArrayList<>(ids);
            while (System.nanoTime() < deadline) {
                Set<String> done = new HashSet<>();
                for (int i = 0; i < open.size(); i += 1_000) {
                    orders.findAll(open.subList(i, Math.min(open.size(), i + 1_000))).stream()
                            .filter(o -> o.certificateId() != null).forEach(o -> done.add(o.id()));
                }
                open.removeIf(done::contains);
                if (open.isEmpty()) {
                    break;
                }
                Thread.sleep(200);
            }
            long settled = placed - open.size();
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("exchange (books on %s): %d buyers placed and paid %d orders in %.1f s (%.1f orders/s over HTTP);"
                    + " all %d settled with certificates after %.1f s = %.1f settled orders/s end to end%n",
                    database, tokens.size(), placed, placing, placed / placing, settled, elapsed, settled / elapsed);
            settledPerSecond = settled / elapsed;
        }
        // The ledger alone, in the same run: RecordTrade with 64 clients on a fresh devnet.
        double raw = LedgerBenchmark.measure(seconds, new int[] {64}, false, 500, 5).get(0).perSecond();
        System.out.printf("the exchange settles %.1f orders/s end to end = %.0f%% of devnet's raw RecordTrade rate (%.1f tx/s)%n",
                settledPerSecond, 100 * settledPerSecond / raw, raw);
    }

    private static Map<String, Object> with(Map<String, Object> settings, String key, Object value) {
        Map<String, Object> all = new java.util.HashMap<>(settings);
        all.put(key, value);
        return all;
    }

    /** Each buyer places and pays orders back to back for the given time; answers how many were paid. */
    private static long run(CloseableHttpClient http, String base, List<String> tokens, String order, int seconds,
                            java.util.Queue<String> ids) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong paid = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        List<Future<?>> work = new ArrayList<>();
        for (String token : tokens) {
            work.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String body = post(http, base + "/api/orders", order, token, UUID.randomUUID().toString());
                    String id = firstMatch(body, "\"id\":\"([^\"]+)\"");
                    post(http, base + "/api/orders/" + id + "/pay", "", token, null);
                    ids.add(id);
                    paid.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return paid.get();
    }

    private static String get(CloseableHttpClient http, String url, String token) throws Exception {
        return send(http, new HttpGet(url), token, null);
    }

    private static String post(CloseableHttpClient http, String url, String json, String token, String key) throws Exception {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return send(http, post, token, key);
    }

    private static String send(CloseableHttpClient http, HttpUriRequestBase request, String token, String key) throws Exception {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.setHeader("Idempotency-Key", key);
        }
        return http.execute(request, response -> {
            String body = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (response.getCode() >= 300) {
                throw new IllegalStateException(request.getRequestUri() + " answered " + response.getCode() + ": " + body);
            }
            return body;
        });
    }

    private static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }
}
