package org.dataexchange.ledger.dispute;

/** The operator's decision on a complaint about a trade (争议仲裁, SPEC §4). */
public enum DisputeDecision {
    /** The complaint is unfounded: nothing is refunded. */
    DISMISSED,
    /** Part of the price goes back to the buyer; the licence stays in force. */
    PARTIAL_REFUND,
    /** Everything not yet refunded goes back to the buyer and the licence is revoked. */
    FULL_REFUND
}
