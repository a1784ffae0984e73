package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.ledger.trade.SettlementCurrency;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.licence.LicenceTerms;
import org.dataexchange.marketplace.licence.LicenceTermsException;
import org.dataexchange.marketplace.licence.OdrlPolicy;
import org.dataexchange.marketplace.licence.PlainWords;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationRepository;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.LedgerException;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * The catalogue's rules: merchants write their own products, upload versions and submit them with their
 * declaration; the operator reviews against the negative list and the classification rules of SPEC §6 and,
 * on approval, registers the version on the ledger; listed products are searchable. Every status change is
 * recorded with who and why.
 */
@Singleton
public class CatalogueService {

    /** A ≥30% change in volume of a listed product calls for refiling. */
    private static final double REFILING_VOLUME_CHANGE = 0.30;

    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Versions versions;
    private final CatalogueRepositories.Transitions transitions;
    private final OrganisationRepository organisations;
    private final org.dataexchange.marketplace.organisation.OrganisationDirectory directory;
    private final CatalogueSearch search;
    private final SettlementClient ledger;
    private final JsonMapper json;
    private final Path files;
    private final long maxUploadBytes;
    private final org.dataexchange.marketplace.audit.AuditLog audit;
    // Parsing a product's details is the costliest step of showing or ordering it; most orders hit a few products.
    private final com.github.benmanes.caffeine.cache.Cache<String, ParsedDetails> parsed =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

    public CatalogueService(org.dataexchange.marketplace.audit.AuditLog audit, CatalogueRepositories.Products products, CatalogueRepositories.Versions versions,
                            CatalogueRepositories.Transitions transitions, OrganisationRepository organisations,
                            org.dataexchange.marketplace.organisation.OrganisationDirectory directory, CatalogueSearch search, SettlementClient ledger, JsonMapper json,
                            @Value("${exchange.data-dir}") String dataDir,
                            @Value("${exchange.upload.max-bytes:536870912}") long maxUploadBytes) {
        this.audit = audit;
        this.products = products;
        this.versions = versions;
        this.transitions = transitions;
        this.organisations = organisations;
        this.directory = directory;
        this.search = search;
        this.ledger = ledger;
        this.json = json;
        this.files = Path.of(dataDir).resolve("files");
        this.maxUploadBytes = maxUploadBytes;
    }

    // ------------------------------------------------------------------ merchant

    @Transactional
    public ProductSheet create(Viewer merchant, ProductDraft draft) {
        requireRole(merchant, Role.MERCHANT);
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Product p = fromDraft(id, merchant.organisationId(), draft, ProductStatus.DRAFT, null, false, now, now);
        products.save(p);
        record(p.id(), null, ProductStatus.DRAFT, merchant, "created");
        return sheet(p, merchant);
    }

    @Transactional
    public ProductSheet update(Viewer merchant, String id, ProductDraft draft) {
        Product current = owned(merchant, id);
        if (!ProductStatus.EDITABLE.contains(current.status())) {
            throw ApiProblem.conflict("Product not editable", "a product " + current.status()
                    + " cannot be changed; wait for the review or create a new product");
        }
        ProductStatus next = current.status() == ProductStatus.REJECTED ? ProductStatus.DRAFT : current.status();
        boolean refiling = current.refilingRequired() || (isPublished(current) && needsRefiling(current, draft));
        Product updated = fromDraft(id, current.merchantOrgId(), draft, next, current.currentVersion(), refiling,
                current.createdAt(), Instant.now());
        products.update(updated);
        if (next != current.status()) {
            record(id, current.status(), next, merchant, "edited after rejection");
        }
        if (refiling && !current.refilingRequired()) {
            record(id, current.status(), next, merchant, "flagged for refiling (备案变更): a filed field or the volume"
                    + " changed by 30% or more");
        }
        search.index(updated, merchantName(updated));
        return sheet(updated, merchant);
    }

    public List<ProductSummary> listOwn(Viewer merchant) {
        requireRole(merchant, Role.MERCHANT);
        return products.findByMerchantOrgIdOrderByUpdatedAtDesc(merchant.organisationId()).stream()
                .map(this::summary).toList();
    }

