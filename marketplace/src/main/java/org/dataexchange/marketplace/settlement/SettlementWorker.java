package org.dataexchange.marketplace.settlement;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.dataexchange.ledger.licence.GrantedRight;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.Settlement;
import org.dataexchange.ledger.trade.SettlementBatchResult;
import org.dataexchange.ledger.trade.SettlementOutcome;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.LedgerException;
import org.dataexchange.settlementclient.SettlementClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the settlement outbox: records paid orders' trades on the ledger together with their licence
 * certificates, many orders to one ledger transaction (SettleTrades), then releases each escrow by the split and
 * marks each order settled with its transaction and block. The trade id is the order id and the ledger answers a
 * repeat as ALREADY_SETTLED with the original transaction, so a crash or a retry at any point records each trade
 * exactly once. A settlement the ledger refuses cancels that trade and refunds its buyer with the ledger's reason;
 * an outage or a conflict is retried with backoff.
 */
@Singleton
public class SettlementWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementWorker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Orders per ledger transaction: the transaction's signatures and validation are paid once for all of them. */
    private static final int BATCH = 100;
    /** Ledger transactions in flight at once, so one is endorsed while another waits for its block. */
    private static final int IN_FLIGHT = 4;
    private static final java.util.concurrent.Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private final OrderRepositories.Outbox outbox;
    private final OrderRepositories.Orders orders;
    private final OrderService orderService;
    private final CatalogueService catalogue;
    private final OrganisationDirectory directory;
    private final Wallets wallets;
    private final SettlementClient ledger;
    private final TransactionOperations<Connection> tx;
    private final boolean enabled;
    /** How long a claimed batch belongs to its worker; a crashed worker's batches are due again after it. */
    private final Duration lease;
    private final org.dataexchange.marketplace.BooksOnDisk booksOnDisk;
    /**
     * Batches post to the books one at a time: every batch credits the same merchant and platform accounts, and two
     * transactions locking them in different orders would deadlock.
     */
    private final ReentrantLock posting = new ReentrantLock();
    private final RecurringTask rounds = new RecurringTask("settlement-worker");

    public SettlementWorker(OrderRepositories.Outbox outbox, OrderRepositories.Orders orders, OrderService orderService,
                            CatalogueService catalogue, OrganisationDirectory directory, Wallets wallets,
                            SettlementClient ledger, TransactionOperations<Connection> tx,
                            SettlementSettings settings,
                            org.dataexchange.marketplace.BooksOnDisk booksOnDisk) {
        this.enabled = settings.workerEnabled();
        this.lease = settings.lease();
        this.booksOnDisk = booksOnDisk;
        this.outbox = outbox;
        this.orders = orders;
        this.orderService = orderService;
        this.catalogue = catalogue;
        this.directory = directory;
        this.wallets = wallets;
        this.ledger = ledger;
        this.tx = tx;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (enabled) {
            rounds.start(Duration.ofSeconds(1), Duration.ofMillis(50), this::drain);
        }
    }

    /** Stops the rounds before the database and ledger beans it uses go away. */
    @PreDestroy
    void stop() throws InterruptedException {
        rounds.close();
    }

    /**
     * Settles what is due (every 50 ms when the worker is enabled) and returns once it is all settled; answers how
     * many orders it handled. Batches are claimed as ledger slots free up, so under load a new batch is endorsed
     * while earlier ones wait for their blocks or post to the books.
     */
    public int drain() {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        int handled = 0;
        while (true) {
            slots.acquireUninterruptibly();
            List<OrderRepositories.OutboxItem> batch;
            try {
                batch = claim();
            } catch (RuntimeException e) {
                slots.release();
                LOG.warn("could not read the settlement outbox: {}", e.toString());
                break;
            }
            if (batch.isEmpty()) {
                slots.release();
                break;
            }
            handled += batch.size();
            running.removeIf(CompletableFuture::isDone);
            running.add(CompletableFuture.runAsync(() -> settle(batch), VIRTUAL).whenComplete((done, failure) -> slots.release()));
        }
        running.forEach(f -> f.exceptionally(failure -> null).join());
        return handled;
    }

    /**
     * Leases the next due items to this worker, so that one worker (of possibly several instances) handles each: the
     * due items are locked by primary key, those still due are leased, in one transaction. (A conditional update per
     * item was planned by H2 on the due index, scanning every pending item for each one claimed; locking the due query
     * itself locks the whole backlog before the limit applies.)
     */
    private List<OrderRepositories.OutboxItem> claim() {
        List<OrderRepositories.OutboxItem> due = outbox.due(Instant.now(), BATCH);
        if (due.isEmpty()) {
            return due;
        }
        return tx.executeWrite(s -> {
            Instant now = Instant.now();
            List<OrderRepositories.OutboxItem> still = outbox.lock(due.stream().map(OrderRepositories.OutboxItem::orderId).toList())
                    .stream().filter(i -> i.state().equals("PENDING") && !i.nextAttemptAt().isAfter(now)).toList();
            Instant leaseUntil = now.plus(lease);
            outbox.updateAll(still.stream().map(i -> i.leasedUntil(leaseUntil)).toList());
            return still;
        });
    }

    private void settle(List<OrderRepositories.OutboxItem> items) {
        Map<String, OrderRepositories.OutboxItem> byOrder = new LinkedHashMap<>();
        items.forEach(i -> byOrder.put(i.orderId(), i));
        List<PurchaseOrder> open;
        try {
            open = tx.executeWrite(s -> submitted(byOrder));
            // Write-ahead: the payments are on the disk before the ledger records their trades, so not even a power
            // cut leaves the ledger with a trade whose payment the books lost.
            booksOnDisk.force();
        } catch (RuntimeException e) {
            items.forEach(i -> retryLater(i, e));
            return;
        }
        Map<String, PurchaseOrder> byTrade = new LinkedHashMap<>();
        Map<String, OrderDetails> details = new HashMap<>();
        List<Settlement> settlements = new ArrayList<>();
        Map<List<String>, String> digests = new HashMap<>();
        for (PurchaseOrder order : open) {
            try {
                OrderDetails d = orderService.details(order);
                TradeRequest trade = tradeRequest(order, d, digests);
                settlements.add(new Settlement(trade, certificate(order, d, trade)));
                byTrade.put(order.id(), order);
                details.put(order.id(), d);
            } catch (RuntimeException e) {
                retryLater(byOrder.get(order.id()), e);
            }
        }
        if (settlements.isEmpty()) {
            return;
        }
        Committed<SettlementBatchResult> committed;
        try {
            committed = ledger.settleTrades(settlements).join();
        } catch (CompletionException | LedgerException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            byTrade.keySet().forEach(id -> retryLater(byOrder.get(id), cause));
            return;
        }
        posting.lock();
        try {
            tx.executeWrite(s -> {
                Map<String, PurchaseOrder> current = new HashMap<>();
                orders.findByIdIn(byTrade.keySet()).forEach(o -> current.put(o.id(), o));
                Books books = new Books();
                for (SettlementOutcome outcome : committed.record().outcomes()) {
                    PurchaseOrder order = current.get(outcome.tradeId());
                    // The details the trade was built from, unless they changed since (they do not while it settles).
                    OrderDetails d = order.detailsVersion() == byTrade.get(order.id()).detailsVersion()
                            ? details.get(order.id()) : orderService.details(order);
                    apply(outcome, order, d, byOrder.get(outcome.tradeId()), committed, books);
                }
                books.write();
                return null;
            });
        } catch (RuntimeException e) {
            // The ledger holds the trades; the next attempt finds them ALREADY_SETTLED and posts the books then.
            byTrade.keySet().forEach(id -> retryLater(byOrder.get(id), e));
        } finally {
            posting.unlock();
        }
    }

    /** Marks paid orders SETTLING and answers those the ledger still has to settle; the others' items are done. */
    private List<PurchaseOrder> submitted(Map<String, OrderRepositories.OutboxItem> byOrder) {
        List<PurchaseOrder> open = new ArrayList<>();
        Books books = new Books();
        for (PurchaseOrder order : orders.findByIdIn(byOrder.keySet())) {
            if (order.status() == OrderStatus.PAID) {
                PurchaseOrder settling = order.settling();
                books.change(settling, OrderStatus.PAID, "submitted to the ledger");
                order = settling;
            }
            if (order.status() == OrderStatus.SETTLING || order.status() == OrderStatus.SETTLED && order.certificateId() == null) {
                open.add(order);
            } else {
                books.finish(byOrder.get(order.id()), "DONE", null);
            }
        }
        books.write();
        return open;
    }

    /** Posts one settlement's outcome to the batch's books, written in the batch's database transaction. */
    private void apply(SettlementOutcome outcome, PurchaseOrder order, OrderDetails details, OrderRepositories.OutboxItem item,
                       Committed<SettlementBatchResult> committed, Books books) {
        if (outcome.onLedger()) {
            if (order.status() == OrderStatus.SETTLING) {
                long block = outcome.tradeTxId().equals(committed.transactionId()) ? committed.blockNumber()
                        : ledger.blockOf(outcome.tradeTxId());
                release(order, details, books);
                books.change(order.settled(outcome.tradeTxId(), block).withCertificate(outcome.certificateId()),
                        OrderStatus.SETTLING, "settled on the ledger in transaction " + outcome.tradeTxId() + ", block " + block
                        + (outcome.result() == SettlementOutcome.Result.ALREADY_SETTLED ? " (found already recorded)" : ""));
            } else if (order.status() == OrderStatus.SETTLED && order.certificateId() == null) {
                books.change(order.withCertificate(outcome.certificateId()), null, null);
            }
            books.finish(item, "DONE", null);
            return;
        }
        if (order.status() == OrderStatus.SETTLING && order.transactionId() == null) {
            // The ledger refuses the trade for good: cancel it and give the buyer the money back, saying why.
            if (order.amountMinor() > 0) {
                books.movements.add(new Wallets.Movement("REFUND", "order " + order.id(), "settlement", order.currency(), List.of(
                        new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.ESCROW, -order.amountMinor()),
                        new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.AVAILABLE, order.amountMinor()))));
            }
            PurchaseOrder refunded = order.refusedByLedger("the ledger refused the trade: " + outcome.message());
            books.change(refunded, OrderStatus.SETTLING, refunded.failureReason());
        } else {
            LOG.error("the ledger refused the certificate of settled order {}: {}", order.id(), outcome.message());
        }
        books.finish(item, "FAILED", outcome.message());
    }

    /**
     * What one batch writes to the database, gathered so that each table gets one batched statement: the wallet
     * movements, the orders, their transitions (with the audit log) and the outbox items.
     */
    private final class Books {
        final List<Wallets.Movement> movements = new ArrayList<>();
        final List<PurchaseOrder> changed = new ArrayList<>();
        final List<OrderService.StatusChange> transitions = new ArrayList<>();
        final List<OrderRepositories.OutboxItem> finished = new ArrayList<>();

        /** An order's new state; with a reason, also a transition from {@code from} to its status. */
        void change(PurchaseOrder order, OrderStatus from, String reason) {
            changed.add(order);
            if (reason != null) {
                transitions.add(new OrderService.StatusChange(order.id(), from, order.status(), reason));
            }
        }

        void finish(OrderRepositories.OutboxItem item, String state, String error) {
            finished.add(new OrderRepositories.OutboxItem(item.orderId(), state, item.attempts() + 1, Instant.now(),
                    error == null ? null : limit(error), item.createdAt()));
        }

        void write() {
            if (!movements.isEmpty()) {
                wallets.postAll(wallets.withOwedRecovered(movements)); // revenue pays off what a party owes first
            }
            if (!changed.isEmpty()) {
                orders.updateAll(changed);
            }
            orderService.recordAll(transitions, "settlement");
            if (!finished.isEmpty()) {
                outbox.updateAll(finished);
            }
        }
    }

    private void retryLater(OrderRepositories.OutboxItem item, Throwable failure) {
        int attempts = item.attempts() + 1;
        Duration backoff = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(attempts, 12)));
        String reason = failure instanceof LedgerException ? failure.getMessage() : failure.toString();
        LOG.warn("settlement of order {} failed (attempt {}), retrying in {} ms: {}", item.orderId(), attempts, backoff.toMillis(), reason);
        tx.executeWrite(s -> {
            outbox.update(new OrderRepositories.OutboxItem(item.orderId(), "PENDING", attempts, Instant.now().plus(backoff),
                    limit(reason), item.createdAt()));
            return null;
        });
    }

    private static String limit(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private void release(PurchaseOrder order, OrderDetails d, Books books) {
        if (order.amountMinor() == 0) {
            return;
        }
        List<Wallets.Posting> postings = new ArrayList<>();
        postings.add(new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.ESCROW, -order.amountMinor()));
        for (RevenueSplit.Line line : d.split()) {
            if (line.amountMinor() > 0) {
                postings.add(new Wallets.Posting(revenueOwner(line.party()), Wallets.Kind.REVENUE, line.amountMinor()));
            }
        }
        books.movements.add(new Wallets.Movement(Wallets.EARNED, "order " + order.id(), "settlement", order.currency(), postings));
    }

    /** Revenue goes to the organisation with that credit code when there is one, else to the party id itself. */
    private String revenueOwner(String party) {
        return directory.holderOf(party).orElse(party);
    }

    /** The trade an order records on the ledger; its id is the order's, which makes recording idempotent. */
    public TradeRequest tradeRequest(PurchaseOrder order, OrderDetails d) {
        return tradeRequest(order, d, new HashMap<>());
    }

    private TradeRequest tradeRequest(PurchaseOrder order, OrderDetails d, Map<List<String>, String> digests) {
        String buyer = directory.creditCodeOf(order.buyerOrgId());
        String seller = d.split().get(0).party();
        List<SplitLine> lines = d.split().stream().map(l -> new SplitLine(l.party(), l.role(), l.amountMinor())).toList();
        OrderDetails.Gates g = d.gates();
        String securityRef = g.securityAgreementHash() == null ? null
                : "DSA:" + g.securityAgreementHash() + "@" + g.securityAgreementAcceptedAt();
        return new TradeRequest(order.id(), order.id(), order.productId(), order.productVersion(),
                digests.computeIfAbsent(List.of(order.productId(), order.productVersion()),
                        k -> catalogue.versionDigest(order.productId(), order.productVersion())), order.agreementHash(), buyer, seller,
                order.amountMinor(), order.currency(), lines, d.buyerLocation(), d.scenario().location(),
                new Approvals(g.regulatorApprovalRef(), securityRef, g.exportAssessmentRef()));
    }

    /**
     * The licence certificate (交易凭证); its term starts when the order was paid (a subscription: one period; a recurring
     * charge: the window it pays for), so a retry issues the same one.
     */
    public LicenceCertificate certificate(PurchaseOrder order, OrderDetails d) {
        return certificate(order, d, tradeRequest(order, d));
    }

    private static LicenceCertificate certificate(PurchaseOrder order, OrderDetails d, TradeRequest t) {
        org.dataexchange.marketplace.order.LicenceWindow term = d.termFrom(order.paidAt());
        return new LicenceCertificate("CERT-" + order.id(), order.id(), order.productId(), order.productVersion(),
                t.contentDigest(), order.agreementHash(), t.buyerId(), t.sellerId(),
                GrantedRight.valueOf(d.terms().right().name()),
                d.terms().permittedActions().stream().map(a -> a.name().toLowerCase(Locale.ROOT)).toList(),
                term.from(), term.until());
    }
}
