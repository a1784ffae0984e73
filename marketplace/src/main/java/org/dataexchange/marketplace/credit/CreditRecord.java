package org.dataexchange.marketplace.credit;

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
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * Each party's credit record (信用): the events other features report with their source, the score the configured
 * {@link CreditRules} give them, objections to an entry (异议) and applications for credit repair (信用修复), both
 * decided by the operator, and the gates a low score closes. The regulator reads every record.
 */
@Singleton
public class CreditRecord {

    /** Where an event came from. */
    public enum Source { SUPERVISION, COMPLAINT, REGULATOR, OPERATOR }

    /** Whether an event counts: STANDING does; WITHDRAWN (an upheld objection) and REPAIRED (credit repair) do not. */
    public enum EventStatus { STANDING, WITHDRAWN, REPAIRED }

    public enum ObjectionStatus { OPEN, UPHELD, DISMISSED }

    public enum RepairStatus { OPEN, APPROVED, REFUSED }

    /** What a score gates. */
    public enum Activity { SUBMIT_PRODUCTS, PLACE_ORDER }

    @Serdeable
    @MappedEntity("credit_event")
    public record Event(@Id String id, String organisationId, CreditEventKind kind, Source source, String sourceRef,
                        String note, Instant occurredAt, EventStatus status) {}

    @Serdeable
    @MappedEntity("credit_objection")
    public record Objection(@Id String id, String eventId, String organisationId, String reason, ObjectionStatus status,
                            String filedBy, Instant filedAt, @Nullable String decidedBy, @Nullable Instant decidedAt,
                            @Nullable String decisionNote) {}

    @Serdeable
    @MappedEntity("credit_repair")
    public record Repair(@Id String id, String organisationId, String statement, RepairStatus status, String filedBy,
                         Instant filedAt, @Nullable String decidedBy, @Nullable Instant decidedAt,
                         @Nullable String decisionNote) {}

    /** An event as shown: with the points it counts now under the rules (0 when withdrawn or repaired). */
    @Serdeable
    public record EventView(String id, CreditEventKind kind, Source source, String sourceRef, String note,
                            Instant occurredAt, EventStatus status, int points) {}

    /** A party's whole record: score, events newest first, objections and repairs, and when it may apply for repair. */
    @Serdeable
    public record Report(String organisationId, String organisationName, OrganisationKind kind, int score,
                         List<EventView> events, List<Objection> objections, List<Repair> repairs,
                         @Nullable Instant repairEligibleFrom, CreditRules.Published rules) {}

    /** One line of the regulator's overview. */
    @Serdeable
    public record Standing(String organisationId, String organisationName, OrganisationKind kind, String creditCode,
                           int score, long events, long openObjections, long openRepairs) {}

    @JdbcRepository(dialect = Dialect.H2)
    interface Events extends CrudRepository<Event, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @io.micronaut.context.annotation.Replaces(Events.class)
        @io.micronaut.context.annotation.Requires(condition = org.dataexchange.marketplace.Database.OnPostgres.class)
        interface OnPostgres extends Events {}

        List<Event> findByOrganisationIdOrderByOccurredAtDesc(String organisationId);

        boolean existsByKindAndSourceRef(CreditEventKind kind, String sourceRef);

        @Query("SELECT * FROM credit_event WHERE id = :id FOR UPDATE")
        Optional<Event> lock(String id);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Objections extends CrudRepository<Objection, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @io.micronaut.context.annotation.Replaces(Objections.class)
        @io.micronaut.context.annotation.Requires(condition = org.dataexchange.marketplace.Database.OnPostgres.class)
        interface OnPostgres extends Objections {}

        List<Objection> findByOrganisationIdOrderByFiledAtDesc(String organisationId);

        List<Objection> findAllOrderByFiledAtDesc();

        boolean existsByEventIdAndStatus(String eventId, ObjectionStatus status);

