package org.dataexchange.marketplace.catalogue;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * The one place a product's or a revision's status changes are stored: the entity's own transition (which refuses a
 * move its lifecycle does not allow, a 409 that changes nothing), saved with who and why in its history and the audit
 * log. The search index follows what is on sale.
 */
@Singleton
class ProductLifecycle {

    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Transitions transitions;
    private final CatalogueRepositories.Revisions revisions;
    private final CatalogueRepositories.RevisionTransitions revisionTransitions;
    private final AuditLog audit;
    private final CatalogueSearch search;
    private final ProductDocuments documents;
    private final OrganisationDirectory organisations;
    private final CatalogueRepositories.Changes changes;

    ProductLifecycle(CatalogueRepositories.Products products, CatalogueRepositories.Transitions transitions,
                     CatalogueRepositories.Revisions revisions, CatalogueRepositories.RevisionTransitions revisionTransitions,
                     AuditLog audit, CatalogueSearch search, ProductDocuments documents, OrganisationDirectory organisations,
                     CatalogueRepositories.Changes changes) {
        this.products = products;
        this.transitions = transitions;
        this.revisions = revisions;
        this.revisionTransitions = revisionTransitions;
        this.audit = audit;
        this.search = search;
        this.documents = documents;
        this.organisations = organisations;
        this.changes = changes;
    }

    /** The product, locked until the transaction ends: changes of one product are taken one after the other. */
    Product locked(String id) {
        return products.lock(id).orElseThrow(() -> ApiProblem.notFound("no product " + id));
    }

    /** A new product, a draft, recorded as created. */
    void created(Product draft, Viewer actor) {
        products.save(draft);
        record(draft.id(), null, ProductStatus.DRAFT, actor, "created");
    }

    /** Moves the product to {@code next} by its transition, or refuses with a 409 and changes nothing. */
    Product change(Product p, ProductStatus next, Viewer actor, String reason) {
        Product changed = allowed(() -> p.changedTo(next, Instant.now()));
        products.update(changed);
        record(p.id(), p.status(), next, actor, reason);
        return changed;
    }

    /** Refuses (409, nothing changed) unless the product may become {@code next}. */
    void requireAllowed(Product p, ProductStatus next) {
        allowed(() -> p.changedTo(next, p.updatedAt()));
    }

    /** A history entry without a status change (e.g. a flag set on a listed product). */
    void note(Product p, Viewer actor, String reason) {
        record(p.id(), p.status(), p.status(), actor, reason);
    }

    /** A new revision, recorded as drafted. */
    void drafted(ProductRevision created, Viewer actor, String reason) {
        revisions.save(created);
        recordRevision(created, null, actor, reason);
    }

    /** Moves the revision by {@code transition} (one of its transition methods), or refuses with a 409. */
    ProductRevision change(ProductRevision r, UnaryOperator<ProductRevision> transition, Viewer actor, String reason) {
        ProductRevision changed;
        try {
            changed = transition.apply(r);
        } catch (Product.StatusChangeRefused e) {
            throw ApiProblem.conflict("Revision status change not allowed", e.getMessage());
        }
        revisions.update(changed);
        recordRevision(changed, r.status(), actor, reason);
        return changed;
    }

    /**
     * The search index shows the product as it now is: findable while listed, gone otherwise. The change also goes into
     * the catalogue's change feed in this transaction, so the other instances' indexes follow (SearchIndexFeed).
     */
    void showInSearch(Product p) {
        changes.save(CatalogueChange.of(p.id(), Instant.now()));
        search.index(p, organisations.find(p.merchantOrgId()).map(Organisation::name).orElse(""),
                documents.details(p).pricingPlans());
    }

    private static Product allowed(java.util.function.Supplier<Product> transition) {
        try {
            return transition.get();
        } catch (Product.StatusChangeRefused e) {
            throw ApiProblem.conflict("Status change not allowed", e.getMessage());
        }
    }

    private void record(String productId, ProductStatus from, ProductStatus to, Viewer actor, String reason) {
        audit.record(actor.username(), actor.role() == null ? null : actor.role().name(), "PRODUCT_" + to,
                "product:" + productId, (from == null ? "" : from + " -> ") + to + ": " + reason);
        transitions.save(new ProductTransition(UUID.randomUUID().toString(), productId, from, to,
                actor.username() == null ? "system" : actor.username(), reason, Instant.now()));
    }

    private void recordRevision(ProductRevision r, ProductRevision.Status from, Viewer actor, String reason) {
        audit.record(actor.username(), actor.role() == null ? null : actor.role().name(), "REVISION_" + r.status(),
                "product:" + r.productId(), "revision " + r.seq() + ": " + (from == null ? "" : from + " -> ") + r.status()
                        + ": " + reason);
        revisionTransitions.save(new RevisionTransition(UUID.randomUUID().toString(), r.id(), from, r.status(),
                actor.username() == null ? "system" : actor.username(), ListingIntent.clip(reason), Instant.now()));
    }
}
