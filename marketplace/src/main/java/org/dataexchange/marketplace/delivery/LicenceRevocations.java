package org.dataexchange.marketplace.delivery;

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
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dataexchange.ledger.licence.Revocation;
import org.dataexchange.ledger.licence.RevocationRequest;
import org.dataexchange.marketplace.BooksOnDisk;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.account.AccountService;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.ledger.LedgerIntents;
import org.dataexchange.marketplace.ledger.WriteAheadIntent;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * Licence revocations the operator decides, on their way to the ledger. The decision is recorded (an intent) in its own
 * database transaction, then sent with RevokeLicence after that commits, so no ledger call runs inside a database
 * transaction; the transaction that marks it DONE sets the order's revoked flag, which stops metered calls. The ledger
 * answers a repeat of the same revocation as already recorded, so an intent sent twice (a retry after an outage, or
 * after the books' transaction failed once the ledger had it) revokes once.
 *
 * <p>The request that decided it waits for the ledger: written, it answers the revocation; refused, 409 with the
 * contract's code (nothing changes in the books: the decision is dropped and audited; except that {@code ID_CONFLICT}, a
 * licence already revoked for another reason, sets the flag if it was not set, since the ledger holds it revoked); not
 * reachable, 503 with Retry-After while the intent
 * stays PENDING and a round every 5 s sends it again with backoff.
 */
@Singleton
class LicenceRevocations {

    private static final Duration LEASE = Duration.ofSeconds(90);
    private static final LedgerIntents.Backoff BACKOFF = new LedgerIntents.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    private static final Duration ROUND = Duration.ofSeconds(5);

    enum State { PENDING, DONE }

    @MappedEntity("licence_revocation")
    record Intent(@Id String id, String certificateId, String orderId, String reason, String decidedBy, State state,
                  int attempts, Instant nextAttemptAt, @Nullable String lastError,
                  @Nullable String transactionId, @Nullable Instant revokedAt, Instant createdAt)
            implements WriteAheadIntent {

        @Override
        public boolean pending() {
            return state == State.PENDING;
        }

        RevocationRequest request() {
            return new RevocationRequest(certificateId, reason, decidedBy);
        }

        Intent leasedUntil(Instant until) {
            return new Intent(id, certificateId, orderId, reason, decidedBy, state, attempts, until, lastError,
                    transactionId, revokedAt, createdAt);
        }

        Intent done(String txId, Instant at) {
            return new Intent(id, certificateId, orderId, reason, decidedBy, State.DONE, attempts + 1, nextAttemptAt, null,
                    txId, at, createdAt);
        }

        Intent retryAt(Instant at, String error) {
            return new Intent(id, certificateId, orderId, reason, decidedBy, State.PENDING, attempts + 1, at, limit(error),
                    null, null, createdAt);
        }
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Repository extends CrudRepository<Intent, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Repository.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Repository {}

        @Query("SELECT * FROM licence_revocation WHERE state = 'PENDING' AND next_attempt_at <= :now"
                + " ORDER BY state, next_attempt_at LIMIT 20")
        List<Intent> due(Instant now);

        @Query("SELECT * FROM licence_revocation WHERE id = :id FOR UPDATE")
        Optional<Intent> lock(String id);

        /**
         * The intent locked, or empty when another round (of this or another instance) holds it: that round is taking
         * its lease, so this one passes it over instead of waiting (SKIP LOCKED, on H2 and PostgreSQL alike).
         */
        @Query("SELECT * FROM licence_revocation WHERE id = :id FOR UPDATE SKIP LOCKED")
        Optional<Intent> lockUnlessHeld(String id);
    }

    private final Repository intents;
    private final OrderBook orders;
    private final OrderService orderService;
    private final SettlementClient ledger;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final BooksOnDisk booksOnDisk;
    private final AccountService accounts;
    private static final String OPERATOR_PREFIX = "operator:";
    private final LedgerIntents<Intent> toLedger;

