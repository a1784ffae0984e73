package org.dataexchange.marketplace.catalogue;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.PersonalDataBasis;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * The catalogue's ledger writes, after the commit that decided them ({@link ListingIntent}s): a version's
 * registration for a first listing or a revision, and a listing status every registered version follows. Each is sent
 * outside any transaction and its outcome recorded in one: written → its effect on the books applied once; refused →
 * ended with the ledger's reason (409 to an interactive caller); unreachable → retried with backoff (503 with
 * Retry-After to an interactive caller).
 */
@Singleton
class ListingRegistration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ListingRegistration.class);

    private final CatalogueRepositories.Intents intents;
    private final CatalogueRepositories.Products products;
    private final CatalogueRepositories.Versions versions;
    private final ListingLedger listingLedger;
    private final TransactionOperations<Connection> tx;
    private final ProductRevisions revisions;
    private final ProductLifecycle lifecycle;
    private final ProductDocuments documents;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final CatalogueRepositories.DerivedParents derivedParents;
    private final ParentLicences parentLicences;

    /** The refusal code of a registration stopped before the ledger because a parent licence is no longer usable. */
    static final String PARENT_UNUSABLE = "PARENT_LICENCE_UNUSABLE";

    ListingRegistration(CatalogueRepositories.Intents intents, CatalogueRepositories.Products products,
                        CatalogueRepositories.Versions versions, ListingLedger listingLedger,
                        TransactionOperations<Connection> tx, ProductRevisions revisions, ProductLifecycle lifecycle,
                        ProductDocuments documents, OrganisationDirectory organisations, AuditLog audit,
                        CatalogueRepositories.DerivedParents derivedParents, ParentLicences parentLicences) {
        this.derivedParents = derivedParents;
        this.parentLicences = parentLicences;
        this.intents = intents;
        this.products = products;
        this.versions = versions;
        this.listingLedger = listingLedger;
        this.tx = tx;
        this.revisions = revisions;
        this.lifecycle = lifecycle;
        this.documents = documents;
        this.organisations = organisations;
        this.audit = audit;
    }

    /** Records a decided ledger write, leased to the caller, which sends it after its transaction commits. */
    ListingIntent decide(String productId, ListingIntent.Kind kind, String version, String revisionId,
                         ProductStatus target, Viewer actor, String note, Instant now) {
        return intents.save(ListingIntent.decided(productId, kind, version, revisionId, target, actor, note, now));
    }

    /** A pending intent of the product of one of the kinds, or null. */
    ListingIntent pending(String productId, Set<ListingIntent.Kind> kinds) {
        return intents.findByProductIdAndStatus(productId, ListingIntent.State.PENDING).stream()
                .filter(i -> kinds.contains(i.kind())).findFirst().orElse(null);
    }

    /** The pending intent leased to this caller, or a 503 while someone else is sending it. */
    ListingIntent claimOrWait(ListingIntent pending) {
        Instant now = Instant.now();
        if (intents.claim(pending.id(), now, now.plus(ListingIntent.LEASE)) == 1) {
            return intents.findById(pending.id()).orElseThrow();
        }
        throw inFlight(pending);
    }

    /** Replaces an earlier pending listing-status write nobody is sending, or a 503 while someone is. */
    void supersede(ListingIntent earlier, Instant now) {
        if (intents.supersede(earlier.id(), now) == 0) {
            throw inFlight(earlier);
        }
    }

    /** Sends pending ledger writes that are due (retries after an outage, or after a crash); the background round. */
    int sendDue() {
        int sent = 0;
        for (ListingIntent due : intents.due(Instant.now())) {
            Instant now = Instant.now();
            if (intents.claim(due.id(), now, now.plus(ListingIntent.LEASE)) == 1) {
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
    void send(ListingIntent intent, boolean interactive) {
        // The parents are checked again as the version is registered and put on sale, not only at approval: a
        // registration the ledger could not take at once is sent later, and a parent licence may have been revoked or
        // run out of its term in between. Then nothing is registered; it ends as refused, naming the licence.
        Stopped stopped = intent.kind() == ListingIntent.Kind.LISTING_STATUS ? null : unusableParent(intent);
        ListingLedger.Outcome outcome = stopped != null ? new ListingLedger.Refused(PARENT_UNUSABLE, stopped.message())
                : switch (intent.kind()) {
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
                    if (intents.refuse(intent.id(), ListingIntent.clip(why), refused.code(),
                            stopped == null ? null : stopped.certificateId(),
                            stopped == null || stopped.failed().isEmpty() ? null
                                    : String.join(",", stopped.failed().stream().map(Enum::name).toList()),
                            Instant.now()) == 1) {
                        applyRefused(intent, why);
                    }
                    return null;
                });
                LOG.warn("the ledger refused {} of product {}: {}", intent.kind(), intent.productId(), why);
                if (interactive && PARENT_UNUSABLE.equals(refused.code())) {
                    throw ApiProblem.of(ProblemType.PARENT_LICENCE_UNUSABLE, "Parent licence unusable", refused.message()
                            + "; nothing was registered or put on sale");
                }
                if (interactive && !closing) {
                    throw ApiProblem.ledgerRefused(ProblemType.LEDGER_REFUSED, refused.code(), "the ledger refused "
                            + intent.describe() + " (" + why + "); nothing changed on sale");
                }
            }
            case ListingLedger.Unavailable unavailable -> {
                Duration backoff = backoff(intent.attempts());
                intents.retryAt(intent.id(), Instant.now().plus(backoff), ListingIntent.clip(unavailable.message()), Instant.now());
                LOG.warn("the ledger could not be reached for {} of product {}; retrying in {}: {}", intent.kind(),
                        intent.productId(), backoff, unavailable.message());
                if (interactive && !closing) {
                    throw ApiProblem.retryLater(ProblemType.LEDGER_UNAVAILABLE, "Ledger unavailable", "the ledger cannot be"
                            + " reached now, so " + intent.describe() + " is not done yet; the decision is recorded and sent"
                            + " again automatically, or when this request is retried", backoff);
                }
            }
        }
    }

    /** The product's pending ledger write in words with its last attempt, for the insiders' product sheet; or null. */
    String pendingNote(String productId) {
        return intents.findByProductIdAndStatus(productId, ListingIntent.State.PENDING).stream().findFirst()
                .map(i -> i.describe() + ", decided " + i.createdAt() + (i.lastError() == null ? ""
                        : "; last attempt: " + i.lastError())).orElse(null);
    }

    /**
     * Why the product's latest registration did not reach the ledger, for the insiders' product sheet; or null. A
     * registration refused by the ledger, or stopped before it because a parent licence could no longer be used, ends
     * there: the version is not registered and nothing goes on sale, until a later decision registers one.
     */
    ProductSheet.LedgerRefusal refusal(String productId) {
        Set<ListingIntent.Kind> registering = Set.of(ListingIntent.Kind.REGISTER_LISTING, ListingIntent.Kind.REGISTER_REVISION);
        ListingIntent refused = newest(productId, ListingIntent.State.REFUSED, registering);
        if (refused == null) {
            return null;
        }
        for (ListingIntent.State later : List.of(ListingIntent.State.PENDING, ListingIntent.State.DONE)) {
            ListingIntent other = newest(productId, later, registering);
            if (other != null && other.createdAt().isAfter(refused.createdAt())) {
                return null;
            }
        }
        String message = refused.describe() + ", decided " + refused.createdAt() + ", was not registered: " + refused.lastError();
        String code = refused.refusalCode() != null ? refused.refusalCode() : codeOf(refused.lastError());
        ProductSheet.RefusedParent parent = null;
        if (refused.refusalCertificate() != null) {
            // the parent named as the product (or its revision) names it, for its title in either language
            ProductDetails.ParentLicence named = products.findById(productId).map(p -> {
                try {
                    return documents.details(registered(p, refused)).parentLicences();
                } catch (ApiProblem unreadable) {
                    return List.<ProductDetails.ParentLicence>of();
                }
            }).orElse(List.of()).stream().filter(l -> l.certificateId().equals(refused.refusalCertificate()))
                    .findFirst().orElse(null);
            parent = new ProductSheet.RefusedParent(refused.refusalCertificate(),
                    named == null ? null : named.productId(), named == null ? null : named.productTitle(),
                    named == null ? null : named.productTitleEn(), named == null ? null : named.merchantName(),
                    refused.refusalFailed() == null ? List.of() : java.util.Arrays.stream(refused.refusalFailed().split(","))
                            .map(ParentLicences.Failure::valueOf).toList());
        }
        return new ProductSheet.LedgerRefusal(code, refused.kind() == ListingIntent.Kind.REGISTER_REVISION,
                refused.version(), refused.createdAt(), refused.updatedAt(), parent, message);
    }

    /** The code a refusal recorded before its fields were kept starts its message with ("CODE: …"), or null. */
    private static String codeOf(String lastError) {
        if (lastError == null) {
            return null;
        }
        int colon = lastError.indexOf(':');
        String head = colon > 0 ? lastError.substring(0, colon) : "";
        return head.matches("[A-Z][A-Z0-9_]*") ? head : null;
    }

    private ListingIntent newest(String productId, ListingIntent.State state, Set<ListingIntent.Kind> kinds) {
        return intents.findByProductIdAndStatus(productId, state).stream().filter(i -> kinds.contains(i.kind()))
                .max(java.util.Comparator.comparing(ListingIntent::createdAt)).orElse(null);
    }

    private void applyWritten(ListingIntent intent, ListingLedger.Written written) {
        Product p = products.lock(intent.productId()).orElseThrow(() -> ApiProblem.notFound("no product " + intent.productId()));
        Viewer actor = new Viewer(intent.actor(), intent.actorRole() == null ? null : Role.valueOf(intent.actorRole()), null);
        if (intent.kind() != ListingIntent.Kind.LISTING_STATUS) {
            versions.findByProductIdAndVersion(p.id(), intent.version()).filter(v -> v.ledgerTxId() == null)
                    .ifPresent(v -> versions.update(v.registered(written.transactionId(), written.blockNumber())));
            Product registered = intent.kind() == ListingIntent.Kind.REGISTER_REVISION && intent.revisionId() != null
                    ? revisions.find(intent.revisionId()).map(r -> revisions.candidate(p, r)).orElse(p) : p;
            Instant now = Instant.now();
            for (ProductDetails.ParentLicence parent : documents.details(registered).parentLicences()) {
                DerivedProductParent row = DerivedProductParent.of(p.id(), parent, now);
                if (!derivedParents.existsById(row.id())) {
                    derivedParents.save(row);
                }
            }
        }
        switch (intent.kind()) {
            case REGISTER_LISTING -> {
                if (p.status() == ProductStatus.IN_REVIEW) {
                    Product listed = lifecycle.change(p, ProductStatus.LISTED, actor, intent.note() != null ? intent.note()
                            : p.classificationLevel() == ClassificationLevel.CORE
                                    ? "listed; core data: every trade requires regulator approval" : "listing review passed");
                    lifecycle.showInSearch(listed);
                }
            }
            case REGISTER_REVISION -> revisions.find(intent.revisionId())
                    .filter(r -> r.status() == ProductRevision.Status.APPROVED)
                    .ifPresent(r -> revisions.apply(p, r, actor));
            case LISTING_STATUS -> {
                if (intent.targetStatus() == ProductStatus.LISTED && p.status() == ProductStatus.SUSPENDED) {
                    Product listed = lifecycle.change(p, ProductStatus.LISTED, actor, intent.note());
                    lifecycle.showInSearch(listed);
                }
            }
        }
    }

    private void applyRefused(ListingIntent intent, String why) {
        audit.record(intent.actor(), intent.actorRole(), "LEDGER_REFUSED", "product:" + intent.productId(),
                intent.describe() + (why.startsWith(PARENT_UNUSABLE) ? " stopped before the ledger: " : " refused by the ledger: ")
                        + why);
        if (intent.kind() == ListingIntent.Kind.REGISTER_REVISION) {
            revisions.find(intent.revisionId()).filter(r -> r.status() == ProductRevision.Status.APPROVED).ifPresent(r ->
                    lifecycle.change(r, rev -> rev.returnedToReview(Instant.now()), new Viewer(intent.actor(), null, null),
                            "back in review: the ledger refused the registration (" + why + ")"));
        }
    }

    /** A registration stopped before the ledger: why in words, the parent licence that stopped it and its failed checks. */
    private record Stopped(String message, String certificateId, List<ParentLicences.Failure> failed) {}

    /** Why a parent licence of the version to register can no longer be used, or null when each still can. */
    private Stopped unusableParent(ListingIntent intent) {
        Product p = products.findById(intent.productId()).orElse(null);
        if (p == null) {
            return null;
        }
        List<ProductDetails.ParentLicence> parents;
        try {
            parents = documents.details(registered(p, intent)).parentLicences();
        } catch (ApiProblem unreadable) {
            // a revision naming a licence the merchant no longer holds at all
            return new Stopped(unreadable.getMessage(), null, List.of(ParentLicences.Failure.NOT_HELD));
        }
        try {
            parentLicences.requireUsable(p.merchantOrgId(), parents);
            return null;
        } catch (ApiProblem unusable) {
            ParentLicences.Check failing = parentLicences.checks(p.merchantOrgId(), parents).stream()
                    .filter(c -> !c.passed()).findFirst().orElse(null);
            return new Stopped(unusable.getMessage(), failing == null ? null : failing.certificateId(),
                    failing == null ? List.of() : failing.failures());
        }
    }

    /** The product as the intent registers it: a revision's candidate, or the product itself. */
    private Product registered(Product p, ListingIntent intent) {
        return intent.kind() == ListingIntent.Kind.REGISTER_REVISION && intent.revisionId() != null
                ? revisions.find(intent.revisionId()).map(r -> revisions.candidate(p, r)).orElse(p) : p;
    }

    private ProductRegistration registration(ListingIntent intent) {
        Product p = products.findById(intent.productId()).orElseThrow(() -> ApiProblem.notFound("no product " + intent.productId()));
        Product registered = intent.kind() == ListingIntent.Kind.REGISTER_REVISION
                ? revisions.candidate(p, revisions.find(intent.revisionId()).orElseThrow()) : p;
        ProductDetails d = documents.details(registered);
        ProductVersion v = versions.findByProductIdAndVersion(p.id(), intent.version()).orElseThrow();
        Organisation merchant = organisations.find(p.merchantOrgId()).orElseThrow();
        return new ProductRegistration(p.id(), v.version(), merchant.creditCode(), v.sha256(),
                registered.classificationLevel(), registered.category(), registered.sourceType(),
                registered.industry().name().toLowerCase(Locale.ROOT), registered.crossBorderAllowed(),
                d.filing() == null ? null : d.filing().reference(),
                d.personalData() == null ? null : new PersonalDataBasis(
                        PersonalDataBasis.Kind.valueOf(d.personalData().kind().name()), d.personalData().reference()),
                d.parentLicences().stream().map(parent -> new org.dataexchange.ledger.product.ParentLicence(
                        parent.certificateId(), parent.merchantCreditCode(), parent.royaltyBp())).toList());
    }

    private List<String> registeredVersions(String productId) {
        return versions.findByProductIdOrderByCreatedAt(productId).stream().filter(v -> v.ledgerTxId() != null)
                .map(ProductVersion::version).toList();
    }

    private static ApiProblem inFlight(ListingIntent pending) {
        return ApiProblem.retryLater(ProblemType.LEDGER_UNAVAILABLE, "Ledger write in progress", pending.describe()
                + " is being sent to the ledger" + (pending.lastError() == null ? "" : " (last attempt: "
                + pending.lastError() + ")") + "; retry shortly", Duration.ofSeconds(Math.max(1,
                Duration.between(Instant.now(), pending.nextAttemptAt()).toSeconds())));
    }

    private static Duration backoff(int attempts) {
        long seconds = Math.min(300, 5L << Math.min(6, Math.max(0, attempts - 1)));
        return Duration.ofSeconds(seconds);
    }
}
