package org.dataexchange.settlementclient;

import java.util.Optional;
import java.util.function.Consumer;

/** A checkpointer for consumers whose effects live in the same process; survives stream breaks, not restarts. */
public final class InMemoryEventCheckpointer implements EventCheckpointer {

    private Position position;

    @Override
    public synchronized Optional<Position> position() {
        return Optional.ofNullable(position);
    }

    @Override
    public synchronized void process(LedgerEvent event, Consumer<LedgerEvent> handler) {
        handler.accept(event);
        position = new Position(event.blockNumber(), event.transactionId());
    }
}
