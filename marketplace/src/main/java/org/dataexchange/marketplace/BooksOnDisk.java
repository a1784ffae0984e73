package org.dataexchange.marketplace;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Puts the books (the H2 database) on the disk, by group commit. H2 keeps commits in memory and writes them in the
 * background every half second; a killed process loses what it had not written. So:
 * <ul>
 *   <li>{@link #write()}: a confirmed request is answered only after a {@code CHECKPOINT} that began after its commit
 *       has written the store to the file (the operating system's cache), which survives a killed process. Requests
 *       that wait at once share one checkpoint, so a busy exchange writes one chunk for many commits instead of one
 *       per commit (H2's {@code WRITE_DELAY=0}, which cost four fifths of the settlement throughput);</li>
 *   <li>{@link #force()}: the settlement worker forces the books to the disk itself ({@code CHECKPOINT SYNC}, an
 *       fsync) before it asks the ledger to record their trades, so the ledger, which forces every block, never
 *       holds a trade whose payment a power cut could take from the books; and</li>
 *   <li>the books are forced every {@code exchange.durability.sync-interval} (1 s), which bounds what a power cut can
 *       take to that last interval.</li>
 * </ul>
 * On PostgreSQL none of this runs: its commit returns once the commit is in its write-ahead log, flushed to the disk
 * ({@code synchronous_commit} on, its default), and concurrent commits share that flush (its own group commit). So
 * {@link #write()} and {@link #force()} return at once there, and the exchange warns at start when the server is set
 * to answer commits before they are on the disk.
 */
@Singleton
public class BooksOnDisk {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BooksOnDisk.class);

    private final Duration interval;
    private final RecurringTask rounds = new RecurringTask("books-on-disk");
    private final GroupedStatement checkpoint;
    private final GroupedStatement checkpointSync;
    /** False on PostgreSQL: its commits are on the disk when they return. */
    private final boolean checkpoints;
    private final TransactionOperations<Connection> tx;

    public BooksOnDisk(TransactionOperations<Connection> tx, @Value("${exchange.durability.sync-interval:1s}") Duration interval,
                       Database database) {
        this.interval = interval;
        this.tx = tx;
        this.checkpoints = database.vendor() == Database.Vendor.H2;
        // H2: CHECKPOINT commits the store to the file; CHECKPOINT SYNC does that and fsyncs the file.
        this.checkpoint = new GroupedStatement(tx, "CHECKPOINT");
        this.checkpointSync = new GroupedStatement(tx, "CHECKPOINT SYNC");
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!checkpoints) {
            warnUnlessCommitsAreDurable();
            return;
        }
        if (!interval.isZero() && !interval.isNegative()) {
            rounds.start(interval, interval, this::force);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rounds.close();
    }

    /** Returns once everything committed before the call is in the database file: it survives a killed process. */
    public void write() {
        if (checkpoints) {
            checkpoint.runCovering();
        }
    }

    /** Returns once everything committed before the call is on the disk: it survives a power cut. */
    public void force() {
        if (checkpoints) {
            checkpointSync.runCovering();
        }
    }

    /** PostgreSQL keeps the promise only with fsync and synchronous_commit on; an operator may have turned them off. */
    private void warnUnlessCommitsAreDurable() {
        tx.executeRead(status -> {
            for (String setting : new String[] {"fsync", "synchronous_commit"}) {
                try (Statement s = status.getConnection().createStatement();
                     java.sql.ResultSet r = s.executeQuery("SHOW " + setting)) {
                    String value = r.next() ? r.getString(1) : "";
                    if (value.equals("off")) {
                        LOG.warn("PostgreSQL runs with {} = {}: a commit the exchange confirmed can be lost in a crash;"
                                + " set it to on", setting, value);
                    }
                } catch (SQLException e) {
                    LOG.warn("could not read PostgreSQL's {} setting: {}", setting, e.getMessage());
                }
            }
            return null;
        });
    }

    /**
     * One statement that callers share: a caller returns after a run that began after it asked. Callers arriving
     * while a run is under way are served together by the next run.
     */
    private static final class GroupedStatement {

        private final TransactionOperations<Connection> tx;
        private final String sql;
        private final Object lock = new Object();
        /** Tickets handed out, and the highest ticket a completed run covers. Guarded by {@link #lock}. */
        private long requested;
        private long covered;
        private boolean running;

        GroupedStatement(TransactionOperations<Connection> tx, String sql) {
            this.tx = tx;
            this.sql = sql;
        }

        void runCovering() {
            long ticket;
            synchronized (lock) {
                ticket = ++requested;
            }
            while (true) {
                long upTo;
                synchronized (lock) {
                    while (running && covered < ticket) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while writing the books to disk", e);
                        }
                    }
                    if (covered >= ticket) {
                        return;
                    }
                    running = true;
                    upTo = requested;
                }
                boolean done = false;
                try {
                    // Outside the lock: callers arriving meanwhile take later tickets and share the next run.
                    execute();
                    done = true;
                } finally {
                    synchronized (lock) {
                        running = false;
                        if (done) {
                            covered = Math.max(covered, upTo);
                        }
                        lock.notifyAll();
                    }
                }
            }
        }

        private void execute() {
            tx.executeWrite(status -> {
                try (Statement s = status.getConnection().createStatement()) {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("could not write the books to disk (" + sql + "): " + e.getMessage(), e);
                }
                return null;
            });
        }
    }
}
