package org.dataexchange.marketplace.settlement;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.dataexchange.ledger.SettlementContract;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.licence.Revocation;
import org.dataexchange.ledger.trade.SettlementBatchResult;
import org.dataexchange.ledger.trade.SettlementOutcome;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.settlementclient.EventCheckpointer;
import org.dataexchange.settlementclient.EventSubscription;
import org.dataexchange.settlementclient.LedgerEvent;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * What the ledger tells the books, from its own events, independently of the worker that submitted the trades: each
 * event and the stream position are stored in one database transaction, so across restarts every event is processed
 * exactly once (a database that lost commits replays the events it lost).
 * <ul>
 *   <li>TradeSettled and TradesSettled confirm settlements: the confirmations feed the books check ({@link
 *       UnbookedTrades}), the reconciliation that runs on its own and finds trades the books have not settled; a trade
 *       whose order the books do not have at all is reported at once;</li>
 *   <li>LicenceRevoked marks the order's licence revoked in the books, whoever revoked it, so that delivery refuses
 *       access from the books without asking the ledger on each download or call.</li>
 * </ul>
 */
@Singleton
class SettlementConfirmations implements EventCheckpointer {

    private static final String CONSUMER = "settlement-confirmations";

    @MappedEntity("ledger_event_checkpoint")
    public record Checkpoint(@Id String consumer, long blockNumber, String txId) {}

    @MappedEntity("settlement_confirmation")
    public record Confirmation(@Id String orderId, String txId, long blockNumber, Instant confirmedAt) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Checkpoints extends CrudRepository<Checkpoint, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Checkpoints.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Checkpoints {}

        /** The consumer's position, locked until the caller's transaction ends: one instance processes at a time. */
        @io.micronaut.data.annotation.Query("SELECT * FROM ledger_event_checkpoint WHERE consumer = :consumer FOR UPDATE")
        Optional<Checkpoint> lock(String consumer);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Confirmations extends CrudRepository<Confirmation, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Confirmations.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Confirmations {}
    }

    private final Checkpoints checkpoints;
    private final Confirmations confirmations;
    private final OrderBook orders;
    private final SettlementClient ledger;
    private final TransactionOperations<Connection> tx;
    private final boolean enabled;
    private final UnbookedTrades unbooked;
    private final org.dataexchange.marketplace.order.OrderService orderService;
    private EventSubscription subscription;

    public SettlementConfirmations(Checkpoints checkpoints, Confirmations confirmations,
                                   OrderBook orders, SettlementClient ledger,
                                   TransactionOperations<Connection> tx,
                                   SettlementSettings settings,
                                   UnbookedTrades unbooked, org.dataexchange.marketplace.order.OrderService orderService) {
        this.unbooked = unbooked;
        this.orderService = orderService;
        this.checkpoints = checkpoints;
        this.confirmations = confirmations;
        this.orders = orders;
        this.ledger = ledger;
        this.tx = tx;
        this.enabled = settings.workerEnabled();
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        if (enabled) {
            subscription = ledger.subscribe(0, this, this::confirm);
        }
    }

    @Override
    public Optional<Position> position() {
        // Block -1: the row V45 made so that instances have a row to lock before the first event.
        return checkpoints.findById(CONSUMER).filter(c -> c.blockNumber() >= 0).map(c -> new Position(c.blockNumber(), c.txId()));
    }

    /**
     * Runs the handler and moves the one checkpoint, under that row's lock. Every instance's subscription sees every
     * event; the lock makes them take turns, an event of a block before the checkpoint's was processed by another
     * instance and is passed over, and the checkpoint never moves back. Events of the checkpoint's own block may be
     * handled again, which the handlers allow (each records a confirmation or a revocation once).
     */
    @Override
    public void process(LedgerEvent event, Consumer<LedgerEvent> handler) {
        tx.executeWrite(status -> {
            Optional<Checkpoint> held = checkpoints.lock(CONSUMER);
            if (held.isPresent() && held.get().blockNumber() > event.blockNumber()) {
                return null;
            }
            handler.accept(event);
            Checkpoint next = new Checkpoint(CONSUMER, event.blockNumber(), event.transactionId());
            if (held.isPresent()) {
                checkpoints.update(next);
            } else {
                checkpoints.save(next);
            }
            return null;
        });
    }

    private void confirm(LedgerEvent event) {
        if (SettlementContract.EVENT_TRADE_SETTLED.equals(event.name())) {
            confirm(tradeIdOf(event.payload()), event);
        } else if (SettlementContract.EVENT_TRADES_SETTLED.equals(event.name())) {
            // Only trades this transaction recorded: one found ALREADY_SETTLED was confirmed by its own event.
            CanonicalJson.readStored(event.payload().getBytes(StandardCharsets.UTF_8), SettlementBatchResult.class).outcomes()
                    .stream().filter(o -> o.result() == SettlementOutcome.Result.SETTLED)
                    .forEach(o -> confirm(o.tradeId(), event));
        } else if (SettlementContract.EVENT_LICENCE_REVOKED.equals(event.name())) {
            Revocation revocation = CanonicalJson.readStored(event.payload().getBytes(StandardCharsets.UTF_8), Revocation.class);
            OrderSettlement.orderIdOf(revocation.request().certificateId()).ifPresent(orderService::markLicenceRevoked);
        }
    }

    private void confirm(String tradeId, LedgerEvent event) {
        if (tradeId == null) {
            return;
        }
        if (!orders.exists(tradeId)) {
            // A trade the books do not have at all: reported loudly, with the event, exactly once.
            unbooked.missingOrder(tradeId, event.transactionId(), event.blockNumber());
        } else if (!confirmations.existsById(tradeId)) {
            confirmations.save(new Confirmation(tradeId, event.transactionId(), event.blockNumber(), Instant.now()));
        }
    }

    /** The trade id of a TradeSettled payload ({"request":{..."tradeId":"..."}}). */
    private static String tradeIdOf(String payload) {
        int at = payload.indexOf("\"tradeId\":\"");
        if (at < 0) {
            return null;
        }
        int start = at + "\"tradeId\":\"".length();
        return payload.substring(start, payload.indexOf('"', start));
    }

    public Optional<Confirmation> confirmation(String orderId) {
        return confirmations.findById(orderId);
    }

    @PreDestroy
    public void stop() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
