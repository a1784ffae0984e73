package org.dataexchange.marketplace.complaint;

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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.dataexchange.ledger.dispute.DisputeOutcome;
import org.dataexchange.ledger.dispute.DisputeOutcomeRequest;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.licence.RevocationRequest;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.ledger.LedgerIntents;
import org.dataexchange.marketplace.ledger.WriteAheadIntent;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * Complaint outcomes on their way to the ledger. A decision writes its outcome here in the same database transaction
 * as the money it moves (an outbox, like settlement's): nothing reaches the ledger from a decision that rolled back,
 * and nothing committed is lost to a crash or an outage. Rounds record each due outcome with RecordDisputeOutcome and,
 * for a full refund, revoke the licence with RevokeLicence; both are idempotent on the ledger (a repeat answers the
 * record already there), so an outcome retried after a crash is recorded once. Outages are retried with backoff; an
 * outcome the contract refuses is FAILED, logged, and shows in reconciliation.
 */
@Singleton
public class DisputeOutcomes {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final LedgerIntents.Backoff BACKOFF = new LedgerIntents.Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    /**
     * Where an outcome is on its way to the ledger: {@code PENDING} until the ledger answers (leased, retried after an
     * outage), then {@code RECORDED} with its transaction, or {@code FAILED} with the contract's refusal. Both are final.
     */
    public enum State {
        PENDING, RECORDED, FAILED;

        private static final Map<State, Set<State>> ENTERED_FROM = Map.of(
                PENDING, EnumSet.of(PENDING), // a lease or a retry
                RECORDED, EnumSet.of(PENDING),
                FAILED, EnumSet.of(PENDING));

        /** The states an outcome may move to this one from. */
        public Set<State> enteredFrom() {
            return EnumSet.copyOf(ENTERED_FROM.get(this));
        }

        public boolean canBecome(State next) {
            return ENTERED_FROM.get(next).contains(this);
        }

        /** A final state is left by no move. */
        public boolean isFinal() {
            return ENTERED_FROM.values().stream().noneMatch(from -> from.contains(this));
        }
    }

    /** An outcome to record: the request as decided (canonical JSON), and the certificate a full refund revokes. */
    @MappedEntity("dispute_outcome")
    public record Pending(@Id String id, String complaintId, String orderId, String requestJson,
                          @Nullable String revokeCertificateId, State state, int attempts, Instant nextAttemptAt,
                          @Nullable String lastError, @Nullable String transactionId, @Nullable Long blockNumber,
                          Instant createdAt) implements WriteAheadIntent {

        @Override
        public boolean pending() {
            return state == State.PENDING;
        }

        Pending retried(String error, Duration backoff) {
            return moved(State.PENDING, attempts + 1, Instant.now().plus(backoff), limit(error), transactionId, blockNumber);
        }

        Pending leasedUntil(Instant until) {
            return moved(State.PENDING, attempts, until, lastError, transactionId, blockNumber);
        }

        Pending recorded(String txId, long block) {
            return moved(State.RECORDED, attempts + 1, Instant.now(), null, txId, block);
        }

        Pending failed(String refusal) {
            return moved(State.FAILED, attempts + 1, Instant.now(), limit(refusal), null, null);
        }

        private Pending moved(State next, int tries, Instant nextAt, @Nullable String error, @Nullable String txId,
                              @Nullable Long block) {
            if (!state.canBecome(next)) {
                throw new IllegalStateException("dispute outcome " + id + " cannot become " + next + " from " + state
                        + "; it enters " + next + " only from " + next.enteredFrom());
            }
            return new Pending(id, complaintId, orderId, requestJson, revokeCertificateId, next, tries, nextAt, error, txId,
                    block, createdAt);
        }

        public DisputeOutcomeRequest request() {
            return CanonicalJson.readStored(requestJson.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    DisputeOutcomeRequest.class);
        }
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Repository extends CrudRepository<Pending, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Repository.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Repository {}

        @Query("SELECT * FROM dispute_outcome WHERE state = 'PENDING' AND next_attempt_at <= :now"
                + " ORDER BY state, next_attempt_at LIMIT :limit")
        List<Pending> due(Instant now, int limit);

        @Query("SELECT * FROM dispute_outcome WHERE id = :id FOR UPDATE")
        Optional<Pending> lock(String id);

        /** The outcome locked, or empty when another round holds it (SKIP LOCKED): that round is taking its lease. */
        @Query("SELECT * FROM dispute_outcome WHERE id = :id FOR UPDATE SKIP LOCKED")
        Optional<Pending> lockUnlessHeld(String id);

        List<Pending> findByStateNotEqual(State state);
    }

    private final Repository outcomes;
    private final org.dataexchange.marketplace.order.OrderService orderService;
    private final SettlementClient ledger;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final boolean enabled;
    private final LedgerIntents<Pending> toLedger;

    public DisputeOutcomes(Repository outcomes, org.dataexchange.marketplace.order.OrderService orderService, SettlementClient ledger,
                           TransactionOperations<Connection> tx, AuditLog audit,
                           org.dataexchange.marketplace.settlement.SettlementSettings settings) {
        this.outcomes = outcomes;
        this.orderService = orderService;
        this.ledger = ledger;
        this.tx = tx;
        this.audit = audit;
        this.enabled = settings.workerEnabled();
        this.toLedger = new LedgerIntents<>("dispute-outcomes", new LedgerIntents.Outbox<>() {
            @Override public List<Pending> due(Instant now) { return outcomes.due(now, 20); }
            @Override public Optional<Pending> lockUnlessHeld(String id) { return outcomes.lockUnlessHeld(id); }
            @Override public Optional<Pending> lock(String id) { return outcomes.lock(id); }
            @Override public Pending leasedUntil(Pending p, Instant until) { return outcomes.update(p.leasedUntil(until)); }
            @Override public Pending retried(Pending p, Duration backoff, String error) {
                return outcomes.update(p.retried(error, backoff));
            }
            @Override public String describe(Pending p) { return "dispute outcome " + p.id() + " of order " + p.orderId(); }
        }, tx, LEASE, BACKOFF);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (enabled) {
            toLedger.start(Duration.ofSeconds(1), Duration.ofMillis(250), this::drain);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        toLedger.close();
    }

    /** Queues an outcome to record, in the caller's (the decision's) transaction. */
    void enqueue(DisputeOutcomeRequest request, String orderId, @Nullable String revokeCertificateId) {
        Instant now = Instant.now();
        outcomes.save(new Pending(request.outcomeId(), request.complaintId(), orderId, CanonicalJson.write(request),
                revokeCertificateId, State.PENDING, 0, now, null, null, null, now));
    }

    /** Outcomes not yet recorded on the ledger (pending or refused), for reconciliation. */
    public List<Pending> unrecorded() {
        return outcomes.findByStateNotEqual(State.RECORDED);
    }

    public Optional<Pending> find(String outcomeId) {
        return outcomes.findById(outcomeId);
    }

    /** Records what is due; answers how many outcomes it handled. Runs every 250 ms when the worker is enabled. */
    public int drain() {
        int handled = 0;
        for (int taken = toLedger.round(this::record); taken > 0; taken = toLedger.round(this::record)) {
            handled += taken;
        }
        return handled;
    }

    private void record(Pending pending) {
        try {
            Committed<DisputeOutcome> recorded = ledger.recordDisputeOutcome(pending.request()).join();
            if (pending.revokeCertificateId() != null) {
                revoke(pending);
            }
            tx.executeWrite(s -> {
                outcomes.update(pending.recorded(recorded.transactionId(), recorded.blockNumber()));
                if (pending.revokeCertificateId() != null) {
                    orderService.markLicenceRevoked(pending.orderId());
                }
                return null;
            });
            audit.record("dispute-outcomes", "OPERATOR", "DISPUTE_OUTCOME_RECORDED", "order:" + pending.orderId(),
                    "outcome " + pending.id() + " in transaction " + recorded.transactionId()
                            + (pending.revokeCertificateId() == null ? "" : "; licence " + pending.revokeCertificateId() + " revoked"));
        } catch (RuntimeException e) {
            Throwable failure = LedgerIntents.failureOf(e);
            if (failure instanceof ContractRefusedException refused) {
                toLedger.failed(pending, refused, now -> outcomes.update(now.failed(refused.getMessage())));
            } else {
                toLedger.retryLater(pending, failure.toString());
            }
        }
    }

    /** Revokes the licence of a full refund; a licence already revoked (by this outcome or an operator before) is done. */
    private void revoke(Pending pending) {
        DisputeOutcomeRequest request = pending.request();
        try {
            ledger.revokeLicence(new RevocationRequest(pending.revokeCertificateId(),
                    "complaint " + request.complaintId() + " decided FULL_REFUND", request.decidedBy())).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ContractRefusedException.IdConflict)) {
                throw e;
            }
        }
    }

    private static String limit(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