        @Query("SELECT * FROM credit_objection WHERE id = :id FOR UPDATE")
        Optional<Objection> lock(String id);
    }

    @JdbcRepository(dialect = Dialect.H2)
    interface Repairs extends CrudRepository<Repair, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @io.micronaut.context.annotation.Replaces(Repairs.class)
        @io.micronaut.context.annotation.Requires(condition = org.dataexchange.marketplace.Database.OnPostgres.class)
        interface OnPostgres extends Repairs {}

        List<Repair> findByOrganisationIdOrderByFiledAtDesc(String organisationId);

        List<Repair> findAllOrderByFiledAtDesc();

        boolean existsByOrganisationIdAndStatus(String organisationId, RepairStatus status);

        @Query("SELECT * FROM credit_repair WHERE id = :id FOR UPDATE")
        Optional<Repair> lock(String id);
    }

    private final Events events;
    private final Objections objections;
    private final Repairs repairs;
    private final CreditRules rules;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    // Scores are read on every order. Each change of a record drops its entry, but inside the changing transaction: a
    // read between that and the commit may keep the old score, so entries also expire after a few seconds.
    private final Cache<String, Integer> scores = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(java.time.Duration.ofSeconds(5)).executor(Runnable::run).build();

    CreditRecord(Events events, Objections objections, Repairs repairs, CreditRules rules, OrganisationDirectory organisations,
                 AuditLog audit) {
        this.events = events;
        this.objections = objections;
        this.repairs = repairs;
        this.rules = rules;
        this.organisations = organisations;
        this.audit = audit;
    }

    /**
     * Records an event in the caller's transaction. The same kind with the same source reference is recorded once (a
     * retried decision records nothing new).
     */
    public void record(String organisationId, CreditEventKind kind, Source source, String sourceRef, String note, Instant at) {
        if (events.existsByKindAndSourceRef(kind, sourceRef)) {
            return;
        }
        events.save(new Event(UUID.randomUUID().toString(), organisationId, kind, source, sourceRef, clip(note), at,
                EventStatus.STANDING));
        scores.invalidate(organisationId);
    }

    /** The party's score under the configured rules. */
    public int score(String organisationId) {
        return scores.get(organisationId, id -> compute(events.findByOrganisationIdOrderByOccurredAtDesc(id)));
    }

    private int compute(List<Event> list) {
        int score = rules.getBase();
        for (Event e : list) {
            score += counted(e);
        }
        return Math.max(0, Math.min(rules.getCeiling(), score));
    }

    private int counted(Event e) {
        return e.status() == EventStatus.STANDING ? rules.points(e.kind()) : 0;
    }

    /** Refuses (403 credit-score-too-low) what the party's score does not allow; {@code amountMinor} for orders. */
    public void requireMay(String organisationId, Activity activity, long amountMinor) {
        int score = score(organisationId);
        switch (activity) {
            case SUBMIT_PRODUCTS -> {
                if (score < rules.getSubmitProductsMinScore()) {
                    throw tooLow("submitting products for review needs a credit score of at least "
                            + rules.getSubmitProductsMinScore() + "; yours is " + score);
                }
            }
            case PLACE_ORDER -> {
                if (score < rules.getPlaceOrdersMinScore()) {
                    throw tooLow("placing orders needs a credit score of at least " + rules.getPlaceOrdersMinScore()
                            + "; yours is " + score);
                }
                if (amountMinor > rules.getLargeOrderMinor() && score < rules.getLargeOrderMinScore()) {
                    throw tooLow("an order above " + rules.getLargeOrderMinor() + " (minor units) needs a credit score of"
                            + " at least " + rules.getLargeOrderMinScore() + "; yours is " + score);
                }
            }
        }
    }

    private static ApiProblem tooLow(String detail) {
        return ApiProblem.of(ProblemType.CREDIT_SCORE_TOO_LOW, "Credit score too low", detail
                + " (the rules: GET /api/credit/rules; your record: GET /api/credit)");
    }

    public CreditRules.Published rules() {
        return rules.published();
    }

    /** A party's whole record. */
    public Report report(String organisationId) {
        Organisation org = organisations.find(organisationId).orElseThrow(() -> ApiProblem.notFound("no organisation " + organisationId));
        List<Event> list = events.findByOrganisationIdOrderByOccurredAtDesc(organisationId);
        List<EventView> views = list.stream().map(e -> new EventView(e.id(), e.kind(), e.source(), e.sourceRef(), e.note(),
                e.occurredAt(), e.status(), counted(e))).toList();
        return new Report(org.id(), org.name(), org.kind(), compute(list), views,
                objections.findByOrganisationIdOrderByFiledAtDesc(organisationId),
                repairs.findByOrganisationIdOrderByFiledAtDesc(organisationId), repairEligibleFrom(list), rules.published());
    }

    /** When the party may apply for repair: {@code repairAfter} after its last standing negative event; null if none. */
    private Instant repairEligibleFrom(List<Event> list) {
        return list.stream().filter(e -> e.status() == EventStatus.STANDING && rules.points(e.kind()) < 0)
                .map(Event::occurredAt).max(Comparator.naturalOrder()).map(t -> t.plus(rules.getRepairAfter())).orElse(null);
    }

    /** Every merchant's and buyer's score, lowest first (the regulator's and the operator's overview). */
    public List<Standing> overview() {
        List<Standing> rows = new ArrayList<>();
        List<Objection> allObjections = objections.findAllOrderByFiledAtDesc();
        List<Repair> allRepairs = repairs.findAllOrderByFiledAtDesc();
        for (Organisation o : StreamSupport.stream(organisations.all().spliterator(), false)
                .filter(o -> o.kind() == OrganisationKind.MERCHANT || o.kind() == OrganisationKind.BUYER).toList()) {
            List<Event> list = events.findByOrganisationIdOrderByOccurredAtDesc(o.id());
            rows.add(new Standing(o.id(), o.name(), o.kind(), o.creditCode(), compute(list), list.size(),
                    allObjections.stream().filter(x -> x.organisationId().equals(o.id()) && x.status() == ObjectionStatus.OPEN).count(),
                    allRepairs.stream().filter(x -> x.organisationId().equals(o.id()) && x.status() == RepairStatus.OPEN).count()));
        }
        rows.sort(Comparator.comparingInt(Standing::score).thenComparing(Standing::organisationName));
        return rows;
    }

    /** The party objects (异议) to one of its events; one open objection per event. */
    @Transactional
    public Objection object(Viewer party, String eventId, String reason) {
        requireParty(party);
        Event e = events.lock(eventId).filter(x -> x.organisationId().equals(party.organisationId()))
                .orElseThrow(() -> ApiProblem.notFound("no credit event " + eventId + " of yours"));
        if (e.status() != EventStatus.STANDING) {
            throw ApiProblem.conflict("Event does not count", "credit event " + eventId + " is " + e.status()
                    + "; only a standing event can be objected to");
        }
        if (objections.existsByEventIdAndStatus(eventId, ObjectionStatus.OPEN)) {
            throw ApiProblem.conflict("Objection open", "credit event " + eventId + " already has an open objection");
        }
        Objection o = objections.save(new Objection(UUID.randomUUID().toString(), eventId, e.organisationId(), reason,
                ObjectionStatus.OPEN, party.username(), Instant.now(), null, null, null));
        audit.record(party.username(), party.role().name(), "CREDIT_OBJECTION_FILED", "organisation:" + e.organisationId(),
                "objection to " + e.kind() + " " + e.sourceRef() + ": " + reason);
        return o;
    }

    /** The operator upholds an objection (the event is withdrawn and counts nothing) or dismisses it. */
    @Transactional
    public Objection decideObjection(Viewer operator, String objectionId, boolean uphold, String note) {
        requireOperator(operator);
        Objection o = objections.lock(objectionId).orElseThrow(() -> ApiProblem.notFound("no objection " + objectionId));
        if (o.status() != ObjectionStatus.OPEN) {
            throw ApiProblem.conflict("Already decided", "objection " + objectionId + " was decided " + o.status());
        }
        Objection decided = new Objection(o.id(), o.eventId(), o.organisationId(), o.reason(),
                uphold ? ObjectionStatus.UPHELD : ObjectionStatus.DISMISSED, o.filedBy(), o.filedAt(), operator.username(),
                Instant.now(), note);
        objections.update(decided);
        if (uphold) {
            Event e = events.lock(o.eventId()).orElseThrow();
            events.update(new Event(e.id(), e.organisationId(), e.kind(), e.source(), e.sourceRef(), e.note(), e.occurredAt(),
                    EventStatus.WITHDRAWN));
        }
        scores.invalidate(o.organisationId());
        audit.record(operator.username(), Role.OPERATOR.name(), uphold ? "CREDIT_OBJECTION_UPHELD" : "CREDIT_OBJECTION_DISMISSED",
                "organisation:" + o.organisationId(), "objection " + o.id() + ": " + note);
        return decided;
    }

    /** The party applies for credit repair (信用修复): allowed once {@code repairAfter} has passed since its last fault. */
    @Transactional
    public Repair applyForRepair(Viewer party, String statement) {
        requireParty(party);
        List<Event> list = events.findByOrganisationIdOrderByOccurredAtDesc(party.organisationId());
        Instant eligible = repairEligibleFrom(list);
        if (eligible == null) {
            throw ApiProblem.conflict("Nothing to repair", "your credit record has no standing negative event");
        }
        if (Instant.now().isBefore(eligible)) {
            throw ApiProblem.conflict("Too early for repair", "credit repair can be applied for from " + eligible
                    + ", " + rules.getRepairAfter() + " after your last negative event");
        }
        if (repairs.existsByOrganisationIdAndStatus(party.organisationId(), RepairStatus.OPEN)) {
            throw ApiProblem.conflict("Repair open", "your application for credit repair is waiting for the operator");
        }
        Repair r = repairs.save(new Repair(UUID.randomUUID().toString(), party.organisationId(), statement, RepairStatus.OPEN,
                party.username(), Instant.now(), null, null, null));
        audit.record(party.username(), party.role().name(), "CREDIT_REPAIR_APPLIED", "organisation:" + party.organisationId(),
                statement);
        return r;
    }

    /** The operator approves a repair (the negative events filed before it count nothing from now on) or refuses it. */
    @Transactional
    public Repair decideRepair(Viewer operator, String repairId, boolean approve, String note) {
        requireOperator(operator);
        Repair r = repairs.lock(repairId).orElseThrow(() -> ApiProblem.notFound("no credit repair " + repairId));
        if (r.status() != RepairStatus.OPEN) {
            throw ApiProblem.conflict("Already decided", "credit repair " + repairId + " was decided " + r.status());
        }
        Repair decided = new Repair(r.id(), r.organisationId(), r.statement(),
                approve ? RepairStatus.APPROVED : RepairStatus.REFUSED, r.filedBy(), r.filedAt(), operator.username(),
                Instant.now(), note);
        repairs.update(decided);
        if (approve) {
            for (Event e : events.findByOrganisationIdOrderByOccurredAtDesc(r.organisationId())) {
                if (e.status() == EventStatus.STANDING && rules.points(e.kind()) < 0 && !e.occurredAt().isAfter(r.filedAt())) {
                    events.update(new Event(e.id(), e.organisationId(), e.kind(), e.source(), e.sourceRef(), e.note(),
                            e.occurredAt(), EventStatus.REPAIRED));
                }
            }
        }
        scores.invalidate(r.organisationId());
        audit.record(operator.username(), Role.OPERATOR.name(), approve ? "CREDIT_REPAIR_APPROVED" : "CREDIT_REPAIR_REFUSED",
                "organisation:" + r.organisationId(), "repair " + r.id() + ": " + note);
        return decided;
    }

    /** The operator records a delivery record event (late delivery, on-time record) reported to it. */
    @Transactional
    public EventView recordDeliveryRecord(Viewer operator, String organisationId, CreditEventKind kind, String reference, String note) {
        requireOperator(operator);
        if (kind != CreditEventKind.LATE_DELIVERY && kind != CreditEventKind.ON_TIME_RECORD) {
            throw ApiProblem.invalidField("kind", "the operator records LATE_DELIVERY or ON_TIME_RECORD here; the other"
                    + " kinds come from supervision actions, complaint decisions and the regulator's decisions");
        }
        Organisation org = organisations.find(organisationId)
                .filter(o -> o.kind() == OrganisationKind.MERCHANT || o.kind() == OrganisationKind.BUYER)
                .orElseThrow(() -> ApiProblem.notFound("no merchant or buyer " + organisationId));
        if (events.existsByKindAndSourceRef(kind, reference)) {
            throw ApiProblem.conflict("Already recorded", kind + " " + reference + " is already on a credit record");
        }
        record(org.id(), kind, Source.OPERATOR, reference, note, Instant.now());
        audit.record(operator.username(), Role.OPERATOR.name(), "CREDIT_EVENT_RECORDED", "organisation:" + org.id(),
                kind + " " + reference + ": " + note);
        Event e = events.findByOrganisationIdOrderByOccurredAtDesc(org.id()).stream()
                .filter(x -> x.kind() == kind && x.sourceRef().equals(reference)).findFirst().orElseThrow();
        return new EventView(e.id(), e.kind(), e.source(), e.sourceRef(), e.note(), e.occurredAt(), e.status(), counted(e));
    }

    public List<Objection> objections() {
        return objections.findAllOrderByFiledAtDesc();
    }

    public List<Repair> repairs() {
        return repairs.findAllOrderByFiledAtDesc();
    }

    private static void requireParty(Viewer v) {
        if (!v.is(Role.MERCHANT) && !v.is(Role.BUYER)) {
            throw ApiProblem.forbidden("merchants and buyers keep credit records");
        }
    }

    private static void requireOperator(Viewer v) {
        if (!v.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("the operator decides this");
        }
    }

    private static String clip(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
