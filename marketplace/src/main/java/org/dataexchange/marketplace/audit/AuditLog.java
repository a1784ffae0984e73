package org.dataexchange.marketplace.audit;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.RecurringTask;

/**
 * The append-only, hash-chained audit log of SPEC §6: login, listing changes, reviews, order transitions,
 * approvals, deliveries and the regulator's own queries, each with actor, time, action and subject. Each entry's
 * hash covers its fields and the previous entry's hash, so the regulator can verify that nothing was edited or
 * removed. Entries are never updated or deleted by the application (retention: at least six months). An action's
 * entry is queued in the action's own transaction and chained by a single sealer after commit, so audited actions
 * never wait for each other.
 */
@Singleton
public class AuditLog {

    private static final String GENESIS = "0".repeat(64);

    @Serdeable
    @MappedEntity("audit_entry")
    public record Entry(@Id long seq, Instant at, String actor, String role, String action, String subject, String detail,
                        String prevHash, String hash) {}

    /** The result of checking the chain: valid, or the first entry that does not match. */
    @Serdeable
    public record Verification(boolean valid, long entries, Long firstBadEntry, String problem) {}

    /** The chain's head: the last entry's sequence number and hash (one row, id 1). */
    @MappedEntity("audit_head")
    record Head(@Id int id, long seq, String hash) {}

    /** An entry committed with its action and not yet numbered and hashed into the chain. */
    @MappedEntity("audit_queue")
    record Queued(@Id @GeneratedValue Long id, Instant at, String actor, String role, String action, String subject,
                  String detail) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Heads extends CrudRepository<Head, Integer> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Heads.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Heads {}

        /** Takes the head row's lock, held to commit: one sealer at a time, in this instance and others. */
        @Query("UPDATE audit_head SET seq = seq WHERE id = 1")
        void lock();

        @Query("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1")
        void moveTo(long seq, String hash);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Entries extends CrudRepository<Entry, Long> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Entries.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Entries {}

        Page<Entry> findAll(Pageable pageable);

        List<Entry> findBySeqBetweenOrderBySeq(long from, long to);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Queue extends CrudRepository<Queued, Long> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Queue.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Queue {}

