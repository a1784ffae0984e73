package org.dataexchange.marketplace.complaint;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Complaints (数据异议) about a trade: its buyer or its seller files one; the operator decides it (dismissed, partial
 * or full refund) with a note; every step is audited and the regulator sees them all with their handling.
 */
public final class Complaints {

    private Complaints() {}

    public enum Status { OPEN, DISMISSED, PARTIAL_REFUND, FULL_REFUND }

    @Serdeable
    @MappedEntity("complaint")
    public record Complaint(@Id String id, String orderId, String filedBy, String filedByRole, String text, Status status,
                            @Nullable String decisionNote, @Nullable String decidedBy, @Nullable Instant decidedAt,
                            Instant createdAt) {}

    /** A refund as the operator and the regulator see it: per split party, given back from revenue and owed. */
    @Serdeable
    public record RefundRecord(String orderId, String complaintId, String decision, long amountMinor, String currency,
                               List<org.dataexchange.marketplace.order.OrderRepositories.RefundLine> lines, String decidedBy,
                               Instant decidedAt) {}

    @Serdeable
    public record Filing(@NotBlank @Size(max = 4000) String text) {}

    /**
     * The operator's decision: DISMISSED, FULL_REFUND (everything not refunded yet; the licence is revoked) or
     * PARTIAL_REFUND with {@code amountMinor}, less than what is left to refund.
     */
    @Serdeable
    public record Decision(@NotNull Status outcome, @NotBlank @Size(max = 2000) String note,
                           @Nullable @jakarta.validation.constraints.Positive Long amountMinor) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Repository extends CrudRepository<Complaint, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Repository.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Repository {}

        List<Complaint> findAllOrderByCreatedAt();

        List<Complaint> findByOrderIdOrderByCreatedAt(String orderId);

