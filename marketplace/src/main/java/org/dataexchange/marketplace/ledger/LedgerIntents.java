package org.dataexchange.marketplace.ledger;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.FailureProblems;
import org.dataexchange.marketplace.problem.ProblemType;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead mechanism shared by the features that decide something in the books first and write it on the
 * ledger after that commits (licence revocations, complaint outcomes, off-venue deals, supervision actions), so that no
 * ledger call runs inside a database transaction and nothing the books committed is lost to a crash or an outage.
 *
 * <p>A feature keeps its table, repository and state machine, and describes them through {@link Outbox}; this class
 * runs what they all did alike: a background round that takes each due intent in its own transaction (locked {@code
 * FOR UPDATE SKIP LOCKED}, so a round passes over one another round or instance is taking, re-checked, leased), the
 * wait for the ledger's answer, the books following the answer under the intent's lock while it is still pending, a
 * refusal ending it (the feature says how: dropped, rejected, failed), and an outage leaving it pending, retried with
 * exponential backoff (and, for a request waiting on it, 503 with Retry-After). The ledger answers a repeat of the same
 * write as already recorded, so an intent sent twice is written once.
 */
public final class LedgerIntents<I extends WriteAheadIntent> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerIntents.class);
    /** Longer than the client's own deadlines; a write still unanswered by then is treated as an outage. */
    private static final long WAIT_SECONDS = 60;
    /** What a request that found the ledger away is told to wait: the rounds of the request-driven kinds run every 5 s. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** A feature's table of intents, as the rounds need it. Every method runs inside the caller's transaction. */
    public interface Outbox<I> {

        /** Up to a page of intents still pending whose next attempt is due at {@code now}, read without locks. */
        List<I> due(Instant now);

        /** The intent locked, or empty when another round holds it: {@code SELECT ... FOR UPDATE SKIP LOCKED}. */
        Optional<I> lockUnlessHeld(String id);

        /** The intent locked ({@code SELECT ... FOR UPDATE}), waiting for whoever holds it. */
        Optional<I> lock(String id);

        /** Saves the intent with its next attempt moved to {@code until} (a lease); answers it as saved. */
        I leasedUntil(I intent, Instant until);

        /** Saves the intent still pending, one attempt more, due again after {@code backoff}, with the error. */
        I retried(I intent, Duration backoff, String error);

        /** Names the intent in the log, e.g. "off-venue deal 7f3a...". */
        String describe(I intent);
    }

    /** Exponential backoff: {@code first} doubled with each attempt (up to 12 doublings), at most {@code max}. */
    public record Backoff(Duration first, Duration max) {
        public Duration after(int attempts) {
            return Duration.ofMillis(Math.min(max.toMillis(), first.toMillis() << Math.min(attempts, 12)));
        }
    }

    /** What the ledger answered one write. */
    public sealed interface Answer<R> {}

    /** Written: the record and its transaction (or, for a repeat, the one that wrote it first). */
    public record Written<R>(Committed<R> committed) implements Answer<R> {}

    /** Refused by the contract: the write can never succeed as it is. */
    public record Refused<R>(ContractRefusedException refusal) implements Answer<R> {}

    /** Not reached, or not answered in time: the write may succeed later. */
    public record Away<R>(String error) implements Answer<R> {}

    private final String name;
    private final Outbox<I> outbox;
    private final TransactionOperations<Connection> tx;
    private final Duration lease;
    private final Backoff backoff;
    private final RecurringTask rounds;

    /**
     * @param name   the rounds' thread and log name
     * @param lease  how long a taken intent is left to the attempt that took it before another round may take it
     */
    public LedgerIntents(String name, Outbox<I> outbox, TransactionOperations<Connection> tx, Duration lease,
                         Backoff backoff) {
        this.name = name;
        this.outbox = outbox;
        this.tx = tx;
        this.lease = lease;
        this.backoff = backoff;
        this.rounds = new RecurringTask(name);
    }

    /** Runs {@code round} again and again in the background, {@code every} after the previous one ends. */
    public void start(Duration first, Duration every, Runnable round) {
        rounds.start(first, every, round);
    }

    @Override
    public void close() throws InterruptedException {
        rounds.close();
    }

    /**
     * One round: each due intent taken in its own transaction (passed over when another round holds it or took it
     * first), leased, then handed to {@code attempt} outside any transaction. A refusal or an outage the attempt throws
     * as a problem (for the request that may wait on the same attempt) is handled by then: ended, or due again later.
     * Answers how many it took.
     */
    public int round(Consumer<I> attempt) {
        int taken = 0;
        List<I> due;
        try {
            due = outbox.due(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("{}: could not read the intents due: {}", name, e.toString());
            return taken;
        }
        for (I candidate : due) {
            Optional<I> leased;
            try {
                leased = tx.executeWrite(s -> outbox.lockUnlessHeld(candidate.id())
                        .filter(i -> i.pending() && !i.nextAttemptAt().isAfter(Instant.now()))
                        .map(i -> outbox.leasedUntil(i, Instant.now().plus(lease))));
            } catch (RuntimeException e) {
                LOG.warn("{}: could not take {}: {}", name, outbox.describe(candidate), e.toString());
                return taken;
            }
            if (leased.isPresent()) {
                taken++;
                try {
                    attempt.accept(leased.get());
                } catch (ApiProblem refusedOrAway) {
                    // refused: ended as the feature said; away: pending with its next attempt
                }
            }
        }
        return taken;
    }

    /**
     * Sends a write and waits (at most a minute) for the ledger's answer, for a request that waits on it.
     * The client may fail before it has a future (e.g. the ledger refused the connection): an outage too.
     */
    public <R> Answer<R> await(Supplier<CompletableFuture<Committed<R>>> write) {
        CompletableFuture<Committed<R>> answer;
        try {
            answer = write.get();
        } catch (ContractRefusedException refused) {
            return new Refused<>(refused);
        } catch (LedgerException e) {
            return new Away<>(e.toString());
        }
        try {
            return new Written<>(answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            return e.getCause() instanceof ContractRefusedException refused ? new Refused<>(refused)
                    : new Away<>(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            answer.cancel(false);
            return new Away<>("the ledger did not answer within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Away<>("interrupted while waiting for the ledger");
        }
    }

    /** What failed a write a round joined: the ledger's own failure rather than the {@link CompletionException}. */
    public static Throwable failureOf(RuntimeException e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /**
     * The books follow what the ledger wrote: {@code whilePending} runs on the intent locked, if it is still pending
     * (otherwise another attempt finished it first, and the intent is answered as the books hold it). If the books fail,
     * the ledger has it anyway: the intent stays pending, due again in a second, and a round brings the books in line
     * (the ledger answers the repeat as already recorded); the intent is answered as it was.
     */
    public I book(I intent, UnaryOperator<I> whilePending) {
        try {
            return tx.executeWrite(s -> {
                I now = outbox.lock(intent.id()).orElseThrow();
                return now.pending() ? whilePending.apply(now) : now;
            });
        } catch (RuntimeException e) {
            LOG.warn("{} is on the ledger but the books could not record it yet; retried: {}", outbox.describe(intent),
                    e.toString());
            try {
                whilePending(intent, i -> outbox.leasedUntil(i, Instant.now().plusSeconds(1)));
            } catch (RuntimeException again) {
                LOG.warn("could not reschedule {}; its lease ends in {}: {}", outbox.describe(intent), lease, again.toString());
            }
            return intent;
        }
    }

    /**
     * The ledger refused a write a request waits on: a refused request changes nothing, so {@code whilePending} ends
     * the intent (the feature drops or rejects it, and audits why); answers the refusal as the request's problem (409
     * with the contract's code).
     */
    public ApiProblem refused(I intent, ContractRefusedException refusal, Consumer<I> whilePending) {
        LOG.warn("the ledger refused {}: {}", outbox.describe(intent), refusal.getMessage());
        whilePending(intent, whilePending);
        return FailureProblems.problemOf(refusal);
    }

    /**
     * The ledger refused a write of a background round, which nobody waits on: logged as an error (the reconciliation
     * shows it), and {@code whilePending} ends the intent.
     */
    public void failed(I intent, ContractRefusedException refusal, Consumer<I> whilePending) {
        LOG.error("the ledger refused {}: {}", outbox.describe(intent), refusal.getMessage());
        whilePending(intent, whilePending);
    }

    /**
     * The ledger could not be reached for a write a request waits on: the intent stays pending and a round sends it
     * again (retried with backoff); answers 503 with Retry-After and {@code detail}.
     */
    public ApiProblem away(I intent, String error, String detail) {
        retryLater(intent, error);
        return ApiProblem.retryLater(ProblemType.LEDGER_UNAVAILABLE, "Ledger unavailable", detail, RETRY_AFTER);
    }

    /** The attempt failed short of the ledger's answer: the intent stays pending, due again after the backoff. */
    public void retryLater(I intent, String error) {
        int attempts = intent.attempts() + 1;
        Duration wait = backoff.after(attempts);
        LOG.warn("{} is not on the ledger yet (attempt {}), retried in {}: {}", outbox.describe(intent), attempts,
                wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms", error);
        try {
            whilePending(intent, i -> outbox.retried(i, wait, error));
        } catch (RuntimeException e) {
            LOG.warn("could not reschedule {}; its lease ends in {}: {}", outbox.describe(intent), lease, e.toString());
        }
    }

    /** Changes the intent in a transaction of its own, under its lock, if it is (still) pending. */
    public void whilePending(I intent, Consumer<I> change) {
        tx.executeWrite(s -> {
            outbox.lock(intent.id()).filter(WriteAheadIntent::pending).ifPresent(change);
            return null;
        });
    }
}
