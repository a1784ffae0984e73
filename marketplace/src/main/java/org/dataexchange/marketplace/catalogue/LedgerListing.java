package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.dataexchange.ledger.product.ListingStatus;

/**
 * A product's listing as the ledger holds it, read from the ledger itself, beside the books' status: each registered
 * version's listing status with every change and its transaction, and the catalogue's ledger writes still on their way
 * or refused. This is what an approval, suspension, reinstatement or delisting produced on the ledger.
 */
@Serdeable
public record LedgerListing(String productId, ProductStatus status, List<VersionOnLedger> versions, List<Write> writes) {

    @Serdeable
    public record VersionOnLedger(String version, String registrationTxId, Instant registeredAt, ListingStatus status,
                                  @Nullable String statusReason, @Nullable Instant statusChangedAt, List<Change> history) {}

    /** One write of the version's ledger key, newest first. */
    @Serdeable
    public record Change(String txId, Instant at, ListingStatus status, @Nullable String reason) {}

    /** A ledger write the catalogue decided: still {@code PENDING} (sent again until the ledger answers) or {@code REFUSED}. */
    @Serdeable
    public record Write(ListingIntent.Kind kind, ListingIntent.State state, @Nullable String version,
                        @Nullable ProductStatus targetStatus, int attempts, @Nullable String lastError, Instant decidedAt) {}
}