        @io.micronaut.data.annotation.Query("SELECT * FROM complaint WHERE id = :id FOR UPDATE")
        java.util.Optional<Complaint> lock(String id);
    }

    @Singleton
    public static class Service {
        private final Repository complaints;
        private final OrderService orders;
        final AuditLog audit;
        private final DisputeRefunds refunds;
        private final org.dataexchange.marketplace.catalogue.CatalogueService catalogue;
        private final org.dataexchange.marketplace.credit.CreditRecord credit;

        public Service(Repository complaints, OrderService orders, AuditLog audit, DisputeRefunds refunds,
                       org.dataexchange.marketplace.catalogue.CatalogueService catalogue,
                       org.dataexchange.marketplace.credit.CreditRecord credit) {
            this.catalogue = catalogue;
            this.credit = credit;
            this.complaints = complaints;
            this.orders = orders;
            this.audit = audit;
            this.refunds = refunds;
        }

        public Complaint file(Viewer who, String orderId, String text) {
            orders.get(who, orderId); // buyers and sellers of the order only (others get 404)
            if (!who.is(Role.BUYER) && !who.is(Role.MERCHANT)) {
                throw ApiProblem.forbidden("complaints are filed by the trade's buyer or seller");
            }
            Complaint c = complaints.save(new Complaint(UUID.randomUUID().toString(), orderId, who.username(), who.role().name(),
                    text, Status.OPEN, null, null, null, Instant.now()));
            audit.record(who.username(), who.role().name(), "COMPLAINT_FILED", "order:" + orderId, text);
            return c;
        }

        /**
         * Decides a complaint once, in one database transaction with the money it moves and the outcome queued for the
         * ledger. The same decision again answers the decided complaint; a different one is refused (409).
         */
        @io.micronaut.transaction.annotation.Transactional
        public Complaint decide(Viewer operator, String operatorAccountId, String id, Status outcome, String note, Long amountMinor) {
            if (!operator.is(Role.OPERATOR)) {
                throw ApiProblem.forbidden("the operator decides complaints");
            }
            if (outcome == Status.OPEN) {
                throw ApiProblem.invalidField("outcome", "decide DISMISSED, PARTIAL_REFUND or FULL_REFUND");
            }
            if (outcome == Status.DISMISSED && amountMinor != null) {
                throw ApiProblem.invalidField("amountMinor", "a dismissal refunds nothing; leave amountMinor out");
            }
            if (outcome == Status.PARTIAL_REFUND && amountMinor == null) {
                throw ApiProblem.invalidField("amountMinor", "a PARTIAL_REFUND names the amount to refund in minor units");
            }
            Complaint c = complaints.lock(id).orElseThrow(() -> ApiProblem.notFound("no complaint " + id));
            if (c.status() != Status.OPEN) {
                if (c.status() == outcome && note.equals(c.decisionNote()) && refunds.sameRefund(c, amountMinor)) {
                    return c; // the same decision again, e.g. a retried request
                }
                throw ApiProblem.conflict("Already decided", "complaint " + id + " was decided " + c.status()
                        + "; a decision is taken once");
            }
            // The ledger names the deciding operator by account id, as revocations do: no user names on the ledger.
            refunds.carryOut(c, outcome, note, amountMinor, operator.username(), "operator:" + operatorAccountId);
            Complaint decided = new Complaint(c.id(), c.orderId(), c.filedBy(), c.filedByRole(), c.text(), outcome, note,
                    operator.username(), Instant.now(), c.createdAt());
            complaints.update(decided);
            if (outcome != Status.DISMISSED) {
                // An upheld complaint counts against the seller's credit record.
                String productId = orders.get(operator, c.orderId()).productId();
                credit.record(catalogue.merchantOf(productId), org.dataexchange.marketplace.credit.CreditEventKind.UPHELD_COMPLAINT,
                        org.dataexchange.marketplace.credit.CreditRecord.Source.COMPLAINT, "complaint:" + c.id(),
                        outcome + " on order " + c.orderId() + ": " + note, decided.decidedAt());
            }
            audit.record(operator.username(), "OPERATOR", "COMPLAINT_DECIDED", "order:" + c.orderId(), outcome
                    + (amountMinor == null ? "" : " " + amountMinor) + ": " + note);
            return decided;
        }

        public List<RefundRecord> refunds() {
            return orders.allRefunds().stream().map(r -> new RefundRecord(r.orderId(), r.complaintId(), r.decision(),
                    r.amountMinor(), r.currency(), orders.refundLines(r), r.decidedBy(), r.decidedAt())).toList();
        }

        public List<Complaint> all() {
            return complaints.findAllOrderByCreatedAt();
        }
    }

    @Controller("/api")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Api {
        private final Service service;

        public Api(Service service) {
            this.service = service;
        }

        @Post("/orders/{id}/complaints")
        @Secured({"BUYER", "MERCHANT"})
        public HttpResponse<Complaint> file(@PathVariable String id, @Body @Valid Filing filing, Authentication auth) {
            return HttpResponse.created(service.file(Viewer.of(auth), id, filing.text()));
        }

        @Post("/operator/complaints/{id}/decide")
        @Secured("OPERATOR")
        public Complaint decide(@PathVariable String id, @Body @Valid Decision decision, Authentication auth) {
            return service.decide(Viewer.of(auth), String.valueOf(auth.getAttributes().get("accountId")), id, decision.outcome(),
                    decision.note(), decision.amountMinor());
        }

        @Get("/operator/complaints")
        @Secured("OPERATOR")
        public List<Complaint> forOperator() {
            return service.all();
        }

        /** Every refund decisions gave, with what each party gave back and what it owes (OWED). */
        @Get("/operator/refunds")
        @Secured("OPERATOR")
        public List<RefundRecord> refundsForOperator() {
            return service.refunds();
        }

        /** The same for the regulator, from the books (the ledger's side: GET /api/regulator/disputes). */
        @Get("/regulator/refunds")
        @Secured("REGULATOR")
        public List<RefundRecord> refundsForRegulator(Authentication auth) {
            service.audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "refunds", "refunds in the books");
            return service.refunds();
        }
    }
}
