package org.dataexchange.marketplace.catalogue;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * The operator's listing review (不合规不挂牌) and the listing's later life: approving or rejecting a product
 * submitted for its first listing or a revision of a listed one, and suspending, reinstating or delisting a listing.
 * Each decision commits first; the ledger write it needs is sent after the commit by {@link ListingRegistration}.
 */
@Singleton
public class ListingReview {

    private final TransactionOperations<Connection> tx;
    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Versions versions;
    private final ProductRevisions revisions;
    private final ProductLifecycle lifecycle;
    private final ListingRegistration registration;
    private final ProductSheets sheets;
    private final ProductTerms terms;
    private final ProductDocuments documents;
    private final AuditLog audit;
    private final ParentLicences parentLicences;

    ListingReview(TransactionOperations<Connection> tx, CatalogueRepositories.Products products,
                  CatalogueRepositories.Versions versions, ProductRevisions revisions, ProductLifecycle lifecycle,
                  ListingRegistration registration, ProductSheets sheets, ProductTerms terms, ProductDocuments documents,
                  AuditLog audit, ParentLicences parentLicences) {
        this.parentLicences = parentLicences;
        this.tx = tx;
        this.products = products;
        this.versions = versions;
        this.revisions = revisions;
        this.lifecycle = lifecycle;
        this.registration = registration;
        this.sheets = sheets;
        this.terms = terms;
        this.documents = documents;
        this.audit = audit;
    }

    /** Products submitted for their first listing, then revisions of listed products, each oldest first. */
    public List<ReviewItem> reviewQueue(Viewer operator) {
        requireOperator(operator);
        List<ReviewItem> queue = new ArrayList<>();
        products.findByStatusOrderByUpdatedAt(ProductStatus.IN_REVIEW)
                .forEach(p -> queue.add(ReviewItem.of(ReviewItem.Kind.LISTING, sheets.summary(p), null, registration.refusal(p.id()))));
        for (ProductRevision r : revisions.inStatus(EnumSet.of(ProductRevision.Status.IN_REVIEW))) {
            Product p = sheets.found(r.productId());
            queue.add(ReviewItem.of(ReviewItem.Kind.REVISION, sheets.summary(p), revisions.view(p, r), registration.refusal(p.id())));
        }
        return queue;
    }

    /**
     * Approves a product in review, or the revision in review of a listed product: no negative-list item, compliance
     * complete, cross-border trade only as filed. A version to register goes to the ledger after the decision commits;
     * only once it is registered is the product listed, or the revision's terms and version put on sale (core data as
     * "trade requires regulator approval"). A revision that needs no registration is applied at once.
     */
    public ProductSheet approve(Viewer operator, String id, String note) {
        requireOperator(operator);
        ListingIntent intent = tx.executeWrite(status -> decideApproval(operator, id, note));
        if (intent != null) {
            registration.send(intent, true);
        }
        return sheets.sheet(sheets.found(id), operator);
    }

    private ListingIntent decideApproval(Viewer operator, String id, String note) {
        Product p = lifecycle.locked(id);
        ListingIntent pending = registration.pending(id, EnumSet.of(ListingIntent.Kind.REGISTER_LISTING,
                ListingIntent.Kind.REGISTER_REVISION));
        if (pending != null) {
            return registration.claimOrWait(pending); // approved before; its registration is sent again
        }
        Instant now = Instant.now();
        String decision = note == null || note.isBlank() ? null : note;
        if (p.status() == ProductStatus.IN_REVIEW) {
            ComplianceRules.requireReviewPassed(p, documents.details(p));
            parentLicences.requireUsable(p.merchantOrgId(), documents.details(p).parentLicences());
            audit.record(operator.username(), Role.OPERATOR.name(), "PRODUCT_APPROVED", "product:" + id,
                    "listing review passed; registering version " + p.currentVersion() + " on the ledger");
            return registration.decide(p.id(), ListingIntent.Kind.REGISTER_LISTING, p.currentVersion(), null, null,
                    operator, decision, now);
        }
        ProductRevision revision = revisions.active(id).filter(r -> r.status() == ProductRevision.Status.IN_REVIEW)
                .orElseThrow(() -> ApiProblem.conflict("Not in review", "only products or revisions in review can be"
                        + " approved; product " + id + " is " + p.status() + " with no revision in review"));
        Product proposed;
        try {
            proposed = revisions.candidate(p, revision);
        } catch (ApiProblem unresolved) {
            // The revision names a parent licence its merchant no longer holds (refunded since it was submitted).
            if (unresolved.field() != null && unresolved.field().startsWith("parentCertificates")) {
                throw ApiProblem.of(ProblemType.PARENT_LICENCE_UNUSABLE, "Parent licence unusable",
                        unresolved.getMessage() + "; reject the revision with that reason");
            }
            throw unresolved;
        }
        ComplianceRules.requireReviewPassed(proposed, documents.details(proposed));
        parentLicences.requireUsable(p.merchantOrgId(), documents.details(proposed).parentLicences());
        String register = revision.version() != null ? revision.version()
                : terms.registrationChanged(p, proposed) ? deriveVersion(p, proposed, revision) : null;
        ProductRevision approved = lifecycle.change(revision, r -> r.approved(operator.username(), decision, register, now),
                operator, decision != null ? decision : register == null
                        ? "revision review passed" : "revision review passed; registering version " + register + " on the ledger");
        if (register == null) {
            revisions.apply(p, approved, operator);
            return null;
        }
        return registration.decide(p.id(), ListingIntent.Kind.REGISTER_REVISION, register, revision.id(), null, operator,
                decision, now);
    }

