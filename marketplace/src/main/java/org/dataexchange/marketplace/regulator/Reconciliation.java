package org.dataexchange.marketplace.regulator;

import org.dataexchange.marketplace.order.OrderBook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dataexchange.ledger.state.Page;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.marketplace.catalogue.ListingReconciliation;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * Reconciles the exchange's books (settled orders in its database) with the trades on the ledger, read with
 * the regulator's identity: orders missing on the ledger, trades missing in the books, amount and split
 * mismatches, duplicate trades for one order, refunds, and listings whose status differs; each listed, with totals.
 */
@Singleton
public class Reconciliation {

    public enum Kind {
        MISSING_ON_LEDGER, MISSING_IN_BOOKS, AMOUNT_MISMATCH, SPLIT_MISMATCH, DUPLICATE,
        /** A refund in the books whose outcome the ledger does not hold (and that is not on its way there). */
        REFUND_MISSING_ON_LEDGER,
        /** A refund outcome on the ledger that the books do not hold. */
        REFUND_MISSING_IN_BOOKS,
        /** A refund whose amount or refund lines differ between the books and the ledger. */
        REFUND_MISMATCH,
        /**
         * A listing whose status in the books is not its registered versions' on the ledger (say a suspension the
         * ledger refused); {@code tradeId} then names {@code product@version}.
         */
        LISTING_MISMATCH
    }

    @Serdeable
    public record Difference(Kind kind, String tradeId, @Nullable Long booksAmountMinor, @Nullable Long ledgerAmountMinor,
                             String detail) {}

    @Serdeable
    public record Totals(long ordersInBooks, long tradesOnLedger, long booksAmountMinor, long ledgerAmountMinor,
                         long differences, long refundsInBooks, long refundsOnLedger, long booksRefundedMinor,
                         long ledgerRefundedMinor) {}

    @Serdeable
    public record Report(List<Difference> differences, Totals totals, Instant checkedAt) {}

    private static final List<OrderStatus> SETTLED = List.of(OrderStatus.SETTLED, OrderStatus.DELIVERED);

    private final SettlementClient ledger;
    private final OrderBook orders;
    private final OrderService orderService;

    private final org.dataexchange.marketplace.complaint.DisputeOutcomes outbox;

    private final ListingReconciliation listings;

    public Reconciliation(@Named("regulator") SettlementClient ledger, OrderBook orders, OrderService orderService,
                          org.dataexchange.marketplace.complaint.DisputeOutcomes outbox, ListingReconciliation listings) {
        this.outbox = outbox;
        this.listings = listings;
        this.ledger = ledger;
        this.orders = orders;
        this.orderService = orderService;
    }

    public Report run() {
        Map<String, Trade> trades = new HashMap<>();
        Map<String, List<String>> tradesByOrderRef = new HashMap<>();
        String bookmark = "";
        do {
            Page<Trade> page = ledger.tradesByTime(Instant.EPOCH, Instant.now().plusSeconds(60), 500, bookmark);
            for (Trade t : page.records()) {
                trades.put(t.tradeId(), t);
                tradesByOrderRef.computeIfAbsent(t.request().orderRef(), k -> new ArrayList<>()).add(t.tradeId());
            }
            bookmark = page.bookmark();
        } while (bookmark != null && !bookmark.isEmpty());

        Map<String, PurchaseOrder> books = new HashMap<>();
        for (OrderStatus status : SETTLED) {
            orders.inStatus(status).forEach(o -> books.put(o.id(), o));
        }
        // A trade refunded in full by a complaint's decision stays on the ledger, as it stays in the books.
        orders.inStatus(OrderStatus.REFUNDED).stream().filter(o -> o.transactionId() != null)
                .forEach(o -> books.put(o.id(), o));
        List<Difference> differences = new ArrayList<>();
        long booksTotal = 0;
        for (PurchaseOrder o : books.values()) {
            booksTotal += o.amountMinor();
            Trade t = trades.get(o.id());
            if (t == null) {
                differences.add(new Difference(Kind.MISSING_ON_LEDGER, o.id(), o.amountMinor(), null,
                        "order " + o.id() + " is settled in the books (transaction " + o.transactionId() + ") but no trade is on the ledger"));
                continue;
            }
            if (t.request().amount() != o.amountMinor() || !t.request().currency().equals(o.currency())) {
                differences.add(new Difference(Kind.AMOUNT_MISMATCH, o.id(), o.amountMinor(), t.request().amount(),
                        "books say " + o.amountMinor() + " " + o.currency() + ", the ledger " + t.request().amount() + " "
                                + t.request().currency()));
            }
            OrderDetails d = orderService.details(o);
            List<String> booksSplit = d.split().stream().map(l -> l.party() + "=" + l.amountMinor()).toList();
            List<String> ledgerSplit = t.request().splitLines().stream().map(l -> l.party() + "=" + l.amount()).toList();
            if (!Objects.equals(booksSplit, ledgerSplit)) {
                differences.add(new Difference(Kind.SPLIT_MISMATCH, o.id(), o.amountMinor(), t.request().amount(),
                        "books split " + booksSplit + ", ledger split " + ledgerSplit));
            }
        }
        // Orders being settled right now may be on the ledger a moment before the books say so.
        java.util.Set<String> inFlight = new java.util.HashSet<>();
        for (OrderStatus status : List.of(OrderStatus.PAID, OrderStatus.SETTLING)) {
            orders.inStatus(status).forEach(o -> inFlight.add(o.id()));
        }
        long ledgerTotal = 0;
        for (Trade t : trades.values()) {
            ledgerTotal += t.request().amount();
            if (!books.containsKey(t.tradeId()) && !inFlight.contains(t.tradeId())) {
                differences.add(new Difference(Kind.MISSING_IN_BOOKS, t.tradeId(), null, t.request().amount(),
                        "trade " + t.tradeId() + " (transaction " + t.txId() + ") is on the ledger but not settled in the books"));
            }
        }
        tradesByOrderRef.forEach((orderRef, ids) -> {
            if (ids.size() > 1) {
                differences.add(new Difference(Kind.DUPLICATE, orderRef, null, null,
                        "order " + orderRef + " was recorded as " + ids.size() + " trades: " + ids));
            }
        });
        RefundTotals refunds = refunds(differences);
        listings.differences().forEach(l -> differences.add(new Difference(Kind.LISTING_MISMATCH,
                l.productId() + "@" + l.version(), null, null, l.detail())));
        return new Report(differences, new Totals(books.size(), trades.size(), booksTotal, ledgerTotal, differences.size(),
                refunds.inBooks, refunds.onLedger, refunds.booksMinor, refunds.ledgerMinor), Instant.now());
    }

