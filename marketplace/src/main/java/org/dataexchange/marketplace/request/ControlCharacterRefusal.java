package org.dataexchange.marketplace.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemJson;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * Refuses a path or query parameter holding the NUL character (U+0000, {@code %00}) with 400 before any controller
 * reads it. No identifier, filter or search text of the exchange contains one, and PostgreSQL cannot store or compare
 * it in text at all (it answers an encoding error, which would surface as a 500). JSON bodies get the same rule from
 * {@link StrictScalars}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ControlCharacterRefusal implements Ordered {

    @RequestFilter
    @Nullable
    HttpResponse<?> refuse(HttpRequest<?> request) {
        // the path as sent, still percent-encoded: its variables are decoded later, for the controller
        String path = request.getPath();
        if (path.contains("%00") || path.indexOf('\u0000') >= 0) {
            return ProblemJson.response(ApiProblem.of(ProblemType.INVALID_INPUT, "Invalid character in the path",
                    "the path holds the NUL character (%00), which no identifier of the exchange contains"));
        }
        for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
            boolean inName = parameter.getKey().indexOf('\u0000') >= 0;
            if (inName || parameter.getValue().stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                return ProblemJson.response(inName
                        ? ApiProblem.of(ProblemType.INVALID_INPUT, "Invalid character in a query parameter's name",
                                "a query parameter's name holds the NUL character (%00)")
                        : ApiProblem.invalidField(parameter.getKey(),
                                "the query parameter holds the NUL character (%00), which no value of the exchange contains"));
            }
        }
        return null;
    }

    /** Right after the size limit and before security: such a request is refused whoever sends it. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 101;
    }
}
