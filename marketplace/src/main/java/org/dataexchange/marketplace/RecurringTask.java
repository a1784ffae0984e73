package org.dataexchange.marketplace;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background round run again and again, a fixed delay after the previous one ends, on its own daemon thread.
 * A failed round is logged and the next one runs. The owning bean closes it in its {@code @PreDestroy}, which runs
 * before the beans the round uses are destroyed; a {@code @Scheduled} method could still fire during shutdown.
 */
public final class RecurringTask implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecurringTask.class);

    private final String name;
    private final ScheduledExecutorService thread;

    public RecurringTask(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
    }

    public void start(Duration initialDelay, Duration delay, Runnable round) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed, retrying: {}", name, e.toString());
            }
        }, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the rounds and waits (up to 10 s) for one that is running. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
