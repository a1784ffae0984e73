package org.dataexchange.marketplace.catalogue;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * A merchant's own products: drafting and changing them, uploading versions of their data and submitting them with
 * the declaration. A draft or rejected product is changed in place; a listed (or suspended) product's changes and new
 * versions become its draft revision, reviewed like a first listing while the listed terms stay on sale. Each change
 * takes the product's row lock, so it and a review of the same product are taken in turn.
 */
@Singleton
public class MerchantProducts {

    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Versions versions;
    private final ProductTerms terms;
    private final ProductRevisions revisions;
    private final ProductLifecycle lifecycle;
    private final ProductSheets sheets;
    private final ProductDocuments documents;
    private final DataFiles files;
    private final List<SubmissionAdmission> admissions;

    MerchantProducts(CatalogueRepositories.Products products, CatalogueRepositories.Versions versions, ProductTerms terms,
                     ProductRevisions revisions, ProductLifecycle lifecycle, ProductSheets sheets,
                     ProductDocuments documents, DataFiles files, List<SubmissionAdmission> admissions) {
        this.admissions = admissions;
        this.products = products;
        this.versions = versions;
        this.terms = terms;
        this.revisions = revisions;
        this.lifecycle = lifecycle;
        this.sheets = sheets;
        this.documents = documents;
        this.files = files;
    }

    @Transactional
    public ProductSheet create(Viewer merchant, ProductDraft draft) {
        requireMerchant(merchant);
        Product p = terms.newDraft(UUID.randomUUID().toString(), merchant.organisationId(), draft, Instant.now());
        lifecycle.created(p, merchant);
        return sheets.sheet(p, merchant);
    }

    /**
     * Changes a product. A draft or rejected product is changed in place (it is reviewed on submission). A listed or
     * suspended product keeps its listed terms, which stay on sale: the change becomes (or replaces) its draft revision,
     * reviewed like a first listing once submitted (SPEC §6: nothing reaches buyers without review).
     */
    @Transactional
    public ProductSheet update(Viewer merchant, String id, ProductDraft draft) {
        Product current = owned(merchant, id);
        if (!ProductStatus.EDITABLE.contains(current.status())) {
            throw ApiProblem.conflict("Product not editable", "a product " + current.status()
                    + " cannot be changed; wait for the review or create a new product");
        }
        if (current.isPublished()) {
            proposeTerms(merchant, current, draft);
            return sheets.sheet(current, merchant);
        }
        Product updated = terms.withTerms(current, draft, current.refilingRequired(), Instant.now());
        products.update(updated);
        if (current.status() == ProductStatus.REJECTED) {
            updated = lifecycle.change(updated, ProductStatus.DRAFT, merchant, "edited after rejection");
        }
        return sheets.sheet(updated, merchant);
    }

    /** The new terms of a published product as its draft revision; refiling is flagged by what changed (SPEC §6). */
    private void proposeTerms(Viewer merchant, Product listed, ProductDraft draft) {
        Instant now = Instant.now();
        ProductRevision active = revisions.active(listed.id()).orElse(null);
        ProductRevisions.requireOpenForChanges(active);
        // Validates the draft as a product would be (shares, plans, licence), so a revision is always applicable.
        Product proposed = terms.withTerms(listed, draft, listed.refilingRequired(), now);
        boolean refiling = terms.needsRefiling(listed, draft);
        String draftJson = documents.write(draft);
        if (active == null) {
            if (revisions.changes(listed, proposed, null).isEmpty()) {
                return; // the listed terms as they are: nothing to review
            }
            lifecycle.drafted(ProductRevision.drafted(UUID.randomUUID().toString(), listed.id(),
                    revisions.nextSeq(listed.id()), draftJson, null, refiling, now), merchant,
                    "changes to the listed terms drafted; the listed terms stay in force"
                    + (refiling ? "; flagged for refiling (备案变更): a filed field or the volume changed by 30% or more" : ""));
        } else {
            revisions.redraft(active.withDraft(draftJson, active.version(), refiling, now));
        }
    }

    /** Withdraws the merchant's pending revision (drafted or in review); the listed terms stay as they are. */
    @Transactional
    public ProductSheet withdrawRevision(Viewer merchant, String id) {
        Product p = owned(merchant, id);
        ProductRevision active = revisions.active(id).filter(ProductRevision::canBeWithdrawn)
                .orElseThrow(() -> ApiProblem.conflict("No revision to withdraw", "product " + id
                        + " has no drafted or reviewed change; an approved one is being registered on the ledger"));
        lifecycle.change(active, r -> r.withdrawn(Instant.now()), merchant, "withdrawn by the merchant");
        return sheets.sheet(p, merchant);
    }

