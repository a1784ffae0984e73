package org.dataexchange.marketplace.payment;

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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.dataexchange.marketplace.Money;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.dataexchange.ledger.trade.SettlementCurrency;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;

/** The caller's wallet balances, and top-ups the operator records from the payment provider. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class WalletController {

    @Serdeable
    public record TopUp(@Positive @Max(Money.MAX_MINOR) long amountMinor, @NotBlank @Size(max = 3) String currency,
                        @NotBlank @Size(max = 200) String reference) {}

    private final Wallets wallets;
    private final OrganisationDirectory organisations;
    private final org.dataexchange.marketplace.audit.AuditLog audit;

    public WalletController(Wallets wallets, OrganisationDirectory organisations,
                            org.dataexchange.marketplace.audit.AuditLog audit) {
        this.wallets = wallets;
        this.organisations = organisations;
        this.audit = audit;
    }

    @Get("/wallet")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<Wallets.Balance> mine(Authentication auth) {
        return wallets.balances((String) auth.getAttributes().get("organisationId"));
    }

    @Post("/operator/wallets/{organisationId}/top-ups")
    @Secured("OPERATOR")
    public HttpResponse<List<Wallets.Balance>> topUp(@PathVariable String organisationId, @Body @Valid TopUp topUp,
                                                     Authentication auth) {
        if (organisations.find(organisationId).isEmpty()) {
            throw ApiProblem.notFound("no organisation " + organisationId);
        }
        if (!SettlementCurrency.CODES.contains(topUp.currency())) {
            throw ApiProblem.invalidField("currency", "'" + topUp.currency() + "' is not a settlement currency");
        }
        wallets.topUp(organisationId, topUp.amountMinor(), topUp.currency(), topUp.reference(), auth.getName());
        // Audited like the operator's other decisions, so it shows among its recent actions and in the regulator's log.
        audit.record(auth.getName(), "OPERATOR", "WALLET_TOP_UP", "organisation:" + organisationId,
                topUp.amountMinor() + " " + topUp.currency() + " (" + topUp.reference() + ")");
        return HttpResponse.created(wallets.balances(organisationId));
    }
}
