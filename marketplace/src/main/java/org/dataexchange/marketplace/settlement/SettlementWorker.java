package org.dataexchange.marketplace.settlement;

import org.dataexchange.marketplace.order.SettlementQueue;
import org.dataexchange.marketplace.order.OrderBook;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.dataexchange.ledger.trade.Settlement;
import org.dataexchange.ledger.trade.SettlementBatchResult;
import org.dataexchange.ledger.trade.SettlementOutcome;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.OrderTransition;
import org.dataexchange.marketplace.order.RevenueSplit;
import org.dataexchange.marketplace.order.PurchaseOrder;
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

    private final SettlementQueue outbox;
    private final OrderBook orders;
    private final OrderService orderService;
    private final OrderSettlement onLedger;
    private final Wallets wallets;
    private final SettlementClient ledger;
    private final TransactionOperations<Connection> tx;
    private final boolean enabled;
    /** How long a claimed batch belongs to its worker; a crashed worker's batches are due again after it. */
    private final Duration lease;
    private final org.dataexchange.marketplace.BooksOnDisk booksOnDisk;
    /** On PostgreSQL a batch is claimed with FOR UPDATE SKIP LOCKED ({@link #claim()}). */
    private final boolean skipLocked;
    /**
     * Batches post to the books one at a time: every batch credits the same merchant and platform accounts, and two
     * transactions locking them in different orders would deadlock.
     */
    private final ReentrantLock posting = new ReentrantLock();
    private final RecurringTask rounds = new RecurringTask("settlement-worker");

    /**
     * Zero, except in the crash test ({@code test.settlement.pause-after-ledger-commit}): it widens the moment between the
     * ledger's commit and the books' posting from milliseconds to something a kill from outside can aim at.
     */
    private final Duration pauseAfterCommit;

    SettlementWorker(SettlementQueue outbox, OrderBook orders, OrderService orderService,
                            OrderSettlement onLedger, Wallets wallets,
                            SettlementClient ledger, TransactionOperations<Connection> tx,
                            SettlementSettings settings,
                            org.dataexchange.marketplace.BooksOnDisk booksOnDisk,
                            org.dataexchange.marketplace.Database database,
                            @io.micronaut.context.annotation.Value("${test.settlement.pause-after-ledger-commit:0s}")
                            Duration pauseAfterCommit) {
        this.enabled = settings.workerEnabled();
        this.pauseAfterCommit = pauseAfterCommit;
        this.skipLocked = database.isPostgres();
        this.lease = settings.lease();
        this.booksOnDisk = booksOnDisk;
        this.outbox = outbox;
        this.orders = orders;
        this.orderService = orderService;
        this.onLedger = onLedger;
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
     * itself locks the whole backlog before the limit applies.) On PostgreSQL the due query itself locks, skipping
     * rows another worker has locked, and the limit applies first.
     */
    private List<OrderRepositories.OutboxItem> claim() {
        if (skipLocked) {
            // PostgreSQL: the due items no other worker holds, locked and leased in one transaction.
            return tx.executeWrite(s -> {
                Instant now = Instant.now();
                List<OrderRepositories.OutboxItem> mine = outbox.lockDueSkippingLocked(now, BATCH);
                Instant leaseUntil = now.plus(lease);
                outbox.recordAll(mine.stream().map(i -> i.leasedUntil(leaseUntil)).toList());
                return mine;
            });
        }
        List<OrderRepositories.OutboxItem> due = outbox.due(Instant.now(), BATCH);
        if (due.isEmpty()) {
            return due;
        }
        return tx.executeWrite(s -> {
            Instant now = Instant.now();
            List<OrderRepositories.OutboxItem> still = outbox.lock(due.stream().map(OrderRepositories.OutboxItem::orderId).toList())
                    .stream().filter(i -> i.state() == OrderRepositories.OutboxItem.State.PENDING && !i.nextAttemptAt().isAfter(now)).toList();
            Instant leaseUntil = now.plus(lease);
            outbox.recordAll(still.stream().map(i -> i.leasedUntil(leaseUntil)).toList());
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
                settlements.add(onLedger.settlement(order, d, digests));
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
        Map<String, Long> blocks;
        try {
            committed = ledger.settleTrades(settlements).join();
            // Everything the books need from the ledger is asked here, before the posting lock and outside the books'
            // transaction, so that neither waits on the ledger.
            blocks = blocksOfEarlierTrades(committed, byTrade);
        } catch (CompletionException | LedgerException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            byTrade.keySet().forEach(id -> retryLater(byOrder.get(id), cause));
            return;
        }
        pauseAfterCommit();
        posting.lock();
        try {
            tx.executeWrite(s -> {
                Map<String, PurchaseOrder> current = new HashMap<>();
                orders.findAll(byTrade.keySet()).forEach(o -> current.put(o.id(), o));
                Books books = new Books();
                for (SettlementOutcome outcome : committed.record().outcomes()) {
                    PurchaseOrder order = current.get(outcome.tradeId());
                    // The details the trade was built from, unless they changed since (they do not while it settles).
                    OrderDetails d = order.detailsVersion() == byTrade.get(order.id()).detailsVersion()
                            ? details.get(order.id()) : orderService.details(order);
                    apply(outcome, order, d, byOrder.get(outcome.tradeId()), committed, blocks, books);
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

    private void pauseAfterCommit() {
        if (!pauseAfterCommit.isZero()) {
            try {
                Thread.sleep(pauseAfterCommit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The blocks of trades an earlier ledger transaction recorded (answered ALREADY_SETTLED) for orders still SETTLING:
     * their settled status names the block. Rare (a retry after a crash or an outage), so asked one by one.
     */
    private Map<String, Long> blocksOfEarlierTrades(Committed<SettlementBatchResult> committed, Map<String, PurchaseOrder> byTrade) {
        Map<String, Long> blocks = new HashMap<>();
        for (SettlementOutcome outcome : committed.record().outcomes()) {
            PurchaseOrder submitted = byTrade.get(outcome.tradeId());
            if (outcome.onLedger() && !outcome.tradeTxId().equals(committed.transactionId()) && submitted != null
                    && submitted.status() == OrderStatus.SETTLING && !blocks.containsKey(outcome.tradeTxId())) {
                blocks.put(outcome.tradeTxId(), ledger.blockOf(outcome.tradeTxId()));
            }
        }
        return blocks;
    }

    /**
     * Moves paid orders to SETTLING and answers those the ledger still has to settle (also settled orders awaiting their
     * certificate); the others' requests are done.
     */
    private List<PurchaseOrder> submitted(Map<String, OrderRepositories.OutboxItem> byOrder) {
        List<PurchaseOrder> open = new ArrayList<>();
        Books books = new Books();
        for (PurchaseOrder order : orders.findAll(byOrder.keySet())) {
            if (order.status() == OrderStatus.PAID) {
                books.move(order, new OrderTransition.Settling(), "submitted to the ledger");
            } else if (order.status() == OrderStatus.SETTLING || order.awaitingCertificate()) {
                open.add(order);
            } else {
                books.finish(byOrder.get(order.id()), null);
            }
        }
        open.addAll(books.write());
        return open;
    }

    /** Posts one settlement's outcome to the batch's books, written in the batch's database transaction. */
    private void apply(SettlementOutcome outcome, PurchaseOrder order, OrderDetails details, OrderRepositories.OutboxItem item,
                       Committed<SettlementBatchResult> committed, Map<String, Long> blocks, Books books) {
        if (outcome.onLedger()) {
            if (order.status() == OrderStatus.SETTLING) {
                long block = outcome.tradeTxId().equals(committed.transactionId()) ? committed.blockNumber()
                        : blocks.get(outcome.tradeTxId());
                release(order, details, books);
                books.move(order, new OrderTransition.Settled(outcome.tradeTxId(), block, outcome.certificateId()),
                        "settled on the ledger in transaction " + outcome.tradeTxId() + ", block " + block
                        + (outcome.result() == SettlementOutcome.Result.ALREADY_SETTLED ? " (found already recorded)" : ""));
            } else if (order.awaitingCertificate() && outcome.certificateId() != null) {
                books.move(order, new OrderTransition.Certified(outcome.certificateId()), null);
            }
            books.finish(item, null);
            return;
        }
        if (order.status() == OrderStatus.SETTLING && order.transactionId() == null) {
            // The ledger refuses the trade for good: cancel it and give the buyer the money back, saying why.
            if (order.amountMinor() > 0) {
                books.movements.add(new Wallets.Movement("REFUND", "order " + order.id(), "settlement", order.currency(), List.of(
                        new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.ESCROW, -order.amountMinor()),
                        new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.AVAILABLE, order.amountMinor()))));
            }
            String reason = "the ledger refused the trade: " + outcome.message();
            books.move(order, new OrderTransition.RefusedByLedger(reason), reason);
        } else {
            LOG.error("the ledger refused the certificate of settled order {}: {}", order.id(), outcome.message());
        }
        books.finish(item, outcome.message());
    }

    /**
     * What one batch writes to the database, gathered so that each table gets one batched statement: the wallet
     * movements, the orders' moves (with their transitions and the audit log) and the settlement requests.
     */
    private final class Books {
        final List<Wallets.Movement> movements = new ArrayList<>();
        final List<OrderService.Step> moves = new ArrayList<>();
        final List<OrderRepositories.OutboxItem> finished = new ArrayList<>();

        /** An order's move by one of its transitions; the reason is recorded when its status changes. */
        void move(PurchaseOrder order, OrderTransition transition, String reason) {
            moves.add(new OrderService.Step(order, transition, reason));
        }

        /** The request is done, or with a refusal, failed for good. */
        void finish(OrderRepositories.OutboxItem item, String refusal) {
            Instant now = Instant.now();
            finished.add(refusal == null ? item.done(now) : item.failed(now, refusal));
        }

        /** Writes the batch; answers the orders as moved. */
        List<PurchaseOrder> write() {
            if (!movements.isEmpty()) {
                wallets.postAll(wallets.withOwedRecovered(movements)); // revenue pays off what a party owes first
            }
            List<PurchaseOrder> moved = orderService.applyAll(moves, "settlement");
            if (!finished.isEmpty()) {
                outbox.recordAll(finished);
            }
            return moved;
        }
    }

    private void retryLater(OrderRepositories.OutboxItem item, Throwable failure) {
        int attempts = item.attempts() + 1;
        Duration backoff = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(attempts, 12)));
        String reason = failure instanceof LedgerException ? failure.getMessage() : failure.toString();
        LOG.warn("settlement of order {} failed (attempt {}), retrying in {} ms: {}", item.orderId(), attempts, backoff.toMillis(), reason);
        tx.executeWrite(s -> {
            outbox.record(item.retryAt(Instant.now().plus(backoff), reason));
            return null;
        });
    }

    private void release(PurchaseOrder order, OrderDetails d, Books books) {
        if (order.amountMinor() == 0) {
            return;
        }
        List<Wallets.Posting> postings = new ArrayList<>();
        postings.add(new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.ESCROW, -order.amountMinor()));
        for (RevenueSplit.Line line : d.split()) {
            if (line.amountMinor() > 0) {
                // The line names the wallet it pays; lines of orders placed before they did are looked up once here.
                postings.add(new Wallets.Posting(orderService.walletOwner(line), Wallets.Kind.REVENUE, line.amountMinor()));
            }
        }
        books.movements.add(new Wallets.Movement(Wallets.EARNED, "order " + order.id(), "settlement", order.currency(), postings));
    }
}
