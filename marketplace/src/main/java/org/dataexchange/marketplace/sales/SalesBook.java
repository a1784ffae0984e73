package org.dataexchange.marketplace.sales;

import org.dataexchange.marketplace.order.OrderBook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.ProductSummary;
import org.dataexchange.marketplace.catalogue.ProductStatus;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.order.RevenueSplit;

/**
 * A merchant's sales as its console shows them: the orders its products received (each with the buyer's scenario, the
 * status, the split and the metered calls counted), and the dashboard's daily series of sales, revenue and deliveries.
 * Read only; a sale counts on the day it was paid, as the revenue statement counts it in its month, and only once the
 * ledger recorded its trade.
 */
@Singleton
public class SalesBook {

    /** Statuses whose trade is on the ledger (a refunded order only if its trade was recorded before the refund). */
    private static final List<OrderStatus> TRADED = List.of(OrderStatus.SETTLED, OrderStatus.DELIVERED, OrderStatus.REFUNDED);

    /** An order one of the merchant's products received. {@code merchantShareMinor} is the merchant's own split lines. */
    @Serdeable
    public record ReceivedOrder(String orderId, String productId, String productTitle, String productTitleEn,
                                String productVersion, String planId,
                                @Nullable String planKind, String buyerName, String buyerCreditCode, String purpose,
                                String location, OrderStatus status, long amountMinor, String currency,
                                long merchantShareMinor, List<RevenueSplit.Line> split, long meteredCalls,
                                Instant createdAt, @Nullable Instant paidAt, @Nullable String transactionId,
                                @Nullable String certificateId) {}

    /** Which orders to list: all filters optional; {@code [from, to)} is on the time the order was placed. */
    public record Filter(@Nullable OrderStatus status, @Nullable String productId, @Nullable Instant from, @Nullable Instant to) {}

    /** An amount in one currency. */
    @Serdeable
    public record Amount(String currency, long minor) {}

    /** One day (UTC) of the dashboard: traded sales paid that day, the merchant's revenue from them, deliveries made. */
    @Serdeable
    public record Day(LocalDate date, long sales, List<Amount> revenue, long deliveries) {}

    /** The dashboard: {@code days} days up to today, the products by status, the most recent orders and the totals. */
    @Serdeable
    public record Dashboard(List<Day> days, Map<ProductStatus, Long> productsByStatus, List<ReceivedOrder> recentOrders,
                            long sales, List<Amount> revenue, long deliveries) {}

    private final CatalogueService catalogue;
    private final OrderBook orders;
    private final OrderService orderService;
    private final OrganisationDirectory organisations;
    private final JdbcOperations jdbc;

    public SalesBook(CatalogueService catalogue, OrderBook orders, OrderService orderService,
                     OrganisationDirectory organisations, JdbcOperations jdbc) {
        this.catalogue = catalogue;
        this.orders = orders;
        this.orderService = orderService;
        this.organisations = organisations;
        this.jdbc = jdbc;
    }

    /** The orders the merchant's products received, newest first (one read-only transaction: one view of the books). */
    @Transactional(readOnly = true)
    public List<ReceivedOrder> received(Viewer merchant, Filter filter) {
        Organisation seller = sellerOf(merchant);
        Map<String, ProductSummary> own = new LinkedHashMap<>();
        catalogue.productsOf(seller.id()).forEach(p -> own.put(p.id(), p));
        if (filter.productId() != null && !own.containsKey(filter.productId())) {
            return List.of(); // another merchant's product, or none: nothing of this merchant's
        }
        List<PurchaseOrder> found = ordersOf(own.keySet(), filter);
        Map<String, Long> calls = meteredCalls(found.stream().map(PurchaseOrder::id).toList());
        Map<String, Organisation> buyers = new HashMap<>();
        List<ReceivedOrder> answer = new ArrayList<>(found.size());
        for (PurchaseOrder o : found) {
            Organisation buyer = buyers.computeIfAbsent(o.buyerOrgId(), id -> organisations.find(id).orElseThrow());
            OrderDetails d = orderService.details(o);
            long mine = d.split().stream().filter(l -> l.party().equals(seller.creditCode()))
                    .mapToLong(RevenueSplit.Line::amountMinor).sum();
            answer.add(new ReceivedOrder(o.id(), o.productId(), own.get(o.productId()).title(),
                    own.get(o.productId()).titleEn(), o.productVersion(), o.planId(),
                    d.plan() == null ? null : d.plan().kind().name(), buyer.name(), buyer.creditCode(),
                    d.scenario().purpose(), d.scenario().location(), o.status(), o.amountMinor(), o.currency(), mine,
                    d.split(), calls.getOrDefault(o.id(), 0L), o.createdAt(), o.paidAt(), o.transactionId(),
                    o.certificateId()));
        }
        return answer;
    }

