package org.dataexchange.marketplace.settlement;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dataexchange.ledger.licence.CertificateStatus;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.order.SettlementQueue;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.LedgerException;
import org.dataexchange.settlementclient.SettlementClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The books check: finds trades the ledger holds that the books have not settled, on its own, at start and then
 * every {@code exchange.books-check.interval}; reports them (an ERROR in the log, the {@code books} health indicator,
 * the regulator's flags) and heals what is safe to heal.
 * <p>
 * Cheap on any ledger: it reads no ledger pages. Every trade the ledger commits reaches the books as an event
 * ({@link SettlementConfirmations}, exactly once, position kept in the database, so a database that lost commits
 * replays the events it lost); the check reads the confirmations of the last interval from where it stopped, joined
 * to their orders, and keeps the few it finds unbooked in {@code unbooked_trade}.
 * <p>
 * What it does with an unbooked trade, by the order's status in the books:
 * <ul>
 *   <li>settled (a transaction id): nothing is missing; the row is resolved;</li>
 *   <li>PAID or SETTLING: the buyer's money is in escrow; the settlement request is opened again if it was closed, and
 *       the worker books the trade the ledger answers ALREADY_SETTLED (the escrow pays the split; nothing is charged
 *       again);</li>
 *   <li>CREATED: the buyer's payment was committed and settled, then lost by the books: if the ledger's trade is the
 *       order's (amount, currency, buyer), the payment is taken once from the buyer's wallet, as paying would have, and
 *       the order settles as above; if the wallet cannot pay, it stays reported (a licence never goes unpaid
 *       silently);</li>
 *   <li>missing from the books, or AWAITING_APPROVAL, CANCELLED, REFUNDED without a transaction: nobody can tell from
 *       the books what the buyer agreed or whether to charge them; it stays reported until people settle it.</li>
 * </ul>
 */
@Singleton
public class UnbookedTrades {

    private static final Logger LOG = LoggerFactory.getLogger(UnbookedTrades.class);
    private static final Duration REMIND = Duration.ofMinutes(5);

    /** What is being done about an unbooked trade. */
    public enum State {
        /** The books will hold it shortly: the settlement worker books it. */
        HEALING,
        /** It needs people: the books cannot tell what to book. */
        UNHEALABLE,
        /** The books hold it now. */
        RESOLVED
    }

    @Serdeable
    @MappedEntity("unbooked_trade")
    public record UnbookedTrade(@Id String tradeId, String txId, long blockNumber, State state, @Nullable String booksStatus,
                                String detail, Instant foundAt, Instant checkedAt, @Nullable Instant resolvedAt) {

        UnbookedTrade checked(State next, @Nullable String status, String why) {
            Instant now = Instant.now();
            return new UnbookedTrade(tradeId, txId, blockNumber, next, status, limit(why), foundAt, now,
                    next == State.RESOLVED ? now : null);
        }
    }

    @MappedEntity("books_check")
    record Position(@Id int id, Instant checkedUntil) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Rows extends CrudRepository<UnbookedTrade, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Rows.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Rows {}

        List<UnbookedTrade> findByStateInOrderByFoundAt(List<State> states);

        long countByState(State state);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Positions extends CrudRepository<Position, Integer> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Positions.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Positions {}
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface ConfirmedTrades extends GenericRepository<SettlementConfirmations.Confirmation, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(ConfirmedTrades.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends ConfirmedTrades {}

        /** Trades the ledger confirmed in the window whose orders have no settlement transaction in the books. */
        @Query("SELECT c.* FROM settlement_confirmation c JOIN purchase_order o ON o.id = c.order_id"
                + " WHERE c.confirmed_at > :after AND c.confirmed_at <= :until AND o.transaction_id IS NULL")
        List<SettlementConfirmations.Confirmation> unbooked(Instant after, Instant until);
    }

    /** The counts the health indicator and the regulator see. */
    @Serdeable
    public record Summary(long healing, long unhealable, long resolved, @Nullable Instant lastCheckAt) {
        public long open() {
            return healing + unhealable;
        }

        /** As health details. */
        Map<String, Object> details() {
            return Map.of("unbookedTrades", open(), "healing", healing, "unhealable", unhealable, "healed", resolved,
                    "lastCheckAt", lastCheckAt == null ? "not yet" : lastCheckAt.toString());
        }
    }

    private final Rows rows;
    private final Positions positions;
    private final ConfirmedTrades confirmed;
    private final OrderBook orders;
    private final SettlementQueue outbox;
    private final OrderService orderService;
    private final OrganisationDirectory directory;
    private final SettlementClient ledger;
    private final TransactionOperations<Connection> tx;
    private final boolean enabled;
    private final Duration interval;
    private final Duration grace;
    private final RecurringTask rounds = new RecurringTask("books-check");
    private volatile Instant lastCheckAt;
    private volatile Summary latest = new Summary(0, 0, 0, null);
    private volatile Instant lastReminder = Instant.EPOCH;

    public UnbookedTrades(Rows rows, Positions positions, ConfirmedTrades confirmed, OrderBook orders,
                          SettlementQueue outbox, OrderService orderService, OrganisationDirectory directory,
                          SettlementClient ledger, TransactionOperations<Connection> tx,
                          SettlementSettings settings, BooksCheckSettings booksCheck) {
        this.rows = rows;
        this.positions = positions;
        this.confirmed = confirmed;
        this.orders = orders;
        this.outbox = outbox;
        this.orderService = orderService;
        this.directory = directory;
        this.ledger = ledger;
        this.tx = tx;
        this.enabled = settings.workerEnabled();
        this.interval = booksCheck.interval();
        this.grace = booksCheck.grace();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (enabled) {
            // The first round right after start: what the books lost while the exchange was down shows at once.
            rounds.start(Duration.ofSeconds(2), interval, this::check);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rounds.close();
    }

    /**
     * Records a trade the ledger confirmed for an order the books do not have at all (called by the event consumer in
     * its transaction, so it is recorded exactly when the event is).
     */
    void missingOrder(String tradeId, String txId, long blockNumber) {
        if (rows.existsById(tradeId)) {
            return;
        }
        Instant now = Instant.now();
        String detail = noSuchOrder(tradeId, txId, blockNumber);
        rows.save(new UnbookedTrade(tradeId, txId, blockNumber, State.UNHEALABLE, null, detail, now, now, null));
        LOG.error("BOOKS DIFFER FROM THE LEDGER: {}", detail);
        latest = new Summary(latest.healing(), latest.unhealable() + 1, latest.resolved(), latest.lastCheckAt());
    }

    /** One round: finds newly unbooked trades, then looks again at every open one. */
    public void check() {
        Instant until = Instant.now().minus(grace);
        Instant after = positions.findById(1).map(Position::checkedUntil).orElse(Instant.EPOCH);
        if (until.isAfter(after)) {
            tx.executeWrite(s -> {
                for (SettlementConfirmations.Confirmation c : confirmed.unbooked(after, until)) {
                    if (!rows.existsById(c.orderId())) {
                        Instant now = Instant.now();
                        rows.save(new UnbookedTrade(c.orderId(), c.txId(), c.blockNumber(), State.HEALING, null,
                                "found unbooked", now, now, null));
                    }
                }
                if (positions.existsById(1)) {
                    positions.update(new Position(1, until));
                } else {
                    positions.save(new Position(1, until));
                }
                return null;
            });
        }
        List<UnbookedTrade> open = rows.findByStateInOrderByFoundAt(List.of(State.HEALING, State.UNHEALABLE));
        for (UnbookedTrade row : open) {
            try {
                examine(row);
            } catch (RuntimeException e) {
                LOG.warn("books check: could not examine trade {}, trying again next round: {}", row.tradeId(), e.toString());
            }
        }
        lastCheckAt = Instant.now();
        Summary summary = summary();
        latest = summary;
        if (summary.unhealable() > 0 && Instant.now().isAfter(lastReminder.plus(REMIND))) {
            lastReminder = Instant.now();
            LOG.error("BOOKS DIFFER FROM THE LEDGER: {} trade(s) on the ledger cannot be booked without people (see GET"
                    + " /api/regulator/flags, unbookedTrades); {} being healed", summary.unhealable(), summary.healing());
        }
    }

    private void examine(UnbookedTrade row) {
        Optional<PurchaseOrder> found = orders.find(row.tradeId());
        if (found.isEmpty()) {
            keep(row, State.UNHEALABLE, null, noSuchOrder(row.tradeId(), row.txId(), row.blockNumber()));
            return;
        }
        PurchaseOrder order = found.get();
        if (order.transactionId() != null) {
            String how = row.state() == State.HEALING && row.detail().equals("found unbooked")
                    ? "booked late by the settlement worker" : "healed: " + row.detail();
            rows.update(row.checked(State.RESOLVED, order.status().name(), how + "; the books now hold it as " + order.status()
                    + " in transaction " + order.transactionId()));
            LOG.warn("books check: trade {} is in the books now ({}, transaction {})", row.tradeId(), order.status(),
                    order.transactionId());
            return;
        }
        switch (order.status()) {
            case PAID, SETTLING -> {
                reopenSettlement(order.id());
                keep(row, State.HEALING, order.status().name(), "the ledger holds the trade while the books have the order "
                        + order.status() + " with the price in escrow; the settlement worker books it (nothing is charged again)");
            }
            case CREATED -> payFromTheLedger(row, order);
            default -> keep(row, State.UNHEALABLE, order.status().name(), "the ledger recorded trade " + row.tradeId()
                    + " in transaction " + row.txId() + " but the books have the order " + order.status()
                    + " without a settlement; the buyer holds a ledger licence the books do not account for: it needs people");
        }
    }

    /** Opens the order's settlement request again if it was closed; an open one is the worker's, leased or due. */
    private void reopenSettlement(String orderId) {
        tx.executeWrite(s -> {
            Instant now = Instant.now();
            Optional<OrderRepositories.OutboxItem> item = outbox.find(orderId);
            if (item.isEmpty()) {
                outbox.request(OrderRepositories.OutboxItem.requested(orderId, now));
            } else if (item.get().state() != OrderRepositories.OutboxItem.State.PENDING) {
                outbox.record(item.get().reopened(now, "opened again by the books check: the trade is on the ledger"));
            }
            return null;
        });
    }

    private void payFromTheLedger(UnbookedTrade row, PurchaseOrder order) {
        Trade trade;
        try {
            trade = ledger.trade(order.id());
        } catch (LedgerException e) {
            keep(row, State.HEALING, order.status().name(), "waiting for the ledger to read trade " + order.id() + ": " + e.getMessage());
            return;
        }
        String buyer = directory.creditCodeOf(order.buyerOrgId());
        if (trade.request().amount() != order.amountMinor() || !trade.request().currency().equals(order.currency())
                || !trade.request().buyerId().equals(buyer)) {
            keep(row, State.UNHEALABLE, order.status().name(), "the ledger's trade " + order.id() + " (" + trade.request().amount()
                    + " " + trade.request().currency() + " from " + trade.request().buyerId() + ") is not the order the books"
                    + " hold (" + order.amountMinor() + " " + order.currency() + " from " + buyer + "); it needs people");
            return;
        }
        // The licence term starts when the buyer paid, as the ledger's certificate states; keeping it makes the worker's
        // settlement identical to the recorded one (ALREADY_SETTLED).
        Instant paidAt = certificateStart(order.id()).orElse(trade.recordedAt());
        String reason = "paid on recovery: the ledger recorded the trade in transaction " + trade.txId()
                + " while the books had lost the payment; charged once, licence from " + paidAt;
        try {
            if (orderService.payFoundOnLedger(order.id(), paidAt, reason)) {
                keep(row, State.HEALING, OrderStatus.PAID.name(), reason);
                LOG.warn("books check: order {} was CREATED in the books while its trade is on the ledger (transaction {});"
                        + " its payment of {} {} was taken again once and it settles now", order.id(), trade.txId(),
                        order.amountMinor(), order.currency());
            }
        } catch (ApiProblem refused) {
            keep(row, State.UNHEALABLE, order.status().name(), "the ledger recorded trade " + order.id() + " in transaction "
                    + trade.txId() + " but the books lost its payment and the buyer's wallet cannot pay it now ("
                    + refused.getMessage() + "); the licence is unpaid: it needs people");
        }
    }

    private Optional<Instant> certificateStart(String orderId) {
        try {
            CertificateStatus status = ledger.certificate(OrderSettlement.certificateIdOf(orderId));
            return Optional.ofNullable(status.issued()).map(i -> i.certificate().validFrom());
        } catch (LedgerException notIssued) {
            return Optional.empty();
        }
    }

    /** Records what the round found; an ERROR the first time a trade is found unhealable. */
    private void keep(UnbookedTrade row, State state, @Nullable String booksStatus, String detail) {
        if (state == State.UNHEALABLE && (row.state() != State.UNHEALABLE || !row.detail().equals(limit(detail)))) {
            LOG.error("BOOKS DIFFER FROM THE LEDGER: {}", detail);
        }
        rows.update(row.checked(state, booksStatus, detail));
    }

    private static String noSuchOrder(String tradeId, String txId, long blockNumber) {
        return "the ledger recorded trade " + tradeId + " in transaction " + txId + " (block " + blockNumber
                + ") but the books have no such order; it cannot be healed from the books and needs people";
    }

    private static String limit(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** Open and resolved counts, and when the last round ended. */
    public Summary summary() {
        return new Summary(rows.countByState(State.HEALING), rows.countByState(State.UNHEALABLE),
                rows.countByState(State.RESOLVED), lastCheckAt);
    }

    /** Every trade the check found, open ones first. */
    public List<UnbookedTrade> all() {
        List<UnbookedTrade> open = rows.findByStateInOrderByFoundAt(List.of(State.HEALING, State.UNHEALABLE));
        List<UnbookedTrade> resolved = rows.findByStateInOrderByFoundAt(List.of(State.RESOLVED));
        return java.util.stream.Stream.concat(open.stream(), resolved.stream()).toList();
    }

    /** The counts of the last round. */
    public Summary latest() {
        return latest;
    }
}