    LicenceRevocations(Repository intents, OrderBook orders, OrderService orderService, SettlementClient ledger,
                       TransactionOperations<Connection> tx, AuditLog audit, BooksOnDisk booksOnDisk,
                       AccountService accounts) {
        this.booksOnDisk = booksOnDisk;
        this.accounts = accounts;
        this.intents = intents;
        this.orders = orders;
        this.orderService = orderService;
        this.ledger = ledger;
        this.tx = tx;
        this.audit = audit;
        this.toLedger = new LedgerIntents<>("licence-revocations", new LedgerIntents.Outbox<>() {
            @Override public List<Intent> due(Instant now) { return intents.due(now); }
            @Override public Optional<Intent> lockUnlessHeld(String id) { return intents.lockUnlessHeld(id); }
            @Override public Optional<Intent> lock(String id) { return intents.lock(id); }
            @Override public Intent leasedUntil(Intent i, Instant until) { return intents.update(i.leasedUntil(until)); }
            @Override public Intent retried(Intent i, Duration backoff, String error) {
                return intents.update(i.retryAt(Instant.now().plus(backoff), error));
            }
            @Override public String describe(Intent i) { return "the revocation of licence " + i.certificateId(); }
        }, tx, LEASE, BACKOFF);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        toLedger.start(ROUND, ROUND, this::sendDue);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        toLedger.close();
    }

    /** Decides a revocation (recorded first), then writes it on the ledger; answers the ledger's revocation. */
    Revocation revoke(String certificateId, String reason, String decidedBy) {
        Intent decided = tx.executeWrite(s -> {
            PurchaseOrder order = (certificateId.startsWith("CERT-") ? orders.find(certificateId.substring(5))
                    : Optional.<PurchaseOrder>empty())
                    .orElseThrow(() -> ApiProblem.notFound("no licence certificate " + certificateId));
            if (order.certificateId() == null) {
                throw ApiProblem.conflict("Licence not issued yet", "order " + order.id() + " is " + order.status()
                        + "; its licence certificate is not on the ledger yet");
            }
            Instant now = Instant.now();
            Intent intent = intents.save(new Intent(UUID.randomUUID().toString(), certificateId, order.id(), reason, decidedBy,
                    State.PENDING, 0, now.plus(LEASE), null, null, null, now));
            audit.record(actorName(decidedBy), "OPERATOR", "LICENCE_REVOCATION_DECIDED", "certificate:" + certificateId, reason);
            return intent;
        });
        // Write-ahead, as settlement does: the decision is on the disk before the ledger has it, so not even a power cut
        // leaves the ledger with a revocation the books never knew.
        booksOnDisk.force();
        return send(decided);
    }

    /** Sends the revocations still PENDING whose time has come: those an outage or a crash kept from the ledger. */
    void sendDue() {
        toLedger.round(this::send); // refused: dropped and audited; away: PENDING with its next attempt
    }

    /**
     * One attempt, outside any transaction: answers the revocation once the ledger holds it (the books follow, now or
     * in a later round); throws the refusal or the outage as a problem.
     */
    private Revocation send(Intent intent) {
        return switch (toLedger.await(() -> ledger.revokeLicence(intent.request()))) {
            case LedgerIntents.Written<Revocation>(Committed<Revocation> written) -> {
                toLedger.book(intent, now -> {
                    intents.update(now.done(written.transactionId(), written.record().revokedAt()));
                    markRevoked(now.orderId());
                    audit.record(actorName(intent.decidedBy()), "OPERATOR", "LICENCE_REVOKED",
                            "certificate:" + intent.certificateId(), "licence revoked in ledger transaction " + written.transactionId());
                    return now;
                });
                yield written.record();
            }
            // A refused request changes nothing: the decision goes (the audit log keeps it and the refusal).
            case LedgerIntents.Refused<Revocation>(ContractRefusedException refused) -> throw toLedger.refused(intent, refused, now -> {
                intents.delete(now);
                audit.record(actorName(intent.decidedBy()), "OPERATOR", "LEDGER_REFUSED", "certificate:" + intent.certificateId(),
                        "revocation refused by the ledger: " + limit(refused.getMessage()));
                if (refused instanceof ContractRefusedException.IdConflict) {
                    markRevoked(now.orderId()); // revoked on the ledger already, for another reason
                }
            });
            case LedgerIntents.Away<Revocation>(String error) -> throw toLedger.away(intent, error, "the revocation of "
                    + intent.certificateId() + " is recorded but the ledger could not be reached; the exchange sends it again"
                    + " by itself, and the same request may be repeated");
        };
    }

    /**
     * The audit log names people as every other entry does, by user name; the ledger and the intent keep the operator's
     * account id only ({@code operator:<id>}), since the ledger holds no personal data.
     */
    private String actorName(String decidedBy) {
        return decidedBy.startsWith(OPERATOR_PREFIX)
                ? accounts.usernameOf(decidedBy.substring(OPERATOR_PREFIX.length())).orElse(decidedBy) : decidedBy;
    }

    private void markRevoked(String orderId) {
        orderService.markLicenceRevoked(orderId);
    }

    private static String limit(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
