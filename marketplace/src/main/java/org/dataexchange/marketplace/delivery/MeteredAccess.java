package org.dataexchange.marketplace.delivery;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.Money;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.DeliveryMode;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.licence.VolumeMeasure;
import org.dataexchange.marketplace.settlement.OrderSettlement;
import org.dataexchange.marketplace.volume.LicenceVolumes;

/**
 * Metered API access: per-order API keys (shown once, kept as SHA-256), each call checked against the licence
 * (settled, not revoked, within its term) and counted with one row update per call, and the month's usage
 * priced by the plan (free units, unit price, monthly cap). Usage is visible to the buyer and the merchant.
 */
@Singleton
public class MeteredAccess {

    @MappedEntity("api_key")
    public record ApiKey(@Id String id, String orderId, String keyHash, Instant createdAt) {}

    @MappedEntity("api_usage")
    public record Usage(@Id String orderId, String usageMonth, long calls) {}

    /** A new key; the secret is in this answer only. */
    @Serdeable
    public record IssuedKey(String apiKey, String orderId, Instant createdAt) {}

    /**
     * A month of usage with its price under the plan (the cap bounds the charge, not the calls) and, once the month is
     * closed and billed, the bill's state ({@code CHARGED}, {@code NO_CHARGE}, {@code UNPAID}; see the order's bills).
     */
    @Serdeable
    public record MonthUsage(String orderId, String month, long calls, long freeUnits, long billableCalls, long unitPriceMinor,
                             long monthlyCapMinor, long chargeMinor, String currency, @io.micronaut.core.annotation.Nullable String billState) {

        MonthUsage billed(String state) {
            return new MonthUsage(orderId, month, calls, freeUnits, billableCalls, unitPriceMinor, monthlyCapMinor, chargeMinor,
                    currency, state);
        }
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Keys extends CrudRepository<ApiKey, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Keys.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Keys {}

        java.util.Optional<ApiKey> findByKeyHash(String keyHash);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Usages extends CrudRepository<Usage, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Usages.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Usages {}

        @Query("UPDATE api_usage SET calls = calls + 1 WHERE order_id = :orderId AND usage_month = :month")
        long increment(String orderId, String month);

        @Query("INSERT INTO api_usage (order_id, usage_month, calls) VALUES (:orderId, :month, 1)")
        void start(String orderId, String month);

        List<Usage> findByOrderId(String orderId);

        /** Months before {@code month} (closed) with calls not billed yet, oldest first. */
        @Query("SELECT u.* FROM api_usage u WHERE u.usage_month < :month AND NOT EXISTS (SELECT 1 FROM billing_period b"
                + " WHERE b.order_id = u.order_id AND b.kind = 'USAGE' AND b.period = u.usage_month)"
                + " ORDER BY u.usage_month LIMIT :limit")
        List<Usage> closedUnbilled(String month, int limit);

        java.util.Optional<Usage> findByOrderIdAndUsageMonth(String orderId, String usageMonth);

        /** The order's usage bills its wallet could not pay (one indexed read: the bill key starts with the order). */
        @Query("SELECT COUNT(*) FROM billing_period WHERE order_id = :orderId AND kind = 'USAGE' AND state = 'UNPAID'")
        long unpaidBills(String orderId);

        @Query("SELECT state FROM billing_period WHERE order_id = :orderId AND kind = 'USAGE' AND period = :month")
        java.util.Optional<String> billState(String orderId, String month);
    }

    /** Problem type: calls stop while a month of them is billed and unpaid. */
    public static final String BILL_UNPAID = org.dataexchange.marketplace.problem.ProblemType.USAGE_BILL_UNPAID.uri();

    private final Keys keys;
    private final Usages usages;
    private final OrderBook orders;
    private final OrderService orderService;
    private final CatalogueService catalogue;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final PeriodInForce periods;
    private final LicenceVolumes volumes;
    private final io.micrometer.core.instrument.Counter meteredCalls;

    /** Months of metered calls that have ended before {@code month} and are not billed yet, oldest first (billing's close). */
    public List<Usage> closedUnbilled(String month, int limit) {
        return usages.closedUnbilled(month, limit);
    }

    /** One order's metered calls in one month ({@code yyyy-MM}). */
    public java.util.Optional<Usage> usage(String orderId, String month) {
        return usages.findByOrderIdAndUsageMonth(orderId, month);
    }

