package org.dataexchange.ledger.supervision;

/**
 * What the exchange did to a merchant in its supervision (SPEC §4): a warning talk (约谈), a listing taken down (下架),
 * the merchant suspended (its listings suspended, no new orders, licences already sold honoured), reinstated after a
 * suspension, or disqualified (final).
 */
public enum SupervisionMeasure {
    WARNING_TALK,
    LISTING_TAKEDOWN,
    SUSPENSION,
    REINSTATEMENT,
    DISQUALIFICATION
}