    private record RefundTotals(long inBooks, long onLedger, long booksMinor, long ledgerMinor) {}

    /** Refunds in the books (by complaint) against the refund outcomes on the ledger; outcomes on their way are no difference. */
    private RefundTotals refunds(List<Difference> differences) {
        Map<String, org.dataexchange.ledger.dispute.DisputeOutcome> onLedger = new HashMap<>();
        String bookmark = "";
        do {
            Page<org.dataexchange.ledger.dispute.DisputeOutcome> page = ledger.disputeOutcomes(500, bookmark);
            page.records().stream().filter(o -> o.request().refundAmount() > 0)
                    .forEach(o -> onLedger.put(o.request().complaintId(), o));
            bookmark = page.bookmark();
        } while (bookmark != null && !bookmark.isEmpty());
        Map<String, org.dataexchange.marketplace.complaint.DisputeOutcomes.Pending> unrecorded = new HashMap<>();
        outbox.unrecorded().forEach(p -> unrecorded.put(p.complaintId(), p));
        List<OrderRepositories.Refund> inBooks = orderService.allRefunds();
        long booksMinor = 0;
        long ledgerMinor = onLedger.values().stream().mapToLong(o -> o.request().refundAmount()).sum();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (OrderRepositories.Refund r : inBooks) {
            booksMinor += r.amountMinor();
            seen.add(r.complaintId());
            org.dataexchange.ledger.dispute.DisputeOutcome o = onLedger.get(r.complaintId());
            if (o == null) {
                var pending = unrecorded.get(r.complaintId());
                if (pending == null || pending.state() == org.dataexchange.marketplace.complaint.DisputeOutcomes.State.FAILED) {
                    differences.add(new Difference(Kind.REFUND_MISSING_ON_LEDGER, r.orderId(), r.amountMinor(), null,
                            "complaint " + r.complaintId() + " refunded " + r.amountMinor() + " " + r.currency() + " in the books"
                                    + " but its outcome is not on the ledger" + (pending == null ? "" : ": " + pending.lastError())));
                }
                continue;
            }
            List<String> booksLines = orderService.refundLines(r).stream().filter(l -> l.amountMinor() > 0)
                    .map(l -> l.party() + "/" + l.role() + "=" + l.amountMinor()).toList();
            List<String> ledgerLines = o.request().refundLines().stream()
                    .map(l -> l.party() + "/" + l.role() + "=" + l.amount()).toList();
            if (o.request().refundAmount() != r.amountMinor() || !o.request().currency().equals(r.currency())
                    || !o.request().tradeId().equals(r.orderId()) || !Objects.equals(booksLines, ledgerLines)) {
                differences.add(new Difference(Kind.REFUND_MISMATCH, r.orderId(), r.amountMinor(), o.request().refundAmount(),
                        "complaint " + r.complaintId() + ": books refund " + r.amountMinor() + " " + r.currency() + " " + booksLines
                                + " of order " + r.orderId() + ", the ledger " + o.request().refundAmount() + " "
                                + o.request().currency() + " " + ledgerLines + " of trade " + o.request().tradeId()));
            }
        }
        for (var o : onLedger.values()) {
            if (!seen.contains(o.request().complaintId())) {
                differences.add(new Difference(Kind.REFUND_MISSING_IN_BOOKS, o.request().tradeId(), null, o.request().refundAmount(),
                        "the ledger holds a refund of " + o.request().refundAmount() + " " + o.request().currency() + " for complaint "
                                + o.request().complaintId() + " (transaction " + o.txId() + ") that the books do not"));
            }
        }
        return new RefundTotals(inBooks.size(), onLedger.size(), booksMinor, ledgerMinor);
    }
}
