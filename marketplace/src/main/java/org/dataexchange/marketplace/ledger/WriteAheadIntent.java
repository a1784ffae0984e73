package org.dataexchange.marketplace.ledger;

import java.time.Instant;

/**
 * A ledger write the books decided and recorded first, in their own table, and that {@link LedgerIntents} takes to the
 * ledger: its id, how often it was tried, when it is due next, and whether it is still on its way (not yet in one of
 * its feature's final states). The feature's entity record implements it; its state machine stays the feature's.
 */
public interface WriteAheadIntent {

    String id();

    int attempts();

    Instant nextAttemptAt();

    /** Still on its way to the ledger: the rounds take it when it is due, a refusal or an answer may still end it. */
    boolean pending();
}
