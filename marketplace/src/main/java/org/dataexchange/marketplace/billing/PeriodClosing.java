package org.dataexchange.marketplace.billing;

import org.dataexchange.marketplace.order.Subscriptions;
import org.dataexchange.marketplace.order.OrderBook;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.dataexchange.marketplace.RecordId;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.catalogue.ProductOffer;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.delivery.MeteredAccess;
import org.dataexchange.marketplace.order.LicenceWindow;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.order.Subscription;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes billing periods, as a recurring background round driven by the service's {@link Clock}:
 * <ul>
 *   <li>a subscription whose period has ended renews (auto-renew on and the wallet can pay: a new order for the next
 *       period at the plan's price, paid into escrow and settled on the ledger like any order, with its split and its
 *       own certificate) or ends (auto-renew off, the wallet cannot pay, the product or plan no longer offered), the
 *       reason kept for the buyer;</li>
 *   <li>each closed month of metered calls is billed to the buyer's wallet as one order, so one ledger trade per
 *       month with its split, never a ledger write per call; a bill the wallet cannot pay stays UNPAID and is charged
 *       in a later round once it can.</li>
 * </ul>
 * Each period is closed in one database transaction together with its {@link BillingPeriod} row, whose unique key
 * (order, kind, period) makes billing happen exactly once whatever crashes, retries or concurrent rounds happen; the
 * ledger is written afterwards by the settlement worker, outside any transaction.
 */
