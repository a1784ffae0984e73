package org.dataexchange.marketplace.settlement;

import org.dataexchange.marketplace.order.OrderBook;
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
    public interface Checkpoints extends CrudRepository<Checkpoint, String> {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Confirmations extends CrudRepository<Confirmation, String> {}

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
        return checkpoints.findById(CONSUMER).map(c -> new Position(c.blockNumber(), c.txId()));
    }

    @Override
    public void process(LedgerEvent event, Consumer<LedgerEvent> handler) {
        tx.executeWrite(status -> {
            handler.accept(event);
            Checkpoint next = new Checkpoint(CONSUMER, event.blockNumber(), event.transactionId());
            if (checkpoints.existsById(CONSUMER)) {
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
