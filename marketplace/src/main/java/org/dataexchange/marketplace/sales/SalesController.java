package org.dataexchange.marketplace.sales;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.order.RevenueSplit;
import org.dataexchange.marketplace.statement.StatementService;

/**
 * The merchant console's sales: orders received (JSON, or CSV to download), the dashboard, and the revenue statement as
 * CSV (the JSON statement is {@code GET /api/statements/revenue}).
 */
@Controller("/api/merchant")
@Secured("MERCHANT")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SalesController {

    private static final String CSV = "text/csv; charset=utf-8";

    private final SalesBook sales;
    private final StatementService statements;
    private final Clock clock;

    public SalesController(SalesBook sales, StatementService statements, Clock clock) {
        this.sales = sales;
        this.statements = statements;
        this.clock = clock;
    }

    /** Orders the merchant's products received, newest first: {@code status}, {@code product}, placed in [{@code from}, {@code to}). */
    @Get("/orders")
    public List<SalesBook.ReceivedOrder> orders(@Nullable @QueryValue OrderStatus status,
                                                @Nullable @QueryValue @Size(max = 64) String product,
                                                @Nullable @QueryValue @Size(max = 40) String from,
                                                @Nullable @QueryValue @Size(max = 40) String to, Authentication auth) {
        return sales.received(Viewer.of(auth), filter(status, product, from, to));
    }

    /** The same orders as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right). */
    @Get(value = "/orders/export", produces = "text/csv")
    public HttpResponse<String> ordersCsv(@Nullable @QueryValue OrderStatus status,
                                          @Nullable @QueryValue @Size(max = 64) String product,
                                          @Nullable @QueryValue @Size(max = 40) String from,
                                          @Nullable @QueryValue @Size(max = 40) String to, Authentication auth) {
        SalesCsv csv = new SalesCsv("order", "placed_at", "paid_at", "product_id", "product", "version", "plan", "plan_kind",
                "buyer", "buyer_credit_code", "purpose", "location", "status", "amount_minor", "currency",
                "merchant_share_minor", "split", "metered_calls", "transaction", "certificate");
        for (SalesBook.ReceivedOrder o : sales.received(Viewer.of(auth), filter(status, product, from, to))) {
            csv.row(o.orderId(), o.createdAt(), o.paidAt(), o.productId(), o.productTitle(), o.productVersion(), o.planId(),
                    o.planKind(), o.buyerName(), o.buyerCreditCode(), o.purpose(), o.location(), o.status(), o.amountMinor(),
                    o.currency(), o.merchantShareMinor(), splitText(o.split()), o.meteredCalls(), o.transactionId(),
                    o.certificateId());
        }
        return download(csv, "orders-received.csv");
    }

    /**
     * The revenue statement as CSV: a {@code SALES} row per product and month (refunds deducted), then a
     * {@code ROYALTY} row per royalty received from a sale of a product derived under a licence of the merchant's,
     * naming the derived product, its seller, the order and the parent licence's certificate. On a royalty row
     * {@code gross_minor} is the royalty paid and {@code revenue_minor} what is left of it after refunds, so the
     * column sums to everything the merchant earned.
     */
    @Get(value = "/revenue/export", produces = "text/csv")
    public HttpResponse<String> revenueCsv(Authentication auth) {
        Viewer merchant = Viewer.of(auth);
        SalesCsv csv = new SalesCsv("product_id", "product", "month", "currency", "trades", "gross_minor", "refunds",
                "refunded_minor", "clawed_back_minor", "owed_minor", "revenue_minor", "kind", "order", "seller",
                "parent_certificate", "parent_product_id", "transaction");
        for (StatementService.RevenueLine l : statements.merchantRevenue(merchant)) {
            csv.row(l.productId(), l.title(), l.month(), l.currency(), l.trades(), l.grossMinor(), l.refunds(),
                    l.refundedMinor(), l.clawedBackMinor(), l.owedMinor(), l.revenueMinor(), "SALES", null, null, null,
                    null, null);
        }
        for (StatementService.RoyaltyLine r : statements.royaltiesReceived(merchant)) {
            csv.row(r.productId(), r.title(), StatementService.month(r.paidAt()), r.currency(), 1, r.amountMinor(),
                    r.refundedMinor() > 0 ? 1 : 0, r.refundedMinor(), 0, 0, r.amountMinor() - r.refundedMinor(), "ROYALTY",
                    r.orderId(), r.sellerName(), r.parentCertificateId(), r.parentProductId(), r.transactionId());
        }
        return download(csv, "revenue-statement.csv");
    }

    /** Sales, revenue and deliveries per day over the last {@code days} days (UTC), products by status, recent orders. */
    @Get("/dashboard")
    public SalesBook.Dashboard dashboard(@QueryValue(defaultValue = "30") @Min(1) @Max(366) int days, Authentication auth) {
        return sales.dashboard(Viewer.of(auth), days, clock.instant());
    }

    private static HttpResponse<String> download(SalesCsv csv, String filename) {
        return HttpResponse.ok(csv.text()).contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    /** "party:ROLE:amount" per split line, separated by "; ". */
    private static String splitText(List<RevenueSplit.Line> split) {
        return split.stream().map(l -> l.party() + ":" + l.role() + ":" + l.amountMinor()).collect(Collectors.joining("; "));
    }

    private static SalesBook.Filter filter(OrderStatus status, String product, String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiProblem.invalidField("to", "the range [from, to) is empty: to (" + end + ") must be after from (" + start + ")");
        }
        return new SalesBook.Filter(status, product == null || product.isBlank() ? null : product, start, end);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.invalidField(name, "use ISO-8601 instants such as 2026-11-01T00:00:00Z");
        }
    }
}
