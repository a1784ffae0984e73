package org.dataexchange.marketplace.delivery;

import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.DeliveryMode;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.OrderTransition;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * The query sandbox (数据可用不可见, 原始数据不出域): a licensed buyer of a product delivered through the sandbox runs
 * aggregate queries ({@link SandboxQuery}) over the licensed version's file inside the exchange and receives only
 * aggregates. Every group of fewer rows than the product's k is suppressed (and the answer says how many were), and so
 * is every group that would differ from one the licence was answered before by fewer than k rows ({@link
 * OverlapControl}); MIN, MAX and percentiles are answered so as not to name one record's value ({@link
 * SandboxQuery#compile}). Each
 * query is checked like a metered call (delivery mode, licence in force, bills paid), counted in the order's usage, and
 * logged with its hash, size and time; the queries of an order in one UTC hour are one delivery whose receipt goes on
 * the ledger through the delivery-receipt round once the hour is over (units: the queries; digest: a hash chained over
 * their hashes).
 */
@Singleton
class QuerySandbox {

    /** The k of a product that set none. */
    static final int DEFAULT_K = 10;
    /** The smallest k a product may set: a lower one would let aggregates describe nearly single records. */
    static final int MIN_K = 5;
    static final int MAX_K = 100_000;
    /** One ledger receipt covers an order's queries of this period. */
    static final Duration RECEIPT_PERIOD = Duration.ofHours(1);

    /** What a buyer may query: the file's columns, the product's k and the query form's limits. */
    @Serdeable
    record Schema(String orderId, String productId, String version, List<SandboxQuery.Column> columns, int kThreshold,
                  List<SandboxQuery.Aggregate> aggregates, List<SandboxQuery.Operator> operators, int maxGroups,
                  long queryTimeoutMillis) {}

    /**
     * The answer: the outputs' names and, per group answered, their values; how many groups were suppressed for having
     * fewer than k rows ({@code suppressedGroups}) and for differing from an earlier answer of the licence by fewer than
     * k rows ({@code differencingGroups}), and the rules of the answer ({@code note}); the query's hash as logged, and
     * its time.
     */
    @Serdeable
    record Result(String orderId, List<String> columns, List<List<Object>> rows, int suppressedGroups,
                  int differencingGroups, int kThreshold, String note, String queryHash, long elapsedMillis) {}

    /** How the aggregates are answered so that none discloses one record; said in every answer. */
    static String aggregateRules(int k) {
        return "MIN and MAX are the " + SandboxQuery.ordinal(k) + " lowest and highest values (the minimum over all but the "
                + (k - 1) + " lowest, the maximum over all but the " + (k - 1) + " highest); a percentile is given only with"
                + " at least " + k + " values on each side of it, SUM and AVG only over at least " + k + " values (otherwise"
                + " empty); 最小值、最大值为第 " + k + " 小、第 " + k + " 大的值（除去最低或最高的 " + (k - 1) + " 个值后的最值），百分位数"
                + "仅在其两侧各有至少 " + k + " 个值时给出，求和与平均值至少需 " + k + " 个值";
    }

    /** The k a merchant sets for its product. */
    @Serdeable
    record KThreshold(int kThreshold) {}

    private final SandboxEngine engine;
    private final SandboxRecords.Settings settings;
    private final SandboxRecords.Queries queries;
    private final Delivery.Repository deliveries;
    private final OrderBook orders;
    private final OrderService orderService;
    private final CatalogueService catalogue;
    private final MeteredAccess metered;
    private final PeriodInForce periods;
    private final AuditLog audit;
    private final Clock clock;
    private final Path files;
    private final org.dataexchange.marketplace.volume.LicenceVolumes volumes;
    private final AnsweredQueries answered;

    QuerySandbox(SandboxEngine engine, SandboxRecords.Settings settings, SandboxRecords.Queries queries,
                 Delivery.Repository deliveries, OrderBook orders, OrderService orderService,
                 CatalogueService catalogue, MeteredAccess metered, PeriodInForce periods, AuditLog audit, Clock clock,
                 @Value("${exchange.data-dir}") String dataDir,
                 org.dataexchange.marketplace.volume.LicenceVolumes volumes, AnsweredQueries answered) {
        this.volumes = volumes;
        this.answered = answered;
        this.engine = engine;
        this.settings = settings;
        this.queries = queries;
        this.deliveries = deliveries;
        this.orders = orders;
        this.orderService = orderService;
        this.catalogue = catalogue;
        this.metered = metered;
        this.periods = periods;
        this.audit = audit;
        this.clock = clock;
        this.files = Path.of(dataDir).resolve("files").toAbsolutePath().normalize();
    }

