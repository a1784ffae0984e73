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
 * aggregates. Every group of fewer rows than the product's k is suppressed (and the answer says how many were). Each
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
     * The answer: the outputs' names and, per group of at least k rows, their values; how many groups were suppressed
     * and why; the query's hash as logged, and its time.
     */
    @Serdeable
    record Result(String orderId, List<String> columns, List<List<Object>> rows, int suppressedGroups, int kThreshold,
                  String note, String queryHash, long elapsedMillis) {}

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

    QuerySandbox(SandboxEngine engine, SandboxRecords.Settings settings, SandboxRecords.Queries queries,
                 Delivery.Repository deliveries, OrderBook orders, OrderService orderService,
                 CatalogueService catalogue, MeteredAccess metered, PeriodInForce periods, AuditLog audit, Clock clock,
                 @Value("${exchange.data-dir}") String dataDir,
                 org.dataexchange.marketplace.volume.LicenceVolumes volumes) {
        this.volumes = volumes;
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
        SandboxEngine.Groups groups;
        try {
            groups = engine.run(fileOf(inForce), query, compiled::set);
        } catch (RuntimeException failed) {
            volumes.giveBack(order, java.util.Map.of(org.dataexchange.marketplace.licence.VolumeMeasure.QUERIES, 1L));
            throw failed;
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        List<List<Object>> shown = new ArrayList<>();
        int suppressed = 0;
        for (List<Object> g : groups.rows()) {
            long size = ((Number) g.get(g.size() - 1)).longValue();
            if (size < k) {
                suppressed++;
            } else {
                shown.add(nullable(g.subList(0, g.size() - 1)));
            }
        }
        String hash = sha256(compiled.get().canonical());
        // Counted and recorded only once it ran: a refused or failed query is neither billed nor receipted.
        metered.count(order);
        String deliveryId = addToPeriod(inForce, hash, started);
        queries.save(new SandboxRecords.LoggedQuery(UUID.randomUUID().toString(), order.id(), hash, shown.size(), suppressed,
                elapsed, started, deliveryId));
        if (inForce.status() == OrderStatus.SETTLED) {
            try {
                orderService.apply(inForce.id(), new OrderTransition.Delivered(), "sandbox", "first sandbox query answered");
            } catch (ApiProblem movedMeanwhile) {
                // Another query delivered it first, or a refund ended it after the licence check.
            }
        }
        audit.record(buyer.username(), buyer.role().name(), "SANDBOX_QUERY", "order:" + order.id(), "query " + hash + ": " + shown.size()
                + " groups, " + suppressed + " suppressed below k=" + k + ", " + elapsed + " ms");
        String note = suppressed == 0 ? "no group was suppressed" : suppressed + (suppressed == 1 ? " group" : " groups")
                + " of fewer than " + k + " rows suppressed (k-anonymity); 已隐藏少于 " + k + " 条记录的分组";
        return new Result(order.id(), compiled.get().outputs(), shown, suppressed, k, note, hash, elapsed);
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
