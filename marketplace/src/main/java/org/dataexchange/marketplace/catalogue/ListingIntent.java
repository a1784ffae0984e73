package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.dataexchange.marketplace.account.Viewer;

/**
 * A ledger write the catalogue decided (a version's registration, a listing status change), recorded in the database
 * transaction that decided it and sent to the ledger after that commits, so no ledger call runs inside a database
 * transaction. Its effect on the books (a version registered, a product listed or reinstated, a revision applied) is
 * applied once, by the transaction that moves it from PENDING to DONE. While PENDING, {@code nextAttemptAt} is both
 * the lease of whoever is sending it and the time of the next retry. A REFUSED registration keeps why as fields too
 * ({@code refusalCode}, and for a parent licence that stopped it its certificate and the checks it failed).
 */
@MappedEntity("listing_ledger_intent")
record ListingIntent(@Id String id, String productId, Kind kind, @Nullable String version,
                            @Nullable String revisionId, @Nullable ProductStatus targetStatus, String actor,
                            @Nullable String actorRole, @Nullable String note, State status, int attempts,
                            @Nullable String lastError, Instant nextAttemptAt, Instant createdAt, Instant updatedAt,
                            @Nullable String refusalCode, @Nullable String refusalCertificate,
                            @Nullable String refusalFailed) {

    /** How long a sender holds a ledger write before another may send it again (longer than it waits for the ledger). */
    static final Duration LEASE = Duration.ofMinutes(2);

    enum Kind {
        /** The first listing of a product: its version registered, then the product LISTED. */
        REGISTER_LISTING,
        /** An approved revision's version registered, then the revision applied. */
        REGISTER_REVISION,
        /** Every registered version of a product follows its listing status. */
        LISTING_STATUS
    }

    enum State { PENDING, DONE, REFUSED, SUPERSEDED }

    /** A ledger write just decided, leased to the request that decided it, which sends it right after the commit. */
    static ListingIntent decided(String productId, Kind kind, @Nullable String version, @Nullable String revisionId,
                                 @Nullable ProductStatus target, Viewer actor, @Nullable String note, Instant now) {
        return new ListingIntent(UUID.randomUUID().toString(), productId, kind, version, revisionId, target,
                actor.username() == null ? "system" : actor.username(), actor.role() == null ? null : actor.role().name(),
                note, State.PENDING, 1, null, now.plus(LEASE), now, now, null, null, null);
    }

    /** What is written, in words, for messages and the product sheet. */
    String describe() {
        return switch (kind) {
            case REGISTER_LISTING, REGISTER_REVISION -> "the registration of version " + version + " of product " + productId;
            case LISTING_STATUS -> "the listing status " + targetStatus + " of product " + productId;
        };
    }

    /** A stored message at most 2000 characters long. */
    static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    /** The intent due at {@code at}: leased to nobody, so the background round sends it. */
    ListingIntent due(Instant at) {
        return new ListingIntent(id, productId, kind, version, revisionId, targetStatus, actor, actorRole, note, status,
                attempts, lastError, at, createdAt, updatedAt, refusalCode, refusalCertificate, refusalFailed);
    }
}
