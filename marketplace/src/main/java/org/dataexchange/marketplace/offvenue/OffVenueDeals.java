package org.dataexchange.marketplace.offvenue;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dataexchange.ledger.offvenue.OffVenueDeal;
import org.dataexchange.ledger.offvenue.OffVenueDealRequest;
import org.dataexchange.ledger.trade.SettlementCurrency;
import org.dataexchange.marketplace.BooksOnDisk;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.ledger.LedgerIntents;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * Off-venue deals from registration to the ledger. Each step is a move between states that names the state it comes
 * from ({@link OffVenueState}), made under the row's lock. The operator's verification is recorded (state VERIFIED: the
 * deal is now the intent of its ledger write) in its own database transaction, forced to disk, and only then sent with
 * RecordOffVenueDeal, so no ledger call runs inside a database transaction and a verification the API confirmed is never
 * lost: if the ledger cannot be reached the request answers 503 with Retry-After while the deal stays VERIFIED, and a
 * round every 5 s sends it again with backoff. The ledger answers a repeat of the same deal as already recorded, so a
 * deal sent twice (a retry after an outage, or after the books failed once the ledger had it) is recorded once. A refusal
 * rejects the deal with the contract's code as its reason (409).
 */
@Singleton
class OffVenueDeals {

    private static final Duration LEASE = Duration.ofSeconds(90);
    private static final LedgerIntents.Backoff BACKOFF = new LedgerIntents.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    private static final Duration ROUND = Duration.ofSeconds(5);
    /** Deals older than this are not registered as off-venue deals of the exchange. */
    private static final int MAX_AGE_YEARS = 5;

    @JdbcRepository(dialect = Dialect.H2)
    interface Deals extends CrudRepository<RegisteredDeal, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Deals.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Deals {}

        @Query("SELECT * FROM off_venue_deal WHERE merchant_org_id = :organisationId OR buyer_org_id = :organisationId"
                + " ORDER BY created_at DESC")
        List<RegisteredDeal> ofParty(String organisationId);

        List<RegisteredDeal> listOrderByCreatedAtDesc();

        List<RegisteredDeal> findByStateOrderByCreatedAt(OffVenueState state);

        @Query("SELECT * FROM off_venue_deal WHERE state = 'VERIFIED' AND next_attempt_at <= :now"
                + " ORDER BY state, next_attempt_at LIMIT 20")
        List<RegisteredDeal> due(Instant now);

        @Query("SELECT * FROM off_venue_deal WHERE id = :id FOR UPDATE")
        Optional<RegisteredDeal> lock(String id);

