package org.dataexchange.ledger.offvenue;

import java.time.Instant;

/**
 * An off-venue deal as the ledger holds it: the request, marked {@code venue = OFF_VENUE} so that no reader mistakes it
 * for a trade settled on the exchange (it is kept under its own keys, never with trades), and when and in which
 * transaction it was recorded.
 */
public record OffVenueDeal(OffVenueDealRequest request, String venue, Instant recordedAt, String txId) {

    public static final String OFF_VENUE = "OFF_VENUE";
}
