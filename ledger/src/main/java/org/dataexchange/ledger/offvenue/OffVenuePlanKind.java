package org.dataexchange.ledger.offvenue;

/** How an off-venue deal is priced, in the same kinds as the exchange's own plans, so the two can be compared. */
public enum OffVenuePlanKind {
    ONE_OFF,
    SUBSCRIPTION,
    METERED
}
