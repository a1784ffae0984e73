package org.dataexchange.marketplace.statement;

import org.dataexchange.marketplace.order.OrderBook;
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
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.ProductSummary;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.order.RevenueSplit;

/**
 * Statements true to the books: a merchant's revenue per product and month (its own split lines, less what refunds took
 * back from them), and a buyer's spending per month (what it paid, less what refunds gave back) with its orders and
 * certificates. A sale counts in the month it was paid, a refund in the month it was decided, so a month can show only
 * refunds. Trades refunded in full stay in the statement with their gross and their refund. Amounts are exact minor
 * units per currency.
 */
@Singleton
public class StatementService {

    /** Trades settled on the ledger: these count as sales (REFUNDED ones only when settled before their refund). */
    private static final List<OrderStatus> TRADED = List.of(OrderStatus.SETTLED, OrderStatus.DELIVERED, OrderStatus.REFUNDED);

    /**
     * A merchant's month for one product: {@code trades} sales paid that month and {@code grossMinor} the merchant's
     * split lines of them; {@code refundedMinor} what refunds decided that month took from its lines (of which
     * {@code clawedBackMinor} came out of its revenue and {@code owedMinor} it owes); {@code revenueMinor} the net.
     */
    @Serdeable
    public record RevenueLine(String productId, String title, String titleEn, String month, String currency, long trades, long grossMinor,
                              long refunds, long refundedMinor, long clawedBackMinor, long owedMinor, long revenueMinor) {}

    /**
     * A buyer's month: {@code orders} paid that month for {@code paidMinor}; {@code refunds} decided that month gave back
     * {@code refundedMinor}; {@code spentMinor} the net.
     */
    @Serdeable
    public record SpendingLine(String month, String currency, long orders, long paidMinor, long refunds, long refundedMinor,
                               long spentMinor) {}

    @Serdeable
    public record BuyerStatement(List<SpendingLine> spending, List<OrderSummary> orders) {}

    /** An order as the buyer's statement lists it: {@code refundedMinor} is what refunds gave back of it so far. */
    @Serdeable
    public record OrderSummary(String orderId, String productId, OrderStatus status, long amountMinor, long refundedMinor,
                               String currency, String certificateId, String transactionId, Instant createdAt) {}

    /**
     * A royalty the merchant received: the sale of a derived product ({@code productId}, by {@code sellerName}) in
     * order {@code orderId}, paid under the merchant's licence {@code parentCertificateId} of its product
     * {@code parentProductId}; {@code amountMinor} the royalty line, {@code refundedMinor} what refunds took back of it.
     */
    @Serdeable
    public record RoyaltyLine(String productId, String title, String titleEn, String sellerName, String orderId,
                              String parentCertificateId, String parentProductId, long amountMinor, long refundedMinor,
                              String currency, Instant paidAt, String transactionId) {}

    private final OrderBook orders;
    private final OrderService orderService;
    private final CatalogueService catalogue;
    private final OrganisationDirectory organisations;

    public StatementService(OrderBook orders, OrderService orderService, CatalogueService catalogue,
                            OrganisationDirectory organisations) {
        this.orders = orders;
        this.orderService = orderService;
        this.catalogue = catalogue;
        this.organisations = organisations;
    }

    /** A settled trade: a refunded order counts only if the ledger recorded it (a refusal refunds what never traded). */
    private static boolean traded(PurchaseOrder o) {
        return TRADED.contains(o.status()) && o.transactionId() != null;
    }

    /** The statement month (UTC) of an instant, as YYYY-MM. */
    public static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    private static Instant paidAt(PurchaseOrder o) {
        return o.paidAt() != null ? o.paidAt() : o.createdAt();
    }

    /** Revenue of the merchant's organisation from settled trades, by product and month, refunds deducted. */
    public List<RevenueLine> merchantRevenue(Viewer merchant) {
        if (!merchant.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("revenue statements are for merchants");
        }
        String creditCode = organisations.find(merchant.organisationId()).orElseThrow().creditCode();
        // per product|month|currency: trades, gross, refunds, refunded, clawed back, owed
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, String> titles = new TreeMap<>();
        Map<String, String> titlesEn = new TreeMap<>();
        for (ProductSummary p : catalogue.productsOf(merchant.organisationId())) {
            titles.put(p.id(), p.title());
            titlesEn.put(p.id(), p.titleEn());
            for (OrderStatus status : TRADED) {
                for (PurchaseOrder o : orders.ofProductInStatus(p.id(), status)) {
                    if (!traded(o)) {
                        continue;
                    }
                    OrderDetails d = orderService.details(o);
                    long mine = d.split().stream().filter(l -> l.party().equals(creditCode))
                            .mapToLong(RevenueSplit.Line::amountMinor).sum();
                    long[] sale = totals.computeIfAbsent(p.id() + "|" + month(paidAt(o)) + "|" + o.currency(), k -> new long[6]);
                    sale[0]++;
                    sale[1] += mine;
                    for (OrderRepositories.Refund r : orderService.refunds(o.id())) {
                        long[] back = totals.computeIfAbsent(p.id() + "|" + month(r.decidedAt()) + "|" + r.currency(),
                                k -> new long[6]);
                        back[2]++;
                        for (OrderRepositories.RefundLine line : orderService.refundLines(r)) {
                            if (line.party().equals(creditCode)) {
                                back[3] += line.amountMinor();
                                back[4] += line.clawedBackMinor();
                                back[5] += line.owedMinor();
                            }
                        }
                    }
                }
            }
        }
        List<RevenueLine> lines = new ArrayList<>();
        totals.forEach((key, t) -> {
            String[] k = key.split("\\|");
            lines.add(new RevenueLine(k[0], titles.get(k[0]), titlesEn.get(k[0]), k[1], k[2], t[0], t[1], t[2], t[3], t[4], t[5], t[1] - t[3]));
        });
        return lines;
    }