    /** The dashboard over the last {@code days} days (UTC), today included. */
    @Transactional(readOnly = true)
    public Dashboard dashboard(Viewer merchant, int days, Instant now) {
        Organisation seller = sellerOf(merchant);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<ProductStatus, Long> byStatus = new EnumMap<>(ProductStatus.class);
        for (ProductStatus s : ProductStatus.values()) {
            byStatus.put(s, 0L);
        }
        List<ProductSummary> own = catalogue.productsOf(seller.id());
        own.forEach(p -> byStatus.merge(p.status(), 1L, Long::sum));
        List<ReceivedOrder> all = received(merchant, new Filter(null, null, null, null));
        Map<LocalDate, long[]> sales = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> revenue = new TreeMap<>();
        Map<String, Long> totalRevenue = new TreeMap<>();
        long totalSales = 0;
        for (ReceivedOrder o : all) {
            if (!TRADED.contains(o.status()) || o.transactionId() == null) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(o.paidAt() != null ? o.paidAt() : o.createdAt(), ZoneOffset.UTC);
            if (day.isBefore(first) || day.isAfter(today)) {
                continue;
            }
            sales.computeIfAbsent(day, d -> new long[1])[0]++;
            revenue.computeIfAbsent(day, d -> new TreeMap<>()).merge(o.currency(), o.merchantShareMinor(), Long::sum);
            totalRevenue.merge(o.currency(), o.merchantShareMinor(), Long::sum);
            totalSales++;
        }
        Map<LocalDate, Long> deliveries = deliveriesPerDay(own.stream().map(ProductSummary::id).toList(), first, today.plusDays(1));
        List<Day> series = new ArrayList<>(days);
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            long[] s = sales.get(d);
            series.add(new Day(d, s == null ? 0 : s[0], amounts(revenue.getOrDefault(d, Map.of())), deliveries.getOrDefault(d, 0L)));
        }
        long totalDeliveries = deliveries.values().stream().mapToLong(Long::longValue).sum();
        return new Dashboard(series, byStatus, all.stream().limit(8).toList(), totalSales, amounts(totalRevenue), totalDeliveries);
    }

    private static List<Amount> amounts(Map<String, Long> byCurrency) {
        return byCurrency.entrySet().stream().map(e -> new Amount(e.getKey(), e.getValue())).toList();
    }

    private Organisation sellerOf(Viewer merchant) {
        if (!merchant.is(Role.MERCHANT) || merchant.organisationId() == null) {
            throw ApiProblem.forbidden("sales are shown to merchants");
        }
        return organisations.find(merchant.organisationId()).orElseThrow();
    }

    private List<PurchaseOrder> ordersOf(java.util.Collection<String> productIds, Filter filter) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT id FROM purchase_order WHERE product_id IN (");
        sql.append("?,".repeat(productIds.size()));
        sql.setLength(sql.length() - 1);
        sql.append(')');
        List<Object> args = new ArrayList<>(productIds);
        if (filter.productId() != null) {
            sql.append(" AND product_id = ?");
            args.add(filter.productId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status().name());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        List<String> ids = new ArrayList<>();
        query(sql.toString(), args, rs -> ids.add(rs.getString(1)));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<PurchaseOrder> found = new ArrayList<>(orders.findAll(ids));
        found.sort(java.util.Comparator.comparing(PurchaseOrder::createdAt).reversed().thenComparing(PurchaseOrder::id));
        return found;
    }

    /** Metered calls counted so far per order, all months together. */
    private Map<String, Long> meteredCalls(List<String> orderIds) {
        Map<String, Long> calls = new HashMap<>();
        if (orderIds.isEmpty()) {
            return calls;
        }
        String sql = "SELECT order_id, SUM(calls) FROM api_usage WHERE order_id IN (" + "?,".repeat(orderIds.size());
        query(sql.substring(0, sql.length() - 1) + ") GROUP BY order_id", new ArrayList<>(orderIds),
                rs -> calls.put(rs.getString(1), rs.getLong(2)));
        return calls;
    }

    /** Deliveries of the products' orders per day (UTC), in {@code [from, to)}. */
    private Map<LocalDate, Long> deliveriesPerDay(List<String> productIds, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> perDay = new HashMap<>();
        if (productIds.isEmpty()) {
            return perDay;
        }
        String sql = "SELECT d.delivered_at FROM delivery d JOIN purchase_order o ON o.id = d.order_id"
                + " WHERE d.delivered_at >= ? AND d.delivered_at < ? AND o.product_id IN (" + "?,".repeat(productIds.size());
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        args.add(Timestamp.from(to.atStartOfDay(ZoneOffset.UTC).toInstant()));
        args.addAll(productIds);
        query(sql.substring(0, sql.length() - 1) + ")", args, rs -> perDay.merge(
                LocalDate.ofInstant(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), ZoneOffset.UTC), 1L, Long::sum));
        return perDay;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> args, Row row) {
        // The transaction's connection: not closed here, the transaction ends it.
        Connection c = jdbc.getConnection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading sales failed", e);
        }
    }
}