    /** Stores an uploaded data file as a new version: SHA-256 computed while writing, size limit enforced. */
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
        Path dir = files.resolve(id);
        String sha;
        long size;
        Path target = dir.resolve(version + ".data");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "upload", ".part");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(data, digest)) {
                size = copyLimited(in, tmp);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            if (size == 0) {
                Files.deleteIfExists(tmp);
                throw ApiProblem.invalidField("file", "the uploaded file is empty");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            sha = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ProductDetails details = details(p);
        versions.save(new ProductVersion(UUID.randomUUID().toString(), id, version, safeName(fileName), size, sha,
                files.relativize(target).toString(), details.provenance().volumeRecords(), null, null, Instant.now()));
        Product updated = p.withCurrentVersion(version, Instant.now());
        products.update(updated);
        return sheet(updated, merchant);
    }

    private long copyLimited(InputStream in, Path tmp) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var out = Files.newOutputStream(tmp)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxUploadBytes) {
                    throw ApiProblem.invalidField("file", "the file is larger than the limit of " + maxUploadBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    /** The merchant's declaration of source, rights and quality, and the move into review. */
    @Transactional
    public ProductSheet submit(Viewer merchant, String id, boolean sourceLawful, boolean rightsHeld,
                               boolean qualityAsDescribed, String statement) {
        Product p = owned(merchant, id);
        if (!sourceLawful || !rightsHeld || !qualityAsDescribed) {
            throw ApiProblem.invalidField("declaration", "the merchant must declare that the source is lawful, that it"
                    + " holds the rights it licenses and that the quality is as described (交易声明和承诺)");
        }
        if (p.currentVersion() == null) {
            throw ApiProblem.conflict("No data uploaded", "upload a version of the data before submitting for review");
        }
        complianceProblems(p).stream().findFirst().ifPresent(problem -> {
            throw ApiProblem.invalidField(problem[0], problem[1]);
        });
        transition(p, ProductStatus.IN_REVIEW, merchant, "submitted for listing review");
        ProductDetails d = details(p);
        ProductDetails declared = new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(),
                d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), d.licence(),
                d.pricingPlans(), new ProductDetails.Declaration(true, true, true, statement == null ? "" : statement,
                Instant.now(), merchant.username()));
        Product withDeclaration = withDetails(products.findById(id).orElseThrow(), declared);
        products.update(withDeclaration);
        return sheet(withDeclaration, merchant);
    }

    // ------------------------------------------------------------------ operator

    public List<ProductSummary> reviewQueue(Viewer operator) {
        requireRole(operator, Role.OPERATOR);
        return products.findByStatusOrderByUpdatedAt(ProductStatus.IN_REVIEW).stream().map(this::summary).toList();
    }

    /**
     * Approves a product in review: no negative-list item, compliance complete; the current version is registered
     * on the ledger and the product is listed (core data as "trade requires regulator approval").
     */
    @Transactional
    public ProductSheet approve(Viewer operator, String id, String note) {
        requireRole(operator, Role.OPERATOR);
        Product p = found(id);
        if (p.status() != ProductStatus.IN_REVIEW) {
            throw ApiProblem.conflict("Not in review", "only products in review can be approved; this one is " + p.status());
        }
        ProductDetails d = details(p);
        List<String> banned = NegativeList.hits(p.title(), p.description(), p.tags(), p.category(),
                d.schema().stream().map(f -> f.name() + " " + f.description()).reduce("", String::concat));
        if (!banned.isEmpty()) {
            throw ApiProblem.conflict("On the negative list", "the product contains items that may not be listed ("
                    + String.join(", ", banned) + "); reject it with that reason");
        }
        complianceProblems(p).stream().findFirst().ifPresent(problem -> {
            throw ApiProblem.conflict("Compliance incomplete", problem[1]);
        });
        registerOnLedger(p, d);
        Product listed = transition(p, ProductStatus.LISTED, operator, note == null || note.isBlank()
                ? (p.classificationLevel() == ClassificationLevel.CORE
                        ? "listed; core data: every trade requires regulator approval" : "listing review passed")
                : note);
        search.index(listed, merchantName(listed));
        return sheet(listed, operator);
    }

    private void registerOnLedger(Product p, ProductDetails d) {
        ProductVersion v = versions.findByProductIdAndVersion(p.id(), p.currentVersion()).orElseThrow();
        Organisation merchant = organisations.findById(p.merchantOrgId()).orElseThrow();
        ProductRegistration registration = new ProductRegistration(p.id(), v.version(), merchant.creditCode(), v.sha256(),
                p.classificationLevel(), p.category(), p.sourceType(), p.industry().name().toLowerCase(java.util.Locale.ROOT),
                p.crossBorderAllowed(), d.filing() == null ? null : d.filing().reference(),
                d.personalData() == null ? null : new org.dataexchange.ledger.product.PersonalDataBasis(
                        org.dataexchange.ledger.product.PersonalDataBasis.Kind.valueOf(d.personalData().kind().name()),
                        d.personalData().reference()));
        try {
            Committed<org.dataexchange.ledger.product.ProductVersion> committed =
                    ledger.registerProductVersion(registration).join();
            versions.update(v.registered(committed.transactionId(), committed.blockNumber()));
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof LedgerException le) {
                throw ApiProblem.conflict("Ledger refused the registration", le.getMessage());
            }
            throw e;
        }
    }

    @Transactional
    public ProductSheet reject(Viewer operator, String id, String reason) {
        requireRole(operator, Role.OPERATOR);
        requireReason(reason);
        Product p = found(id);
        return sheet(transition(p, ProductStatus.REJECTED, operator, reason), operator);
    }

    /** Suspends, reinstates or delists a listing; the ledger's listing status follows so it refuses trades too. */
    @Transactional
    public ProductSheet changeListing(Viewer actor, String id, ProductStatus next, String reason) {
        requireReason(reason);
        Product p = found(id);
        boolean merchantDelisting = actor.is(Role.MERCHANT) && next == ProductStatus.DELISTED
                && p.merchantOrgId().equals(actor.organisationId());
        if (!actor.is(Role.OPERATOR) && !merchantDelisting) {
            throw ApiProblem.forbidden("only the operator suspends and reinstates listings; a merchant may delist its own");
        }
        Product changed = transition(p, next, actor, reason);
        if (p.currentVersion() != null && versions.findByProductIdAndVersion(p.id(), p.currentVersion())
                .map(v -> v.ledgerTxId() != null).orElse(false)) {
            ListingStatus ledgerStatus = switch (next) {
                case LISTED -> ListingStatus.LISTED;
                case SUSPENDED -> ListingStatus.SUSPENDED;
                default -> ListingStatus.DELISTED;
            };
            ledger.updateListingStatus(new ListingStatusChange(p.id(), p.currentVersion(), ledgerStatus, reason)).join();
        }
        search.index(changed, merchantName(changed));
        return sheet(changed, actor);
    }

    // ------------------------------------------------------------------ everyone

    public ProductSheet sheet(Viewer viewer, String id) {
        Product p = found(id);
        if (p.status() != ProductStatus.LISTED && !viewer.seesUnlisted(p)) {
            throw ApiProblem.notFound("no listed product " + id);
        }
        return sheet(p, viewer);
    }

    /** What the buyer can order of a listed product; refuses a product that is unknown, unlisted or has no version. */
    public ProductOffer offerTo(Viewer buyer, String id) {
        Product p = products.findById(id).filter(found -> found.status() == ProductStatus.LISTED && found.currentVersion() != null)
                .orElseThrow(() -> ApiProblem.invalidField("productId", "no listed product " + id));
        ProductDetails d = details(p);
        String merchantCreditCode = directory.creditCodeOf(p.merchantOrgId());
        List<PricingPlan> plans = d.pricingPlans().stream().filter(plan -> plan.kind() != PricingPlan.Kind.PRIVATE_OFFER
                || viewerCreditCode(buyer).map(c -> c.equals(plan.buyerCreditCode())).orElse(false)).toList();
        return new ProductOffer(p.id(), p.currentVersion(), p.classificationLevel(), p.crossBorderAllowed(), merchantCreditCode,
                d.licence(), plans, d.merchantShareBp(), d.contributors(), d.platformFeeBp());
    }

    public ProductPage search(CatalogueSearch.SearchQuery query) {
        CatalogueSearch.Hits hits = search.search(query);
        Map<String, Product> byId = new HashMap<>();
        if (!hits.ids().isEmpty()) {
            products.findByIdIn(hits.ids()).forEach(p -> byId.put(p.id(), p));
        }
        Map<String, String> names = new HashMap<>();
        byId.values().stream().map(Product::merchantOrgId).distinct()
                .forEach(org -> names.put(org, organisations.findById(org).map(Organisation::name).orElse("")));
        List<ProductSummary> content = hits.ids().stream().map(byId::get).filter(Objects::nonNull)
                .map(p -> summary(p, names.get(p.merchantOrgId()))).toList();
        return new ProductPage(content, hits.total(), query.page(), query.size());
    }

    /** Listed or suspended products whose filed fields or volume changed since filing (备案变更). */
    public List<ProductSummary> refilingRequired() {
        List<ProductSummary> out = new ArrayList<>();
        for (ProductStatus status : List.of(ProductStatus.LISTED, ProductStatus.SUSPENDED)) {
            products.findByStatusOrderByUpdatedAt(status).stream().filter(Product::refilingRequired).map(this::summary)
                    .forEach(out::add);
        }
        return out;
    }

    /** The sample rows a metered call answers with: read from the product alone, no sheet assembled per call. */
    public List<Map<String, Object>> sampleRows(String productId) {
        return details(found(productId)).sampleRows();
    }

    /** A pricing plan of a product, whoever it is offered to (for billing an order already placed). */
    public PricingPlan plan(String productId, String planId) {
        return details(found(productId)).pricingPlans().stream().filter(p -> p.id().equals(planId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("no plan " + planId + " of product " + productId));
    }

    /** How an order of the product under the plan may be delivered; a plan no longer offered keeps the product's modes. */
    public DeliveryOffer deliveryOffer(String productId, String planId) {
        Product p = found(productId);
        List<DeliveryMode> productModes = modes(p);
        java.util.Set<DeliveryMode> planModes = details(p).pricingPlans().stream().filter(plan -> plan.id().equals(planId))
                .findFirst().map(plan -> plan.deliversThrough(productModes)).orElseGet(() -> java.util.EnumSet.copyOf(productModes));
        return new DeliveryOffer(p.id(), p.sourceType(), java.util.Set.copyOf(productModes), planId, planModes);
    }

    /** The organisation that sells a product. */
    public String merchantOf(String productId) {
        return found(productId).merchantOrgId();
    }

    /** The registered content digest of a product version, for trades and certificates. */
    public String versionDigest(String productId, String version) {
        return versions.findByProductIdAndVersion(productId, version).map(ProductVersion::sha256)
                .orElseThrow(() -> ApiProblem.notFound("no version " + version + " of product " + productId));
    }

    /** Rebuilds the search index from the database (start-up). */
    public void reindex() {
        Map<String, String> names = new HashMap<>();
        organisations.findAll().forEach(o -> names.put(o.id(), o.name()));
        search.indexAll(products.findByStatusOrderByUpdatedAt(ProductStatus.LISTED), p -> names.getOrDefault(p.merchantOrgId(), ""));
    }

    // ------------------------------------------------------------------ rules and mapping

    /** Compliance problems of SPEC §6 that block review: [field, message] pairs. */
    private List<String[]> complianceProblems(Product p) {
        ProductDetails d = details(p);
        List<String[]> problems = new ArrayList<>();
        if (p.classificationLevel() != ClassificationLevel.GENERAL && d.filing() == null) {
            problems.add(new String[] {"filing", p.classificationLevel() + " data needs a filing record (备案): source,"
                    + " category, level, scale, purpose, scope, responsible party, sharing, cross-border and protections"});
        }
        if (p.sourceType() == SourceType.PERSONAL && d.personalData() == null) {
            problems.add(new String[] {"personalData", "personal data needs a recorded consent basis or an anonymisation"
                    + " attestation"});
        }
        if (p.sourceType() == SourceType.PUBLIC && p.deliveryModes().contains(DeliveryMode.FILE_DOWNLOAD.name())) {
            problems.add(new String[] {"deliveryModes", "raw public data is offered only through the query sandbox or"
                    + " an API (原始数据不出域), not as a file download"});
        }
        return problems;
    }

    private Product fromDraft(String id, String merchantOrgId, ProductDraft d, ProductStatus status, String currentVersion,
                              boolean refiling, Instant created, Instant updated) {
        int contributorShares = d.contributors().stream().mapToInt(ProductDetails.Contributor::shareBp).sum();
        int total = d.merchantShareBp() + contributorShares + d.platformFeeBp();
        if (total != 10_000) {
            throw ApiProblem.invalidField("merchantShareBp", "revenue shares must add up to 10000 basis points (100%):"
                    + " merchant " + d.merchantShareBp() + " + contributors " + contributorShares + " + platform fee "
                    + d.platformFeeBp() + " = " + total);
        }
        if (d.merchantShareBp() == 0) {
            throw ApiProblem.invalidField("merchantShareBp", "the merchant's share must be positive");
        }
        java.util.Set<String> partyIds = new java.util.HashSet<>();
        for (int i = 0; i < d.contributors().size(); i++) {
            if (!partyIds.add(d.contributors().get(i).partyId().strip())) {
                throw ApiProblem.invalidField("contributors[" + i + "].partyId", "contributor '"
                        + d.contributors().get(i).partyId() + "' is listed twice; give each party one share");
            }
        }
        ProductDetails.Provenance provenance = d.provenance();
        if (provenance.collectedTo() != null && provenance.collectedTo().isBefore(provenance.collectedFrom())) {
            throw ApiProblem.invalidField("provenance.collectedTo", "the collection period ends (" + provenance.collectedTo()
                    + ") before it starts (" + provenance.collectedFrom() + ")");
        }
        String currency = null;
        for (int i = 0; i < d.pricingPlans().size(); i++) {
            PricingPlan plan = d.pricingPlans().get(i);
            validatePlan(plan, "pricingPlans[" + i + "]");
            if (plan.deliveryModes() != null && !d.deliveryModes().containsAll(plan.deliveryModes())
                    || plan.deliversThrough(d.deliveryModes()).isEmpty()) {
                throw ApiProblem.invalidField("pricingPlans[" + i + "].deliveryModes", "a plan delivers through at least one of"
                        + " the product's delivery modes " + d.deliveryModes() + " and through no other");
            }
            if (currency != null && !currency.equals(plan.currency())) {
                throw ApiProblem.invalidField("pricingPlans[" + i + "].currency", "all plans of a product use one currency");
            }
            currency = plan.currency();
        }
        if (d.pricingPlans().stream().map(PricingPlan::id).distinct().count() != d.pricingPlans().size()) {
            throw ApiProblem.invalidField("pricingPlans", "plan ids must be unique within a product");
        }
        LicenceOffer licence;
        try {
            LicenceTerms terms = d.licence().terms();
            Map<String, Object> odrl = OdrlPolicy.offer("urn:dx:offer:" + id, "urn:dx:product:" + id,
                    "urn:dx:org:" + merchantOrgId, terms);
            licence = new LicenceOffer(d.licence().template(), terms, odrl, PlainWords.summaryZh(terms), PlainWords.summaryEn(terms));
        } catch (LicenceTermsException e) {
            throw ApiProblem.invalidField("licence." + e.field(), e.getMessage());
        }
        if (licence.terms().territory() == org.dataexchange.marketplace.licence.LicenceTerritory.CROSS_BORDER
                && !d.crossBorderAllowed()) {
            throw ApiProblem.invalidField("licence.territory", "a cross-border licence needs the product to allow"
                    + " cross-border trade (crossBorderAllowed)");
        }
        ProductDetails details = new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(),
                d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), licence,
                d.pricingPlans(), null);
        long minPrice = d.pricingPlans().stream().filter(pl -> pl.kind() != PricingPlan.Kind.PRIVATE_OFFER)
                .mapToLong(PricingPlan::entryPriceMinor).min().orElse(Long.MAX_VALUE);
        return new Product(id, merchantOrgId, d.title().trim(), d.description().trim(), String.join(" ", d.tags()),
                d.industry(), d.sourceType(), d.classificationLevel(), d.category().trim(),
                String.join(",", d.deliveryModes().stream().map(Enum::name).sorted().toList()), d.crossBorderAllowed(),
                write(details), status, d.classificationLevel() == ClassificationLevel.CORE, refiling, currentVersion,
                minPrice == Long.MAX_VALUE ? null : minPrice, currency, created, updated);
    }

    private void validatePlan(PricingPlan plan, String field) {
        if (!SettlementCurrency.CODES.contains(plan.currency())) {
            throw ApiProblem.invalidField(field + ".currency", "'" + plan.currency() + "' is not a settlement currency; use one"
                    + " of " + SettlementCurrency.CODES.stream().sorted().toList());
        }
        switch (plan.kind()) {
            case ONE_OFF, PRIVATE_OFFER -> {
                if (plan.priceMinor() <= 0) {
                    throw ApiProblem.invalidField(field + ".priceMinor", "a price in minor units (fen) above 0 is required");
                }
                if (plan.kind() == PricingPlan.Kind.PRIVATE_OFFER) {
                    if (plan.buyerCreditCode() == null || organisations.findByCreditCode(plan.buyerCreditCode())
                            .filter(o -> o.kind() == org.dataexchange.marketplace.organisation.OrganisationKind.BUYER).isEmpty()) {
                        throw ApiProblem.invalidField(field + ".buyerCreditCode", "a private offer names a buyer organisation"
                                + " registered on the exchange by its credit code");
                    }
                }
            }
            case SUBSCRIPTION -> {
                if (plan.priceMinor() <= 0 || plan.period() == null) {
                    throw ApiProblem.invalidField(field + ".period", "a subscription needs a price above 0 and a period");
                }
            }
            case METERED -> {
                if (plan.unitPriceMinor() <= 0) {
                    throw ApiProblem.invalidField(field + ".unitPriceMinor", "metered access needs a unit price above 0");
                }
            }
        }
    }

    private boolean needsRefiling(Product current, ProductDraft draft) {
        ProductDetails d = details(current);
        boolean filedFieldChanged = current.classificationLevel() != draft.classificationLevel()
                || !current.category().equals(draft.category().trim()) || current.sourceType() != draft.sourceType()
                || current.crossBorderAllowed() != draft.crossBorderAllowed()
                || !Objects.equals(d.filing(), draft.filing());
        long before = d.provenance().volumeRecords();
        long after = draft.provenance().volumeRecords();
        boolean volumeChanged = before == 0 ? after > 0 : Math.abs(after - before) >= REFILING_VOLUME_CHANGE * before;
        return filedFieldChanged || volumeChanged;
    }

    /** The file name as uploaded, without any path, for display only (storage uses the version). */
    private static String safeName(String fileName) {
        String name = fileName == null ? "data" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.isEmpty() ? "data" : name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static boolean isPublished(Product p) {
        return p.status() == ProductStatus.LISTED || p.status() == ProductStatus.SUSPENDED;
    }

    private Product transition(Product p, ProductStatus next, Viewer actor, String reason) {
        if (!p.status().canBecome(next)) {
            throw ApiProblem.conflict("Status change not allowed", "a product " + p.status() + " cannot become " + next);
        }
        Product changed = p.withStatus(next, Instant.now());
        products.update(changed);
        record(p.id(), p.status(), next, actor, reason);
        return changed;
    }

    private void record(String productId, ProductStatus from, ProductStatus to, Viewer actor, String reason) {
        audit.record(actor.username(), actor.role() == null ? null : actor.role().name(), "PRODUCT_" + to,
                "product:" + productId, (from == null ? "" : from + " -> ") + to + ": " + reason);
        transitions.save(new ProductTransition(UUID.randomUUID().toString(), productId, from, to,
                actor.username() == null ? "system" : actor.username(), reason, Instant.now()));
    }

    private Product owned(Viewer merchant, String id) {
        requireRole(merchant, Role.MERCHANT);
        Product p = found(id);
        if (!p.merchantOrgId().equals(merchant.organisationId())) {
            // Not found rather than forbidden: other merchants' drafts are not theirs to know about.
            throw ApiProblem.notFound("no product " + id + " of your organisation");
        }
        return p;
    }

    private Product found(String id) {
        return products.findById(id).orElseThrow(() -> ApiProblem.notFound("no product " + id));
    }

    private static void requireRole(Viewer viewer, Role role) {
        if (!viewer.is(role)) {
            throw ApiProblem.forbidden("this needs a " + role + " account");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalidField("reason", "give the reason; it is recorded with the change");
        }
    }

    private String merchantName(Product p) {
        return organisations.findById(p.merchantOrgId()).map(Organisation::name).orElse("");
    }

    ProductDetails details(Product p) {
        ParsedDetails hit = parsed.getIfPresent(p.id());
        if (hit != null && hit.json().equals(p.detailsJson())) {
            return hit.details();
        }
        try {
            ProductDetails d = json.readValue(p.detailsJson(), ProductDetails.class);
            parsed.put(p.id(), new ParsedDetails(p.detailsJson(), d));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("product " + p.id() + " has unreadable details", e);
        }
    }

    /** Details as parsed from this JSON; a changed product has other JSON, so an entry is never stale. */
    private record ParsedDetails(String json, ProductDetails details) {}

    private Product withDetails(Product p, ProductDetails d) {
        return new Product(p.id(), p.merchantOrgId(), p.title(), p.description(), p.tags(), p.industry(), p.sourceType(),
                p.classificationLevel(), p.category(), p.deliveryModes(), p.crossBorderAllowed(), write(d), p.status(),
                p.requiresRegulatorApproval(), p.refilingRequired(), p.currentVersion(), p.minPriceMinor(), p.currency(),
                p.createdAt(), Instant.now());
    }

    private String write(ProductDetails d) {
        try {
            return json.writeValueAsString(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProductSummary summary(Product p) {
        return summary(p, merchantName(p));
    }

    private ProductSummary summary(Product p, String merchantName) {
        return new ProductSummary(p.id(), p.title(), merchantName, p.industry(), p.sourceType(), p.classificationLevel(),
                p.category(), modes(p), p.minPriceMinor(), p.currency(), p.status(), p.requiresRegulatorApproval());
    }

    private static List<DeliveryMode> modes(Product p) {
        return Arrays.stream(p.deliveryModes().split(",")).map(DeliveryMode::valueOf).toList();
    }

    private ProductSheet sheet(Product p, Viewer viewer) {
        ProductDetails d = details(p);
        Organisation merchant = organisations.findById(p.merchantOrgId()).orElseThrow();
        boolean insider = viewer.seesUnlisted(p);
        List<PricingPlan> plans = d.pricingPlans().stream().filter(plan -> plan.kind() != PricingPlan.Kind.PRIVATE_OFFER
                || insider || viewerCreditCode(viewer).map(c -> c.equals(plan.buyerCreditCode())).orElse(false)).toList();
        List<ProductSheet.Version> vs = versions.findByProductIdOrderByCreatedAt(p.id()).stream()
                .map(v -> new ProductSheet.Version(v.version(), v.sha256(), v.sizeBytes(), v.volumeRecords(), v.ledgerTxId(),
                        v.ledgerBlock(), v.createdAt())).toList();
        String tradingNote = switch (p.classificationLevel()) {
            case CORE -> "核心数据：每笔交易须经监管部门批准 / core data: every trade requires regulator approval";
            case IMPORTANT -> "重要数据：买方须签署数据安全协议 / important data: the buyer signs a data-security agreement";
            case GENERAL -> "一般数据 / general data";
        };
        return new ProductSheet(p.id(), p.title(), p.description(), p.tags().isBlank() ? List.of() : List.of(p.tags().split(" ")),
                new ProductSheet.Merchant(merchant.id(), merchant.name(), merchant.creditCode()), p.industry(), p.sourceType(),
                new ProductSheet.Classification(p.classificationLevel(), p.category(), p.requiresRegulatorApproval(), tradingNote),
                d.provenance(), d.contributors(), new ProductSheet.RevenueShares(d.merchantShareBp(), d.contributors(),
                d.platformFeeBp()), d.schema(), d.sampleRows(), d.quality(), modes(p), d.licence(), plans,
                new ProductSheet.Compliance(d.filing() == null ? null : d.filing().reference(), p.refilingRequired(),
                        p.crossBorderAllowed(), d.personalData(), d.declaration()),
                p.status(), p.currentVersion(), vs, insider ? transitions.findByProductIdOrderByAt(p.id()) : null, p.updatedAt());
    }

    private java.util.Optional<String> viewerCreditCode(Viewer viewer) {
        return viewer.organisationId() == null ? java.util.Optional.empty()
                : java.util.Optional.of(directory.creditCodeOf(viewer.organisationId()));
    }
}
