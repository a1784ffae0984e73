package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.ledger.state.HistoryEntry;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * What the operator's console reads of the catalogue beyond the review queue: every product by status with the count
 * of each status, a review's dossier with the findings of the review rules, and a listing as the ledger holds it.
 * Read-only; the decisions stay with {@link CatalogueService}.
 */
public final class OperatorCatalogue {

    private OperatorCatalogue() {}

    /** A product in the operator's list: enough to find it and act on its listing. */
    @Serdeable
    public record Row(String id, String title, String titleEn, String merchantName, Industry industry, ClassificationLevel classificationLevel,
                      SourceType sourceType, ProductStatus status, @Nullable String currentVersion,
                      boolean requiresRegulatorApproval, boolean refilingRequired, Instant updatedAt) {}

    /** A page of products, newest change first, and how many products each status holds (whatever the filter). */
    @Serdeable
    public record ProductList(List<Row> content, long totalSize, int page, int size, Map<ProductStatus, Long> counts) {}

    @JdbcRepository(dialect = Dialect.H2)
    interface Queries extends GenericRepository<Product, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Queries.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Queries {}

        Page<Product> findAll(Pageable pageable);

        Page<Product> findByStatus(ProductStatus status, Pageable pageable);

        Optional<Product> findById(String id);

        @Query("SELECT status, COUNT(*) AS n FROM product GROUP BY status")
        List<StatusCount> countByStatusGrouped();
    }

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    record StatusCount(ProductStatus status, long n) {}

    @Singleton
    public static class Service {
        private final Queries queries;
        private final CatalogueRepositories.Revisions revisions;
        private final CatalogueRepositories.Versions versions;
        private final CatalogueRepositories.Intents intents;
        private final OrganisationDirectory organisations;
        private final SettlementClient ledger;
        private final JsonMapper json;
        private final ParentLicences parentLicences;

        Service(Queries queries, CatalogueRepositories.Revisions revisions, CatalogueRepositories.Versions versions,
                CatalogueRepositories.Intents intents, OrganisationDirectory organisations, SettlementClient ledger,
                JsonMapper json, ParentLicences parentLicences) {
            this.parentLicences = parentLicences;
            this.queries = queries;
            this.revisions = revisions;
            this.versions = versions;
            this.intents = intents;
            this.organisations = organisations;
            this.ledger = ledger;
            this.json = json;
        }

        public ProductList products(@Nullable ProductStatus status, int page, int size) {
            Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.desc("updatedAt"), Sort.Order.asc("id")));
            Page<Product> found = status == null ? queries.findAll(pageable) : queries.findByStatus(status, pageable);
            Map<String, String> names = new HashMap<>();
            List<Row> rows = found.getContent().stream().map(p -> new Row(p.id(), p.title(), p.titleEn(),
                    names.computeIfAbsent(p.merchantOrgId(), id -> organisations.find(id).map(Organisation::name).orElse("")),
                    p.industry(), p.classificationLevel(), p.sourceType(), p.status(), p.currentVersion(),
                    p.requiresRegulatorApproval(), p.refilingRequired(), p.updatedAt())).toList();
            Map<ProductStatus, Long> counts = new EnumMap<>(ProductStatus.class);
            for (ProductStatus s : ProductStatus.values()) {
                counts.put(s, 0L);
            }
            queries.countByStatusGrouped().forEach(c -> counts.put(c.status(), c.n()));
            return new ProductList(rows, found.getTotalSize(), page, size, counts);
        }

        /**
         * The dossier of a product: of its revision in review (or approved and being registered) when it has one, else of
         * the product as it stands (in review for its first listing, or listed).
         */
        public ReviewDossier dossier(String productId) {
            Product p = queries.findById(productId).orElseThrow(() -> ApiProblem.notFound("no product " + productId));
            ProductDetails listed = details(p.detailsJson());
            Optional<ProductRevision> revision = p.status() == ProductStatus.IN_REVIEW ? Optional.empty()
                    : revisions.findByProductIdOrderBySeqDesc(productId).stream()
                            .filter(r -> r.status() == ProductRevision.Status.IN_REVIEW
                                    || r.status() == ProductRevision.Status.APPROVED).findFirst();
            if (revision.isPresent()) {
                ProductRevision r = revision.get();
                ProductDetails.Declaration declaration = r.declarationJson() == null ? null
                        : read(r.declarationJson(), ProductDetails.Declaration.class);
                if (r.draftJson() == null) {
                    return dossier(p, ReviewItem.Kind.REVISION, p.title(), p.titleEn(),
                            p.description() + " " + p.descriptionEn(), p.tags(), p.category(),
                            p.classificationLevel(), p.sourceType(), p.industry(), modes(p), p.crossBorderAllowed(), listed,
                            declaration, p.refilingRequired() || r.refilingRequired());
                }
                ProductDraft d = read(r.draftJson(), ProductDraft.class);
                ProductDetails proposed = new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(),
                        d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), null,
                        d.pricingPlans(), declaration, parentLicences.resolveOrNone(p.merchantOrgId(), d.parentCertificates()));
                return dossier(p, ReviewItem.Kind.REVISION, d.title(), d.titleEnOrEmpty(),
                        d.description() + " " + d.descriptionEnOrEmpty(), String.join(" ", d.tags()),
                        d.category(), d.classificationLevel(), d.sourceType(), d.industry(),
                        d.deliveryModes().stream().sorted().toList(), d.crossBorderAllowed(), proposed, declaration,
                        p.refilingRequired() || r.refilingRequired());
            }
            return dossier(p, p.status() == ProductStatus.IN_REVIEW ? ReviewItem.Kind.LISTING : null, p.title(),
                    p.titleEn(), p.description() + " " + p.descriptionEn(), p.tags(), p.category(), p.classificationLevel(), p.sourceType(), p.industry(), modes(p),
                    p.crossBorderAllowed(), listed, listed.declaration(), p.refilingRequired());
        }

        private ReviewDossier dossier(Product p, @Nullable ReviewItem.Kind kind, String title, String titleEn,
                                      String description, String tags,
                                      String category, ClassificationLevel level, SourceType source, Industry industry,
                                      List<DeliveryMode> modes, boolean crossBorder, ProductDetails d,
                                      @Nullable ProductDetails.Declaration declaration, boolean refiling) {
            List<ReviewDossier.Finding> findings = new ArrayList<>();
            // The same rules CatalogueService applies when the operator approves (requireReviewPassed, complianceProblems).
            List<String> banned = NegativeList.hits(title + " " + titleEn, description, tags, category,
                    d.schema().stream().map(f -> f.name() + " " + f.description()).reduce("", String::concat));
            findings.add(finding(ReviewDossier.Rule.NEGATIVE_LIST, banned.isEmpty(), banned));
            boolean declared = declaration != null && declaration.sourceLawful() && declaration.rightsHeld()
                    && declaration.qualityAsDescribed();
            findings.add(finding(ReviewDossier.Rule.DECLARATION, declared, declaration == null ? List.of()
                    : List.of(declaration.declaredBy())));
            // The compliance rules themselves are the catalogue's (ComplianceRules), the same that refuse a submission
            // or an approval; the dossier only says how each came out. A general product's voluntary filing shows too.
            for (ComplianceRules.Check check : ComplianceRules.checks(level, source, modes, crossBorder, d)) {
                findings.add(check.applies() ? finding(check.rule(), check.met(), check.found())
                        : new ReviewDossier.Finding(check.rule(), check.rule() == ReviewDossier.Rule.FILING_RECORD
                                && d.filing() != null ? ReviewDossier.Outcome.PASSED : ReviewDossier.Outcome.NOT_APPLICABLE,
                                check.rule() == ReviewDossier.Rule.FILING_RECORD ? check.found() : List.of()));
            }
            List<String> gates = new ArrayList<>();
            if (level == ClassificationLevel.CORE) {
                gates.add("REGULATOR_APPROVAL");
            }
            if (level != ClassificationLevel.GENERAL) {
                gates.add("SECURITY_AGREEMENT");
            }
            if (crossBorder && level != ClassificationLevel.GENERAL) {
                gates.add("EXPORT_ASSESSMENT");
            }
            findings.add(new ReviewDossier.Finding(ReviewDossier.Rule.CLASSIFICATION_GATES, gates.isEmpty()
                    ? ReviewDossier.Outcome.NOT_APPLICABLE : ReviewDossier.Outcome.NOTE, gates));
            findings.add(new ReviewDossier.Finding(ReviewDossier.Rule.REFILING, refiling ? ReviewDossier.Outcome.NOTE
                    : ReviewDossier.Outcome.NOT_APPLICABLE, List.of()));
            List<ParentLicences.Check> parents = parentLicences.checks(p.merchantOrgId(), d.parentLicences());
            findings.add(parents.isEmpty() ? new ReviewDossier.Finding(ReviewDossier.Rule.PARENT_LICENCES,
                    ReviewDossier.Outcome.NOT_APPLICABLE, List.of())
                    : finding(ReviewDossier.Rule.PARENT_LICENCES, parents.stream().allMatch(ParentLicences.Check::passed),
                            parents.stream().filter(c -> !c.passed()).map(ParentLicences.Check::certificateId).toList()));
            boolean approvable = findings.stream().noneMatch(f -> f.outcome() == ReviewDossier.Outcome.FAILED);
            return new ReviewDossier(p.id(), kind, p.status(), title, titleEn, category, level, source, industry, modes, crossBorder,
                    d.filing(), d.personalData(), declaration, refiling, findings, approvable, parents);
        }

        /** Each registered version as the ledger holds it, with its history, and the writes still on their way or refused. */
        public LedgerListing ledgerListing(String productId) {
            Product p = queries.findById(productId).orElseThrow(() -> ApiProblem.notFound("no product " + productId));
            List<LedgerListing.VersionOnLedger> onLedger = new ArrayList<>();
            for (ProductVersion local : versions.findByProductIdOrderByCreatedAt(productId)) {
                if (local.ledgerTxId() == null) {
                    continue;
                }
                org.dataexchange.ledger.product.ProductVersion v = ledger.productVersion(productId, local.version());
                onLedger.add(new LedgerListing.VersionOnLedger(local.version(), v.registrationTxId(), v.registeredAt(),
                        v.status(), v.statusReason(), v.statusChangedAt(), changes(productId, local.version())));
            }
            List<LedgerListing.Write> writes = new ArrayList<>();
            for (ListingIntent.State state : List.of(ListingIntent.State.PENDING, ListingIntent.State.REFUSED)) {
                intents.findByProductIdAndStatus(productId, state).forEach(i -> writes.add(new LedgerListing.Write(i.kind(),
                        i.status(), i.version(), i.targetStatus(), i.attempts(), i.lastError(), i.createdAt())));
            }
            writes.sort(Comparator.comparing(LedgerListing.Write::decidedAt).reversed());
            return new LedgerListing(productId, p.status(), onLedger, writes);
        }

        private List<LedgerListing.Change> changes(String productId, String version) {
            List<LedgerListing.Change> out = new ArrayList<>();
            for (HistoryEntry<org.dataexchange.ledger.product.ProductVersion> h : ledger.productVersionHistory(productId, version)) {
                if (!h.deleted() && h.value() != null) {
                    out.add(new LedgerListing.Change(h.txId(), h.timestamp(), h.value().status(), h.value().statusReason()));
                }
            }
            return out;
        }

        private static ReviewDossier.Finding finding(ReviewDossier.Rule rule, boolean passed, List<String> items) {
            return new ReviewDossier.Finding(rule, passed ? ReviewDossier.Outcome.PASSED : ReviewDossier.Outcome.FAILED, items);
        }

        private static List<DeliveryMode> modes(Product p) {
            return ComplianceRules.modes(p);
        }

        private ProductDetails details(String detailsJson) {
            return read(detailsJson, ProductDetails.class);
        }

        private <T> T read(String text, Class<T> type) {
            try {
                return json.readValue(text, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Controller("/api/operator")
    @Secured("OPERATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Api {
        private final Service service;

        public Api(Service service) {
            this.service = service;
        }

        /** Every product (any status), newest change first, with the count of products in each status. */
        @Get("/products")
        public ProductList products(@Nullable @QueryValue ProductStatus status,
                                    @QueryValue(defaultValue = "0") @Min(0) @Max(10000) int page,
                                    @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
            return service.products(status, page, size);
        }

        /** The terms under review, filing record, declaration and the review rules' findings. */
        @Get("/products/{id}/dossier")
        public ReviewDossier dossier(@PathVariable String id) {
            return service.dossier(id);
        }

        /** The product's listing as the ledger holds it: each version's status and history, and writes under way. */
        @Get("/products/{id}/ledger")
        public LedgerListing ledger(@PathVariable String id) {
            return service.ledgerListing(id);
        }
    }
}
