package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
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
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
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
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * The catalogue's rules: merchants write their own products, upload versions and submit them with their
 * declaration; the operator reviews against the negative list and the classification rules of SPEC §6 and,
 * on approval, registers the version on the ledger; listed products are searchable. A listed product's changes
 * and new versions are {@link ProductRevision}s, reviewed the same way while the listed terms stay on sale.
 * Ledger writes are {@link ListingIntent}s sent after the deciding transaction commits. Every status change is
 * recorded with who and why.
 */
@Singleton
public class CatalogueService {

    /** A ≥30% change in volume of a listed product calls for refiling. */
    private static final double REFILING_VOLUME_CHANGE = 0.30;
    /** How long a sender holds a ledger write before another may send it again (longer than it waits for the ledger). */
    private static final Duration INTENT_LEASE = Duration.ofMinutes(2);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CatalogueService.class);

    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Versions versions;
    private final CatalogueRepositories.Transitions transitions;
    private final CatalogueRepositories.Revisions revisions;
    private final CatalogueRepositories.RevisionTransitions revisionTransitions;
    private final CatalogueRepositories.Intents intents;
    private final ListingLedger listingLedger;
    private final TransactionOperations<Connection> tx;
    private final OrganisationRepository organisations;
    private final org.dataexchange.marketplace.organisation.OrganisationDirectory directory;
    private final CatalogueSearch search;
    private final JsonMapper json;
    private final Path files;
    private final long maxUploadBytes;
    private final org.dataexchange.marketplace.audit.AuditLog audit;
    // Parsing a product's details is the costliest step of showing or ordering it; most orders hit a few products.
    private final com.github.benmanes.caffeine.cache.Cache<String, ParsedDetails> parsed =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

    public CatalogueService(org.dataexchange.marketplace.audit.AuditLog audit, CatalogueRepositories.Products products, CatalogueRepositories.Versions versions,
                            CatalogueRepositories.Transitions transitions, CatalogueRepositories.Revisions revisions,
                            CatalogueRepositories.RevisionTransitions revisionTransitions,
                            CatalogueRepositories.Intents intents, ListingLedger listingLedger,
                            TransactionOperations<Connection> tx, OrganisationRepository organisations,
                            org.dataexchange.marketplace.organisation.OrganisationDirectory directory, CatalogueSearch search, JsonMapper json,
                            @Value("${exchange.data-dir}") String dataDir,
                            @Value("${exchange.upload.max-bytes:536870912}") long maxUploadBytes) {
        this.audit = audit;
        this.products = products;
        this.versions = versions;
        this.transitions = transitions;
        this.organisations = organisations;
        this.directory = directory;
        this.search = search;
        this.revisions = revisions;
        this.revisionTransitions = revisionTransitions;
        this.intents = intents;
        this.listingLedger = listingLedger;
        this.tx = tx;
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
        if (isPublished(current)) {
            proposeTerms(merchant, current, draft);
            return sheet(current, merchant);
        }
        ProductStatus next = current.status() == ProductStatus.REJECTED ? ProductStatus.DRAFT : current.status();
        Product updated = fromDraft(id, current.merchantOrgId(), draft, next, current.currentVersion(),
                current.refilingRequired(), current.createdAt(), Instant.now());
        products.update(updated);
        if (next != current.status()) {
            record(id, current.status(), next, merchant, "edited after rejection");
        }
        return sheet(updated, merchant);
    }

    /** The new terms of a published product as its draft revision; refiling is flagged by what changed (SPEC §6). */
    private void proposeTerms(Viewer merchant, Product listed, ProductDraft draft) {
        Instant now = Instant.now();
        ProductRevision active = activeRevision(listed.id()).orElse(null);
        requireOpenForChanges(active);
        // Validates the draft as a product would be (shares, plans, licence), so a revision is always applicable.
        Product proposed = fromDraft(listed.id(), listed.merchantOrgId(), draft, listed.status(), listed.currentVersion(),
                listed.refilingRequired(), listed.createdAt(), now);
        boolean refiling = needsRefiling(listed, draft);
        String draftJson = writeJson(draft);
        if (active == null) {
            if (changes(listed, proposed, null).isEmpty()) {
                return; // the listed terms as they are: nothing to review
            }
            ProductRevision created = new ProductRevision(UUID.randomUUID().toString(), listed.id(), nextSeq(listed.id()),
                    ProductRevision.Status.DRAFT, draftJson, null, null, refiling, null, null, null, now, now);
            revisions.save(created);
            recordRevision(created, null, merchant, "changes to the listed terms drafted; the listed terms stay in force"
                    + (refiling ? "; flagged for refiling (备案变更): a filed field or the volume changed by 30% or more" : ""));
        } else {
            revisions.update(active.withDraft(draftJson, active.version(), refiling, now));
        }
    }

    /** Withdraws the merchant's pending revision (drafted or in review); the listed terms stay as they are. */
    @Transactional
    public ProductSheet withdrawRevision(Viewer merchant, String id) {
        Product p = owned(merchant, id);
        ProductRevision active = activeRevision(id).filter(r -> r.status().canBecome(ProductRevision.Status.WITHDRAWN))
                .orElseThrow(() -> ApiProblem.conflict("No revision to withdraw", "product " + id
                        + " has no drafted or reviewed change; an approved one is being registered on the ledger"));
        reviseStatus(active, active.with(ProductRevision.Status.WITHDRAWN, Instant.now()), merchant, "withdrawn by the merchant");
        return sheet(p, merchant);
    }

    /** The pending revision of a product with its changes against the listed terms, for its merchant and the operator. */
    public PendingRevision pendingRevision(Viewer viewer, String id) {
        Product p = found(id);
        if (!(viewer.is(Role.OPERATOR) || viewer.is(Role.REGULATOR) || viewer.is(Role.MERCHANT) && viewer.seesUnlisted(p))) {
            throw ApiProblem.notFound("no product " + id + " of your organisation");
        }
        return activeRevision(id).map(r -> view(p, r))
                .orElseThrow(() -> ApiProblem.notFound("product " + id + " has no pending revision"));
    }

    public List<ProductSummary> listOwn(Viewer merchant) {
        requireRole(merchant, Role.MERCHANT);
        return products.findByMerchantOrgIdOrderByUpdatedAtDesc(merchant.organisationId()).stream()
                .map(this::summary).toList();
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
        ProductRevision active = isPublished(p) ? activeRevision(id).orElse(null) : null;
        if (isPublished(p)) {
            requireOpenForChanges(active);
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
        Instant now = Instant.now();
        ProductDetails details = active == null || active.draftJson() == null ? details(p) : details(candidate(p, active));
        versions.save(new ProductVersion(UUID.randomUUID().toString(), id, version, safeName(fileName), size, sha,
                files.relativize(target).toString(), details.provenance().volumeRecords(), null, null, now));
        if (!isPublished(p)) {
            Product updated = p.withCurrentVersion(version, now);
            products.update(updated);
            return sheet(updated, merchant);
        }
        if (active == null) {
            ProductRevision created = new ProductRevision(UUID.randomUUID().toString(), id, nextSeq(id),
                    ProductRevision.Status.DRAFT, null, version, null, false, null, null, null, now, now);
            revisions.save(created);
            recordRevision(created, null, merchant, "version " + version + " uploaded; version " + p.currentVersion()
                    + " stays on sale until this one is reviewed and registered");
        } else {
            revisions.update(active.withDraft(active.draftJson(), version, active.refilingRequired(), now));
        }
        return sheet(p, merchant);
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
        ProductDetails.Declaration declaration = new ProductDetails.Declaration(true, true, true,
                statement == null ? "" : statement, Instant.now(), merchant.username());
        if (isPublished(p)) {
            ProductRevision draft = activeRevision(id).orElseThrow(() -> ApiProblem.conflict("Nothing to submit",
                    "product " + id + " is " + p.status() + " with its listed terms; change it or upload a new version"
                            + " first, then submit that revision"));
            if (draft.status() != ProductRevision.Status.DRAFT) {
                throw ApiProblem.conflict("Revision already submitted", "the revision of product " + id + " is "
                        + draft.status());
            }
            complianceProblems(candidate(p, draft)).stream().findFirst().ifPresent(problem -> {
                throw ApiProblem.invalidField(problem[0], problem[1]);
            });
            Instant now = Instant.now();
            reviseStatus(draft, draft.declared(writeJson(declaration), now).with(ProductRevision.Status.IN_REVIEW, now),
                    merchant, "submitted for review; the listed terms stay on sale until it is approved");
            return sheet(p, merchant);
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
                d.pricingPlans(), declaration);
        Product withDeclaration = withDetails(products.findById(id).orElseThrow(), declared);
        products.update(withDeclaration);
        return sheet(withDeclaration, merchant);
    }

    // ------------------------------------------------------------------ operator

    /** Products submitted for their first listing, then revisions of listed products, each oldest first. */
    public List<ReviewItem> reviewQueue(Viewer operator) {
        requireRole(operator, Role.OPERATOR);
        List<ReviewItem> queue = new ArrayList<>();
        products.findByStatusOrderByUpdatedAt(ProductStatus.IN_REVIEW)
                .forEach(p -> queue.add(ReviewItem.of(ReviewItem.Kind.LISTING, summary(p), null)));
        for (ProductRevision r : revisions.findByStatusInOrderByUpdatedAt(List.of(ProductRevision.Status.IN_REVIEW))) {
            Product p = found(r.productId());
            queue.add(ReviewItem.of(ReviewItem.Kind.REVISION, summary(p), view(p, r)));
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
        requireRole(operator, Role.OPERATOR);
        ListingIntent intent = tx.executeWrite(status -> decideApproval(operator, id, note));
        if (intent != null) {
            send(intent, true);
        }
        return sheet(found(id), operator);
    }

    private ListingIntent decideApproval(Viewer operator, String id, String note) {
        Product p = locked(id);
        ListingIntent pending = pendingIntent(id, EnumSet.of(ListingIntent.Kind.REGISTER_LISTING,
                ListingIntent.Kind.REGISTER_REVISION));
        if (pending != null) {
            return claimOrWait(pending); // approved before; its registration is sent again
        }
        Instant now = Instant.now();
        String decision = note == null || note.isBlank() ? null : note;
        if (p.status() == ProductStatus.IN_REVIEW) {
            requireReviewPassed(p);
            audit.record(operator.username(), Role.OPERATOR.name(), "PRODUCT_APPROVED", "product:" + id,
                    "listing review passed; registering version " + p.currentVersion() + " on the ledger");
            return intents.save(intent(p.id(), ListingIntent.Kind.REGISTER_LISTING, p.currentVersion(), null, null,
                    operator, decision, now));
        }
        ProductRevision revision = activeRevision(id).filter(r -> r.status() == ProductRevision.Status.IN_REVIEW)
                .orElseThrow(() -> ApiProblem.conflict("Not in review", "only products or revisions in review can be"
                        + " approved; product " + id + " is " + p.status() + " with no revision in review"));
        Product proposed = candidate(p, revision);
        requireReviewPassed(proposed);
        String register = revision.version() != null ? revision.version()
                : registrationChanged(p, proposed) ? deriveVersion(p, proposed, revision) : null;
        ProductRevision approved = revision.decided(ProductRevision.Status.APPROVED, operator.username(), decision,
                register, now);
        reviseStatus(revision, approved, operator, decision != null ? decision : register == null
                ? "revision review passed" : "revision review passed; registering version " + register + " on the ledger");
        if (register == null) {
            applyRevision(p, approved, operator);
            return null;
        }
        return intents.save(intent(p.id(), ListingIntent.Kind.REGISTER_REVISION, register, revision.id(), null, operator,
                decision, now));
    }

    /** SPEC §6 checks of what the operator approves: negative list, compliance, cross-border as filed. */
    private void requireReviewPassed(Product p) {
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
        if (p.crossBorderAllowed() && d.filing() != null && !d.filing().crossBorder()) {
            throw ApiProblem.conflict("Cross-border trade not filed", "the product allows cross-border trade but its"
                    + " filing record (备案 " + d.filing().reference() + ") says the data does not go abroad; the filing"
                    + " must declare cross-border provision before such trade is approved (reject it with that reason)");
        }
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
                base.sha256(), base.storagePath(), details(proposed).provenance().volumeRecords(), null, null, Instant.now()));
        return label;
    }

    /** What the ledger registered of a version changed: it must be registered again, as a new version. */
    private boolean registrationChanged(Product listed, Product proposed) {
        ProductDetails a = details(listed);
        ProductDetails b = details(proposed);
        return listed.classificationLevel() != proposed.classificationLevel()
                || !listed.category().equals(proposed.category()) || listed.sourceType() != proposed.sourceType()
                || listed.industry() != proposed.industry() || listed.crossBorderAllowed() != proposed.crossBorderAllowed()
                || !Objects.equals(a.filing() == null ? null : a.filing().reference(),
                        b.filing() == null ? null : b.filing().reference())
                || !Objects.equals(a.personalData(), b.personalData());
    }

    /** The approved revision's terms (and version) replace the listed ones. */
    private void applyRevision(Product listed, ProductRevision approved, Viewer actor) {
        Product proposed = candidate(listed, approved);
        String version = approved.registeredVersion() != null ? approved.registeredVersion() : listed.currentVersion();
        Product applied = proposed.withCurrentVersion(version, Instant.now());
        products.update(applied);
        reviseStatus(approved, approved.with(ProductRevision.Status.APPLIED, Instant.now()), actor,
                "applied: these terms" + (version.equals(listed.currentVersion()) ? "" : " and version " + version)
                        + " are now on sale");
        if (approved.refilingRequired() && !listed.refilingRequired()) {
            record(listed.id(), listed.status(), listed.status(), actor, "flagged for refiling (备案变更): a filed field or"
                    + " the volume changed by 30% or more");
        }
        if (applied.status() == ProductStatus.LISTED) {
            search.index(applied, merchantName(applied), details(applied).pricingPlans());
        } else if (approved.registeredVersion() != null) {
            // Registered as LISTED on the ledger while the product is suspended or delisted: the ledger follows the books.
            intents.save(intent(listed.id(), ListingIntent.Kind.LISTING_STATUS, null, null, applied.status(), actor,
                    "registered while " + applied.status(), Instant.now()).due(Instant.now()));
        }
    }

    public ProductSheet reject(Viewer operator, String id, String reason) {
        requireRole(operator, Role.OPERATOR);
        requireReason(reason);
        return tx.executeWrite(status -> {
            Product p = locked(id);
            if (pendingIntent(id, EnumSet.of(ListingIntent.Kind.REGISTER_LISTING, ListingIntent.Kind.REGISTER_REVISION)) != null) {
                throw ApiProblem.conflict("Approved", "product " + id + " was approved and its version is being registered on"
                        + " the ledger; it can no longer be rejected");
            }
            if (p.status() == ProductStatus.IN_REVIEW) {
                return sheet(transition(p, ProductStatus.REJECTED, operator, reason), operator);
            }
            ProductRevision revision = activeRevision(id).filter(r -> r.status() == ProductRevision.Status.IN_REVIEW)
                    .orElseThrow(() -> ApiProblem.conflict("Not in review", "only products or revisions in review can be"
                            + " rejected; product " + id + " is " + p.status() + " with no revision in review"));
            reviseStatus(revision, revision.decided(ProductRevision.Status.REJECTED, operator.username(), reason, null,
                    Instant.now()), operator, "rejected: " + reason + "; the listed terms stay in force");
            return sheet(p, operator);
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
            send(intent, true);
        }
        return sheet(found(id), actor);
    }

    private ListingIntent decideListingChange(Viewer actor, String id, ProductStatus next, String reason) {
        Product p = locked(id);
        boolean merchantDelisting = actor.is(Role.MERCHANT) && next == ProductStatus.DELISTED
                && p.merchantOrgId().equals(actor.organisationId());
        if (!actor.is(Role.OPERATOR) && !merchantDelisting) {
            throw ApiProblem.forbidden("only the operator suspends and reinstates listings; a merchant may delist its own");
        }
        if (!p.status().canBecome(next)) {
            throw ApiProblem.conflict("Status change not allowed", "a product " + p.status() + " cannot become " + next);
        }
        Instant now = Instant.now();
        ListingIntent earlier = pendingIntent(id, EnumSet.of(ListingIntent.Kind.LISTING_STATUS));
        if (earlier != null && intents.supersede(earlier.id(), now) == 0) {
            throw inFlight(earlier);
        }
        boolean onLedger = versions.findByProductIdOrderByCreatedAt(id).stream().anyMatch(v -> v.ledgerTxId() != null);
        if (next == ProductStatus.LISTED && onLedger) {
            return intents.save(intent(id, ListingIntent.Kind.LISTING_STATUS, null, null, next, actor, reason, now));
        }
        Product changed = transition(p, next, actor, reason);
        if (next == ProductStatus.DELISTED) {
            activeRevision(id).filter(r -> r.status().canBecome(ProductRevision.Status.WITHDRAWN)).ifPresent(r ->
                    reviseStatus(r, r.with(ProductRevision.Status.WITHDRAWN, now), actor, "the product was delisted"));
        }
        search.index(changed, merchantName(changed), details(changed).pricingPlans());
        return onLedger ? intents.save(intent(id, ListingIntent.Kind.LISTING_STATUS, null, null, next, actor, reason, now))
                : null;
    }

    // ------------------------------------------------------------------ ledger writes, after the commit

    /** Sends pending ledger writes that are due (retries after an outage, or after a crash); the background round. */
    public int sendDue() {
        int sent = 0;
        for (ListingIntent due : intents.due(Instant.now())) {
            Instant now = Instant.now();
            if (intents.claim(due.id(), now, now.plus(INTENT_LEASE)) == 1) {
                try {
                    send(intents.findById(due.id()).orElseThrow(), false);
                } catch (RuntimeException e) {
                    LOG.warn("ledger write {} of product {} failed, retrying: {}", due.kind(), due.productId(), e.toString());
                }
                sent++;
            }
        }
        return sent;
    }

    /**
     * Sends a pending intent whose lease the caller holds, outside any transaction, then records the outcome in one:
     * written → its effect applied (once, by the transaction that ends it); refused → ended with the ledger's reason,
     * 409 to an interactive caller; unreachable → retried later, 503 with Retry-After to an interactive caller.
     */
    private void send(ListingIntent intent, boolean interactive) {
        ListingLedger.Outcome outcome = switch (intent.kind()) {
            case REGISTER_LISTING, REGISTER_REVISION -> listingLedger.register(registration(intent));
            case LISTING_STATUS -> listingLedger.changeStatus(intent.productId(), registeredVersions(intent.productId()),
                    switch (intent.targetStatus()) {
                        case LISTED -> ListingStatus.LISTED;
                        case SUSPENDED -> ListingStatus.SUSPENDED;
                        default -> ListingStatus.DELISTED;
                    }, intent.note() == null ? "listing changed" : intent.note());
        };
        boolean closing = intent.kind() == ListingIntent.Kind.LISTING_STATUS && intent.targetStatus() != ProductStatus.LISTED;
        switch (outcome) {
            case ListingLedger.Written written -> tx.executeWrite(status -> {
                if (intents.finish(intent.id(), ListingIntent.State.DONE.name(), null, Instant.now()) == 1) {
                    applyWritten(intent, written);
                }
                return null;
            });
            case ListingLedger.Refused refused -> {
                String why = refused.message().startsWith(refused.code()) ? refused.message() : refused.code() + ": " + refused.message();
                tx.executeWrite(status -> {
                    if (intents.finish(intent.id(), ListingIntent.State.REFUSED.name(), clip(why), Instant.now()) == 1) {
                        applyRefused(intent, why);
                    }
                    return null;
                });
                LOG.warn("the ledger refused {} of product {}: {}", intent.kind(), intent.productId(), why);
                if (interactive && !closing) {
                    throw ApiProblem.ledgerRefused(ProblemType.LEDGER_REFUSED, refused.code(), "the ledger refused "
                            + describe(intent) + " (" + why + "); nothing changed on sale");
                }
            }
            case ListingLedger.Unavailable unavailable -> {
                Duration backoff = backoff(intent.attempts());
                intents.retryAt(intent.id(), Instant.now().plus(backoff), clip(unavailable.message()), Instant.now());
                LOG.warn("the ledger could not be reached for {} of product {}; retrying in {}: {}", intent.kind(),
                        intent.productId(), backoff, unavailable.message());
                if (interactive && !closing) {
                    throw ApiProblem.retryLater(ProblemType.LEDGER_UNAVAILABLE, "Ledger unavailable", "the ledger cannot be"
                            + " reached now, so " + describe(intent) + " is not done yet; the decision is recorded and sent"
                            + " again automatically, or when this request is retried", backoff);
                }
            }
        }
    }

    private void applyWritten(ListingIntent intent, ListingLedger.Written written) {
        Product p = locked(intent.productId());
        Viewer actor = new Viewer(intent.actor(), intent.actorRole() == null ? null : Role.valueOf(intent.actorRole()), null);
        if (intent.kind() != ListingIntent.Kind.LISTING_STATUS) {
            versions.findByProductIdAndVersion(p.id(), intent.version()).filter(v -> v.ledgerTxId() == null)
                    .ifPresent(v -> versions.update(v.registered(written.transactionId(), written.blockNumber())));
        }
        switch (intent.kind()) {
            case REGISTER_LISTING -> {
                if (p.status() == ProductStatus.IN_REVIEW) {
                    Product listed = transition(p, ProductStatus.LISTED, actor, intent.note() != null ? intent.note()
                            : p.classificationLevel() == ClassificationLevel.CORE
                                    ? "listed; core data: every trade requires regulator approval" : "listing review passed");
                    search.index(listed, merchantName(listed), details(listed).pricingPlans());
                }
            }
            case REGISTER_REVISION -> revisions.findById(intent.revisionId())
                    .filter(r -> r.status() == ProductRevision.Status.APPROVED)
                    .ifPresent(r -> applyRevision(p, r, actor));
            case LISTING_STATUS -> {
                if (intent.targetStatus() == ProductStatus.LISTED && p.status() == ProductStatus.SUSPENDED) {
                    Product listed = transition(p, ProductStatus.LISTED, actor, intent.note());
                    search.index(listed, merchantName(listed), details(listed).pricingPlans());
                }
            }
        }
    }

    private void applyRefused(ListingIntent intent, String why) {
        audit.record(intent.actor(), intent.actorRole(), "LEDGER_REFUSED", "product:" + intent.productId(),
                describe(intent) + " refused by the ledger: " + why);
        if (intent.kind() == ListingIntent.Kind.REGISTER_REVISION) {
            revisions.findById(intent.revisionId()).filter(r -> r.status() == ProductRevision.Status.APPROVED).ifPresent(r ->
                    reviseStatus(r, r.with(ProductRevision.Status.IN_REVIEW, Instant.now()), new Viewer(intent.actor(),
                            null, null), "back in review: the ledger refused the registration (" + why + ")"));
        }
    }

    private ProductRegistration registration(ListingIntent intent) {
        Product p = found(intent.productId());
        Product registered = intent.kind() == ListingIntent.Kind.REGISTER_REVISION
                ? candidate(p, revisions.findById(intent.revisionId()).orElseThrow()) : p;
        ProductDetails d = details(registered);
        ProductVersion v = versions.findByProductIdAndVersion(p.id(), intent.version()).orElseThrow();
        Organisation merchant = organisations.findById(p.merchantOrgId()).orElseThrow();
        return new ProductRegistration(p.id(), v.version(), merchant.creditCode(), v.sha256(),
                registered.classificationLevel(), registered.category(), registered.sourceType(),
                registered.industry().name().toLowerCase(java.util.Locale.ROOT), registered.crossBorderAllowed(),
                d.filing() == null ? null : d.filing().reference(),
                d.personalData() == null ? null : new org.dataexchange.ledger.product.PersonalDataBasis(
                        org.dataexchange.ledger.product.PersonalDataBasis.Kind.valueOf(d.personalData().kind().name()),
                        d.personalData().reference()));
    }

    private List<String> registeredVersions(String productId) {
        return versions.findByProductIdOrderByCreatedAt(productId).stream().filter(v -> v.ledgerTxId() != null)
                .map(ProductVersion::version).toList();
    }

    private static ListingIntent intent(String productId, ListingIntent.Kind kind, String version, String revisionId,
                                        ProductStatus target, Viewer actor, String note, Instant now) {
        // Created leased to the request that decided it, which sends it right after the commit.
        return new ListingIntent(UUID.randomUUID().toString(), productId, kind, version, revisionId, target,
                actor.username() == null ? "system" : actor.username(), actor.role() == null ? null : actor.role().name(),
                note, ListingIntent.State.PENDING, 1, null, now.plus(INTENT_LEASE), now, now);
    }

    /** A pending intent of the product of one of the kinds, or null. */
    private ListingIntent pendingIntent(String productId, Set<ListingIntent.Kind> kinds) {
        return intents.findByProductIdAndStatus(productId, ListingIntent.State.PENDING).stream()
                .filter(i -> kinds.contains(i.kind())).findFirst().orElse(null);
    }

    /** The pending intent leased to this caller, or a 503 while someone else is sending it. */
    private ListingIntent claimOrWait(ListingIntent pending) {
        Instant now = Instant.now();
        if (intents.claim(pending.id(), now, now.plus(INTENT_LEASE)) == 1) {
            return intents.findById(pending.id()).orElseThrow();
        }
        throw inFlight(pending);
    }

    private static ApiProblem inFlight(ListingIntent pending) {
        return ApiProblem.retryLater(ProblemType.LEDGER_UNAVAILABLE, "Ledger write in progress", describe(pending)
                + " is being sent to the ledger" + (pending.lastError() == null ? "" : " (last attempt: "
                + pending.lastError() + ")") + "; retry shortly", Duration.ofSeconds(Math.max(1,
                Duration.between(Instant.now(), pending.nextAttemptAt()).toSeconds())));
    }

    private static String describe(ListingIntent i) {
        return switch (i.kind()) {
            case REGISTER_LISTING, REGISTER_REVISION -> "the registration of version " + i.version() + " of product "
                    + i.productId();
            case LISTING_STATUS -> "the listing status " + i.targetStatus() + " of product " + i.productId();
        };
    }

    private static Duration backoff(int attempts) {
        long seconds = Math.min(300, 5L << Math.min(6, Math.max(0, attempts - 1)));
        return Duration.ofSeconds(seconds);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    // ------------------------------------------------------------------ revisions

    private java.util.Optional<ProductRevision> activeRevision(String productId) {
        return revisions.findByProductIdOrderBySeqDesc(productId).stream()
                .filter(r -> ProductRevision.Status.ACTIVE.contains(r.status())).findFirst();
    }

    private int nextSeq(String productId) {
        return revisions.findByProductIdOrderBySeqDesc(productId).stream().mapToInt(ProductRevision::seq).max().orElse(0) + 1;
    }

    private static void requireOpenForChanges(ProductRevision active) {
        if (active != null && active.status() != ProductRevision.Status.DRAFT) {
            throw ApiProblem.conflict("Revision in review", "a change of this product is " + active.status()
                    + "; wait for the decision (or withdraw it while in review) before changing it again");
        }
    }

    /** The product as the revision would make it: its draft's terms (or the listed ones), its declaration. */
    private Product candidate(Product listed, ProductRevision revision) {
        Product terms = revision.draftJson() == null ? listed : fromDraft(listed.id(), listed.merchantOrgId(),
                readJson(revision.draftJson(), ProductDraft.class), listed.status(), listed.currentVersion(),
                listed.refilingRequired() || revision.refilingRequired(), listed.createdAt(), listed.updatedAt());
        ProductDetails d = details(terms);
        ProductDetails.Declaration declaration = revision.declarationJson() == null ? d.declaration()
                : readJson(revision.declarationJson(), ProductDetails.Declaration.class);
        return withDetails(terms, new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(), d.platformFeeBp(),
                d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), d.licence(), d.pricingPlans(),
                declaration));
    }

    private PendingRevision view(Product listed, ProductRevision r) {
        Product proposed = candidate(listed, r);
        ProductDetails.Declaration declaration = r.declarationJson() == null ? null
                : readJson(r.declarationJson(), ProductDetails.Declaration.class);
        return new PendingRevision(r.id(), r.seq(), r.status(), r.version(), r.registeredVersion(), r.refilingRequired(),
                changes(listed, proposed, r.version()), declaration, r.decidedBy(), r.decisionNote(),
                revisionTransitions.findByRevisionIdOrderByAt(r.id()), r.createdAt(), r.updatedAt());
    }

    /** Every field of the reviewed terms that differs between the listed product and the proposed one. */
    private List<PendingRevision.TermsChange> changes(Product listed, Product proposed, String newVersion) {
        List<PendingRevision.TermsChange> out = new ArrayList<>();
        diff("", reviewedTerms(listed, listed.currentVersion()),
                reviewedTerms(proposed, newVersion == null ? listed.currentVersion() : newVersion), out);
        return out;
    }

    /** What review looked at, as plain JSON values: every column and document buyers see or the ledger registers. */
    private Map<String, Object> reviewedTerms(Product p, String version) {
        ProductDetails d = details(p);
        Map<String, Object> terms = new java.util.LinkedHashMap<>();
        terms.put("title", p.title());
        terms.put("description", p.description());
        terms.put("tags", p.tags());
        terms.put("industry", p.industry());
        terms.put("sourceType", p.sourceType());
        terms.put("classificationLevel", p.classificationLevel());
        terms.put("category", p.category());
        terms.put("deliveryModes", p.deliveryModes());
        terms.put("crossBorderAllowed", p.crossBorderAllowed());
        terms.put("provenance", d.provenance());
        terms.put("contributors", d.contributors());
        terms.put("merchantShareBp", d.merchantShareBp());
        terms.put("platformFeeBp", d.platformFeeBp());
        terms.put("schema", d.schema());
        terms.put("sampleRows", d.sampleRows());
        terms.put("quality", d.quality());
        terms.put("filing", d.filing());
        terms.put("personalData", d.personalData());
        terms.put("licence", Map.of("template", d.licence().template(), "terms", d.licence().terms()));
        terms.put("pricingPlans", d.pricingPlans());
        terms.put("version", version);
        return readJson(writeJson(terms), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static void diff(String path, Object listed, Object proposed, List<PendingRevision.TermsChange> out) {
        if (listed instanceof Map<?, ?> a && proposed instanceof Map<?, ?> b) {
            java.util.Set<Object> keys = new java.util.LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                diff(path.isEmpty() ? key.toString() : path + "." + key, a.get(key), b.get(key), out);
            }
        } else if (!Objects.equals(listed, proposed)) {
            out.add(new PendingRevision.TermsChange(path, listed, proposed));
        }
    }

    private void reviseStatus(ProductRevision from, ProductRevision to, Viewer actor, String reason) {
        if (!from.status().canBecome(to.status())) {
            throw ApiProblem.conflict("Revision status change not allowed", "a revision " + from.status()
                    + " cannot become " + to.status());
        }
        revisions.update(to);
        recordRevision(to, from.status(), actor, reason);
    }

    private void recordRevision(ProductRevision r, ProductRevision.Status from, Viewer actor, String reason) {
        audit.record(actor.username(), actor.role() == null ? null : actor.role().name(), "REVISION_" + r.status(),
                "product:" + r.productId(), "revision " + r.seq() + ": " + (from == null ? "" : from + " -> ") + r.status()
                        + ": " + reason);
        revisionTransitions.save(new RevisionTransition(UUID.randomUUID().toString(), r.id(), from, r.status(),
                actor.username() == null ? "system" : actor.username(), clip(reason), Instant.now()));
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

    /**
     * Listed or suspended products whose filed fields or volume changed since filing (备案变更): in their listed terms,
     * or in a revision drafted, in review or approved.
     */
    public List<ProductSummary> refilingRequired() {
        List<ProductSummary> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ProductStatus status : List.of(ProductStatus.LISTED, ProductStatus.SUSPENDED)) {
            products.findByStatusOrderByUpdatedAt(status).stream().filter(Product::refilingRequired)
                    .filter(p -> seen.add(p.id())).map(this::summary).forEach(out::add);
        }
        revisions.findByStatusInOrderByUpdatedAt(ProductRevision.Status.ACTIVE).stream()
                .filter(ProductRevision::refilingRequired).filter(r -> seen.add(r.productId()))
                .map(r -> found(r.productId())).filter(CatalogueService::isPublished).map(this::summary).forEach(out::add);
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
        search.indexAll(products.findByStatusOrderByUpdatedAt(ProductStatus.LISTED), p -> names.getOrDefault(p.merchantOrgId(), ""),
                p -> details(p).pricingPlans());
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

    /** The merchant's own product, locked for the calling transaction: its changes and the review's are taken in turn. */
    private Product owned(Viewer merchant, String id) {
        requireRole(merchant, Role.MERCHANT);
        Product p = locked(id);
        if (!p.merchantOrgId().equals(merchant.organisationId())) {
            // Not found rather than forbidden: other merchants' drafts are not theirs to know about.
            throw ApiProblem.notFound("no product " + id + " of your organisation");
        }
        return p;
    }

    /** The product, locked until the transaction ends. */
    private Product locked(String id) {
        return products.lock(id).orElseThrow(() -> ApiProblem.notFound("no product " + id));
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
        return writeJson(d);
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T readJson(String text, Class<?> type) {
        try {
            return (T) json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stored document", e);
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
        return new ProductSheet(p.id(), p.title(), p.description(), p.tags().isBlank() ? List.of() : List.of(p.tags().split(" ")),
                new ProductSheet.Merchant(merchant.id(), merchant.name(), merchant.creditCode()), p.industry(), p.sourceType(),
                new ProductSheet.Classification(p.classificationLevel(), p.category(), p.requiresRegulatorApproval(), tradingNote),
                d.provenance(), d.contributors(), new ProductSheet.RevenueShares(d.merchantShareBp(), d.contributors(),
                d.platformFeeBp()), d.schema(), d.sampleRows(), d.quality(), modes(p), d.licence(), plans,
                new ProductSheet.Compliance(d.filing() == null ? null : d.filing().reference(), p.refilingRequired(),
                        p.crossBorderAllowed(), d.personalData(), d.declaration()),
                p.status(), p.currentVersion(), vs, insider ? transitions.findByProductIdOrderByAt(p.id()) : null, p.updatedAt(),
                insider ? activeRevision(p.id()).map(r -> view(p, r)).orElse(null) : null,
                insider ? intents.findByProductIdAndStatus(p.id(), ListingIntent.State.PENDING).stream().findFirst()
                        .map(i -> describe(i) + ", decided " + i.createdAt() + (i.lastError() == null ? ""
                                : "; last attempt: " + i.lastError())).orElse(null) : null);
    }

    private java.util.Optional<String> viewerCreditCode(Viewer viewer) {
        return viewer.organisationId() == null ? java.util.Optional.empty()
                : java.util.Optional.of(directory.creditCodeOf(viewer.organisationId()));
    }
}
