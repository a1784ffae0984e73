package org.dataexchange.marketplace.supervision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Merchant onboarding (数商入驻): a merchant organisation applies with its credit code, business scope, contact and
 * the exchange's declarations; the operator approves or rejects it within {@code exchange.onboarding.review-within}
 * (later ones are flagged overdue); approval makes the merchant ACTIVE. Also keeps every merchant's standing.
 */
@Singleton
public class Onboarding {

    public enum Status { SUBMITTED, APPROVED, REJECTED }

    @Serdeable
    @MappedEntity("merchant_application")
    public record Application(@Id String id, String organisationId, String creditCode, String businessScope,
                              String contactName, String contactPhone, String contactEmail,
                              boolean declaresLawfulOperation, boolean declaresLawfulSources,
                              boolean declaresSecurityMeasures, boolean declaresNoViolations,
                              boolean declaresRulesAccepted, Status status, String submittedBy, Instant submittedAt,
                              Instant reviewDueAt, @Nullable String decidedBy, @Nullable Instant decidedAt,
                              @Nullable String decisionNote) {}

    @MappedEntity("merchant_standing")
    public record StandingRow(@Id String organisationId, MerchantStanding standing, Instant since) {}

    /** An application as shown: with its organisation's name and whether its review is overdue. */
    @Serdeable
    public record ApplicationView(Application application, String organisationName, boolean overdue) {}

    /** A merchant's own view: its standing and its applications, newest first. */
    @Serdeable
    public record MerchantStatus(String organisationId, String organisationName, String creditCode,
                                 MerchantStanding standing, @Nullable Instant since, List<ApplicationView> applications) {}

    /** What a merchant submits. */
    public record Submission(String creditCode, String businessScope, String contactName, String contactPhone,
                             String contactEmail, boolean lawfulOperation, boolean lawfulSources, boolean securityMeasures,
                             boolean noViolations, boolean rulesAccepted) {}

    @JdbcRepository(dialect = Dialect.H2)
    interface Applications extends CrudRepository<Application, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @io.micronaut.context.annotation.Replaces(Applications.class)
        @io.micronaut.context.annotation.Requires(condition = org.dataexchange.marketplace.Database.OnPostgres.class)
        interface OnPostgres extends Applications {}

        List<Application> findByOrganisationIdOrderBySubmittedAtDesc(String organisationId);

        List<Application> findAllOrderBySubmittedAtDesc();

        @Query("SELECT * FROM merchant_application WHERE id = :id FOR UPDATE")
        Optional<Application> lock(String id);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Standings extends CrudRepository<StandingRow, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @io.micronaut.context.annotation.Replaces(Standings.class)
        @io.micronaut.context.annotation.Requires(condition = org.dataexchange.marketplace.Database.OnPostgres.class)
        interface OnPostgres extends Standings {}

