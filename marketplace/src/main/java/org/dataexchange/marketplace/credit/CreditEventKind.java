package org.dataexchange.marketplace.credit;

/**
 * What happened to a party, as its credit record counts it. Each kind's points are configured
 * ({@link CreditRules}); the source of each event is kept with it.
 */
public enum CreditEventKind {
    /** A warning talk (约谈) by the exchange's supervision. */
    WARNING_TALK,
    /** A listing taken down (下架) by supervision. */
    LISTING_TAKEDOWN,
    /** The merchant suspended by supervision. */
    SUSPENSION,
    /** The merchant disqualified by supervision. */
    DISQUALIFICATION,
    /** A complaint about the party's sale decided with a refund. */
    UPHELD_COMPLAINT,
    /** A core-data trade the regulator refused (counted against the buyer that asked for it). */
    REFUSED_TRADE,
    /** A delivery later than promised, recorded by the operator. */
    LATE_DELIVERY,
    /** A record of deliveries on time, recorded by the operator (a positive event). */
    ON_TIME_RECORD
}
