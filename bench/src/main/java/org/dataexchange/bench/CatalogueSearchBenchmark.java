package org.dataexchange.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.ZoneOffset;
import io.micronaut.transaction.TransactionOperations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.marketplace.Application;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.DeliveryMode;
import org.dataexchange.marketplace.catalogue.Industry;
import org.dataexchange.marketplace.catalogue.ProductStatus;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;

/**
 * Catalogue search over 100,000 listed products, end to end: the marketplace service on H2 and its search
 * index, queried over HTTP on 127.0.0.1 with filtered full-text queries in Chinese and English. Prints latency
 * percentiles and the heap in use.
 *
 * <pre>java -cp bench/target/bench.jar org.dataexchange.bench.CatalogueSearchBenchmark [--products 100000] [--queries 3000]</pre>
 */
public final class CatalogueSearchBenchmark {

    private static final String[] ZH = {"气象", "雷达", "台风", "海洋", "浮标", "潮汐", "公交", "地铁", "高速", "物流", "医院", "药品",
        "流感", "电网", "光伏", "风电", "充电", "电价", "税务", "舆情", "零售", "电商", "钢材", "农业", "土壤", "遥感", "港口", "航班"};
    private static final String[] EN = {"radar", "typhoon", "ocean", "buoy", "tide", "bus", "metro", "traffic", "logistics", "hospital",
        "drug", "influenza", "grid", "solar", "wind", "charging", "price", "tax", "sentiment", "retail", "steel", "soil", "satellite", "port"};

    private CatalogueSearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = 100_000;
        int queries = 3000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--products" -> count = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (ScratchDirectory dir = ScratchDirectory.create("catalogue-bench");
             ApplicationContext ctx = Micronaut.build(new String[0]).mainClass(Application.class).properties(Map.<String, Object>of(
                "exchange.data-dir", dir.path().toString(), "exchange.demo", "true", "micronaut.server.port", "-1",
                "exchange.jwt-secret", "benchmark-secret-that-is-long-enough-for-hmac-sha256")).start()) {
            int port = ctx.getBean(EmbeddedServer.class).getPort();
            long t0 = System.nanoTime();
            load(ctx, count);
            long t1 = System.nanoTime();
            ctx.getBean(CatalogueService.class).reindex();
            long t2 = System.nanoTime();
            System.out.printf("loaded %d listed products into H2 in %.1f s, indexed in %.1f s%n", count, (t1 - t0) / 1e9, (t2 - t1) / 1e9);

            HttpClient http = HttpClient.newHttpClient();
            Random random = new Random(7);
            run(http, port, random, 500, true); // warm-up
            long[] filtered = run(http, port, random, queries, true);
            long[] textOnly = run(http, port, random, queries, false);
            report("filtered full-text (q + industry + classification, relevance)", filtered);
            report("full-text only (q, relevance)", textOnly);
            System.gc();
            Thread.sleep(500);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap in use after GC: %d MiB (max %d MiB), %d cores%n", (rt.totalMemory() - rt.freeMemory()) >> 20,
                    rt.maxMemory() >> 20, rt.availableProcessors());
        }
    }

    private static void load(ApplicationContext ctx, int count) throws Exception {
        OrganisationDirectory orgs = ctx.getBean(OrganisationDirectory.class);
        List<String> merchants = new ArrayList<>();
        for (int m = 0; m < 50; m++) {
            String code = CreditCode.withCheckCharacter(String.format("9131011500000%04d", m));
            merchants.add(orgs.register(new Organisation(UUID.randomUUID().toString(), "数据商" + m + " Merchant " + m, code,
                    OrganisationKind.MERCHANT, Instant.now())).id());
        }
        // Every synthetic product carries the sheet of a demo product: the catalogue reads details strictly.
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> reads = ctx.getBean(TransactionOperations.class);
        String details = reads.executeRead(status -> {
            try (var q = status.getConnection().prepareStatement("SELECT details_json FROM product WHERE status = 'LISTED'"
                    + " ORDER BY id LIMIT 1"); var rows = q.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no demo product to copy the sheet of");
                }
                return rows.getString(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Instant now = Instant.now();
        // Listed products written as rows (the catalogue's entities are its own): the search reads them back on reindex.
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = ctx.getBean(TransactionOperations.class);
        tx.executeWrite(status -> {
            insertRows(status.getConnection(), count, merchants, details, now);
            return null;
        });
    }

    private static void insertRows(Connection c, int count, List<String> merchants, String details, Instant now) {
        Random r = new Random(42);
        Industry[] industries = Industry.values();
        ClassificationLevel[] levels = ClassificationLevel.values();
        SourceType[] sources = SourceType.values();
        DeliveryMode[] modes = DeliveryMode.values();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO product (id, merchant_org_id, title, description, tags, industry, source_type,"
                        + " classification_level, category, delivery_modes, cross_border_allowed, details_json, status,"
                        + " requires_regulator_approval, refiling_required, current_version, min_price_minor, currency,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String zh1 = ZH[r.nextInt(ZH.length)];
                String zh2 = ZH[r.nextInt(ZH.length)];
                String en1 = EN[r.nextInt(EN.length)];
                String en2 = EN[r.nextInt(EN.length)];
                String title = zh1 + zh2 + "数据 " + en1 + " " + en2 + " dataset " + i;
                String description = "覆盖全国的" + zh1 + "与" + zh2 + "观测和统计，按日更新。Nationwide " + en1 + " and " + en2
                        + " observations and statistics, updated daily, with quality checks and documented schema.";
                Object[] row = {UUID.randomUUID().toString(), merchants.get(r.nextInt(merchants.size())), title, description,
                        zh1 + " " + en1, industries[r.nextInt(industries.length)].name(), sources[r.nextInt(sources.length)].name(),
                        levels[r.nextInt(10) < 8 ? 0 : r.nextInt(levels.length)].name(), zh1 + "/" + zh2,
                        modes[r.nextInt(modes.length)].name(), r.nextBoolean(), details, ProductStatus.LISTED.name(), false,
                        false, "1.0", 100L + r.nextInt(1_000_000), "CNY",
                        now.minusSeconds(r.nextInt(10_000_000)).atOffset(ZoneOffset.UTC),
                        now.minusSeconds(r.nextInt(10_000_000)).atOffset(ZoneOffset.UTC)};
                for (int k = 0; k < row.length; k++) {
                    insert.setObject(k + 1, row[k]);
                }
                insert.addBatch();
                if ((i + 1) % 2000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot load the synthetic products", e);
        }
    }

    private static long[] run(HttpClient http, int port, Random r, int n, boolean filtered) throws Exception {
        long[] nanos = new long[n];
        long hits = 0;
        for (int i = 0; i < n; i++) {
            String q = r.nextBoolean() ? ZH[r.nextInt(ZH.length)] : EN[r.nextInt(EN.length)];
            String url = "http://127.0.0.1:" + port + "/api/products?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                    + (filtered ? "&industry=" + Industry.values()[r.nextInt(Industry.values().length)] + "&classification=GENERAL" : "");
            long t0 = System.nanoTime();
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t0;
            if (res.statusCode() != 200) {
                throw new IllegalStateException("search answered " + res.statusCode() + ": " + res.body());
            }
            hits += res.body().length();
        }
        if (hits == 0) {
            throw new IllegalStateException("no results at all");
        }
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%-62s n=%d  p50=%6.2f ms  p95=%6.2f ms  p99=%6.2f ms  max=%6.2f ms%n", what, s.length,
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.95)] / 1e6, s[(int) (s.length * 0.99)] / 1e6, s[s.length - 1] / 1e6);
    }
}
