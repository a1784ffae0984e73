package org.dataexchange.marketplace.regulator;

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
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * Reconciles the exchange's books (settled orders in its database) with the trades on the ledger, read with
 * the regulator's identity: orders missing on the ledger, trades missing in the books, amount and split
 * mismatches, and duplicate trades for one order; each listed, with totals.
 */
@Singleton
public class Reconciliation {

    public enum Kind { MISSING_ON_LEDGER, MISSING_IN_BOOKS, AMOUNT_MISMATCH, SPLIT_MISMATCH, DUPLICATE }

    @Serdeable
    public record Difference(Kind kind, String tradeId, @Nullable Long booksAmountMinor, @Nullable Long ledgerAmountMinor,
                             String detail) {}

    @Serdeable
    public record Totals(long ordersInBooks, long tradesOnLedger, long booksAmountMinor, long ledgerAmountMinor,
                         long differences) {}

    @Serdeable
    public record Report(List<Difference> differences, Totals totals, Instant checkedAt) {}

    private static final List<OrderStatus> SETTLED = List.of(OrderStatus.SETTLED, OrderStatus.DELIVERED);

    private final SettlementClient ledger;
    private final OrderRepositories.Orders orders;
    private final OrderService orderService;

    public Reconciliation(@Named("regulator") SettlementClient ledger, OrderRepositories.Orders orders, OrderService orderService) {
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
            orders.findByStatusOrderByCreatedAt(status).forEach(o -> books.put(o.id(), o));
        }
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
            orders.findByStatusOrderByCreatedAt(status).forEach(o -> inFlight.add(o.id()));
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
        return new Report(differences, new Totals(books.size(), trades.size(), booksTotal, ledgerTotal, differences.size()),
                Instant.now());
    }
}