    public MeteredAccess(Keys keys, Usages usages, OrderBook orders, OrderService orderService,
                         CatalogueService catalogue, Clock clock, PeriodInForce periods,
                         io.micrometer.core.instrument.MeterRegistry metrics, LicenceVolumes volumes) {
        this.volumes = volumes;
        this.meteredCalls = io.micrometer.core.instrument.Counter.builder("exchange.metered.calls")
                .description("Metered API calls counted against an order (GET /api/data/records)").register(metrics);
        this.periods = periods;
        this.keys = keys;
        this.usages = usages;
        this.orders = orders;
        this.orderService = orderService;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Created with the service rather than at the first call, so its counter is scraped as 0 from the start. */
    @io.micronaut.runtime.event.annotation.EventListener
    void onStartup(io.micronaut.context.event.StartupEvent event) {
        meteredCalls.count();
    }

    public IssuedKey issue(Viewer buyer, String orderId) {
        PurchaseOrder order = orders.heldBy(buyer, orderId); // the licence holder's account, buyer or merchant
        catalogue.deliveryOffer(order.productId(), order.planId()).require(DeliveryMode.METERED_API);
        requireInForce(periods.inForce(order));
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = "dxk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey saved = keys.save(new ApiKey(UUID.randomUUID().toString(), orderId, sha256(key), clock.instant()));
        return new IssuedKey(key, orderId, saved.createdAt());
    }

    /** One metered call: checks the key and the licence, counts the call, answers the product's records. */
    public List<Map<String, Object>> call(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw ApiProblem.forbidden("send the order's API key in the X-Api-Key header");
        }
        ApiKey key = keys.findByKeyHash(sha256(apiKey)).orElseThrow(() -> ApiProblem.forbidden("unknown API key"));
        PurchaseOrder order = orders.find(key.orderId()).orElseThrow();
        // Checked on every call: what the product and plan offer may have changed since the key was issued.
        catalogue.deliveryOffer(order.productId(), order.planId()).require(DeliveryMode.METERED_API);
        requireInForce(periods.inForce(order));
        requireBillsPaid(order);
        List<Map<String, Object>> records = catalogue.sampleRows(order.productId());
        // The call and the records it returns count against the licence's volume caps (用途用量); refused whole at a cap.
        volumes.draw(order, Map.of(VolumeMeasure.CALLS, 1L, VolumeMeasure.RECORDS, (long) records.size()));
        count(order);
        meteredCalls.increment();
        return records;
    }

    /** Calls (and sandbox queries) stop while a month of them is billed and unpaid. */
    void requireBillsPaid(PurchaseOrder order) {
        if (usages.unpaidBills(order.id()) > 0) {
            throw ApiProblem.of(org.dataexchange.marketplace.problem.ProblemType.USAGE_BILL_UNPAID, "Usage bill unpaid",
                    "a month of calls of order " + order.id() + " is billed and unpaid (see GET /api/orders/" + order.id()
                            + "/bills): top up the wallet; the bill is charged in the next billing round, then calls resume");
        }
    }

    /** Counts one call (or sandbox query) of the order in this month's usage: one row update. */
    void count(PurchaseOrder order) {
        String month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).toString();
        if (usages.increment(order.id(), month) == 0) {
            try {
                usages.start(order.id(), month);
            } catch (RuntimeException raced) {
                usages.increment(order.id(), month);
            }
        }
    }

    /** Usage per month with its charge; for the buyer, the seller, the operator and the regulator. */
    public List<MonthUsage> usage(Viewer viewer, String orderId) {
        PurchaseOrder order = orders.find(orderId).orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
        orderService.get(viewer, orderId);
        // The plan as the order bought it; orders placed before plans were kept with them read the product's.
        PricingPlan bought = orderService.details(order).plan();
        PricingPlan plan = bought != null ? bought : catalogue.plan(order.productId(), order.planId());
        return usages.findByOrderId(orderId).stream().map(u -> price(order, plan, u.usageMonth(), u.calls())
                .billed(usages.billState(orderId, u.usageMonth()).orElse(null))).toList();
    }

    /**
     * A month of calls priced by the plan: free units, then the unit price, at most the monthly cap; a charge beyond
     * the largest amount the exchange accepts is capped there rather than failing.
     */
    public static MonthUsage price(PurchaseOrder order, PricingPlan plan, String month, long calls) {
        long free = plan.kind() == PricingPlan.Kind.METERED ? plan.freeUnits() : Long.MAX_VALUE;
        long billable = Math.max(0, calls - free);
        // Saturates at Money.MAX_MINOR instead of overflowing (plan prices are at most that).
        long charge = plan.kind() == PricingPlan.Kind.METERED ? Money.timesAtMost(billable, plan.unitPriceMinor()) : 0;
        if (plan.monthlyCapMinor() > 0) {
            charge = Math.min(charge, plan.monthlyCapMinor());
        }
        return new MonthUsage(order.id(), month, calls, plan.kind() == PricingPlan.Kind.METERED ? plan.freeUnits() : 0,
                billable, plan.unitPriceMinor(), plan.monthlyCapMinor(), charge, order.currency(), null);
    }

    /** The licence as the books hold it (as for downloads): confirmed, unrevoked and its term not over. */
    void requireInForce(PurchaseOrder order) {
        OrderSettlement.Licence licence = OrderSettlement.licence(order, orderService.details(order))
                .orElseThrow(() -> ApiProblem.conflict("Not deliverable yet", "the order is " + order.status()
                        + (order.awaitingCertificate() ? ", its licence certificate not issued yet" : "")));
        if (licence.revoked()) {
            throw ApiProblem.forbidden("the licence was revoked; access has ended");
        }
        if (licence.endedBy(clock.instant())) {
            throw ApiProblem.forbidden("the licence term ended at " + licence.until() + "; access has ended");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
