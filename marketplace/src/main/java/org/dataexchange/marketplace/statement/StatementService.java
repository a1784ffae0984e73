package org.dataexchange.marketplace.statement;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.catalogue.CatalogueRepositories;
import org.dataexchange.marketplace.catalogue.Product;
import org.dataexchange.marketplace.catalogue.Viewer;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.organisation.OrganisationRepository;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.settlement.RevenueSplit;

/**
 * Statements from settled trades: a merchant's revenue per product and month (its own split lines), and a buyer's
 * spending per month with its orders and certificates. Amounts are minor units per currency.
 */
@Singleton
public class StatementService {

    private static final List<OrderStatus> SETTLED = List.of(OrderStatus.SETTLED, OrderStatus.DELIVERED);

    @Serdeable
    public record RevenueLine(String productId, String title, String month, String currency, long trades, long revenueMinor) {}

    @Serdeable
    public record SpendingLine(String month, String currency, long orders, long spentMinor) {}

    @Serdeable
    public record BuyerStatement(List<SpendingLine> spending, List<OrderSummary> orders) {}

    @Serdeable
    public record OrderSummary(String orderId, String productId, OrderStatus status, long amountMinor, String currency,
                               String certificateId, String transactionId, Instant createdAt) {}

    private final OrderRepositories.Orders orders;
    private final OrderService orderService;
    private final CatalogueRepositories.Products products;
    private final OrganisationRepository organisations;

    public StatementService(OrderRepositories.Orders orders, OrderService orderService, CatalogueRepositories.Products products,
                            OrganisationRepository organisations) {
        this.orders = orders;
        this.orderService = orderService;
        this.products = products;
        this.organisations = organisations;
    }

    /** Revenue of the merchant's organisation from settled trades, by product and month. */
    public List<RevenueLine> merchantRevenue(Viewer merchant) {
        if (!merchant.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("revenue statements are for merchants");
        }
        String creditCode = organisations.findById(merchant.organisationId()).orElseThrow().creditCode();
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, String> titles = new TreeMap<>();
        for (Product p : products.findByMerchantOrgIdOrderByUpdatedAtDesc(merchant.organisationId())) {
            titles.put(p.id(), p.title());
            for (OrderStatus status : SETTLED) {
                for (PurchaseOrder o : orders.findByProductIdAndStatus(p.id(), status)) {
                    OrderDetails d = orderService.details(o);
                    long mine = d.split().stream().filter(l -> l.party().equals(creditCode))
                            .mapToLong(RevenueSplit.Line::amountMinor).sum();
                    String key = p.id() + "|" + YearMonth.from(o.createdAt().atZone(ZoneOffset.UTC)) + "|" + o.currency();
                    long[] t = totals.computeIfAbsent(key, k -> new long[2]);
                    t[0]++;
                    t[1] += mine;
                }
            }
        }
        List<RevenueLine> lines = new ArrayList<>();
        totals.forEach((key, t) -> {
            String[] k = key.split("\\|");
            lines.add(new RevenueLine(k[0], titles.get(k[0]), k[1], k[2], t[0], t[1]));
        });
        return lines;
    }

    /** The buyer organisation's orders with their certificates, and its spending by month. */
    public BuyerStatement buyerStatement(Viewer buyer) {
        if (!buyer.is(Role.BUYER)) {
            throw ApiProblem.forbidden("buyer statements are for buyers");
        }
        Map<String, long[]> spending = new TreeMap<>();
        List<OrderSummary> summaries = new ArrayList<>();
        for (PurchaseOrder o : orders.findByBuyerOrgIdOrderByCreatedAtDesc(buyer.organisationId())) {
            summaries.add(new OrderSummary(o.id(), o.productId(), o.status(), o.amountMinor(), o.currency(), o.certificateId(),
                    o.transactionId(), o.createdAt()));
            if (SETTLED.contains(o.status())) {
                long[] t = spending.computeIfAbsent(YearMonth.from(o.createdAt().atZone(ZoneOffset.UTC)) + "|" + o.currency(),
                        k -> new long[2]);
                t[0]++;
                t[1] += o.amountMinor();
            }
        }
        List<SpendingLine> lines = new ArrayList<>();
        spending.forEach((key, t) -> lines.add(new SpendingLine(key.split("\\|")[0], key.split("\\|")[1], t[0], t[1])));
        return new BuyerStatement(lines, summaries);
    }
}
