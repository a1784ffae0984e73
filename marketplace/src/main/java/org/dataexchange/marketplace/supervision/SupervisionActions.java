package org.dataexchange.marketplace.supervision;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dataexchange.ledger.supervision.SupervisionAction;
import org.dataexchange.ledger.supervision.SupervisionActionRequest;
import org.dataexchange.ledger.supervision.SupervisionMeasure;
import org.dataexchange.marketplace.RecordId;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.ListingReview;
import org.dataexchange.marketplace.catalogue.ProductStatus;
import org.dataexchange.marketplace.catalogue.ProductSummary;
import org.dataexchange.marketplace.credit.CreditEventKind;
import org.dataexchange.marketplace.credit.CreditRecord;
import org.dataexchange.marketplace.ledger.LedgerIntents;
import org.dataexchange.marketplace.ledger.WriteAheadIntent;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.SettlementClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision actions against a merchant: a warning talk (约谈), a listing takedown (下架), suspension, reinstatement
 * and disqualification. A decision checks and moves the merchant's {@link MerchantStanding}, stores the action and its
 * credit event in one database transaction; after it commits, the listings follow (a takedown suspends the listing, a
 * suspension every listed product, a reinstatement lists again what the suspension took off sale, a disqualification
 * delists them all; each through the catalogue's listing review, whose ledger writes the ledger's listing status
 * follows) and the action is recorded on the ledger with RecordSupervisionAction. Both steps are retried by a
 * background round until done, so a crash or a ledger outage loses neither; the ledger write is idempotent.
 */
@Singleton
public class SupervisionActions {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisionActions.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final LedgerIntents.Backoff BACKOFF = new LedgerIntents.Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    public enum LedgerState { PENDING, RECORDED, FAILED }

    @Serdeable
    @MappedEntity("supervision_action")
    public record Action(@Id String id, String organisationId, String partyId, SupervisionMeasure measure,
                         @Nullable String productId, String reason, String actor, Instant decidedAt,
                         MerchantStanding standingBefore, MerchantStanding standingAfter, @Nullable String affectedProducts,
                         boolean listingsDone, LedgerState ledgerState, int attempts, Instant nextAttemptAt,
                         @Nullable String lastError, @Nullable String transactionId, @Nullable Long blockNumber,
                         @Nullable Instant recordedAt) implements WriteAheadIntent {

        /** Pending until the listings followed and the ledger answered. */
        @Override
        public boolean pending() {
            return !done();
        }

        Action withListings(Set<String> affected, boolean done) {
            return new Action(id, organisationId, partyId, measure, productId, reason, actor, decidedAt, standingBefore,
                    standingAfter, affected.isEmpty() ? null : String.join(",", affected), done, ledgerState, attempts,
                    nextAttemptAt, lastError, transactionId, blockNumber, recordedAt);
        }

        Action recorded(String txId, @Nullable Long block, Instant at) {
            return new Action(id, organisationId, partyId, measure, productId, reason, actor, decidedAt, standingBefore,
                    standingAfter, affectedProducts, listingsDone, LedgerState.RECORDED, attempts + 1, nextAttemptAt, null,
                    txId, block, at);
        }

        Action failed(String error) {
            return new Action(id, organisationId, partyId, measure, productId, reason, actor, decidedAt, standingBefore,
                    standingAfter, affectedProducts, listingsDone, LedgerState.FAILED, attempts + 1, nextAttemptAt,
                    limit(error), transactionId, blockNumber, recordedAt);
        }

        Action retried(String error, Instant next) {
            return new Action(id, organisationId, partyId, measure, productId, reason, actor, decidedAt, standingBefore,
                    standingAfter, affectedProducts, listingsDone, ledgerState, attempts + 1, next, limit(error),
                    transactionId, blockNumber, recordedAt);
        }

        Action leasedUntil(Instant until) {
            return new Action(id, organisationId, partyId, measure, productId, reason, actor, decidedAt, standingBefore,
                    standingAfter, affectedProducts, listingsDone, ledgerState, attempts, until, lastError, transactionId,
                    blockNumber, recordedAt);
        }

        Set<String> affected() {
            return affectedProducts == null ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(affectedProducts.split(",")));
        }

        boolean done() {
            return listingsDone && ledgerState != LedgerState.PENDING;
        }

