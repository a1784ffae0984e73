package org.dataexchange.marketplace.catalogue;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * What the rest of the exchange asks of the catalogue: what a buyer can order of a listed product, its plans, how it
 * is delivered, its registered digests and data files, and the products the regulator watches for refiling. Writing
 * products is {@link MerchantProducts}, reviewing and listing them {@link ListingReview}.
 */
@Singleton
public class CatalogueService {

    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Versions versions;
    private final OrganisationDirectory directory;
    private final CatalogueSearch search;
    private final ProductDocuments documents;
    private final ProductSheets sheets;
    private final ProductRevisions revisions;
    private final CatalogueRepositories.DerivedParents derivedParents;

    CatalogueService(CatalogueRepositories.Products products, CatalogueRepositories.Versions versions,
                     OrganisationDirectory directory, CatalogueSearch search,
                     ProductDocuments documents, ProductSheets sheets, ProductRevisions revisions,
                     CatalogueRepositories.DerivedParents derivedParents) {
        this.derivedParents = derivedParents;
        this.products = products;
        this.versions = versions;
        this.directory = directory;
        this.search = search;
        this.documents = documents;
        this.sheets = sheets;
        this.revisions = revisions;
    }

    /** A stored data file of a product version: where under the files directory, its name as uploaded, size and digest. */
    public record DataFile(String version, String fileName, String storagePath, long sizeBytes, String sha256) {}

    /** The derived products whose sales owe the merchant's organisation a royalty (registered with a parent it sold). */
    public List<String> derivedProductsPaying(String merchantOrgId) {
        return derivedParents.findByParentMerchantOrgId(merchantOrgId).stream().map(DerivedProductParent::productId)
                .distinct().toList();
    }

    /** What the buyer can order of a listed product; refuses a product that is unknown, unlisted or has no version. */
    public ProductOffer offerTo(Viewer buyer, String id) {
        Product p = products.findById(id).filter(found -> found.status() == ProductStatus.LISTED && found.currentVersion() != null)
                .orElseThrow(() -> ApiProblem.invalidField("productId", "no listed product " + id));
        ProductDetails d = documents.details(p);
        String merchantCreditCode = directory.creditCodeOf(p.merchantOrgId());
        List<PricingPlan> plans = d.pricingPlans().stream().filter(plan -> plan.kind() != PricingPlan.Kind.PRIVATE_OFFER
                || sheets.creditCodeOf(buyer).map(c -> c.equals(plan.buyerCreditCode())).orElse(false)).toList();
        return new ProductOffer(p.id(), p.currentVersion(), p.classificationLevel(), p.crossBorderAllowed(), merchantCreditCode,
                d.licence(), plans, d.merchantShareBp(), d.contributors(), d.platformFeeBp(), p.merchantOrgId(),
                d.parentLicences());
    }

    /**
     * Listed or suspended products whose filed fields or volume changed since filing (备案变更): in their listed terms,
     * or in a revision drafted, in review or approved.
     */
    public List<ProductSummary> refilingRequired() {
        List<ProductSummary> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ProductStatus status : List.of(ProductStatus.LISTED, ProductStatus.SUSPENDED)) {
            products.findByStatusOrderByUpdatedAt(status).stream().filter(Product::refilingRequired)
                    .filter(p -> seen.add(p.id())).map(sheets::summary).forEach(out::add);
        }
        revisions.inStatus(ProductRevision.Status.ACTIVE).stream()
                .filter(ProductRevision::refilingRequired).filter(r -> seen.add(r.productId()))
                .map(r -> sheets.found(r.productId())).filter(Product::isPublished).map(sheets::summary).forEach(out::add);
        return out;
    }

    /** The sample rows a metered call answers with: read from the product alone, no sheet assembled per call. */
    public List<Map<String, Object>> sampleRows(String productId) {
        return documents.details(sheets.found(productId)).sampleRows();
    }

    /** A pricing plan of a product, whoever it is offered to (for billing an order already placed). */
    public PricingPlan plan(String productId, String planId) {
        return documents.details(sheets.found(productId)).pricingPlans().stream().filter(p -> p.id().equals(planId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("no plan " + planId + " of product " + productId));
    }

    /** How an order of the product under the plan may be delivered; a plan no longer offered keeps the product's modes. */
    public DeliveryOffer deliveryOffer(String productId, String planId) {
        Product p = sheets.found(productId);
        List<DeliveryMode> productModes = ProductSheets.modes(p);
        Set<DeliveryMode> planModes = documents.details(p).pricingPlans().stream().filter(plan -> plan.id().equals(planId))
                .findFirst().map(plan -> plan.deliversThrough(productModes)).orElseGet(() -> EnumSet.copyOf(productModes));
        return new DeliveryOffer(p.id(), p.sourceType(), Set.copyOf(productModes), planId, planModes);
    }

    /** The sheet of a product as the viewer may see it (an unlisted one only for insiders; else not found). */
    public ProductSheet sheet(Viewer viewer, String id) {
        return sheets.sheet(viewer, id);
    }

    /** A product in a list, whoever asks (for the parties of a deal about it). */
    public ProductSummary summary(String productId) {
        return sheets.summary(sheets.found(productId));
    }

    /** The organisation that sells a product. */
    public String merchantOf(String productId) {
        return sheets.found(productId).merchantOrgId();
    }

    /** The registered content digest of a product version, for trades and certificates. */
    public String versionDigest(String productId, String version) {
        return versions.findByProductIdAndVersion(productId, version).map(ProductVersion::sha256)
                .orElseThrow(() -> ApiProblem.notFound("no version " + version + " of product " + productId));
    }

    /** The stored file of a product version, for delivering it. */
    public java.util.Optional<DataFile> dataFile(String productId, String version) {
        return versions.findByProductIdAndVersion(productId, version)
                .map(v -> new DataFile(v.version(), v.fileName(), v.storagePath(), v.sizeBytes(), v.sha256()));
    }

    /** The products of a merchant's organisation, most recently changed first. */
    public List<ProductSummary> productsOf(String merchantOrgId) {
        return products.findByMerchantOrgIdOrderByUpdatedAtDesc(merchantOrgId).stream().map(sheets::summary).toList();
    }

    /** Whether no product was ever created (the demo catalogue is loaded only into an empty one). */
    public boolean isEmpty() {
        return products.count() == 0;
    }

    /** Rebuilds the search index from the database (start-up, and the search benchmark after its bulk load). */
    public void reindex() {
        Map<String, String> names = new HashMap<>();
        directory.all().forEach(o -> names.put(o.id(), o.name()));
        search.indexAll(products.findByStatusOrderByUpdatedAt(ProductStatus.LISTED), p -> names.getOrDefault(p.merchantOrgId(), ""),
                p -> documents.details(p).pricingPlans());
    }

    /** Indexes these products again as the database now holds them (changes another instance made). */
    void reindex(java.util.Collection<String> productIds) {
        for (Product p : products.findByIdIn(productIds)) {
            search.index(p, directory.find(p.merchantOrgId()).map(o -> o.name()).orElse(""), documents.details(p).pricingPlans());
        }
    }
}
