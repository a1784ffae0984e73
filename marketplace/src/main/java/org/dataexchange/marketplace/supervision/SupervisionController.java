package org.dataexchange.marketplace.supervision;

import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.dataexchange.ledger.supervision.SupervisionMeasure;
import org.dataexchange.marketplace.account.Viewer;

/**
 * Onboarding and supervision over HTTP: the merchant's application and own standing ({@code /api/merchant/onboarding},
 * {@code /api/merchant/supervision}), the operator's review queue and supervision actions
 * ({@code /api/operator/onboarding}, {@code /api/operator/merchants}), the regulator's list read from the ledger
 * ({@code /api/regulator/supervision-actions}).
 */
// The regulator's list carries the ledger's own records (ledger/ has no Micronaut), so they are imported for JSON here.
@SerdeImport(org.dataexchange.ledger.supervision.SupervisionAction.class)
@SerdeImport(org.dataexchange.ledger.supervision.SupervisionActionRequest.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class SupervisionController {

    private SupervisionController() {}

    /** The declarations the exchange asks of a merchant; each must be true. */
    @Serdeable
    public record Declarations(@NotNull Boolean lawfulOperation, @NotNull Boolean lawfulSources,
                               @NotNull Boolean securityMeasures, @NotNull Boolean noViolations,
                               @NotNull Boolean rulesAccepted) {}

    /** A merchant's onboarding application (数商入驻). */
    @Serdeable
    public record ApplicationForm(@NotBlank @Size(max = 18) String creditCode,
                                  @NotBlank @Size(max = 2000) String businessScope,
                                  @NotBlank @Size(max = 100) String contactName,
                                  @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{5,38}", message = "a phone number: digits,"
                                          + " spaces and dashes, optionally starting with +") String contactPhone,
                                  @NotBlank @Email @Size(max = 200) String contactEmail,
                                  @NotNull @Valid Declarations declarations) {}

    /** The operator's decision on an application; a rejection needs a note. */
    @Serdeable
    public record ApplicationDecision(@NotNull Boolean approve, @Nullable @Size(max = 2000) String note) {}

    /** A supervision action: the measure, the product for a takedown, the reason (one paragraph, no line breaks). */
    @Serdeable
    public record ActionForm(@NotNull SupervisionMeasure measure, @Nullable @Size(max = 36) String productId,
                             @NotBlank @Size(max = 2000) @Pattern(regexp = "[^\\p{Cntrl}]*",
                                     message = "one paragraph without line breaks or control characters") String reason) {}

    @Controller("/api/merchant")
    @Secured("MERCHANT")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Merchant {
        private final Onboarding onboarding;
        private final SupervisionActions actions;

        Merchant(Onboarding onboarding, SupervisionActions actions) {
            this.onboarding = onboarding;
            this.actions = actions;
        }

        /** The merchant's standing and its applications. */
        @Get("/onboarding")
        public Onboarding.MerchantStatus status(Authentication auth) {
            return onboarding.status(Viewer.of(auth));
        }

        @Post("/onboarding")
        public HttpResponse<Onboarding.ApplicationView> apply(@Body @Valid ApplicationForm form, Authentication auth) {
            Declarations d = form.declarations();
            return HttpResponse.created(onboarding.apply(Viewer.of(auth), new Onboarding.Submission(form.creditCode(),
                    form.businessScope(), form.contactName(), form.contactPhone(), form.contactEmail(), d.lawfulOperation(),
                    d.lawfulSources(), d.securityMeasures(), d.noViolations(), d.rulesAccepted())));
        }

        /** Supervision actions taken against the merchant, newest first, with their ledger transactions. */
        @Get("/supervision")
        public List<SupervisionActions.ActionView> supervision(Authentication auth) {
            return actions.of(Viewer.of(auth).organisationId());
        }
    }

    @Controller("/api/operator")
    @Secured("OPERATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Operator {
        private final Onboarding onboarding;
        private final SupervisionActions actions;

        Operator(Onboarding onboarding, SupervisionActions actions) {
            this.onboarding = onboarding;
            this.actions = actions;
        }

        /** Applications: waiting ones first (overdue at the top), then decided ones. */
        @Get("/onboarding")
        public List<Onboarding.ApplicationView> applications() {
            return onboarding.queue();
        }

        @Post("/onboarding/{id}/decide")
        public Onboarding.ApplicationView decide(@PathVariable String id, @Body @Valid ApplicationDecision decision,
                                                 Authentication auth) {
            return onboarding.decide(Viewer.of(auth), id, decision.approve(), decision.note());
        }

        /** Every merchant with its standing. */
        @Get("/merchants")
        public List<Onboarding.MerchantStatus> merchants() {
            return onboarding.merchants();
        }

        @Post("/merchants/{organisationId}/supervision-actions")
        public HttpResponse<SupervisionActions.ActionView> act(@PathVariable String organisationId,
                                                               @Body @Valid ActionForm form, Authentication auth) {
            return HttpResponse.created(actions.take(Viewer.of(auth), organisationId, form.measure(), form.productId(),
                    form.reason()));
        }

        @Get("/supervision-actions")
        public List<SupervisionActions.ActionView> all() {
            return actions.all();
        }
    }

    @Controller("/api/regulator/supervision-actions")
    @Secured("REGULATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Regulator {
        private final SupervisionActions actions;

        Regulator(SupervisionActions actions) {
            this.actions = actions;
        }

        /** Every supervision action as the ledger holds it, newest first. */
        @Get
        public SupervisionActions.RegulatorList onLedger() {
            return actions.fromLedger();
        }
    }
}