    public List<ProductSummary> listOwn(Viewer merchant) {
        requireMerchant(merchant);
        return products.findByMerchantOrgIdOrderByUpdatedAtDesc(merchant.organisationId()).stream()
                .map(sheets::summary).toList();
    }

    /**
     * Stores an uploaded data file as a new version: SHA-256 computed while writing, size limit enforced. A draft's
     * upload becomes its current version; a published product's goes into its draft revision and is sold only once
     * that is approved and registered on the ledger, the registered version being sold meanwhile.
     */
    @Transactional
    public ProductSheet uploadVersion(Viewer merchant, String id, String version, String fileName, InputStream data) {
        Product p = owned(merchant, id);
        if (version == null || !version.matches("[0-9A-Za-z._-]{1,64}")) {
            throw ApiProblem.invalidField("version", "a version is 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (versions.findByProductIdAndVersion(id, version).isPresent()) {
            throw ApiProblem.conflict("Version exists", "version " + version + " of this product was already uploaded;"
                    + " versions are immutable, upload a new one");
        }
        if (p.status() == ProductStatus.IN_REVIEW || p.status() == ProductStatus.DELISTED) {
            throw ApiProblem.conflict("Product not editable", "no versions can be added while the product is " + p.status());
        }
        ProductRevision active = p.isPublished() ? revisions.active(id).orElse(null) : null;
        if (p.isPublished()) {
            ProductRevisions.requireOpenForChanges(active);
        }
        DataFiles.Stored stored = files.store(id, version, data);
        Instant now = Instant.now();
        ProductDetails details = active == null || active.draftJson() == null ? documents.details(p)
                : documents.details(revisions.candidate(p, active));
        versions.save(new ProductVersion(UUID.randomUUID().toString(), id, version, DataFiles.safeName(fileName),
                stored.sizeBytes(), stored.sha256(), stored.storagePath(), details.provenance().volumeRecords(), null, null,
                now));
        if (!p.isPublished()) {
            Product updated = p.withCurrentVersion(version, now);
            products.update(updated);
            return sheets.sheet(updated, merchant);
        }
        if (active == null) {
            lifecycle.drafted(ProductRevision.drafted(UUID.randomUUID().toString(), id, revisions.nextSeq(id), null, version,
                    false, now), merchant, "version " + version + " uploaded; version " + p.currentVersion()
                    + " stays on sale until this one is reviewed and registered");
        } else {
            revisions.redraft(active.withDraft(active.draftJson(), version, active.refilingRequired(), now));
        }
        return sheets.sheet(p, merchant);
    }

    /**
     * The merchant's declaration of source, rights and quality, and the move into review: of the product itself before
     * its first listing, or of its draft revision once it is published.
     */
    @Transactional
    public ProductSheet submit(Viewer merchant, String id, boolean sourceLawful, boolean rightsHeld,
                               boolean qualityAsDescribed, String statement) {
        Product p = owned(merchant, id);
        if (!sourceLawful || !rightsHeld || !qualityAsDescribed) {
            throw ApiProblem.invalidField("declaration", "the merchant must declare that the source is lawful, that it"
                    + " holds the rights it licenses and that the quality is as described (交易声明和承诺)");
        }
        // Onboarding, standing and credit: only an admitted merchant in good standing submits.
        admissions.forEach(a -> a.requireMaySubmit(p.merchantOrgId()));
        ProductDetails.Declaration declaration = new ProductDetails.Declaration(true, true, true,
                statement == null ? "" : statement, Instant.now(), merchant.username());
        if (p.isPublished()) {
            ProductRevision draft = revisions.active(id).orElseThrow(() -> ApiProblem.conflict("Nothing to submit",
                    "product " + id + " is " + p.status() + " with its listed terms; change it or upload a new version"
                            + " first, then submit that revision"));
            if (draft.status() != ProductRevision.Status.DRAFT) {
                throw ApiProblem.conflict("Revision already submitted", "the revision of product " + id + " is "
                        + draft.status());
            }
            Product candidate = revisions.candidate(p, draft);
            ComplianceRules.requireSubmittable(candidate, documents.details(candidate));
            lifecycle.change(draft, r -> r.submitted(documents.write(declaration), Instant.now()), merchant,
                    "submitted for review; the listed terms stay on sale until it is approved");
            return sheets.sheet(p, merchant);
        }
        if (p.currentVersion() == null) {
            throw ApiProblem.conflict("No data uploaded", "upload a version of the data before submitting for review");
        }
        ComplianceRules.requireSubmittable(p, documents.details(p));
        Product submitted = lifecycle.change(p, ProductStatus.IN_REVIEW, merchant, "submitted for listing review");
        ProductDetails d = documents.details(submitted);
        Product withDeclaration = documents.withDetails(submitted, new ProductDetails(d.provenance(), d.contributors(),
                d.merchantShareBp(), d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(),
                d.personalData(), d.licence(), d.pricingPlans(), declaration, d.parents()));
        products.update(withDeclaration);
        return sheets.sheet(withDeclaration, merchant);
    }

    /**
     * Adds a private offer (a PRIVATE_OFFER plan for one buyer organisation) to the merchant's LISTED product, checked
     * as every plan is (currency, price, a registered buyer, the product's delivery modes and currency) and under the
     * product's reviewed licence. It is not a change of the reviewed terms: review looked at the product, its licence and
     * its public prices; a price negotiated with one buyer under that licence (matching, 交易撮合) is on sale to that
     * buyer at once. Private offers outlive the product's later revisions (see {@link ProductRevisions#apply}).
     */
    @Transactional
    public PricingPlan offerPrivately(Viewer merchant, String id, PricingPlan offer) {
        Product p = owned(merchant, id);
        if (p.status() != ProductStatus.LISTED || p.currentVersion() == null) {
            throw ApiProblem.invalidField("productId", "product " + id + " is " + p.status()
                    + "; private offers are made on listed products only");
        }
        ProductDetails d = documents.details(p);
        if (offer.kind() != PricingPlan.Kind.PRIVATE_OFFER) {
            throw ApiProblem.invalidField("plan.kind", "only a PRIVATE_OFFER is offered to one buyer");
        }
        terms.validatePlan(offer, "plan");
        if (p.currency() != null && !p.currency().equals(offer.currency())) {
            throw ApiProblem.invalidField("plan.currency", "all plans of a product use one currency: " + p.currency());
        }
        List<DeliveryMode> modes = ProductSheets.modes(p);
        if (offer.deliveryModes() != null && !modes.containsAll(offer.deliveryModes())
                || offer.deliversThrough(modes).isEmpty()) {
            throw ApiProblem.invalidField("plan.deliveryModes", "a plan delivers through at least one of the product's"
                    + " delivery modes " + modes + " and through no other");
        }
        if (d.pricingPlans().stream().anyMatch(plan -> plan.id().equals(offer.id()))) {
            throw ApiProblem.conflict("Plan exists", "product " + id + " already has a plan " + offer.id());
        }
        List<PricingPlan> plans = new java.util.ArrayList<>(d.pricingPlans());
        plans.add(offer);
        Product updated = documents.withDetails(p, new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(),
                d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), d.licence(),
                plans, d.declaration(), d.parents()));
        products.update(updated);
        lifecycle.note(updated, merchant, "private offer " + offer.id() + " to the buyer with credit code "
                + offer.buyerCreditCode() + ": " + offer.priceMinor() + " " + offer.currency());
        return offer;
    }

    /**
     * Takes private offers off a product once they can no longer be taken up (a need closed without choosing them), so
     * that a price negotiated for one need is not on sale to its buyer afterwards. Plans that are not private offers, or
     * no longer on the product, are left alone; answers how many were taken off.
     */
    @Transactional
    public int withdrawPrivateOffers(String productId, java.util.Collection<String> planIds, Viewer actor, String reason) {
        Product p = lifecycle.locked(productId);
        ProductDetails d = documents.details(p);
        List<PricingPlan> kept = d.pricingPlans().stream()
                .filter(plan -> plan.kind() != PricingPlan.Kind.PRIVATE_OFFER || !planIds.contains(plan.id())).toList();
        int withdrawn = d.pricingPlans().size() - kept.size();
        if (withdrawn == 0) {
            return 0;
        }
        Product updated = documents.withDetails(p, new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(),
                d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), d.licence(),
                kept, d.declaration(), d.parents()));
        products.update(updated);
        lifecycle.note(updated, actor, "private offer" + (withdrawn == 1 ? " " : "s ") + d.pricingPlans().stream()
                .filter(plan -> !kept.contains(plan)).map(PricingPlan::id).toList() + " withdrawn: " + reason);
        return withdrawn;
    }

    /** The merchant's own product, locked for the calling transaction: its changes and the review's are taken in turn. */
    private Product owned(Viewer merchant, String id) {
        requireMerchant(merchant);
        Product p = lifecycle.locked(id);
        if (!p.merchantOrgId().equals(merchant.organisationId())) {
            // Not found rather than forbidden: other merchants' drafts are not theirs to know about.
            throw ApiProblem.notFound("no product " + id + " of your organisation");
        }
        return p;
    }

    private static void requireMerchant(Viewer viewer) {
        if (!viewer.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("this needs a " + Role.MERCHANT + " account");
        }
    }
}
