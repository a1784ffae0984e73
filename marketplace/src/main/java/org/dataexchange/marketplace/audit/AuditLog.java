package org.dataexchange.marketplace.audit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * The append-only, hash-chained audit log of SPEC §6: login, listing changes, reviews, order transitions,
 * approvals, deliveries and the regulator's own queries, each with actor, time, action and subject. Each entry's
 * hash covers its fields and the previous entry's hash, so the regulator can verify that nothing was edited or
 * removed. Entries are never updated or deleted by the application (retention: at least six months).
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

    @JdbcRepository(dialect = Dialect.H2)
    public interface Heads extends CrudRepository<Head, Integer> {
        /** Claims the next sequence number; the row lock it takes orders appenders until their commit. */
        @Query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1")
        void advance();

        @Query("UPDATE audit_head SET hash = :hash WHERE id = 1")
        void chainTo(String hash);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Entries extends CrudRepository<Entry, Long> {
        Page<Entry> findAll(Pageable pageable);

        List<Entry> findBySeqBetweenOrderBySeq(long from, long to);
    }

    private final Entries entries;
    private final Heads heads;
    private final TransactionOperations<Connection> tx;

    public AuditLog(Entries entries, Heads heads, TransactionOperations<Connection> tx) {
        this.entries = entries;
        this.heads = heads;
        this.tx = tx;
    }

    /**
     * Appends one entry, in the caller's transaction when there is one, so the entry commits or rolls back with the
     * action it records. The head row's lock (held to commit) serialises appenders, in this instance and others.
     */
    public void record(String actor, String role, String action, String subject, String detail) {
        tx.executeWrite(status -> {
            heads.advance();
            Head head = heads.findById(1).orElseThrow(() -> new IllegalStateException("the audit chain has no head row"));
            long seq = head.seq();
            String prev = head.hash();
            // Microsecond precision: what the database keeps, so the hash can be recomputed from the row.
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String a = limit(actor == null ? "anonymous" : actor, 64);
            String r = limit(role == null ? "NONE" : role, 16);
            String s = limit(subject, 200);
            String d = limit(detail, 2000);
            String hash = hash(prev, seq, at, a, r, action, s, d);
            entries.save(new Entry(seq, at, a, r, action, s, d, prev, hash));
            heads.chainTo(hash);
            return null;
        });
    }

    public Page<Entry> page(int page, int size) {
        return entries.findAll(Pageable.from(page, size, io.micronaut.data.model.Sort.of(io.micronaut.data.model.Sort.Order.asc("seq"))));
    }

    /** Recomputes every hash in order; names the first entry that was edited, inserted or removed. */
    public Verification verify() {
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
