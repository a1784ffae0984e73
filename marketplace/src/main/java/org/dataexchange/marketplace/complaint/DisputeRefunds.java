package org.dataexchange.marketplace.complaint;

import org.dataexchange.marketplace.order.OrderBook;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dataexchange.ledger.dispute.DisputeDecision;
import org.dataexchange.ledger.dispute.DisputeOutcomeRequest;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.order.RevenueSplit;

/**
 * What a complaint's decision does to the money, the order and the ledger, inside the decision's database transaction.
 *
 * <p>A refund goes back to the buyer's AVAILABLE balance at once and is taken from the trade's split parties in
 * proportion to what each split line has left after earlier refunds (largest remainder, ties to the earlier line, as
 * {@link RevenueSplit}); a full refund takes exactly what each line has left. A party gives back from its REVENUE
 * balance as much as it holds and never more; the rest is recorded as OWED (a negative balance: what it owes the
 * exchange), so the exchange advances that part to the buyer rather than making the buyer wait. A full refund moves the
 * order to REFUNDED and revokes its licence; a partial one is listed on the order. A refund never exceeds what was paid
 * less earlier refunds. The outcome, dismissals included, is queued for the ledger ({@link DisputeOutcomes}).
 */
@Singleton
class DisputeRefunds {

    private final OrderBook orders;
    private final OrderService orderService;
    private final Wallets wallets;
    private final DisputeOutcomes outcomes;

    DisputeRefunds(OrderBook orders, OrderService orderService, Wallets wallets, DisputeOutcomes outcomes) {
        this.orders = orders;
        this.orderService = orderService;
        this.wallets = wallets;
        this.outcomes = outcomes;
    }

    static String outcomeId(String complaintId) {
        return "DO-" + complaintId;
    }

    /** Whether a repeated decision asks for the refund the complaint's decision already gave. */
    boolean sameRefund(Complaints.Complaint c, Long amountMinor) {
        if (c.status() == Complaints.Status.DISMISSED) {
            return amountMinor == null;
        }
        return orderService.refunds(c.orderId()).stream().filter(r -> r.complaintId().equals(c.id()))
                .anyMatch(r -> amountMinor == null ? c.status() == Complaints.Status.FULL_REFUND : r.amountMinor() == amountMinor);
    }

    void carryOut(Complaints.Complaint c, Complaints.Status outcome, String note, Long amountMinor, String actor,
                  String ledgerActor) {
        PurchaseOrder order = orders.lock(c.orderId()).orElseThrow(() -> ApiProblem.notFound("no order " + c.orderId()));
        if (outcome == Complaints.Status.DISMISSED) {
            if (order.transactionId() != null) { // a trade on the ledger: its dismissed complaint is recorded there too
                outcomes.enqueue(new DisputeOutcomeRequest(outcomeId(c.id()), order.id(), c.id(), DisputeDecision.DISMISSED, 0,
                        order.currency(), List.of(), sha256(note), ledgerActor), order.id(), null);
            }
            return;
        }
        if (order.status() != OrderStatus.SETTLED && order.status() != OrderStatus.DELIVERED) {
            throw ApiProblem.conflict("Not refundable", "order " + order.id() + " is " + order.status() + "; a decision refunds"
                    + " a trade settled on the ledger" + (order.status() == OrderStatus.REFUNDED ? ", and this one is refunded"
                    : order.status() == OrderStatus.PAID || order.status() == OrderStatus.SETTLING ? "; decide once it is settled" : ""));
        }
        boolean full = outcome == Complaints.Status.FULL_REFUND;
        OrderDetails details = orderService.details(order);
        List<RevenueSplit.Line> split = details.split();
        // What each split line has left: earlier refunds list one line per split line, in the split's order.
        long[] left = new long[split.size()];
        for (int i = 0; i < split.size(); i++) {
            left[i] = split.get(i).amountMinor();
        }
        long refundedBefore = 0;
        for (OrderRepositories.Refund earlier : orderService.refunds(order.id())) {
            refundedBefore += earlier.amountMinor();
            List<OrderRepositories.RefundLine> lines = orderService.refundLines(earlier);
            for (int i = 0; i < lines.size() && i < left.length; i++) {
                left[i] -= lines.get(i).amountMinor();
            }
        }
        long remaining = order.amountMinor() - refundedBefore;
        if (remaining <= 0) {
            throw ApiProblem.conflict("Nothing left to refund", "order " + order.id() + " was paid " + order.amountMinor()
                    + " " + order.currency() + " and " + refundedBefore + " of it is refunded already");
        }
        long amount;
        if (full) {
            if (amountMinor != null && amountMinor != remaining) {
                throw ApiProblem.invalidField("amountMinor", "a FULL_REFUND refunds all that is left, " + remaining + " "
                        + order.currency() + " minor units; send that or leave amountMinor out");
            }
            amount = remaining;
        } else {
            if (amountMinor >= remaining) {
                throw ApiProblem.invalidField("amountMinor", "a PARTIAL_REFUND is less than what is left to refund ("
                        + remaining + " " + order.currency() + " minor units of " + order.amountMinor() + " paid); refund it all"
                        + " with FULL_REFUND");
            }
            amount = amountMinor;
        }
        long[] parts = full ? left : RevenueSplit.proportional(amount, left);

        List<Wallets.Posting> postings = new ArrayList<>();
        postings.add(new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.AVAILABLE, amount));
        Map<String, Long> revenueLeft = wallets.lockBalances(split.stream()
                .map(orderService::walletOwner).toList(), Wallets.Kind.REVENUE, order.currency());
        List<OrderRepositories.RefundLine> refundLines = new ArrayList<>();
        List<SplitLine> ledgerLines = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            RevenueSplit.Line line = split.get(i);
            String owner = orderService.walletOwner(line);
            long held = revenueLeft.get(owner);
            long clawedBack = Math.min(parts[i], held);
            long owed = parts[i] - clawedBack;
            revenueLeft.put(owner, held - clawedBack);
            if (clawedBack > 0) {
                postings.add(new Wallets.Posting(owner, Wallets.Kind.REVENUE, -clawedBack));
            }
            if (owed > 0) {
                postings.add(new Wallets.Posting(owner, Wallets.Kind.OWED, -owed));
            }
            refundLines.add(new OrderRepositories.RefundLine(line.party(), line.role(), owner, parts[i], clawedBack, owed));
            if (parts[i] > 0) {
                ledgerLines.add(new SplitLine(line.party(), line.role(), parts[i]));
            }
        }
        String reason = "complaint " + c.id() + " decided " + outcome + ": " + amount + " " + order.currency() + " refunded";
        wallets.post("DISPUTE_REFUND", "complaint " + c.id() + ", order " + order.id(), actor, order.currency(), postings);
        orderService.recordRefund(order, c.id(), full, amount, refundLines, actor, reason);
        outcomes.enqueue(new DisputeOutcomeRequest(outcomeId(c.id()), order.id(), c.id(),
                        full ? DisputeDecision.FULL_REFUND : DisputeDecision.PARTIAL_REFUND, amount, order.currency(), ledgerLines,
                        sha256(note), ledgerActor), order.id(), full ? order.certificateId() : null);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
