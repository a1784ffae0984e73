package org.dataexchange.marketplace.catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jakarta.inject.Singleton;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * The revisions of listed products: the one active per product, the product as it would make it, its changes against
 * the listed terms, and applying an approved one (its terms and version then replace the listed ones).
 */
@Singleton
class ProductRevisions {

    private final CatalogueRepositories.Revisions revisions;
    private final CatalogueRepositories.RevisionTransitions revisionTransitions;
    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Intents intents;
    private final ProductTerms terms;
    private final ProductDocuments documents;
    private final ProductLifecycle lifecycle;

    ProductRevisions(CatalogueRepositories.Revisions revisions, CatalogueRepositories.RevisionTransitions revisionTransitions,
                     CatalogueRepositories.Products products, CatalogueRepositories.Intents intents, ProductTerms terms,
                     ProductDocuments documents, ProductLifecycle lifecycle) {
        this.revisions = revisions;
        this.revisionTransitions = revisionTransitions;
        this.products = products;
        this.intents = intents;
        this.terms = terms;
        this.documents = documents;
        this.lifecycle = lifecycle;
    }

    /** The product's revision drafted, in review or approved, if any (there is at most one). */
    Optional<ProductRevision> active(String productId) {
        return revisions.findByProductIdOrderBySeqDesc(productId).stream()
                .filter(r -> ProductRevision.Status.ACTIVE.contains(r.status())).findFirst();
    }

    int nextSeq(String productId) {
        return revisions.findByProductIdOrderBySeqDesc(productId).stream().mapToInt(ProductRevision::seq).max().orElse(0) + 1;
    }

    /** Revisions in any of the statuses, oldest change first. */
    List<ProductRevision> inStatus(Set<ProductRevision.Status> statuses) {
        return revisions.findByStatusInOrderByUpdatedAt(statuses);
    }

    Optional<ProductRevision> find(String id) {
        return revisions.findById(id);
    }

    /** The merchant's newer terms or version in the draft revision; it stays a draft. */
    void redraft(ProductRevision draft) {
        revisions.update(draft);
    }

    static void requireOpenForChanges(ProductRevision active) {
        if (active != null && active.status() != ProductRevision.Status.DRAFT) {
            throw ApiProblem.conflict("Revision in review", "a change of this product is " + active.status()
                    + "; wait for the decision (or withdraw it while in review) before changing it again");
        }
    }