    Schema schema(Viewer buyer, String orderId) {
        PurchaseOrder inForce = admitted(buyer, orderId);
        Path file = fileOf(inForce);
        return new Schema(orderId, inForce.productId(), inForce.productVersion(), engine.columns(file),
                kOf(inForce.productId()), List.of(SandboxQuery.Aggregate.values()), List.of(SandboxQuery.Operator.values()),
                engineSettings().maxGroups(), engineSettings().queryTimeout().toMillis());
    }

    Result query(Viewer buyer, String orderId, SandboxQuery query) {
        if (query == null) {
            throw ApiProblem.invalidField("select", "a query is a JSON object with select, filters and groupBy");
        }
        PurchaseOrder order = orders.find(orderId).orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
        PurchaseOrder inForce = admitted(buyer, orderId);
        metered.requireBillsPaid(order);
        int k = kOf(inForce.productId());
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        AtomicReference<SandboxQuery.Compiled> compiled = new AtomicReference<>();
        // The query counts against the licence's volume cap on queries (用途用量), refused at the cap; given back when it fails.
        volumes.draw(order, org.dataexchange.marketplace.licence.VolumeMeasure.QUERIES, 1);
        List<List<Object>> shown = new ArrayList<>();
        int[] suppressedBy = new int[2]; // [0]: fewer than k rows; [1]: would differ from an earlier answer by fewer than k
        long overlapMillis;
        try {
            // One query of a licence at a time from the history read to the answer remembered (overlap control).
            overlapMillis = answered.oneAtATime(order.id(), engine::admit, admitted -> {
                SandboxEngine.Groups groups = engine.run(admitted, fileOf(inForce), query, k, answered.remembered(order.id()),
                        compiled::set);
                List<String> answeredKeys = new ArrayList<>();
                for (List<Object> g : groups.rows()) {
                    long size = ((Number) g.get(g.size() - 1)).longValue();
                    String key = (String) g.get(g.size() - 2);
                    if (size < k) {
                        suppressedBy[0]++;
                    } else if (groups.differencing().contains(key)) {
                        suppressedBy[1]++;
                    } else {
                        shown.add(nullable(g.subList(0, g.size() - 2)));
                        answeredKeys.add(key);
                    }
                }
                if (!answeredKeys.isEmpty()) {
                    answered.remember(order.id(), compiled.get(), answeredKeys, started);
                }
                return groups.overlapMillis();
            });
        } catch (RuntimeException failed) {
            volumes.giveBack(order, java.util.Map.of(org.dataexchange.marketplace.licence.VolumeMeasure.QUERIES, 1L));
            throw failed;
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        int suppressed = suppressedBy[0];
        int differencing = suppressedBy[1];
        String hash = sha256(compiled.get().canonical());
        // Counted and recorded only once it ran: a refused or failed query is neither billed nor receipted.
        metered.count(order);
        String deliveryId = addToPeriod(inForce, hash, started);
        queries.save(new SandboxRecords.LoggedQuery(UUID.randomUUID().toString(), order.id(), hash, shown.size(), suppressed,
                differencing, elapsed, started, deliveryId));
        if (inForce.status() == OrderStatus.SETTLED) {
            try {
                orderService.apply(inForce.id(), new OrderTransition.Delivered(), "sandbox", "first sandbox query answered");
            } catch (ApiProblem movedMeanwhile) {
                // Another query delivered it first, or a refund ended it after the licence check.
            }
        }
        audit.record(buyer.username(), buyer.role().name(), "SANDBOX_QUERY", "order:" + order.id(), "query " + hash + ": " + shown.size()
                + " groups, " + suppressed + " suppressed below k=" + k + ", " + differencing + " suppressed as differing"
                + " from an earlier answer by fewer than k rows, " + elapsed + " ms (overlap check " + overlapMillis + " ms)");
        List<String> notes = new ArrayList<>();
        if (suppressed > 0) {
            notes.add(suppressed + (suppressed == 1 ? " group" : " groups") + " of fewer than " + k
                    + " rows suppressed (k-anonymity); 已隐藏 " + suppressed + " 个少于 " + k + " 条记录的分组");
        }
        if (differencing > 0) {
            notes.add(differencing + (differencing == 1 ? " group" : " groups") + " suppressed because each would differ from"
                    + " an earlier answer of this licence by fewer than " + k + " rows; 已隐藏 " + differencing
                    + " 个与本许可此前的查询结果相差少于 " + k + " 条记录的分组（防差分攻击）");
        }
        if (notes.isEmpty()) {
            notes.add("no group was suppressed");
        }
        notes.add(aggregateRules(k));
        return new Result(order.id(), compiled.get().outputs(), shown, suppressed, differencing, k, String.join("; ", notes),
                hash, elapsed);
    }

    /** The queries run through an order, newest first: for whoever may see the order. */
    List<SandboxRecords.LoggedQuery> log(Viewer viewer, String orderId) {
        orderService.get(viewer, orderId);
        return queries.findByOrderIdOrderByRanAtDesc(orderId);
    }

    KThreshold threshold(Viewer merchant, String productId) {
        requireOwnProduct(merchant, productId);
        return new KThreshold(kOf(productId));
    }

    /** The merchant of a product sets its k (at least {@link #MIN_K}); queries after this use it. */
    KThreshold setThreshold(Viewer merchant, String productId, int k) {
        requireOwnProduct(merchant, productId);
        if (k < MIN_K || k > MAX_K) {
            throw ApiProblem.invalidField("kThreshold", "k is an integer from " + MIN_K + " to " + MAX_K);
        }
        SandboxRecords.Setting setting = new SandboxRecords.Setting(productId, k, clock.instant());
        if (settings.existsById(productId)) {
            settings.update(setting);
        } else {
            settings.save(setting);
        }
        audit.record(merchant.username(), "MERCHANT", "SANDBOX_K", "product:" + productId, "k-anonymity threshold " + k);
        return new KThreshold(k);
    }

    private void requireOwnProduct(Viewer merchant, String productId) {
        if (!merchant.is(Role.MERCHANT) || !catalogue.merchantOf(productId).equals(merchant.organisationId())) {
            throw ApiProblem.notFound("no product " + productId + " of yours");
        }
    }

    /** The buyer's order whose licence governs access now, checked like a metered call. */
    private PurchaseOrder admitted(Viewer buyer, String orderId) {
        PurchaseOrder order = orders.heldBy(buyer, orderId); // the licence holder's account, buyer or merchant
        catalogue.deliveryOffer(order.productId(), order.planId()).require(DeliveryMode.QUERY_SANDBOX);
        PurchaseOrder inForce = periods.inForce(order);
        metered.requireInForce(inForce);
        return inForce;
    }

    private Path fileOf(PurchaseOrder order) {
        CatalogueService.DataFile version = catalogue.dataFile(order.productId(), order.productVersion()).orElseThrow(
                () -> ApiProblem.conflict("No data file", "version " + order.productVersion() + " of product "
                        + order.productId() + " has no file to query"));
        Path file = files.resolve(version.storagePath()).normalize();
        if (!file.startsWith(files)) {
            throw new IllegalStateException("the file of " + order.productId() + " lies outside the files directory");
        }
        return file;
    }

    private int kOf(String productId) {
        return settings.findById(productId).map(SandboxRecords.Setting::kThreshold).orElse(DEFAULT_K);
    }

    private SandboxSettings engineSettings() {
        return engine.settings();
    }

    /**
     * Adds the query to the delivery of its order's current period, creating it on the period's first query. The
     * delivery is dated at the period's end, so the receipt round writes its receipt once the period is over.
     */
    private String addToPeriod(PurchaseOrder inForce, String queryHash, Instant at) {
        Instant start = at.truncatedTo(ChronoUnit.HOURS);
        String id = UUID.nameUUIDFromBytes(("sandbox|" + inForce.id() + "|" + start).getBytes(StandardCharsets.UTF_8)).toString();
        for (int attempt = 0; attempt < 20; attempt++) {
            Delivery period = deliveries.findById(id).orElse(null);
            if (period == null) {
                try {
                    deliveries.save(new Delivery(id, inForce.id(), org.dataexchange.ledger.delivery.DeliveryMode.QUERY_SANDBOX.name(),
                            1, sha256(queryHash), null, start.plus(RECEIPT_PERIOD), null));
                    return id;
                } catch (RuntimeException raced) {
                    continue; // another query of the same period created it first
                }
            }
            if (period.ledgerTxId() != null || period.receiptProblem() != null) {
                throw new IllegalStateException("the receipt of sandbox period " + id + " was written before its period ended");
            }
            if (deliveries.addQuery(id, period.units(), sha256(period.contentDigest() + queryHash)) == 1) {
                return id;
            }
        }
        throw new IllegalStateException("could not add a query to sandbox period " + id);
    }

    private static List<Object> nullable(List<Object> values) {
        // List.copyOf refuses nulls; an aggregate over no rows is null.
        return java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
