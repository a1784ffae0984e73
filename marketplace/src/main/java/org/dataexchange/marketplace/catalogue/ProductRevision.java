package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Set;

/**
 * A change to a listed (or suspended) product, reviewed before it reaches buyers: the merchant's draft of the new terms
 * ({@code draftJson}, null when only a new data version is proposed) and the data version proposed. The listed terms
 * stay in force, and on sale, until the operator approves the revision and any ledger registration it needs commits.
 *
 * @param registeredVersion the version registered on the ledger for this revision once approved: the uploaded one, or
 *     one derived from the listed version's file when the change alters what the ledger registered (classification,
 *     category, source, industry, cross-border, filing, personal-data basis); null when no registration is needed
 */
@MappedEntity("product_revision")
public record ProductRevision(@Id String id, String productId, int seq, Status status, @Nullable String draftJson,
                              @Nullable String version, @Nullable String registeredVersion, boolean refilingRequired,
                              @Nullable String declarationJson, @Nullable String decidedBy, @Nullable String decisionNote,
                              Instant createdAt, Instant updatedAt) {

    /** A revision's life: drafted, reviewed, approved (being registered on the ledger), then applied, or not. */
    public enum Status {
        DRAFT, IN_REVIEW, APPROVED, APPLIED, REJECTED, WITHDRAWN;

        /** The statuses each status may be reached from. */
        public boolean canBecome(Status next) {
            return switch (next) {
                case DRAFT -> false;
                case IN_REVIEW -> this == DRAFT || this == APPROVED; // submitted, or its registration refused by the ledger
                case APPROVED -> this == IN_REVIEW;
                case APPLIED -> this == APPROVED;
                case REJECTED -> this == IN_REVIEW;
                case WITHDRAWN -> this == DRAFT || this == IN_REVIEW;
            };
        }

        /** A product has at most one revision in these statuses. */
        public static final Set<Status> ACTIVE = Set.of(DRAFT, IN_REVIEW, APPROVED);
    }

    ProductRevision with(Status next, Instant at) {
        return new ProductRevision(id, productId, seq, next, draftJson, version, registeredVersion, refilingRequired,
                declarationJson, decidedBy, decisionNote, createdAt, at);
    }

    ProductRevision withDraft(@Nullable String draft, @Nullable String newVersion, boolean refiling, Instant at) {
        return new ProductRevision(id, productId, seq, status, draft, newVersion, registeredVersion, refiling,
                declarationJson, decidedBy, decisionNote, createdAt, at);
    }

    ProductRevision declared(String declaration, Instant at) {
        return new ProductRevision(id, productId, seq, status, draftJson, version, registeredVersion, refilingRequired,
                declaration, decidedBy, decisionNote, createdAt, at);
    }

    ProductRevision decided(Status next, String by, @Nullable String note, @Nullable String registered, Instant at) {
        return new ProductRevision(id, productId, seq, next, draftJson, version, registered, refilingRequired,
                declarationJson, by, note, createdAt, at);
    }
}