    /** The product as the revision would make it: its draft's terms (or the listed ones), its declaration. */
    Product candidate(Product listed, ProductRevision revision) {
        Product proposed = revision.draftJson() == null ? listed : terms.withTerms(listed,
                documents.read(revision.draftJson(), ProductDraft.class),
                listed.refilingRequired() || revision.refilingRequired(), listed.updatedAt());
        ProductDetails d = documents.details(proposed);
        ProductDetails.Declaration declaration = revision.declarationJson() == null ? d.declaration()
                : documents.read(revision.declarationJson(), ProductDetails.Declaration.class);
        return documents.withDetails(proposed, new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(),
                d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), d.licence(),
                d.pricingPlans(), declaration, d.parents()));
    }

    /** The revision as its merchant and the operator see it, with its changes against the listed terms. */
    PendingRevision view(Product listed, ProductRevision r) {
        Product proposed = candidate(listed, r);
        ProductDetails.Declaration declaration = r.declarationJson() == null ? null
                : documents.read(r.declarationJson(), ProductDetails.Declaration.class);
        return new PendingRevision(r.id(), r.seq(), r.status(), r.version(), r.registeredVersion(), r.refilingRequired(),
                changes(listed, proposed, r.version()), declaration, r.decidedBy(), r.decisionNote(),
                revisionTransitions.findByRevisionIdOrderByAt(r.id()), r.createdAt(), r.updatedAt());
    }

    /** Every field of the reviewed terms that differs between the listed product and the proposed one. */
    List<PendingRevision.TermsChange> changes(Product listed, Product proposed, String newVersion) {
        List<PendingRevision.TermsChange> out = new ArrayList<>();
        diff("", reviewedTerms(listed, listed.currentVersion()),
                reviewedTerms(proposed, newVersion == null ? listed.currentVersion() : newVersion), out);
        return out;
    }

    /** The approved revision's terms (and version) replace the listed ones. */
    void apply(Product listed, ProductRevision approved, Viewer actor) {
        Product proposed = keepPrivateOffers(listed, candidate(listed, approved));
        String version = approved.registeredVersion() != null ? approved.registeredVersion() : listed.currentVersion();
        Product applied = proposed.withCurrentVersion(version, Instant.now());
        products.update(applied);
        lifecycle.change(approved, r -> r.applied(Instant.now()), actor,
                "applied: these terms" + (version.equals(listed.currentVersion()) ? "" : " and version " + version)
                        + " are now on sale");
        if (approved.refilingRequired() && !listed.refilingRequired()) {
            lifecycle.note(listed, actor, "flagged for refiling (备案变更): a filed field or the volume changed by 30% or more");
        }
        if (applied.status() == ProductStatus.LISTED) {
            lifecycle.showInSearch(applied);
        } else if (approved.registeredVersion() != null) {
            // Registered as LISTED on the ledger while the product is suspended or delisted: the ledger follows the books.
            intents.save(ListingIntent.decided(listed.id(), ListingIntent.Kind.LISTING_STATUS, null, null, applied.status(),
                    actor, "registered while " + applied.status(), Instant.now()).due(Instant.now()));
        }
    }

    /**
     * The proposed product with the listed product's private offers that it does not name: a price agreed with one
     * buyer (matching) stays open to that buyer when the merchant's later revision of the public terms is applied.
     */
    private Product keepPrivateOffers(Product listed, Product proposed) {
        ProductDetails d = documents.details(proposed);
        Set<String> named = new java.util.HashSet<>();
        d.pricingPlans().forEach(plan -> named.add(plan.id()));
        List<PricingPlan> kept = documents.details(listed).pricingPlans().stream()
                .filter(plan -> plan.kind() == PricingPlan.Kind.PRIVATE_OFFER && !named.contains(plan.id())).toList();
        if (kept.isEmpty()) {
            return proposed;
        }
        List<PricingPlan> plans = new ArrayList<>(d.pricingPlans());
        plans.addAll(kept);
        return documents.withDetails(proposed, new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(),
                d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), d.licence(),
                plans, d.declaration(), d.parents()));
    }

    /** What review looked at, as plain JSON values: every column and document buyers see or the ledger registers. */
    private Map<String, Object> reviewedTerms(Product p, String version) {
        ProductDetails d = documents.details(p);
        Map<String, Object> reviewed = new LinkedHashMap<>();
        reviewed.put("title", p.title());
        reviewed.put("description", p.description());
        reviewed.put("titleEn", p.titleEn());
        reviewed.put("descriptionEn", p.descriptionEn());
        reviewed.put("tags", p.tags());
        reviewed.put("industry", p.industry());
        reviewed.put("sourceType", p.sourceType());
        reviewed.put("classificationLevel", p.classificationLevel());
        reviewed.put("category", p.category());
        reviewed.put("deliveryModes", p.deliveryModes());
        reviewed.put("crossBorderAllowed", p.crossBorderAllowed());
        reviewed.put("provenance", d.provenance());
        reviewed.put("contributors", d.contributors());
        reviewed.put("merchantShareBp", d.merchantShareBp());
        reviewed.put("platformFeeBp", d.platformFeeBp());
        reviewed.put("schema", d.schema());
        reviewed.put("sampleRows", d.sampleRows());
        reviewed.put("quality", d.quality());
        reviewed.put("filing", d.filing());
        reviewed.put("personalData", d.personalData());
        reviewed.put("licence", Map.of("template", d.licence().template(), "terms", d.licence().terms()));
        reviewed.put("pricingPlans", d.pricingPlans());
        reviewed.put("version", version);
        return documents.plain(reviewed);
    }

    private static void diff(String path, Object listed, Object proposed, List<PendingRevision.TermsChange> out) {
        if (listed instanceof Map<?, ?> a && proposed instanceof Map<?, ?> b) {
            Set<Object> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                diff(path.isEmpty() ? key.toString() : path + "." + key, a.get(key), b.get(key), out);
            }
        } else if (!Objects.equals(listed, proposed)) {
            out.add(new PendingRevision.TermsChange(path, listed, proposed));
        }
    }
}
