package org.dataexchange.settlementclient;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Remembers which events a consumer has processed, so that after a restart or a broken stream it resumes
 * right after the last one. For exactly-once processing, {@link #process} must make the handler's effects
 * and the new position durable together (a database-backed checkpointer runs both in one transaction).
 */
public interface EventCheckpointer {

    /** The last processed event's block and transaction, or empty to start from the subscription's start block. */
    Optional<Position> position();

    /** Runs the handler for {@code event} and records it as processed, atomically. */
    void process(LedgerEvent event, Consumer<LedgerEvent> handler);

    /** A position in the event stream: an event's block and the transaction that emitted it. */
    record Position(long blockNumber, String transactionId) {}
}