        /**
         * The deal locked, or empty when another round (of this or another instance) holds it: that round is taking its
         * lease, so this one passes it over instead of waiting (SKIP LOCKED, on H2 and PostgreSQL alike).
         */
        @Query("SELECT * FROM off_venue_deal WHERE id = :id FOR UPDATE SKIP LOCKED")
        Optional<RegisteredDeal> lockUnlessHeld(String id);
    }

    private final Deals deals;
    private final OrganisationDirectory organisations;
    private final SettlementClient ledger;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final BooksOnDisk booksOnDisk;
    private final Clock clock;
    private final LedgerIntents<RegisteredDeal> toLedger;

    OffVenueDeals(Deals deals, OrganisationDirectory organisations, SettlementClient ledger,
                  TransactionOperations<Connection> tx, AuditLog audit, BooksOnDisk booksOnDisk, Clock clock) {
        this.deals = deals;
        this.organisations = organisations;
        this.ledger = ledger;
        this.tx = tx;
        this.audit = audit;
        this.booksOnDisk = booksOnDisk;
        this.clock = clock;
        this.toLedger = new LedgerIntents<>("off-venue-deals", new LedgerIntents.Outbox<>() {
            @Override public List<RegisteredDeal> due(Instant now) { return deals.due(now); }
            @Override public Optional<RegisteredDeal> lockUnlessHeld(String id) { return deals.lockUnlessHeld(id); }
            @Override public Optional<RegisteredDeal> lock(String id) { return deals.lock(id); }
            @Override public RegisteredDeal leasedUntil(RegisteredDeal d, Instant until) { return deals.update(d.leasedUntil(until)); }
            @Override public RegisteredDeal retried(RegisteredDeal d, Duration backoff, String error) {
                return deals.update(d.retryAt(Instant.now().plus(backoff), limit(error, 2000), clock.instant()));
            }
            @Override public String describe(RegisteredDeal d) { return "off-venue deal " + d.id(); }
        }, tx, LEASE, BACKOFF);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        toLedger.start(ROUND, ROUND, this::sendDue);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        toLedger.close();
    }

    // ------------------------------------------------------------------ the parties

    /** One party registers a deal with the other, which has to confirm it. */
    RegisteredDeal register(Viewer party, OffVenueViews.RegisterDeal c) {
        if (!SettlementCurrency.CODES.contains(c.price().currency())) {
            throw ApiProblem.invalidField("price.currency", "'" + c.price().currency() + "' is not a settlement currency;"
                    + " known: " + SettlementCurrency.CODES.stream().sorted().toList());
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (c.dealDate().isAfter(today)) {
            throw ApiProblem.invalidField("dealDate", "the deal's date " + c.dealDate() + " is after today (" + today + ", UTC)");
        }
        if (c.dealDate().isBefore(today.minusYears(MAX_AGE_YEARS))) {
            throw ApiProblem.invalidField("dealDate", "deals more than " + MAX_AGE_YEARS + " years old are not registered");
        }
        OrganisationKind wanted = party.is(Role.MERCHANT) ? OrganisationKind.BUYER : OrganisationKind.MERCHANT;
        Organisation counterparty = organisations.withCreditCode(c.counterpartyCreditCode())
                .filter(o -> o.kind() == wanted)
                .orElseThrow(() -> ApiProblem.invalidField("counterpartyCreditCode", "no " + wanted.name().toLowerCase()
                        + " organisation is registered with credit code " + c.counterpartyCreditCode()
                        + "; both parties of an off-venue deal are organisations of the exchange"));
        if (counterparty.id().equals(party.organisationId())) {
            throw ApiProblem.invalidField("counterpartyCreditCode", "a deal has two parties; this is your own organisation");
        }
        String merchant = party.is(Role.MERCHANT) ? party.organisationId() : counterparty.id();
        String buyer = party.is(Role.MERCHANT) ? counterparty.id() : party.organisationId();
        Instant now = clock.instant();
        RegisteredDeal deal = new RegisteredDeal(UUID.randomUUID().toString(), merchant, buyer, party.organisationId(),
                party.username(), c.productTitle().strip(), c.productDigest(), c.industry(), c.classification(), c.planKind(),
                c.price().amountMinor(), c.price().currency(), c.licenceSummary().strip(), c.scenario().strip(),
                c.dealDate().toString(), OffVenueState.REGISTERED, null, null, null, null, null, null, 0, null, null, null,
                null, now, now);
        return tx.executeWrite(s -> {
            RegisteredDeal saved = deals.save(deal);
            audit.record(party.username(), party.role().name(), "OFF_VENUE_DEAL_REGISTERED", "off-venue-deal:" + saved.id(),
                    saved.productTitle() + " " + saved.amountMinor() + " " + saved.currency() + " with " + counterparty.name());
            return saved;
        });
    }

    List<RegisteredDeal> ofParty(Viewer party) {
        return deals.ofParty(party.organisationId());
    }

    RegisteredDeal ofParty(Viewer party, String id) {
        return deals.findById(id).filter(d -> d.involves(party.organisationId()))
                .orElseThrow(() -> ApiProblem.notFound("no off-venue deal " + id + " of your organisation"));
    }

    /** The other party confirms the deal as registered; it goes to the operator. */
    RegisteredDeal confirm(Viewer party, String id) {
        return tx.executeWrite(s -> {
            RegisteredDeal deal = lockedOfCounterparty(party, id);
            RegisteredDeal moved = deals.update(move(deal, OffVenueState.CONFIRMED).confirmed(party.username(), clock.instant()));
            audit.record(party.username(), party.role().name(), "OFF_VENUE_DEAL_CONFIRMED", "off-venue-deal:" + id,
                    "confirmed by the counterparty");
            return moved;
        });
    }

    /** The other party declines the deal as registered (it is not what they agreed). */
    RegisteredDeal decline(Viewer party, String id, String reason) {
        return tx.executeWrite(s -> {
            RegisteredDeal deal = lockedOfCounterparty(party, id);
            RegisteredDeal moved = deals.update(move(deal, OffVenueState.DECLINED).declined(party.username(), reason.strip(),
                    clock.instant()));
            audit.record(party.username(), party.role().name(), "OFF_VENUE_DEAL_DECLINED", "off-venue-deal:" + id, reason);
            return moved;
        });
    }

    private RegisteredDeal lockedOfCounterparty(Viewer party, String id) {
        RegisteredDeal deal = deals.lock(id).filter(d -> d.involves(party.organisationId()))
                .orElseThrow(() -> ApiProblem.notFound("no off-venue deal " + id + " of your organisation"));
        if (!deal.counterpartyOrgId().equals(party.organisationId())) {
            throw ApiProblem.conflict("Awaiting the other party", "your organisation registered off-venue deal " + id
                    + "; the other party confirms or declines it");
        }
        return deal;
    }

    // ------------------------------------------------------------------ the operator

    List<RegisteredDeal> all(@Nullable OffVenueState state) {
        return state == null ? deals.listOrderByCreatedAtDesc() : deals.findByStateOrderByCreatedAt(state);
    }

    RegisteredDeal find(String id) {
        return deals.findById(id).orElseThrow(() -> ApiProblem.notFound("no off-venue deal " + id));
    }

    RegisteredDeal reject(Viewer operator, String accountId, String id, String reason) {
        return tx.executeWrite(s -> {
            RegisteredDeal deal = deals.lock(id).orElseThrow(() -> ApiProblem.notFound("no off-venue deal " + id));
            if (deal.state() == OffVenueState.VERIFIED) {
                throw ApiProblem.conflict("Already verified", "off-venue deal " + id
                        + " is verified and on its way to the ledger; it can no longer be rejected");
            }
            RegisteredDeal moved = deals.update(move(deal, OffVenueState.REJECTED).rejected(operator.username(), accountId,
                    reason.strip(), clock.instant()));
            audit.record(operator.username(), "OPERATOR", "OFF_VENUE_DEAL_REJECTED", "off-venue-deal:" + id, reason);
            return moved;
        });
    }

    /**
     * Verifies a confirmed deal (recorded first, forced to disk), then writes it on the ledger; answers the deal RECORDED
     * with its transaction. Unreachable ledger: 503, the deal stays VERIFIED and is sent again by the rounds.
     */
    RegisteredDeal verify(Viewer operator, String accountId, String id) {
        RegisteredDeal verified = tx.executeWrite(s -> {
            RegisteredDeal deal = deals.lock(id).orElseThrow(() -> ApiProblem.notFound("no off-venue deal " + id));
            Instant now = clock.instant();
            if (deal.state() == OffVenueState.RECORDED) {
                return deal; // a repeat of a verification the ledger already holds
            }
            if (deal.state() == OffVenueState.VERIFIED) {
                return deals.update(deal.leasedUntil(now.plus(LEASE))); // a repeat after an outage: send it now
            }
            RegisteredDeal moved = deals.update(move(deal, OffVenueState.VERIFIED).verified(operator.username(), accountId,
                    now, now.plus(LEASE)));
            audit.record(operator.username(), "OPERATOR", "OFF_VENUE_DEAL_VERIFIED", "off-venue-deal:" + id,
                    "verified; recorded on the ledger marked off-venue next");
            return moved;
        });
        // Write-ahead, as settlement does: the verification is on the disk before the ledger has the deal.
        if (verified.state() == OffVenueState.RECORDED) {
            return verified;
        }
        booksOnDisk.force();
        return send(verified);
    }

    /** Sends the verified deals whose time has come: those an outage or a crash kept from the ledger. */
    void sendDue() {
        toLedger.round(this::send); // refused: rejected and audited; away: VERIFIED with its next attempt
    }

    /** The ledger's request for a verified deal: parties by credit code, the operator by account id (nothing personal). */
    OffVenueDealRequest request(RegisteredDeal d) {
        return new OffVenueDealRequest(d.id(), d.productDigest(), d.industry().name(), d.classification(), d.planKind(),
                organisations.creditCodeOf(d.merchantOrgId()), organisations.creditCodeOf(d.buyerOrgId()), d.amountMinor(),
                d.currency(), d.licenceSummary(), d.scenario(), d.dealDate(), "operator:" + d.decidedByAccountId());
    }

    /** One attempt, outside any transaction: answers the deal as the books then hold it, or throws refusal or outage. */
    private RegisteredDeal send(RegisteredDeal deal) {
        return switch (toLedger.await(() -> ledger.recordOffVenueDeal(request(deal)))) {
            case LedgerIntents.Written<OffVenueDeal>(Committed<OffVenueDeal> written) -> toLedger.book(deal, now -> {
                RegisteredDeal recorded = deals.update(move(now, OffVenueState.RECORDED).recorded(written.transactionId(),
                        written.record().recordedAt(), clock.instant()));
                audit.record(now.decidedBy(), "OPERATOR", "OFF_VENUE_DEAL_RECORDED", "off-venue-deal:" + now.id(),
                        "recorded on the ledger marked off-venue in transaction " + written.transactionId());
                return recorded;
            });
            case LedgerIntents.Refused<OffVenueDeal>(ContractRefusedException refused) -> throw toLedger.refused(deal, refused, now -> {
                deals.update(move(now, OffVenueState.REJECTED).rejected(now.decidedBy(), now.decidedByAccountId(),
                        limit("refused by the ledger: " + refused.getMessage(), 500), clock.instant()));
                audit.record(now.decidedBy(), "OPERATOR", "LEDGER_REFUSED", "off-venue-deal:" + now.id(),
                        "off-venue deal refused by the ledger: " + limit(refused.getMessage(), 2000));
            });
            case LedgerIntents.Away<OffVenueDeal>(String error) -> throw toLedger.away(deal, error, "off-venue deal " + deal.id()
                    + " is verified but the ledger could not be reached; the exchange sends it again by itself");
        };
    }

    /** The move a step makes, refused as a conflict when the deal is not in a state the target is entered from. */
    private static RegisteredDeal move(RegisteredDeal deal, OffVenueState to) {
        if (!deal.state().canBecome(to)) {
            throw ApiProblem.conflict("Not possible in this state", "off-venue deal " + deal.id() + " is " + deal.state()
                    + "; it becomes " + to + " only from " + to.enteredFrom());
        }
        return deal;
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
