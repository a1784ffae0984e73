package org.dataexchange.ledger.product;

import java.time.Instant;

/**
 * A registered product version as stored on the ledger: the registration plus its listing status.
 * The history of its key shows every status change with its transaction.
 */
public record ProductVersion(
        ProductRegistration registration,
        ListingStatus status,
        String statusReason,
        Instant registeredAt,
        String registrationTxId,
        Instant statusChangedAt) {

    public ProductVersion withStatus(ListingStatus next, String reason, Instant at) {
        return new ProductVersion(registration, next, reason, registeredAt, registrationTxId, at);
    }
}