        List<Queued> findByIdGreaterThanOrderById(long after, Pageable pageable);
    }

    private static final int SEAL_BATCH = 1000;
    private final RecurringTask sealer = new RecurringTask("audit-sealer");

    private final Entries entries;
    private final Heads heads;
    private final Queue queue;
    private final TransactionOperations<Connection> tx;

    /** How long the oldest entry of the last sealing round had waited to join the chain (0 when none waited). */
    private final java.util.concurrent.atomic.AtomicLong sealerLagMillis = new java.util.concurrent.atomic.AtomicLong();

    public AuditLog(Entries entries, Heads heads, Queue queue, TransactionOperations<Connection> tx,
                    io.micrometer.core.instrument.MeterRegistry metrics) {
        io.micrometer.core.instrument.TimeGauge.builder("exchange.audit.sealer.lag", sealerLagMillis,
                java.util.concurrent.TimeUnit.MILLISECONDS, java.util.concurrent.atomic.AtomicLong::get)
                .description("How long the oldest audit entry sealed in the last round had waited to join the chain")
                .register(metrics);
        this.entries = entries;
        this.heads = heads;
        this.queue = queue;
        this.tx = tx;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        sealer.start(Duration.ofSeconds(1), Duration.ofMillis(100), this::seal);
    }

    /** Stops sealing before the database beans go away; whatever is queued is sealed on the next start. */
    @PreDestroy
    void stop() throws InterruptedException {
        sealer.close();
    }

    /**
     * Appends one entry, in the caller's transaction when there is one, so the entry commits or rolls back with the
     * action it records. It joins the chain when the sealer next runs (within a tenth of a second, and always before
     * the log is read or verified); appenders never wait for one another.
     */
    public void record(String actor, String role, String action, String subject, String detail) {
        queue.save(queued(Instant.now(), actor, role, action, subject, detail));
    }

    /** One audited action of a batch: what {@link #record} takes. */
    public record Action(String actor, String role, String action, String subject, String detail) {}

    /** Appends several entries with one batched insert, in the caller's transaction. */
    public void recordAll(List<Action> actions) {
        Instant now = Instant.now();
        queue.saveAll(actions.stream().map(a -> queued(now, a.actor(), a.role(), a.action(), a.subject(), a.detail())).toList());
    }

    private static Queued queued(Instant now, String actor, String role, String action, String subject, String detail) {
        // Microsecond precision: what the database keeps, so the hash can be recomputed from the row.
        return new Queued(null, now.truncatedTo(ChronoUnit.MICROS), limit(actor == null ? "anonymous" : actor, 64),
                limit(role == null ? "NONE" : role, 16), limit(action, 64), limit(subject, 200), limit(detail, 2000));
    }

    /**
     * Numbers and hashes committed entries into the chain, oldest first; answers how many joined. An entry whose
     * transaction is still open joins on a later run.
     */
    public int seal() {
        int sealed = 0;
        int batch;
        do {
            batch = tx.executeWrite(status -> {
                heads.lock();
                Head head = heads.findById(1).orElseThrow(() -> new IllegalStateException("the audit chain has no head row"));
                List<Queued> waiting = queue.findByIdGreaterThanOrderById(0, Pageable.from(0, SEAL_BATCH));
                if (waiting.isEmpty()) {
                    sealerLagMillis.set(0);
                    return 0;
                }
                sealerLagMillis.set(Math.max(0, Duration.between(waiting.get(0).at(), Instant.now()).toMillis()));
                long seq = head.seq();
                String prev = head.hash();
                List<Entry> chained = new ArrayList<>(waiting.size());
                for (Queued q : waiting) {
                    seq++;
                    String hash = hash(prev, seq, q.at(), q.actor(), q.role(), q.action(), q.subject(), q.detail());
                    chained.add(new Entry(seq, q.at(), q.actor(), q.role(), q.action(), q.subject(), q.detail(), prev, hash));
                    prev = hash;
                }
                entries.saveAll(chained);
                // One batched delete by primary key: H2 checked each row against the whole list of an IN condition.
                queue.deleteAll(waiting);
                heads.moveTo(seq, prev);
                return waiting.size();
            });
            sealed += batch;
        } while (batch == SEAL_BATCH);
        return sealed;
    }

    public Page<Entry> page(int page, int size) {
        seal();
        return entries.findAll(Pageable.from(page, size, io.micronaut.data.model.Sort.of(io.micronaut.data.model.Sort.Order.asc("seq"))));
    }

    /** Recomputes every hash in order; names the first entry that was edited, inserted or removed. */
    public Verification verify() {
        seal();
        String prev = GENESIS;
        long expectedSeq = 1;
        long count = 0;
        final int batch = 1000;
        while (true) {
            List<Entry> chunk = entries.findBySeqBetweenOrderBySeq(expectedSeq, expectedSeq + batch - 1);
            for (Entry e : chunk) {
                if (e.seq() != expectedSeq) {
                    return new Verification(false, count, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!e.prevHash().equals(prev)) {
                    return new Verification(false, count, e.seq(), "entry " + e.seq() + " does not chain to the entry before it");
                }
                if (!e.hash().equals(hash(e.prevHash(), e.seq(), e.at(), e.actor(), e.role(), e.action(), e.subject(), e.detail()))) {
                    return new Verification(false, count, e.seq(), "entry " + e.seq() + " was altered after it was written");
                }
                prev = e.hash();
                expectedSeq++;
                count++;
            }
            if (chunk.size() < batch) {
                return new Verification(true, count, null, null);
            }
        }
    }

    static String hash(String prev, long seq, Instant at, String actor, String role, String action, String subject, String detail) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {prev, Long.toString(seq), at.toString(), actor, role, action, subject, detail}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String limit(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }
}
