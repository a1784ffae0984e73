package org.dataexchange.ledger.state;

import java.time.Instant;

/** One modification of a key: the transaction, its time and the value it wrote (null when deleted). */
public record HistoryEntry<T>(String txId, Instant timestamp, boolean deleted, T value) {}
