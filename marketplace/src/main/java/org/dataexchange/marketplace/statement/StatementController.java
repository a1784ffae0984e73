package org.dataexchange.marketplace.statement;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import org.dataexchange.marketplace.account.Viewer;

/** Merchants' revenue and buyers' spending statements. */
@Controller("/api/statements")
@ExecuteOn(TaskExecutors.BLOCKING)
class StatementController {

    private final StatementService statements;

    public StatementController(StatementService statements) {
        this.statements = statements;
    }

    @Get("/revenue")
    @Secured("MERCHANT")
    public List<StatementService.RevenueLine> revenue(Authentication auth) {
        return statements.merchantRevenue(Viewer.of(auth));
    }

    /** Royalties received from sales of products derived under the merchant's licences. */
    @Get("/royalties")
    @Secured("MERCHANT")
    public List<StatementService.RoyaltyLine> royalties(Authentication auth) {
        return statements.royaltiesReceived(Viewer.of(auth));
    }

    /** What the organisation bought: a buyer's orders, or the licences a merchant bought (to derive products from). */
    @Get("/purchases")
    @Secured({"BUYER", "MERCHANT"})
    public StatementService.BuyerStatement purchases(Authentication auth) {
        return statements.buyerStatement(Viewer.of(auth));
    }
}
