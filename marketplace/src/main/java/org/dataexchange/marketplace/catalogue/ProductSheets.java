package org.dataexchange.marketplace.catalogue;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Products as people see them: the product sheet (数据产品说明书) with what each viewer may see of it (private offers
 * only to their buyer; unregistered versions, history, pending revisions and ledger writes only to insiders), the
 * summaries of lists and search pages, and a pending revision.
 */
@Singleton
class ProductSheets {

    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Versions versions;
    private final CatalogueRepositories.Transitions transitions;
    private final OrganisationDirectory directory;
    private final CatalogueSearch search;
    private final ProductDocuments documents;
    private final ProductRevisions revisions;
    private final ListingRegistration registration;

    ProductSheets(CatalogueRepositories.Products products, CatalogueRepositories.Versions versions,
                  CatalogueRepositories.Transitions transitions, OrganisationDirectory directory, CatalogueSearch search, ProductDocuments documents,
                  ProductRevisions revisions, ListingRegistration registration) {
        this.products = products;
        this.versions = versions;
        this.transitions = transitions;
        this.directory = directory;
        this.search = search;
        this.documents = documents;
        this.revisions = revisions;
        this.registration = registration;
    }

    /** The sheet of a product; an unlisted one only for its merchant, the operator and the regulator. */
    ProductSheet sheet(Viewer viewer, String id) {
        Product p = found(id);
        if (p.status() != ProductStatus.LISTED && !p.visibleUnlistedTo(viewer)) {
            throw ApiProblem.notFound("no listed product " + id);
        }
        return sheet(p, viewer);
    }

    /** The pending revision of a product with its changes against the listed terms, for its merchant and the operator. */
    PendingRevision pendingRevision(Viewer viewer, String id) {
        Product p = found(id);
        if (!(viewer.is(Role.OPERATOR) || viewer.is(Role.REGULATOR) || viewer.is(Role.MERCHANT) && p.visibleUnlistedTo(viewer))) {
            throw ApiProblem.notFound("no product " + id + " of your organisation");
        }
        return revisions.active(id).map(r -> revisions.view(p, r))
                .orElseThrow(() -> ApiProblem.notFound("product " + id + " has no pending revision"));
    }

    ProductPage search(CatalogueSearch.SearchQuery query) {
        CatalogueSearch.Hits hits = search.search(query);
        Map<String, Product> byId = new HashMap<>();
        if (!hits.ids().isEmpty()) {
            products.findByIdIn(hits.ids()).forEach(p -> byId.put(p.id(), p));
        }
        Map<String, String> names = new HashMap<>();
        byId.values().stream().map(Product::merchantOrgId).distinct()
                .forEach(org -> names.put(org, directory.find(org).map(Organisation::name).orElse("")));
        List<ProductSummary> content = hits.ids().stream().map(byId::get).filter(Objects::nonNull)
                .map(p -> summary(p, names.get(p.merchantOrgId()))).toList();
        return new ProductPage(content, hits.total(), query.page(), query.size());
    }

    Product found(String id) {
        return products.findById(id).orElseThrow(() -> ApiProblem.notFound("no product " + id));
    }

    ProductSummary summary(Product p) {
        return summary(p, directory.find(p.merchantOrgId()).map(Organisation::name).orElse(""));
    }

    private ProductSummary summary(Product p, String merchantName) {
        return new ProductSummary(p.id(), p.title(), p.titleEn(), merchantName, p.industry(), p.sourceType(), p.classificationLevel(),
                p.category(), modes(p), p.minPriceMinor(), p.currency(), p.status(), p.requiresRegulatorApproval());
    }

    static List<DeliveryMode> modes(Product p) {
        return Arrays.stream(p.deliveryModes().split(",")).map(DeliveryMode::valueOf).toList();
    }

    /** The viewer's organisation's credit code, which private offers name their buyer by. */
    Optional<String> creditCodeOf(Viewer viewer) {
        return viewer.organisationId() == null ? Optional.empty() : Optional.of(directory.creditCodeOf(viewer.organisationId()));
    }

    ProductSheet sheet(Product p, Viewer viewer) {
        ProductDetails d = documents.details(p);
        Organisation merchant = directory.find(p.merchantOrgId()).orElseThrow();
        boolean insider = p.visibleUnlistedTo(viewer);
        List<PricingPlan> plans = d.pricingPlans().stream().filter(plan -> plan.kind() != PricingPlan.Kind.PRIVATE_OFFER
                || insider || creditCodeOf(viewer).map(c -> c.equals(plan.buyerCreditCode())).orElse(false)).toList();
        // Buyers see the versions registered on the ledger; one uploaded for a revision is shown to insiders only.
        List<ProductSheet.Version> vs = versions.findByProductIdOrderByCreatedAt(p.id()).stream()
                .filter(v -> insider || v.ledgerTxId() != null)
                .map(v -> new ProductSheet.Version(v.version(), v.sha256(), v.sizeBytes(), v.volumeRecords(), v.ledgerTxId(),
                        v.ledgerBlock(), v.createdAt())).toList();
        String tradingNote = switch (p.classificationLevel()) {
            case CORE -> "核心数据：每笔交易须经监管部门批准 / core data: every trade requires regulator approval";
            case IMPORTANT -> "重要数据：买方须签署数据安全协议 / important data: the buyer signs a data-security agreement";
            case GENERAL -> "一般数据 / general data";
        };
        return new ProductSheet(p.id(), p.title(), p.description(), p.titleEn(), p.descriptionEn(), p.tags().isBlank() ? List.of() : List.of(p.tags().split(" ")),
                new ProductSheet.Merchant(merchant.id(), merchant.name(), merchant.creditCode()), p.industry(), p.sourceType(),
                new ProductSheet.Classification(p.classificationLevel(), p.category(), p.requiresRegulatorApproval(), tradingNote),
                d.provenance(), d.contributors(), new ProductSheet.RevenueShares(d.merchantShareBp(), d.contributors(),
                d.platformFeeBp()), d.schema(), d.sampleRows(), d.quality(), modes(p), d.licence(), plans,
                new ProductSheet.Compliance(d.filing() == null ? null : d.filing().reference(), p.refilingRequired(),
                        p.crossBorderAllowed(), d.personalData(), d.declaration()),
                p.status(), p.currentVersion(), vs, insider ? transitions.findByProductIdOrderByAt(p.id()) : null, p.updatedAt(),
                insider ? revisions.active(p.id()).map(r -> revisions.view(p, r)).orElse(null) : null,
                insider ? registration.pendingNote(p.id()) : null,
                d.parentLicences().stream().map(parent -> new ProductSheet.DerivedFrom(parent.certificateId(), parent.productId(),
                        parent.productTitle(), parent.productTitleEn(), parent.merchantName(), parent.royaltyBp())).toList(),
                insider ? registration.refusal(p.id()) : null);
    }
}
