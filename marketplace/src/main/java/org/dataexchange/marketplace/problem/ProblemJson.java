package org.dataexchange.marketplace.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error answer of the API as {@code application/problem+json}: the framework's own (validation,
 * malformed JSON, unknown routes, 401/403) through the error body provider, and {@link ApiProblem}s through
 * the exception handler, in one shape: {@code type, title, status, detail, field, errors[]}.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public final class ProblemJson implements JsonErrorResponseBodyProvider<Map<String, Object>> {

    public static final String CONTENT_TYPE = "application/problem+json";

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (var error : context.getErrors()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", error.getMessage());
            error.getPath().ifPresent(p -> e.put("field", fieldOf(p)));
            errors.add(e);
        }
        if (response.code() >= 500) {
            // Server faults are logged with their cause; the caller gets no internals.
            return problem(response.code(), response.reason(), "the exchange could not complete the request; it has been"
                    + " logged", null, null);
        }
        String detail = errors.isEmpty() ? response.reason() : (String) errors.get(0).get("message");
        String field = errors.isEmpty() ? null : (String) errors.get(0).get("field");
        return problem(response.code(), response.reason(), detail, field, errors);
    }

    static Map<String, Object> problem(int status, String title, String detail, String field,
                                       List<Map<String, Object>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    /** "register.registration.organisation.creditCode" → "organisation.creditCode". */
    private static String fieldOf(String path) {
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }

    /** Renders {@link ApiProblem}s. */
    @Singleton
    @Produces(CONTENT_TYPE)
    public static final class ApiProblemHandler implements ExceptionHandler<ApiProblem, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ApiProblem problem) {
            return HttpResponse.status(problem.status())
                    .contentType(MediaType.of(CONTENT_TYPE))
                    .body(problem(problem.status().getCode(), problem.title(), problem.getMessage(), problem.field(), null));
        }
    }
}
