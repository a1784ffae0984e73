package org.dataexchange.marketplace.catalogue;

import static org.dataexchange.marketplace.catalogue.ProductRevision.Status.APPLIED;
import static org.dataexchange.marketplace.catalogue.ProductRevision.Status.APPROVED;
import static org.dataexchange.marketplace.catalogue.ProductRevision.Status.DRAFT;
import static org.dataexchange.marketplace.catalogue.ProductRevision.Status.IN_REVIEW;
import static org.dataexchange.marketplace.catalogue.ProductRevision.Status.REJECTED;
import static org.dataexchange.marketplace.catalogue.ProductRevision.Status.WITHDRAWN;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A change to a listed (or suspended) product, reviewed before it reaches buyers: the merchant's draft of the new terms
 * ({@code draftJson}, null when only a new data version is proposed) and the data version proposed. The listed terms
 * stay in force, and on sale, until the operator approves the revision and any ledger registration it needs commits.
 * Its status changes only through the transition methods below, each naming the statuses it comes from.
 *
 * @param registeredVersion the version registered on the ledger for this revision once approved: the uploaded one, or
 *     one derived from the listed version's file when the change alters what the ledger registered (classification,
 *     category, source, industry, cross-border, filing, personal-data basis); null when no registration is needed
 */
@MappedEntity("product_revision")
record ProductRevision(@Id String id, String productId, int seq, Status status, @Nullable String draftJson,
                              @Nullable String version, @Nullable String registeredVersion, boolean refilingRequired,
                              @Nullable String declarationJson, @Nullable String decidedBy, @Nullable String decisionNote,
                              Instant createdAt, Instant updatedAt) {

    /** A revision's life: drafted, reviewed, approved (being registered on the ledger), then applied, or not. */
    public enum Status {
        DRAFT, IN_REVIEW, APPROVED, APPLIED, REJECTED, WITHDRAWN;

        /** A product has at most one revision in these statuses. */
        public static final Set<Status> ACTIVE = Set.of(DRAFT, IN_REVIEW, APPROVED);

        /** No transition leaves these. */
        public static final Set<Status> FINAL = Set.of(APPLIED, REJECTED, WITHDRAWN);
    }

    /** A new revision, drafted by the merchant. */
    static ProductRevision drafted(String id, String productId, int seq, @Nullable String draftJson,
                                   @Nullable String version, boolean refiling, Instant at) {
        return new ProductRevision(id, productId, seq, DRAFT, draftJson, version, null, refiling, null, null, null, at, at);
    }

    /** Submitted with the merchant's declaration. */
    ProductRevision submitted(String declaration, Instant at) {
        return moveTo(IN_REVIEW, at, DRAFT).declared(declaration, at);
    }

    /** Back in review: the ledger refused the registration its approval needed. */
    ProductRevision returnedToReview(Instant at) {
        return moveTo(IN_REVIEW, at, APPROVED);
    }

    /** Passed review; {@code registered} is the version it registers on the ledger, or null when it needs none. */
    ProductRevision approved(String by, @Nullable String note, @Nullable String registered, Instant at) {
        return moveTo(APPROVED, at, IN_REVIEW).decided(by, note, registered);
    }

    /** Refused by the review; the listed terms stay in force. */
    ProductRevision rejected(String by, String reason, Instant at) {
        return moveTo(REJECTED, at, IN_REVIEW).decided(by, reason, null);
    }

    /** Its terms (and version) replaced the listed ones. */
    ProductRevision applied(Instant at) {
        return moveTo(APPLIED, at, APPROVED);
    }

    /** Withdrawn by the merchant, or because the product was delisted; an approved one is being registered. */
    ProductRevision withdrawn(Instant at) {
        return moveTo(WITHDRAWN, at, DRAFT, IN_REVIEW);
    }

    boolean canBeWithdrawn() {
        return status == DRAFT || status == IN_REVIEW;
    }

    /** The draft's terms and version replaced by the merchant's newer ones; the status stays. */
    ProductRevision withDraft(@Nullable String draft, @Nullable String newVersion, boolean refiling, Instant at) {
        return new ProductRevision(id, productId, seq, status, draft, newVersion, registeredVersion, refiling,
                declarationJson, decidedBy, decisionNote, createdAt, at);
    }

    private ProductRevision moveTo(Status next, Instant at, Status... from) {
        if (Status.FINAL.contains(status) || !List.of(from).contains(status)) {
            throw new Product.StatusChangeRefused("a revision " + status + " cannot become " + next);
        }
        return new ProductRevision(id, productId, seq, next, draftJson, version, registeredVersion, refilingRequired,
                declarationJson, decidedBy, decisionNote, createdAt, at);
    }

    private ProductRevision declared(String declaration, Instant at) {
        return new ProductRevision(id, productId, seq, status, draftJson, version, registeredVersion, refilingRequired,
                declaration, decidedBy, decisionNote, createdAt, at);
    }

    private ProductRevision decided(String by, @Nullable String note, @Nullable String registered) {
        return new ProductRevision(id, productId, seq, status, draftJson, version, registered, refilingRequired,
                declarationJson, by, note, createdAt, updatedAt);
    }
}