    /**
     * The royalties the merchant's organisation received from sales of products derived under licences it sold, newest
     * first: one line per sale and parent licence, from the split lines of the settled trades (the ledger holds the same
     * lines, role ROYALTY with the parent certificate).
     */
    public List<RoyaltyLine> royaltiesReceived(Viewer merchant) {
        if (!merchant.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("royalty statements are for merchants");
        }
        String me = merchant.organisationId();
        List<RoyaltyLine> lines = new ArrayList<>();
        for (String productId : catalogue.derivedProductsPaying(me)) {
            ProductSummary product = catalogue.summary(productId);
            for (OrderStatus status : TRADED) {
                for (PurchaseOrder o : orders.ofProductInStatus(productId, status)) {
                    if (!traded(o)) {
                        continue;
                    }
                    for (RevenueSplit.Line line : orderService.details(o).split()) {
                        if (line.role() != org.dataexchange.ledger.trade.SplitRole.ROYALTY
                                || !me.equals(orderService.walletOwner(line))) {
                            continue;
                        }
                        long refunded = 0;
                        for (OrderRepositories.Refund r : orderService.refunds(o.id())) {
                            for (OrderRepositories.RefundLine back : orderService.refundLines(r)) {
                                if (back.party().equals(line.party()) && back.role() == line.role()) {
                                    refunded += back.amountMinor();
                                }
                            }
                        }
                        lines.add(new RoyaltyLine(productId, product.title(), product.titleEn(), product.merchantName(),
                                o.id(), line.parentCertificateId(), parentProductOf(line.parentCertificateId()),
                                line.amountMinor(), refunded, o.currency(), paidAt(o), o.transactionId()));
                    }
                }
            }
        }
        lines.sort(java.util.Comparator.comparing(RoyaltyLine::paidAt).reversed());
        return lines;
    }

    private String parentProductOf(String certificateId) {
        // The certificate id names the order that bought the parent licence, and so the parent product.
        return org.dataexchange.marketplace.settlement.OrderSettlement.orderIdOf(certificateId).flatMap(orders::find)
                .map(PurchaseOrder::productId).orElse("");
    }

    /** The buyer organisation's orders with their certificates, and its spending by month, refunds deducted. */
    public BuyerStatement buyerStatement(Viewer buyer) {
        if (!buyer.is(Role.BUYER) && !buyer.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("statements of purchases are for the organisations that buy (buyers and merchants)");
        }
        // per month|currency: orders, paid, refunds, refunded
        Map<String, long[]> spending = new TreeMap<>();
        List<OrderSummary> summaries = new ArrayList<>();
        for (PurchaseOrder o : orders.ofBuyer(buyer.organisationId())) {
            long refunded = 0;
            if (traded(o)) {
                long[] sale = spending.computeIfAbsent(month(paidAt(o)) + "|" + o.currency(), k -> new long[4]);
                sale[0]++;
                sale[1] += o.amountMinor();
                for (OrderRepositories.Refund r : orderService.refunds(o.id())) {
                    long[] back = spending.computeIfAbsent(month(r.decidedAt()) + "|" + r.currency(), k -> new long[4]);
                    back[2]++;
                    back[3] += r.amountMinor();
                    refunded += r.amountMinor();
                }
            }
            summaries.add(new OrderSummary(o.id(), o.productId(), o.status(), o.amountMinor(), refunded, o.currency(),
                    o.certificateId(), o.transactionId(), o.createdAt()));
        }
        List<SpendingLine> lines = new ArrayList<>();
        spending.forEach((key, t) -> {
            String[] k = key.split("\\|");
            lines.add(new SpendingLine(k[0], k[1], t[0], t[1], t[2], t[3], t[1] - t[3]));
        });
        return new BuyerStatement(lines, summaries);
    }
}