        @Query("SELECT * FROM merchant_standing WHERE organisation_id = :organisationId FOR UPDATE")
        Optional<StandingRow> lock(String organisationId);
    }

    private final Applications applications;
    private final Standings standings;
    private final OrganisationDirectory organisations;
    private final OnboardingSettings settings;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    // Read on every order (the seller's standing); dropped on each change made here.
    private final Cache<String, MerchantStanding> cached = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();

    Onboarding(Applications applications, Standings standings, OrganisationDirectory organisations,
               OnboardingSettings settings, AuditLog audit, TransactionOperations<Connection> tx) {
        this.tx = tx;
        this.applications = applications;
        this.standings = standings;
        this.organisations = organisations;
        this.settings = settings;
        this.audit = audit;
    }

    /** A merchant's standing (APPLYING when it has none recorded). */
    public MerchantStanding standingOf(String organisationId) {
        return cached.get(organisationId, id -> standings.findById(id).map(StandingRow::standing).orElse(MerchantStanding.APPLYING));
    }

    /** The standing row, locked for the rest of the transaction; created as APPLYING when there is none. */
    StandingRow lockStanding(String organisationId) {
        return standings.lock(organisationId).orElseGet(() -> {
            standings.save(new StandingRow(organisationId, MerchantStanding.APPLYING, Instant.now()));
            return standings.lock(organisationId).orElseThrow();
        });
    }

    /** Moves a locked standing row; the caller checked the move. */
    void changeStanding(StandingRow row, MerchantStanding next, Instant at) {
        standings.update(new StandingRow(row.organisationId(), next, at));
        cached.invalidate(row.organisationId());
    }

    /**
     * Drops the kept standing once a change has committed: a read between the change and its commit may have kept the
     * standing before it.
     */
    void forget(String organisationId) {
        cached.invalidate(organisationId);
    }

    /** Admits a merchant without an application (the demo merchants, loaded as approved). */
    public void admitWithoutApplication(String organisationId) {
        tx.executeWrite(status -> {
            StandingRow row = lockStanding(organisationId);
            if (row.standing() == MerchantStanding.APPLYING) {
                changeStanding(row, MerchantStanding.ACTIVE, Instant.now());
            }
            return null;
        });
        forget(organisationId);
    }

    @Transactional
    public ApplicationView apply(Viewer merchant, Submission s) {
        if (!merchant.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("merchant organisations apply to trade on the exchange");
        }
        Organisation org = organisations.find(merchant.organisationId()).orElseThrow();
        String code = s.creditCode().strip().toUpperCase(Locale.ROOT);
        CreditCode.problem(code).ifPresent(problem -> {
            throw ApiProblem.invalidField("creditCode", "'" + s.creditCode() + "' is not a valid unified social credit code"
                    + " (GB 32100): " + problem);
        });
        if (!code.equals(org.creditCode())) {
            throw ApiProblem.invalidField("creditCode", "an organisation applies for itself: your organisation is registered"
                    + " with credit code " + org.creditCode() + ", not " + code);
        }
        requireDeclared(s.lawfulOperation(), "lawfulOperation", "that the organisation operates lawfully (依法经营)");
        requireDeclared(s.lawfulSources(), "lawfulSources", "that the data it sells has lawful sources (数据来源合法)");
        requireDeclared(s.securityMeasures(), "securityMeasures", "that it has data-security measures in place");
        requireDeclared(s.noViolations(), "noViolations", "that it has no serious violation in the last three years");
        requireDeclared(s.rulesAccepted(), "rulesAccepted", "that it accepts the exchange's trading rules");
        StandingRow row = lockStanding(org.id());
        if (row.standing() != MerchantStanding.APPLYING) {
            throw ApiProblem.conflict("Already admitted", "your organisation is " + row.standing()
                    + "; applications are for merchants not yet admitted");
        }
        if (applications.findByOrganisationIdOrderBySubmittedAtDesc(org.id()).stream()
                .anyMatch(a -> a.status() == Status.SUBMITTED)) {
            throw ApiProblem.conflict("Application in review", "your application is waiting for the operator's review");
        }
        Instant now = Instant.now();
        Application a = applications.save(new Application(UUID.randomUUID().toString(), org.id(), code,
                s.businessScope().strip(), s.contactName().strip(), s.contactPhone().strip(), s.contactEmail().strip(),
                true, true, true, true, true, Status.SUBMITTED, merchant.username(), now,
                now.plus(settings.reviewWithin()), null, null, null));
        audit.record(merchant.username(), Role.MERCHANT.name(), "MERCHANT_APPLIED", "organisation:" + org.id(),
                "onboarding application " + a.id() + ", review due " + a.reviewDueAt());
        return view(a, org.name());
    }

    private static void requireDeclared(boolean declared, String field, String what) {
        if (!declared) {
            throw ApiProblem.invalidField("declarations." + field, "the exchange admits merchants that declare " + what);
        }
    }

    public MerchantStatus status(Viewer merchant) {
        if (!merchant.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("this is a merchant's own standing");
        }
        Organisation org = organisations.find(merchant.organisationId()).orElseThrow();
        Optional<StandingRow> row = standings.findById(org.id());
        return new MerchantStatus(org.id(), org.name(), org.creditCode(),
                row.map(StandingRow::standing).orElse(MerchantStanding.APPLYING), row.map(StandingRow::since).orElse(null),
                applications.findByOrganisationIdOrderBySubmittedAtDesc(org.id()).stream().map(a -> view(a, org.name())).toList());
    }

    /** Every application, those waiting first (overdue ones at the top), then decided ones newest first. */
    public List<ApplicationView> queue() {
        return applications.findAllOrderBySubmittedAtDesc().stream()
                .map(a -> view(a, organisations.find(a.organisationId()).map(Organisation::name).orElse("")))
                .sorted(java.util.Comparator.comparing((ApplicationView v) -> v.application().status() != Status.SUBMITTED)
                        .thenComparing(v -> !v.overdue())
                        .thenComparing(v -> v.application().status() == Status.SUBMITTED ? v.application().reviewDueAt()
                                : Instant.MAX.minusSeconds(v.application().submittedAt().getEpochSecond())))
                .toList();
    }

    public ApplicationView decide(Viewer operator, String id, boolean approve, @Nullable String note) {
        ApplicationView decided = tx.executeWrite(status -> decideInTransaction(operator, id, approve, note));
        forget(decided.application().organisationId());
        return decided;
    }

    private ApplicationView decideInTransaction(Viewer operator, String id, boolean approve, @Nullable String note) {
        if (!operator.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("the operator reviews onboarding applications");
        }
        if (!approve && (note == null || note.isBlank())) {
            throw ApiProblem.invalidField("note", "give the reason for rejecting; the merchant reads it");
        }
        Application a = applications.lock(id).orElseThrow(() -> ApiProblem.notFound("no application " + id));
        if (a.status() != Status.SUBMITTED) {
            throw ApiProblem.conflict("Already decided", "application " + id + " was " + a.status());
        }
        Instant now = Instant.now();
        Application decided = new Application(a.id(), a.organisationId(), a.creditCode(), a.businessScope(), a.contactName(),
                a.contactPhone(), a.contactEmail(), a.declaresLawfulOperation(), a.declaresLawfulSources(),
                a.declaresSecurityMeasures(), a.declaresNoViolations(), a.declaresRulesAccepted(),
                approve ? Status.APPROVED : Status.REJECTED, a.submittedBy(), a.submittedAt(), a.reviewDueAt(),
                operator.username(), now, note == null || note.isBlank() ? null : note.strip());
        if (approve) {
            StandingRow row = lockStanding(a.organisationId());
            MerchantStanding next = row.standing().admitted().orElseThrow(() -> ApiProblem.conflict("Not applying",
                    "the merchant is " + row.standing() + "; only an applying merchant is admitted"));
            changeStanding(row, next, now);
        }
        applications.update(decided);
        audit.record(operator.username(), Role.OPERATOR.name(), approve ? "MERCHANT_APPLICATION_APPROVED" : "MERCHANT_APPLICATION_REJECTED",
                "organisation:" + a.organisationId(), "application " + id + (decided.decisionNote() == null ? ""
                        : ": " + decided.decisionNote()) + (now.isAfter(a.reviewDueAt()) ? " (decided after its due time "
                        + a.reviewDueAt() + ")" : ""));
        return view(decided, organisations.find(a.organisationId()).map(Organisation::name).orElse(""));
    }

    /** Every merchant with its standing. */
    public List<MerchantStatus> merchants() {
        return java.util.stream.StreamSupport.stream(organisations.all().spliterator(), false)
                .filter(o -> o.kind() == OrganisationKind.MERCHANT)
                .map(o -> {
                    Optional<StandingRow> row = standings.findById(o.id());
                    return new MerchantStatus(o.id(), o.name(), o.creditCode(),
                            row.map(StandingRow::standing).orElse(MerchantStanding.APPLYING),
                            row.map(StandingRow::since).orElse(null), List.of());
                })
                .sorted(java.util.Comparator.comparing(MerchantStatus::organisationName)).toList();
    }

    private ApplicationView view(Application a, String name) {
        return new ApplicationView(a, name, a.status() == Status.SUBMITTED && Instant.now().isAfter(a.reviewDueAt()));
    }
}
