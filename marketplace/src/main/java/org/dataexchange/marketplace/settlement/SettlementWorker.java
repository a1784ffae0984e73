package org.dataexchange.marketplace.settlement;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.dataexchange.ledger.licence.GrantedRight;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationRepository;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.LedgerException;
import org.dataexchange.settlementclient.SettlementClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the settlement outbox: records each paid order's trade on the ledger, releases the escrow by the
 * split, issues the licence certificate and marks the order settled with the transaction and block. The trade
 * id is the order id and the ledger answers a repeat with the original transaction, so a crash or a retry at
 * any point records the trade exactly once. A ledger refusal cancels the trade and refunds the buyer with the
 * ledger's reason; an outage or a conflict is retried with backoff.
 */
@Singleton
public class SettlementWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementWorker.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int BATCH = 128;

    private final OrderRepositories.Outbox outbox;
    private final OrderRepositories.Orders orders;
    private final OrderService orderService;
    private final CatalogueService catalogue;
    private final OrganisationRepository organisations;
    private final Wallets wallets;
    private final SettlementClient ledger;
    private final TransactionOperations<Connection> tx;
    private final boolean enabled;

    public SettlementWorker(OrderRepositories.Outbox outbox, OrderRepositories.Orders orders, OrderService orderService,
                            CatalogueService catalogue, OrganisationRepository organisations, Wallets wallets,
                            SettlementClient ledger, TransactionOperations<Connection> tx,
                            @io.micronaut.context.annotation.Value("${exchange.settlement.worker-enabled:true}") boolean enabled) {
        this.enabled = enabled;
        this.outbox = outbox;
        this.orders = orders;
        this.orderService = orderService;
        this.catalogue = catalogue;
        this.organisations = organisations;
        this.wallets = wallets;
        this.ledger = ledger;
        this.tx = tx;
    }

    /** Settles what is due; runs every 100 ms and returns how many items it handled. */
    @Scheduled(fixedDelay = "100ms", initialDelay = "1s")
    public int drain() {
        if (!enabled) {
            return 0;
        }
        int handled = 0;
        List<OrderRepositories.OutboxItem> due;
        do {
            // Keep draining while there is a full batch waiting: under load the next batch is already due.
            due = outbox.due(Instant.now(), BATCH);
            List<java.util.concurrent.CompletableFuture<Void>> running = new ArrayList<>();
            for (OrderRepositories.OutboxItem item : due) {
                Instant now = Instant.now();
                if (outbox.claim(item.orderId(), now, now.plus(LEASE)) == 1) {
                    // Settle in parallel: the ledger commits many trades per block; one at a time would waste it.
                    running.add(java.util.concurrent.CompletableFuture.runAsync(() -> settle(item), VIRTUAL));
                    handled++;
                }
            }
            running.forEach(java.util.concurrent.CompletableFuture::join);
        } while (due.size() == BATCH);
        return handled;
    }

    private static final java.util.concurrent.Executor VIRTUAL = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private void settle(OrderRepositories.OutboxItem item) {
        PurchaseOrder order = orders.findById(item.orderId()).orElseThrow();
        try {
            if (order.status() == OrderStatus.PAID) {
                order = tx.executeWrite(s -> {
                    PurchaseOrder current = orders.findById(item.orderId()).orElseThrow();
                    return current.status() == OrderStatus.PAID ? transition(current, OrderStatus.SETTLING, "submitted to the ledger")
                            : current;
                });
            }
            OrderDetails d = orderService.details(order);
            if (order.status() == OrderStatus.SETTLING) {
                Committed<org.dataexchange.ledger.trade.Trade> trade = ledger.recordTrade(tradeRequest(order, d)).join();
                PurchaseOrder settling = order;
                order = tx.executeWrite(s -> {
                    PurchaseOrder current = orders.findById(settling.id()).orElseThrow();
                    if (current.status() != OrderStatus.SETTLING) {
                        return current;
                    }
                    release(current, d);
                    PurchaseOrder settled = current.settled(trade.transactionId(), trade.blockNumber());
                    orders.update(settled);
                    record(settled.id(), OrderStatus.SETTLING, OrderStatus.SETTLED, "settled on the ledger in transaction "
                            + trade.transactionId() + ", block " + trade.blockNumber() + (trade.alreadyRecorded() ? " (found already recorded)" : ""));
                    return settled;
                });
            }
            if (order.status() == OrderStatus.SETTLED && order.certificateId() == null) {
                LicenceCertificate cert = certificate(order, d);
                ledger.issueCertificate(cert).join();
                PurchaseOrder settled = order;
                tx.executeWrite(s -> {
                    orders.update(orders.findById(settled.id()).orElseThrow().withCertificate(cert.certificateId()));
                    return null;
                });
            }
            tx.executeWrite(s -> {
                outbox.update(new OrderRepositories.OutboxItem(item.orderId(), "DONE", item.attempts() + 1, Instant.now(), null,
                        item.createdAt()));
                return null;
            });
        } catch (CompletionException e) {
            handle(item, order, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            handle(item, order, e);
        }
    }

    private void handle(OrderRepositories.OutboxItem item, PurchaseOrder order, Throwable failure) {
        if (failure instanceof ContractRefusedException refused && order.status() == OrderStatus.SETTLING
                && order.certificateId() == null && order.transactionId() == null) {
            // The ledger refuses the trade for good: cancel it and give the buyer the money back, saying why.
            tx.executeWrite(s -> {
                PurchaseOrder current = orders.findById(order.id()).orElseThrow();
                if (current.status() == OrderStatus.SETTLING) {
                    if (current.amountMinor() > 0) {
                        wallets.post("REFUND", "order " + current.id(), "settlement", current.currency(), List.of(
                                new Wallets.Posting(current.buyerOrgId(), Wallets.Kind.ESCROW, -current.amountMinor()),
                                new Wallets.Posting(current.buyerOrgId(), Wallets.Kind.AVAILABLE, current.amountMinor())));
                    }
                    PurchaseOrder refunded = current.failed(OrderStatus.REFUNDED, "the ledger refused the trade: " + refused.getMessage());
                    orders.update(refunded);
                    record(current.id(), OrderStatus.SETTLING, OrderStatus.REFUNDED, refunded.failureReason());
                }
                outbox.update(new OrderRepositories.OutboxItem(item.orderId(), "FAILED", item.attempts() + 1, Instant.now(),
                        refused.getMessage(), item.createdAt()));
                return null;
            });
            return;
        }
        int attempts = item.attempts() + 1;
        Duration backoff = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(attempts, 12)));
        String reason = failure instanceof LedgerException ? failure.getMessage() : failure.toString();
        LOG.warn("settlement of order {} failed (attempt {}), retrying in {} ms: {}", item.orderId(), attempts, backoff.toMillis(), reason);
        tx.executeWrite(s -> {
            outbox.update(new OrderRepositories.OutboxItem(item.orderId(), "PENDING", attempts, Instant.now().plus(backoff),
                    reason.length() > 2000 ? reason.substring(0, 2000) : reason, item.createdAt()));
            return null;
        });
    }

    private void release(PurchaseOrder order, OrderDetails d) {
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
        wallets.post("SETTLEMENT", "order " + order.id(), "settlement", order.currency(), postings);
    }

    /** Revenue goes to the organisation with that credit code when there is one, else to the party id itself. */
    private String revenueOwner(String party) {
        return organisations.findByCreditCode(party).map(Organisation::id).orElse(party);
    }

    /** The trade an order records on the ledger; its id is the order's, which makes recording idempotent. */
    public TradeRequest tradeRequest(PurchaseOrder order, OrderDetails d) {
        String buyer = organisations.findById(order.buyerOrgId()).orElseThrow().creditCode();
        String seller = d.split().get(0).party();
        List<SplitLine> lines = d.split().stream().map(l -> new SplitLine(l.party(), l.role(), l.amountMinor())).toList();
        OrderDetails.Gates g = d.gates();
        String securityRef = g.securityAgreementHash() == null ? null
                : "DSA:" + g.securityAgreementHash() + "@" + g.securityAgreementAcceptedAt();
        return new TradeRequest(order.id(), order.id(), order.productId(), order.productVersion(),
                catalogue.versionDigest(order.productId(), order.productVersion()), order.agreementHash(), buyer, seller,
                order.amountMinor(), order.currency(), lines, d.buyerLocation(), d.scenario().location(),
                new Approvals(g.regulatorApprovalRef(), securityRef, g.exportAssessmentRef()));
    }

    /** The licence certificate (交易凭证); its term starts when the order was paid, so a retry issues the same one. */
    public LicenceCertificate certificate(PurchaseOrder order, OrderDetails d) {
        TradeRequest t = tradeRequest(order, d);
        Instant from = d.paidAt();
        return new LicenceCertificate("CERT-" + order.id(), order.id(), order.productId(), order.productVersion(),
                t.contentDigest(), order.agreementHash(), t.buyerId(), t.sellerId(),
                GrantedRight.valueOf(d.terms().right().name()),
                d.terms().permittedActions().stream().map(a -> a.name().toLowerCase(Locale.ROOT)).toList(),
                from, from.plus(Duration.ofDays(d.terms().termDays())));
    }

    private PurchaseOrder transition(PurchaseOrder order, OrderStatus next, String reason) {
        PurchaseOrder changed = order.withStatus(next);
        orders.update(changed);
        record(order.id(), order.status(), next, reason);
        return changed;
    }

    private void record(String orderId, OrderStatus from, OrderStatus to, String reason) {
        orderService.record(orderId, from, to, "settlement", reason);
    }
}
