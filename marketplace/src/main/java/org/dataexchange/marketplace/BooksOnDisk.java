package org.dataexchange.marketplace;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Forces the books (the H2 database) to the disk, for power loss. A killed process loses nothing already: every
 * commit is written to the operating system before it returns (WRITE_DELAY=0 in the database URL). What a power cut
 * can still take is what the operating system had not yet written back, so:
 * <ul>
 *   <li>the settlement worker forces the books before it asks the ledger to record their trades (write-ahead: the
 *       ledger, which forces every block, never holds a trade whose payment the books could lose), and</li>
 *   <li>the books are forced every {@code exchange.durability.sync-interval} (1 s), which bounds what a power cut can
 *       take from the books to that last interval.</li>
 * </ul>
 * Forcing every answered commit would cost each request an fsync (5 to 25 ms on the shared disk this was built on);
 * see the README. Callers that ask at once share one fsync (group commit).
 */
@Singleton
public class BooksOnDisk {

    private final TransactionOperations<Connection> tx;
    private final Duration interval;
    private final RecurringTask rounds = new RecurringTask("books-on-disk");
    private final Object lock = new Object();
    /** Tickets handed out, and the highest ticket whose force has completed. Guarded by {@link #lock}. */
    private long requested;
    private long forced;
    private boolean forcing;

    public BooksOnDisk(TransactionOperations<Connection> tx, @Value("${exchange.durability.sync-interval:1s}") Duration interval) {
        this.tx = tx;
        this.interval = interval;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!interval.isZero() && !interval.isNegative()) {
            rounds.start(interval, interval, this::force);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rounds.close();
    }

    /**
     * Returns once everything committed before the call is on the disk. Callers that arrive while a force runs are
     * served together by the next one.
     */
    public void force() {
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        while (true) {
            long upTo;
            synchronized (lock) {
                while (forcing && forced < ticket) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while forcing the books to disk", e);
                    }
                }
                if (forced >= ticket) {
                    return;
                }
                forcing = true;
                upTo = requested;
            }
            boolean done = false;
            try {
                // Outside the lock: callers arriving meanwhile take later tickets and share the next force.
                checkpointSync();
                done = true;
            } finally {
                synchronized (lock) {
                    forcing = false;
                    if (done) {
                        forced = Math.max(forced, upTo);
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    private void checkpointSync() {
        tx.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                // H2: write what is not written yet, then fsync the database file.
                s.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                throw new IllegalStateException("could not force the books to disk: " + e.getMessage(), e);
            }
            return null;
        });
    }
}
