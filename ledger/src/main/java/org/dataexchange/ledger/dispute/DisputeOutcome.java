package org.dataexchange.ledger.dispute;

import java.time.Instant;

/**
 * A recorded dispute outcome: the request as submitted, what the trade had been refunded before it, and when and in
 * which transaction it was recorded.
 */
public record DisputeOutcome(DisputeOutcomeRequest request, long refundedBefore, long tradeAmount, Instant recordedAt,
                             String txId) {}
