package org.dataexchange.marketplace.rating;

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
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.util.List;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.rating.RatingViews.ProductRatings;
import org.dataexchange.marketplace.rating.RatingViews.RatingView;

/** Ratings over HTTP: rating an order's product, the sheet's ratings, answers, reports and the operator's queue. */
@ExecuteOn(TaskExecutors.BLOCKING)
final class RatingController {

    private RatingController() {}

    @Controller("/api")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Public {
        private final Ratings ratings;

        Public(Ratings ratings) {
            this.ratings = ratings;
        }

        @Post("/orders/{id}/rating")
        @Secured({"BUYER", "MERCHANT"}) // the licence holder's account (Ratings finds the order it holds)
        public HttpResponse<RatingView> rate(@PathVariable String id, @Body @Valid RatingViews.Rate rating, Authentication auth) {
            return HttpResponse.created(ratings.rate(Viewer.of(auth), id, rating));
        }

        @Get("/products/{id}/ratings")
        @Secured(SecurityRule.IS_ANONYMOUS)
        public ProductRatings ofProduct(@PathVariable String id, @Nullable Authentication auth) {
            return ratings.ofProduct(Viewer.of(auth), id);
        }

        @Post("/ratings/{id}/report")
        @Secured({"BUYER", "MERCHANT"})
        public RatingView report(@PathVariable String id, @Body @Valid RatingViews.Reason reason, Authentication auth) {
            return ratings.report(Viewer.of(auth), id, reason.reason());
        }
    }

    @Controller("/api/merchant/ratings")
    @Secured("MERCHANT")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Merchants {
        private final Ratings ratings;

        Merchants(Ratings ratings) {
            this.ratings = ratings;
        }

        @Get
        public List<RatingView> mine(Authentication auth) {
            return ratings.ofMerchant(Viewer.of(auth));
        }

        @Post("/{id}/reply")
        public RatingView reply(@PathVariable String id, @Body @Valid RatingViews.Text reply, Authentication auth) {
            return ratings.reply(Viewer.of(auth), id, reply.text());
        }
    }

    @Controller("/api/operator/ratings")
    @Secured("OPERATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Operators {
        private final Ratings ratings;

        Operators(Ratings ratings) {
            this.ratings = ratings;
        }

        @Get
        public List<RatingView> queue(Authentication auth) {
            return ratings.queue(Viewer.of(auth));
        }

        @Post("/{id}/keep")
        public RatingView keep(@PathVariable String id, @Body @Valid RatingViews.Reason reason, Authentication auth) {
            return ratings.decide(Viewer.of(auth), id, true, reason.reason());
        }

        @Post("/{id}/hide")
        public RatingView hide(@PathVariable String id, @Body @Valid RatingViews.Reason reason, Authentication auth) {
            return ratings.decide(Viewer.of(auth), id, false, reason.reason());
        }
    }
}