@Singleton
class PeriodClosing {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodClosing.class);
    private static final int BATCH = 100;
    /** Passes per round at most: a subscription several periods behind (the service was down) renews one per pass. */
    private static final int PASSES = 24;

    /** What one round did. */
    public record Closed(int renewed, int ended, int usageBilled, int waiting) {
        boolean nothing() {
            return renewed + ended + usageBilled == 0;
        }
    }

    private final Subscriptions subscriptions;
    private final BillingPeriod.Repository bills;
    private final MeteredAccess usages;
    private final OrderBook orders;
    private final OrderService orderService;
    private final CatalogueService catalogue;
    private final Wallets wallets;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final Duration every;
    private final RecurringTask rounds = new RecurringTask("period-closing");

    public PeriodClosing(Subscriptions subscriptions, BillingPeriod.Repository bills, MeteredAccess usages,
                         OrderBook orders, OrderService orderService, CatalogueService catalogue, Wallets wallets,
                         TransactionOperations<Connection> tx, Clock clock,
                         @Value("${exchange.billing.every:30s}") Duration every) {
        this.subscriptions = subscriptions;
        this.bills = bills;
        this.usages = usages;
        this.orders = orders;
        this.orderService = orderService;
        this.catalogue = catalogue;
        this.wallets = wallets;
        this.tx = tx;
        this.clock = clock;
        this.every = every;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        rounds.start(every, every, this::closeDue);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rounds.close();
    }

    /** Closes every period that has ended by the clock's now; safe to run at any time, any number of times, at once. */
    public Closed closeDue() {
        Closed total = new Closed(0, 0, 0, 0);
        for (int pass = 0; pass < PASSES; pass++) {
            Closed closed = pass();
            total = new Closed(total.renewed + closed.renewed, total.ended + closed.ended,
                    total.usageBilled + closed.usageBilled, closed.waiting);
            if (closed.nothing()) {
                break;
            }
        }
        return total;
    }

    private Closed pass() {
        Instant now = clock.instant();
        int renewed = 0;
        int ended = 0;
        int billed = 0;
        int waiting = 0;
        for (Subscription due : subscriptions.due(now, BATCH)) {
            switch (attempt("subscription " + due.id(), () -> tx.executeWrite(s -> renewOrEnd(due.id(), now)))) {
                case RENEWED -> renewed++;
                case ENDED -> ended++;
                case WAITING -> waiting++;
                case NOTHING -> { }
            }
        }
        String month = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
        for (MeteredAccess.Usage usage : usages.closedUnbilled(month, BATCH)) {
            if (attempt("usage of order " + usage.orderId() + " in " + usage.usageMonth(),
                    () -> tx.executeWrite(s -> billUsage(usage.orderId(), usage.usageMonth(), now))) == Outcome.RENEWED) {
                billed++;
            }
        }
        for (BillingPeriod unpaid : bills.findByStateAndKind(BillingPeriod.State.UNPAID, BillingPeriod.Kind.USAGE)) {
            if (attempt("unpaid bill " + unpaid.id(), () -> tx.executeWrite(s -> chargeUnpaid(unpaid.id(), now))) == Outcome.RENEWED) {
                billed++;
            }
        }
        return new Closed(renewed, ended, billed, waiting);
    }

    private enum Outcome { RENEWED, ENDED, WAITING, NOTHING }

    /** One period closed in its own transaction; a failure (another round closed it first, say) leaves it to the next. */
    private static Outcome attempt(String what, java.util.function.Supplier<Outcome> closing) {
        try {
            return closing.get();
        } catch (RuntimeException e) {
            LOG.info("closing the period of {} did not complete, left to the next round: {}", what, e.toString());
            return Outcome.NOTHING;
        }
    }

    private Outcome renewOrEnd(String subscriptionId, Instant now) {
        Subscription s = subscriptions.lock(subscriptionId).orElseThrow();
        if (s.status() != Subscription.Status.ACTIVE || s.periodEnd().isAfter(now)) {
            return Outcome.NOTHING; // closed by another round meanwhile
        }
        PurchaseOrder first = orders.find(s.id()).orElseThrow();
        PurchaseOrder current = orders.find(s.currentOrderId()).orElseThrow();
        switch (current.status()) {
            case PAID, SETTLING -> {
                return Outcome.WAITING; // the period's own payment is still being settled
            }
            case REFUNDED, CANCELLED -> {
                return end(s, "the order of period " + s.periodNumber() + " was " + current.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (current.failureReason() == null ? "" : " (" + current.failureReason() + ")") + "; the licence ended at "
                        + s.periodEnd(), now);
            }
            default -> { }
        }
        if (current.licenceRevoked() || first.licenceRevoked()) {
            return end(s, "the licence was revoked; the subscription ended at " + s.periodEnd(), now);
        }
        if (!s.autoRenew()) {
            return end(s, "auto-renew is off: the subscription ended by the buyer's choice at the end of period "
                    + s.periodNumber() + ", " + s.periodEnd(), now);
        }
        Optional<ProductOffer> offer = offer(first);
        Optional<PricingPlan> plan = offer.flatMap(o -> o.plans().stream().filter(p -> p.id().equals(s.planId())
                && p.kind() == PricingPlan.Kind.SUBSCRIPTION && p.currency().equals(first.currency())).findFirst());
        if (plan.isEmpty()) {
            return end(s, "plan " + s.planId() + " of product " + s.productId() + " is no longer offered; the licence ended at "
                    + s.periodEnd(), now);
        }
        LicenceWindow next = LicenceWindow.of(s.periodEnd(), s.period());
        long price = plan.get().priceMinor();
        String period = Integer.toString(s.periodNumber() + 1);
        if (wallets.balance(first.buyerOrgId(), Wallets.Kind.AVAILABLE, first.currency()) < price) {
            String why = "the wallet could not pay the renewal of " + price + " " + first.currency() + " minor units for period "
                    + period + " (" + next.from() + " to " + next.until() + "); the licence ended at " + s.periodEnd();
            bills.save(new BillingPeriod(RecordId.next(), s.id(), BillingPeriod.Kind.RENEWAL, period, next.from(), next.until(), 0,
                    price, first.currency(), BillingPeriod.State.UNPAID, null, why, now, now));
            return end(s, why, now);
        }
        BillingPeriod bill = bills.save(new BillingPeriod(RecordId.next(), s.id(), BillingPeriod.Kind.RENEWAL, period, next.from(),
                next.until(), 0, price, first.currency(), BillingPeriod.State.CHARGED, null, null, now, now));
        PurchaseOrder charged = orderService.chargeRecurring(first, offer.get().version(), "billing:" + bill.id(), price,
                orderService.revenueShares(offer.get()), next, now, "subscription renewal, period " + period + " (" + next.from()
                        + " to " + next.until() + ")");
        bills.update(bill.charged(charged.id(), "renewed as order " + charged.id(), now));
        subscriptions.record(s.renewed(charged.id(), next, now));
        return Outcome.RENEWED;
    }

    private Outcome end(Subscription s, String reason, Instant now) {
        subscriptions.record(s.ended(reason, now));
        LOG.info("subscription {} ended: {}", s.id(), reason);
        return Outcome.ENDED;
    }

    private Outcome billUsage(String orderId, String month, Instant now) {
        MeteredAccess.Usage usage = usages.usage(orderId, month).orElseThrow();
        PurchaseOrder order = orders.find(orderId).orElseThrow();
        YearMonth m = YearMonth.parse(month);
        LicenceWindow window = new LicenceWindow(m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Optional<PricingPlan> plan = plan(order);
        MeteredAccess.MonthUsage priced = plan.map(p -> MeteredAccess.price(order, p, month, usage.calls())).orElse(null);
        long charge = priced == null ? 0 : priced.chargeMinor();
        String what = usage.calls() + " calls in " + month + (priced == null ? "" : ", " + priced.billableCalls() + " billable");
        BillingPeriod bill = bills.save(new BillingPeriod(RecordId.next(), orderId, BillingPeriod.Kind.USAGE, month, window.from(),
                window.until(), usage.calls(), charge, order.currency(),
                charge == 0 ? BillingPeriod.State.NO_CHARGE : BillingPeriod.State.UNPAID,
                null, charge == 0 ? what + (priced == null ? "; the plan is no longer offered" : "; nothing due") : null, now, now));
        if (charge > 0) {
            charge(bill, order, what, now);
        }
        return Outcome.RENEWED;
    }

    private Outcome chargeUnpaid(String billId, Instant now) {
        BillingPeriod bill = bills.lock(billId).orElseThrow();
        if (bill.state() != BillingPeriod.State.UNPAID) {
            return Outcome.NOTHING;
        }
        PurchaseOrder order = orders.find(bill.orderId()).orElseThrow();
        return charge(bill, order, bill.calls() + " calls in " + bill.period(), now) ? Outcome.RENEWED : Outcome.NOTHING;
    }

    /** Charges a usage bill when the wallet can pay it; otherwise leaves it UNPAID, saying why. */
    private boolean charge(BillingPeriod bill, PurchaseOrder order, String what, Instant now) {
        Optional<ProductOffer> offer = offer(order);
        String unpaid = null;
        if (offer.isEmpty()) {
            unpaid = "the product is not listed now; the bill is charged once it is";
        } else if (wallets.balance(order.buyerOrgId(), Wallets.Kind.AVAILABLE, order.currency()) < bill.chargeMinor()) {
            unpaid = "the wallet cannot pay " + bill.chargeMinor() + " " + order.currency() + " minor units; the bill is charged"
                    + " once it can";
        }
        if (unpaid != null) {
            bills.update(new BillingPeriod(bill.id(), bill.orderId(), bill.kind(), bill.period(), bill.startsAt(), bill.endsAt(),
                    bill.calls(), bill.chargeMinor(), bill.currency(), BillingPeriod.State.UNPAID, null, what + "; " + unpaid,
                    bill.createdAt(), now));
            return false;
        }
        PurchaseOrder charged = orderService.chargeRecurring(order, offer.get().version(), "billing:" + bill.id(),
                bill.chargeMinor(), orderService.revenueShares(offer.get()), new LicenceWindow(bill.startsAt(), bill.endsAt()), now,
                "metered calls billed: " + what);
        bills.update(bill.charged(charged.id(), what + "; billed as order " + charged.id(), now));
        return true;
    }

    /** The product as the buyer can order it now (its listed version and revenue shares), if it is listed. */
    private Optional<ProductOffer> offer(PurchaseOrder order) {
        try {
            return Optional.of(catalogue.offerTo(new Viewer(null, Role.BUYER, order.buyerOrgId()), order.productId()));
        } catch (ApiProblem notListed) {
            return Optional.empty();
        }
    }

    /** The plan the order bought (usage is billed at the price agreed); orders placed before plans were kept read the product's. */
    private Optional<PricingPlan> plan(PurchaseOrder order) {
        PricingPlan bought = orderService.details(order).plan();
        if (bought != null) {
            return Optional.of(bought);
        }
        try {
            return Optional.of(catalogue.plan(order.productId(), order.planId()));
        } catch (ApiProblem gone) {
            return Optional.empty();
        }
    }

    /** For tests and operators: the periods billed for an order. */
    List<BillingPeriod> of(String orderId) {
        return bills.findByOrderIdOrderByStartsAt(orderId);
    }
}
