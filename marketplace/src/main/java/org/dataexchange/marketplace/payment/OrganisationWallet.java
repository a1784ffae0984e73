package org.dataexchange.marketplace.payment;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.List;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;

/** An organisation's balances for the operator, who records its top-ups (next to them in the console). */
@Controller("/api/operator/wallets")
@Secured("OPERATOR")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrganisationWallet {

    private final Wallets wallets;
    private final OrganisationDirectory organisations;

    public OrganisationWallet(Wallets wallets, OrganisationDirectory organisations) {
        this.wallets = wallets;
        this.organisations = organisations;
    }

    @Get("/{organisationId}")
    public List<Wallets.Balance> balances(@PathVariable String organisationId) {
        if (organisations.find(organisationId).isEmpty()) {
            throw ApiProblem.notFound("no organisation " + organisationId);
        }
        return wallets.balances(organisationId);
    }
}
