package org.dataexchange.marketplace.credit;

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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.dataexchange.marketplace.account.Viewer;

/**
 * Credit records over HTTP: a party's own record, its objections and repair applications ({@code /api/credit}); the
 * operator's decisions ({@code /api/operator/credit}); the regulator's view of every record ({@code /api/regulator/credit}).
 */
@ExecuteOn(TaskExecutors.BLOCKING)
public final class CreditController {

    private CreditController() {}

    /** An objection to a credit event: why it is wrong. */
    @Serdeable
    public record ObjectionFiling(@NotBlank @Size(max = 2000) String reason) {}

    /** An application for credit repair: what the party has put right. */
    @Serdeable
    public record RepairApplication(@NotBlank @Size(max = 2000) String statement) {}

    /** The operator's decision: accept (uphold an objection, approve a repair) or not, with a note. */
    @Serdeable
    public record Verdict(@NotNull Boolean accept, @NotBlank @Size(max = 2000) String note) {}

    /** A delivery record the operator enters: LATE_DELIVERY or ON_TIME_RECORD, with the order or period it is about. */
    @Serdeable
    public record DeliveryRecord(@NotNull CreditEventKind kind, @NotBlank @Size(max = 80) String reference,
                                 @NotBlank @Size(max = 2000) String note) {}

    @Controller("/api/credit")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Own {
        private final CreditRecord credit;

        Own(CreditRecord credit) {
            this.credit = credit;
        }

        /** The score's rules as configured: points per event kind, repair period, thresholds. */
        @Get("/rules")
        @Secured(SecurityRule.IS_AUTHENTICATED)
        public CreditRules.Published rules() {
            return credit.rules();
        }

        /** The caller's organisation's credit record. */
        @Get
        @Secured({"MERCHANT", "BUYER"})
        public CreditRecord.Report mine(Authentication auth) {
            return credit.report(Viewer.of(auth).organisationId());
        }

        @Post("/events/{id}/objections")
        @Secured({"MERCHANT", "BUYER"})
        public HttpResponse<CreditRecord.Objection> object(@PathVariable String id, @Body @Valid ObjectionFiling filing,
                                                           Authentication auth) {
            return HttpResponse.created(credit.object(Viewer.of(auth), id, filing.reason()));
        }

        @Post("/repairs")
        @Secured({"MERCHANT", "BUYER"})
        public HttpResponse<CreditRecord.Repair> repair(@Body @Valid RepairApplication application, Authentication auth) {
            return HttpResponse.created(credit.applyForRepair(Viewer.of(auth), application.statement()));
        }
    }

    @Controller("/api/operator/credit")
    @Secured("OPERATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Operator {
        private final CreditRecord credit;

        Operator(CreditRecord credit) {
            this.credit = credit;
        }

        @Get
        public List<CreditRecord.Standing> overview() {
            return credit.overview();
        }

        @Get("/parties/{organisationId}")
        public CreditRecord.Report record(@PathVariable String organisationId) {
            return credit.report(organisationId);
        }

        @Post("/parties/{organisationId}/events")
        public HttpResponse<CreditRecord.EventView> recordDelivery(@PathVariable String organisationId,
                                                                   @Body @Valid DeliveryRecord record, Authentication auth) {
            return HttpResponse.created(credit.recordDeliveryRecord(Viewer.of(auth), organisationId, record.kind(),
                    record.reference(), record.note()));
        }

        @Get("/objections")
        public List<CreditRecord.Objection> objections() {
            return credit.objections();
        }

        @Post("/objections/{id}/decide")
        public CreditRecord.Objection decideObjection(@PathVariable String id, @Body @Valid Verdict verdict, Authentication auth) {
            return credit.decideObjection(Viewer.of(auth), id, verdict.accept(), verdict.note());
        }

        @Get("/repairs")
        public List<CreditRecord.Repair> repairs() {
            return credit.repairs();
        }

        @Post("/repairs/{id}/decide")
        public CreditRecord.Repair decideRepair(@PathVariable String id, @Body @Valid Verdict verdict, Authentication auth) {
            return credit.decideRepair(Viewer.of(auth), id, verdict.accept(), verdict.note());
        }
    }

    @Controller("/api/regulator/credit")
    @Secured("REGULATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Regulator {
        private final CreditRecord credit;

        Regulator(CreditRecord credit) {
            this.credit = credit;
        }

        /** Every merchant's and buyer's score, lowest first. */
        @Get
        public List<CreditRecord.Standing> overview() {
            return credit.overview();
        }

        @Get("/parties/{organisationId}")
        public CreditRecord.Report record(@PathVariable String organisationId) {
            return credit.report(organisationId);
        }
    }
}