    /** A version that registers a revision's new classification or filing on the ledger, on the listed version's file. */
    private String deriveVersion(Product listed, Product proposed, ProductRevision revision) {
        ProductVersion base = versions.findByProductIdAndVersion(listed.id(), listed.currentVersion()).orElseThrow();
        String stem = base.version().length() > 54 ? base.version().substring(0, 54) : base.version();
        String label = stem + "-r" + revision.seq();
        for (int n = 2; versions.findByProductIdAndVersion(listed.id(), label).isPresent(); n++) {
            label = stem + "-r" + revision.seq() + "." + n;
        }
        versions.save(new ProductVersion(UUID.randomUUID().toString(), listed.id(), label, base.fileName(), base.sizeBytes(),
                base.sha256(), base.storagePath(), documents.details(proposed).provenance().volumeRecords(), null, null,
                Instant.now()));
        return label;
    }

    public ProductSheet reject(Viewer operator, String id, String reason) {
        requireOperator(operator);
        requireReason(reason);
        return tx.executeWrite(status -> {
            Product p = lifecycle.locked(id);
            if (registration.pending(id, EnumSet.of(ListingIntent.Kind.REGISTER_LISTING,
                    ListingIntent.Kind.REGISTER_REVISION)) != null) {
                throw ApiProblem.conflict("Approved", "product " + id + " was approved and its version is being registered on"
                        + " the ledger; it can no longer be rejected");
            }
            if (p.status() == ProductStatus.IN_REVIEW) {
                return sheets.sheet(lifecycle.change(p, ProductStatus.REJECTED, operator, reason), operator);
            }
            ProductRevision revision = revisions.active(id).filter(r -> r.status() == ProductRevision.Status.IN_REVIEW)
                    .orElseThrow(() -> ApiProblem.conflict("Not in review", "only products or revisions in review can be"
                            + " rejected; product " + id + " is " + p.status() + " with no revision in review"));
            lifecycle.change(revision, r -> r.rejected(operator.username(), reason, Instant.now()), operator,
                    "rejected: " + reason + "; the listed terms stay in force");
            return sheets.sheet(p, operator);
        });
    }

    /**
     * Suspends, reinstates or delists a listing; the ledger's listing status of every registered version follows, so
     * it refuses trades too. Suspending and delisting take effect in the books at once and reach the ledger after the
     * commit (retried until it answers); reinstating lists the product again only once the ledger has.
     */
    public ProductSheet changeListing(Viewer actor, String id, ProductStatus next, String reason) {
        requireReason(reason);
        ListingIntent intent = tx.executeWrite(status -> decideListingChange(actor, id, next, reason));
        if (intent != null) {
            registration.send(intent, true);
        }
        return sheets.sheet(sheets.found(id), actor);
    }

    private ListingIntent decideListingChange(Viewer actor, String id, ProductStatus next, String reason) {
        Product p = lifecycle.locked(id);
        boolean merchantDelisting = actor.is(Role.MERCHANT) && next == ProductStatus.DELISTED
                && p.merchantOrgId().equals(actor.organisationId());
        if (!actor.is(Role.OPERATOR) && !merchantDelisting) {
            throw ApiProblem.forbidden("only the operator suspends and reinstates listings; a merchant may delist its own");
        }
        lifecycle.requireAllowed(p, next);
        Instant now = Instant.now();
        ListingIntent earlier = registration.pending(id, EnumSet.of(ListingIntent.Kind.LISTING_STATUS));
        if (earlier != null) {
            registration.supersede(earlier, now);
        }
        boolean onLedger = versions.findByProductIdOrderByCreatedAt(id).stream().anyMatch(v -> v.ledgerTxId() != null);
        if (next == ProductStatus.LISTED && onLedger) {
            return registration.decide(id, ListingIntent.Kind.LISTING_STATUS, null, null, next, actor, reason, now);
        }
        Product changed = lifecycle.change(p, next, actor, reason);
        if (next == ProductStatus.DELISTED) {
            revisions.active(id).filter(ProductRevision::canBeWithdrawn).ifPresent(r ->
                    lifecycle.change(r, rev -> rev.withdrawn(now), actor, "the product was delisted"));
        }
        lifecycle.showInSearch(changed);
        return onLedger ? registration.decide(id, ListingIntent.Kind.LISTING_STATUS, null, null, next, actor, reason, now)
                : null;
    }

    private static void requireOperator(Viewer viewer) {
        if (!viewer.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("this needs a " + Role.OPERATOR + " account");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalidField("reason", "give the reason; it is recorded with the change");
        }
    }
}
