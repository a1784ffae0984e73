package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A ledger write the catalogue decided (a version's registration, a listing status change), recorded in the database
 * transaction that decided it and sent to the ledger after that commits, so no ledger call runs inside a database
 * transaction. Its effect on the books (a version registered, a product listed or reinstated, a revision applied) is
 * applied once, by the transaction that moves it from PENDING to DONE. While PENDING, {@code nextAttemptAt} is both
 * the lease of whoever is sending it and the time of the next retry.
 */
@MappedEntity("listing_ledger_intent")
public record ListingIntent(@Id String id, String productId, Kind kind, @Nullable String version,
                            @Nullable String revisionId, @Nullable ProductStatus targetStatus, String actor,
                            @Nullable String actorRole, @Nullable String note, State status, int attempts,
                            @Nullable String lastError, Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {

    public enum Kind {
        /** The first listing of a product: its version registered, then the product LISTED. */
        REGISTER_LISTING,
        /** An approved revision's version registered, then the revision applied. */
        REGISTER_REVISION,
        /** Every registered version of a product follows its listing status. */
        LISTING_STATUS
    }

    public enum State { PENDING, DONE, REFUSED, SUPERSEDED }

    /** The intent due at {@code at}: leased to nobody, so the background round sends it. */
    ListingIntent due(Instant at) {
        return new ListingIntent(id, productId, kind, version, revisionId, targetStatus, actor, actorRole, note, status,
                attempts, lastError, at, createdAt, updatedAt);
    }
}
