package org.dataexchange.marketplace.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.catalogue.Industry;
import org.dataexchange.marketplace.matching.MatchingViews.AcceptAnswer;
import org.dataexchange.marketplace.matching.MatchingViews.Accepted;
import org.dataexchange.marketplace.matching.MatchingViews.AnswerNeed;
import org.dataexchange.marketplace.matching.MatchingViews.AnswerView;
import org.dataexchange.marketplace.matching.MatchingViews.NeedPage;
import org.dataexchange.marketplace.matching.MatchingViews.NeedView;
import org.dataexchange.marketplace.matching.MatchingViews.NeedWithAnswers;
import org.dataexchange.marketplace.matching.MatchingViews.PostNeed;

/** Matching over HTTP: buyers' needs and their answers, the merchants' search and answers, the operator's view. */
final class MatchingController {

    private MatchingController() {}

    @Controller("/api/needs")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Needs {
        private final Matching matching;

        Needs(Matching matching) {
            this.matching = matching;
        }

        @Post
        @Secured("BUYER")
        public HttpResponse<NeedView> post(@Body @Valid PostNeed need, Authentication auth) {
            return HttpResponse.created(matching.post(Viewer.of(auth), (String) auth.getAttributes().get("accountId"), need));
        }

        @Get
        @Secured("BUYER")
        public List<NeedView> mine(Authentication auth) {
            return matching.mine(Viewer.of(auth));
        }

        @Get("/{id}")
        @Secured(SecurityRule.IS_AUTHENTICATED)
        public NeedView get(@PathVariable String id, Authentication auth) {
            return matching.get(Viewer.of(auth), id);
        }

        @Get("/{id}/answers")
        @Secured({"BUYER", "OPERATOR"})
        public List<AnswerView> answers(@PathVariable String id, Authentication auth) {
            return matching.answersOf(Viewer.of(auth), id);
        }

        @Post("/{id}/withdraw")
        @Secured("BUYER")
        public NeedView withdraw(@PathVariable String id, Authentication auth) {
            return matching.withdraw(Viewer.of(auth), id);
        }

        /** Accepts an answer: places the order on its private offer (pay it as any order) and closes the need. */
        @Post("/{id}/answers/{answerId}/accept")
        @Secured("BUYER")
        public HttpResponse<Accepted> accept(@PathVariable String id, @PathVariable String answerId,
                                             @Body @Valid AcceptAnswer acceptance, Authentication auth) {
            return HttpResponse.created(matching.accept(Viewer.of(auth), (String) auth.getAttributes().get("accountId"), id,
                    answerId, acceptance));
        }
    }

    @Controller("/api/merchant")
    @Secured("MERCHANT")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Merchants {
        private final Matching matching;

        Merchants(Matching matching) {
            this.matching = matching;
        }

        /** Open needs: full text (Chinese or English, as the catalogue's search), industry, an acceptable classification. */
        @Get("/needs")
        public NeedPage search(@Nullable @QueryValue @Size(max = 200) String q, @Nullable @QueryValue Industry industry,
                               @Nullable @QueryValue ClassificationLevel classification,
                               @QueryValue(defaultValue = "0") @Min(0) @Max(1000) int page,
                               @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size, Authentication auth) {
            return matching.search(Viewer.of(auth), q, industry, classification, page, size);
        }

        @Post("/needs/{id}/answers")
        public HttpResponse<AnswerView> answer(@PathVariable String id, @Body @Valid AnswerNeed answer, Authentication auth) {
            return HttpResponse.created(matching.answer(Viewer.of(auth), id, answer));
        }

        @Get("/answers")
        public List<NeedWithAnswers> answers(Authentication auth) {
            return matching.answersOfMerchant(Viewer.of(auth));
        }
    }

    @Controller("/api/operator/needs")
    @Secured("OPERATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Operators {
        private final Matching matching;

        Operators(Matching matching) {
            this.matching = matching;
        }

        @Get
        public List<NeedWithAnswers> all(Authentication auth) {
            return matching.all(Viewer.of(auth));
        }
    }
}