        SupervisionActionRequest request() {
            return new SupervisionActionRequest(id, partyId, measure, productId, reason, actor);
        }
    }

    /** An action as shown: with the merchant's name. */
    @Serdeable
    public record ActionView(Action action, String organisationName) {}

    /** An action as the ledger holds it, for the regulator: the merchant named from its credit code. */
    @Serdeable
    public record LedgerView(SupervisionAction recorded, @Nullable String organisationId, @Nullable String organisationName) {}

    /** The regulator's list: what the ledger holds, and how many decided actions are still on their way to it. */
    @Serdeable
    public record RegulatorList(List<LedgerView> onLedger, long notYetOnLedger) {}

    @JdbcRepository(dialect = Dialect.H2)
    interface Repository extends CrudRepository<Action, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @io.micronaut.context.annotation.Replaces(Repository.class)
        @io.micronaut.context.annotation.Requires(condition = org.dataexchange.marketplace.Database.OnPostgres.class)
        interface OnPostgres extends Repository {}

        List<Action> findByOrganisationIdOrderByDecidedAtDesc(String organisationId);

        List<Action> findAllOrderByDecidedAtDesc();

        @Query("SELECT * FROM supervision_action WHERE (ledger_state = 'PENDING' OR listings_done = FALSE)"
                + " AND next_attempt_at <= :now ORDER BY decided_at LIMIT :limit")
        List<Action> due(Instant now, int limit);

        @Query("SELECT * FROM supervision_action WHERE id = :id FOR UPDATE")
        Optional<Action> lock(String id);

        /** The action locked, or empty when another round holds it (SKIP LOCKED): that round is taking its lease. */
        @Query("SELECT * FROM supervision_action WHERE id = :id FOR UPDATE SKIP LOCKED")
        Optional<Action> lockUnlessHeld(String id);

        long countByLedgerStateNotEqual(LedgerState state);
    }

    private final Repository actions;
    private final Onboarding onboarding;
    private final CreditRecord credit;
    private final CatalogueService catalogue;
    private final ListingReview listings;
    private final OrganisationDirectory organisations;
    private final SettlementClient ledger;
    private final SettlementClient regulatorLedger;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final org.dataexchange.marketplace.BooksOnDisk booksOnDisk;
    private final boolean enabled;
    private final LedgerIntents<Action> toLedger;

    SupervisionActions(Repository actions, Onboarding onboarding, CreditRecord credit, CatalogueService catalogue,
                       ListingReview listings, OrganisationDirectory organisations, SettlementClient ledger,
                       @jakarta.inject.Named("regulator") SettlementClient regulatorLedger,
                       TransactionOperations<Connection> tx, AuditLog audit, org.dataexchange.marketplace.BooksOnDisk booksOnDisk,
                       @io.micronaut.context.annotation.Value("${exchange.settlement.worker-enabled:true}") boolean workerEnabled) {
        this.actions = actions;
        this.onboarding = onboarding;
        this.credit = credit;
        this.catalogue = catalogue;
        this.listings = listings;
        this.organisations = organisations;
        this.ledger = ledger;
        this.regulatorLedger = regulatorLedger;
        this.tx = tx;
        this.audit = audit;
        this.booksOnDisk = booksOnDisk;
        this.enabled = workerEnabled; // the ledger-writing rounds run where settlement's do
        this.toLedger = new LedgerIntents<>("supervision-actions", new LedgerIntents.Outbox<>() {
            @Override public List<Action> due(Instant now) { return actions.due(now, 20); }
            @Override public Optional<Action> lockUnlessHeld(String id) { return actions.lockUnlessHeld(id); }
            @Override public Optional<Action> lock(String id) { return actions.lock(id); }
            @Override public Action leasedUntil(Action a, Instant until) { return actions.update(a.leasedUntil(until)); }
            @Override public Action retried(Action a, Duration backoff, String error) {
                return actions.update(a.retried(error, Instant.now().plus(backoff)));
            }
            @Override public String describe(Action a) { return "supervision action " + a.id(); }
        }, tx, LEASE, BACKOFF);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (enabled) {
            toLedger.start(Duration.ofSeconds(2), Duration.ofSeconds(1), this::drain);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        toLedger.close();
    }

    /**
     * Takes a supervision action: refused (409, nothing changed) when the merchant's standing does not allow it. The
     * standing changes at once (a suspended merchant takes no new order from the commit on); the listings and the
     * ledger record follow in the round that runs every second (a suspension may change dozens of listings, each a
     * ledger write, longer than a request should wait). The answer is the action as decided, ledger state PENDING.
     */
    public ActionView take(Viewer operator, String organisationId, SupervisionMeasure measure, @Nullable String productId,
                           String reason) {
        if (!operator.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("the operator takes supervision actions");
        }
        Organisation merchant = organisations.find(organisationId).filter(o -> o.kind() == OrganisationKind.MERCHANT)
                .orElseThrow(() -> ApiProblem.notFound("no merchant " + organisationId));
        if (measure == SupervisionMeasure.LISTING_TAKEDOWN) {
            if (productId == null || productId.isBlank()) {
                throw ApiProblem.invalidField("productId", "a takedown names the listed product it takes down");
            }
            ProductSummary listed = catalogue.productsOf(organisationId).stream().filter(p -> p.id().equals(productId))
                    .findFirst().orElseThrow(() -> ApiProblem.notFound("merchant " + merchant.name() + " has no product " + productId));
            if (listed.status() != ProductStatus.LISTED) {
                throw ApiProblem.conflict("Not listed", "product " + productId + " is " + listed.status()
                        + "; only a listed product is taken down");
            }
        } else if (productId != null) {
            throw ApiProblem.invalidField("productId", "only a LISTING_TAKEDOWN names a product");
        }
        Action decided = tx.executeWrite(status -> {
            Onboarding.StandingRow row = onboarding.lockStanding(organisationId);
            MerchantStanding next = row.standing().after(measure).orElseThrow(() -> ApiProblem.conflict(
                    "Not allowed in this standing", "a merchant " + row.standing() + " cannot be given a " + measure));
            Instant now = Instant.now();
            if (next != row.standing()) {
                onboarding.changeStanding(row, next, now);
            }
            Action a = actions.save(new Action(RecordId.next(), organisationId, merchant.creditCode(), measure, productId,
                    reason.strip(), operator.username(), now, row.standing(), next, null, false, LedgerState.PENDING, 0,
                    now, null, null, null, null));
            creditKind(measure).ifPresent(kind -> credit.record(organisationId, kind, CreditRecord.Source.SUPERVISION,
                    "supervision:" + a.id(), a.reason(), now));
            audit.record(operator.username(), Role.OPERATOR.name(), "SUPERVISION_" + measure, "organisation:" + organisationId,
                    row.standing() + " -> " + next + (productId == null ? "" : ", product " + productId) + ": " + a.reason());
            return a;
        });
        onboarding.forget(organisationId);
        return new ActionView(decided, merchant.name());
    }

    private static Optional<CreditEventKind> creditKind(SupervisionMeasure measure) {
        return switch (measure) {
            case WARNING_TALK -> Optional.of(CreditEventKind.WARNING_TALK);
            case LISTING_TAKEDOWN -> Optional.of(CreditEventKind.LISTING_TAKEDOWN);
            case SUSPENSION -> Optional.of(CreditEventKind.SUSPENSION);
            case DISQUALIFICATION -> Optional.of(CreditEventKind.DISQUALIFICATION);
            case REINSTATEMENT -> Optional.empty();
        };
    }

    /** Carries out what is due (new actions, retries after an outage or a crash); answers how many it handled. */
    public int drain() {
        return toLedger.round(action -> {
            // Write-ahead, as revocations and settlement: the decision is on disk before the ledger holds it.
            booksOnDisk.force();
            carryOut(action);
        });
    }

    /** The listings follow, then the ledger records the action; each step only once. */
    private void carryOut(Action action) {
        Action current = action;
        try {
            if (!current.listingsDone()) {
                current = followListings(current);
            }
            if (current.ledgerState() == LedgerState.PENDING) {
                record(current);
            }
        } catch (RuntimeException e) {
            toLedger.retryLater(current, e.toString());
        }
    }

    private Action followListings(Action action) {
        Viewer operator = new Viewer(action.actor(), Role.OPERATOR, null);
        String why = "supervision " + action.measure() + " " + action.id() + ": " + action.reason();
        Set<String> affected = action.affected();
        List<String> failures = new ArrayList<>();
        List<ProductSummary> products = catalogue.productsOf(action.organisationId());
        switch (action.measure()) {
            case LISTING_TAKEDOWN -> change(operator, products, Set.of(action.productId()), ProductStatus.LISTED,
                    ProductStatus.SUSPENDED, why, affected, failures);
            case SUSPENSION -> change(operator, products, null, ProductStatus.LISTED, ProductStatus.SUSPENDED, why, affected, failures);
            case DISQUALIFICATION -> {
                change(operator, products, null, ProductStatus.LISTED, ProductStatus.DELISTED, why, affected, failures);
                change(operator, products, null, ProductStatus.SUSPENDED, ProductStatus.DELISTED, why, affected, failures);
            }
            case REINSTATEMENT -> change(operator, products, suspendedBy(action), ProductStatus.SUSPENDED, ProductStatus.LISTED,
                    why, affected, failures);
            case WARNING_TALK -> { }
        }
        Action next = action.withListings(affected, failures.isEmpty());
        tx.executeWrite(s -> actions.update(next));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("listings not yet changed: " + String.join("; ", failures));
        }
        return next;
    }

    /** The listings the merchant's last suspension before this reinstatement took off sale. */
    private Set<String> suspendedBy(Action reinstatement) {
        return actions.findByOrganisationIdOrderByDecidedAtDesc(reinstatement.organisationId()).stream()
                .filter(a -> a.measure() == SupervisionMeasure.SUSPENSION && a.decidedAt().isBefore(reinstatement.decidedAt()))
                .findFirst().map(Action::affected).orElse(new LinkedHashSet<>());
    }

    private void change(Viewer operator, List<ProductSummary> products, @Nullable Set<String> only, ProductStatus from,
                        ProductStatus to, String why, Set<String> affected, List<String> failures) {
        for (ProductSummary p : products) {
            if (p.status() != from || only != null && !only.contains(p.id())) {
                continue;
            }
            try {
                listings.changeListing(operator, p.id(), to, why);
                affected.add(p.id());
            } catch (ApiProblem refused) {
                // A reinstatement the ledger has not answered yet stays with the catalogue, which sends it again.
                if (to == ProductStatus.LISTED) {
                    affected.add(p.id());
                    LOG.warn("reinstating product {} after {}: {}", p.id(), why, refused.getMessage());
                } else {
                    failures.add(p.id() + ": " + refused.getMessage());
                }
            }
        }
    }

    private void record(Action action) {
        try {
            Committed<SupervisionAction> recorded = ledger.recordSupervisionAction(action.request()).join();
            Action done = action.recorded(recorded.transactionId(), recorded.blockNumber(), recorded.record().recordedAt());
            tx.executeWrite(s -> actions.update(done));
            audit.record("supervision-actions", Role.OPERATOR.name(), "SUPERVISION_ACTION_RECORDED",
                    "organisation:" + action.organisationId(), "action " + action.id() + " in transaction "
                            + recorded.transactionId());
        } catch (RuntimeException e) {
            if (!(LedgerIntents.failureOf(e) instanceof ContractRefusedException refused)) {
                throw e;
            }
            toLedger.failed(action, refused, now -> actions.update(now.failed(refused.getMessage())));
        }
    }

    /** The operator's list: every action, newest first. */
    public List<ActionView> all() {
        return actions.findAllOrderByDecidedAtDesc().stream().map(this::view).toList();
    }

    /** A merchant's own actions, newest first. */
    public List<ActionView> of(String organisationId) {
        return actions.findByOrganisationIdOrderByDecidedAtDesc(organisationId).stream().map(this::view).toList();
    }

    /** The regulator's list, read from the ledger with the regulator's own identity (every page), newest first. */
    public RegulatorList fromLedger() {
        List<LedgerView> rows = new ArrayList<>();
        String bookmark = "";
        while (true) {
            var page = regulatorLedger.supervisionActions(200, bookmark);
            for (SupervisionAction a : page.records()) {
                Optional<Organisation> org = organisations.holderOf(a.request().partyId()).flatMap(organisations::find);
                rows.add(new LedgerView(a, org.map(Organisation::id).orElse(null), org.map(Organisation::name).orElse(null)));
            }
            if (page.records().size() < 200 || page.bookmark() == null || page.bookmark().isEmpty()) {
                break;
            }
            bookmark = page.bookmark();
        }
        rows.sort(java.util.Comparator.comparing((LedgerView v) -> v.recorded().recordedAt()).reversed());
        return new RegulatorList(rows, actions.countByLedgerStateNotEqual(LedgerState.RECORDED));
    }

    private ActionView view(Action a) {
        return new ActionView(a, organisations.find(a.organisationId()).map(Organisation::name).orElse(""));
    }

    private static String limit(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
