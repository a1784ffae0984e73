package org.dataexchange.marketplace.delivery;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.dataexchange.marketplace.account.Viewer;

/** The query sandbox: a buyer's aggregate queries under its licence, the query log, and a product's k. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class SandboxController {

    private final QuerySandbox sandbox;

    SandboxController(QuerySandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The columns the buyer may query, the product's k and the query form's limits. */
    @Get("/orders/{id}/sandbox")
    @Secured({"BUYER", "MERCHANT"}) // the licence holder's account (QuerySandbox checks it holds it)
    public QuerySandbox.Schema schema(@PathVariable String id, Authentication auth) {
        return sandbox.schema(Viewer.of(auth), id);
    }

    /**
     * Runs an aggregate query (a JSON structure, never SQL text); answers aggregates of groups of at least k rows. No
     * answer names one record: MIN and MAX are the k-th lowest and highest value ("the minimum over all but the k−1
     * lowest"), a percentile p is given only when p·n ≥ k and (1−p)·n ≥ k, SUM and AVG only over k values; a group that
     * would differ from one of the licence's earlier answers by 1 to k−1 rows is suppressed ({@code differencingGroups}).
     */
    @Post("/orders/{id}/sandbox/queries")
    @Secured({"BUYER", "MERCHANT"}) // the licence holder's account (QuerySandbox checks it holds it)
    public QuerySandbox.Result query(@PathVariable String id, @Body SandboxQuery query, Authentication auth) {
        return sandbox.query(Viewer.of(auth), id, query);
    }

    /** The queries run through an order (hash, groups, suppressed, time), for whoever may see the order. */
    @Get("/orders/{id}/sandbox/queries")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<SandboxRecords.LoggedQuery> log(@PathVariable String id, Authentication auth) {
        return sandbox.log(Viewer.of(auth), id);
    }

    /** The k-anonymity threshold of the merchant's product (10 until it sets one). */
    @Get("/merchant/products/{id}/sandbox-k")
    @Secured("MERCHANT")
    public QuerySandbox.KThreshold threshold(@PathVariable String id, Authentication auth) {
        return sandbox.threshold(Viewer.of(auth), id);
    }

    /** The merchant sets its product's k-anonymity threshold (groups of fewer rows are suppressed). */
    @Put("/merchant/products/{id}/sandbox-k")
    @Secured("MERCHANT")
    public QuerySandbox.KThreshold setThreshold(@PathVariable String id, @Body QuerySandbox.KThreshold k, Authentication auth) {
        return sandbox.setThreshold(Viewer.of(auth), id, k.kThreshold());
    }
}
