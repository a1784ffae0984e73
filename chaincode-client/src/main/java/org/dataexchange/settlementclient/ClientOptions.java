package org.dataexchange.settlementclient;

import java.time.Duration;
import java.util.Objects;

/**
 * What the client needs to know besides the connection and its identity: the channel and the name the settlement
 * contract is deployed under, a deadline per stage of a transaction, and how read conflicts are retried.
 */
public record ClientOptions(String channel, String chaincode, Deadlines deadlines, RetryPolicy retry) {

    /** A deadline per stage of a transaction. */
    public record Deadlines(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {
        public static final Deadlines DEFAULT = new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    /** How MVCC read conflicts are retried: the whole transaction again, with jittered exponential backoff. */
    public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(20), Duration.ofSeconds(1));

        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }
    }

    public ClientOptions {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        deadlines = deadlines == null ? Deadlines.DEFAULT : deadlines;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
    }

    /** Channel {@code exchange}, contract {@code settlement}, the default deadlines and retries. */
    public static ClientOptions defaults() {
        return new ClientOptions("exchange", "settlement", null, null);
    }

    public static ClientOptions of(String channel, String chaincode) {
        return new ClientOptions(channel, chaincode, null, null);
    }

    public ClientOptions withDeadlines(Deadlines newDeadlines) {
        return new ClientOptions(channel, chaincode, newDeadlines, retry);
    }

    public ClientOptions withRetry(RetryPolicy newRetry) {
        return new ClientOptions(channel, chaincode, deadlines, newRetry);
    }
}
