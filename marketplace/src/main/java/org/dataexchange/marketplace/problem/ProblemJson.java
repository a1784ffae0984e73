package org.dataexchange.marketplace.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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
 * the exception handler, in one shape: {@code type, title, status, detail, field, code, errors[]}, where
 * {@code type} is the stable URI of a {@link ProblemType}.
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
            e.put("message", readable(error.getMessage()));
            error.getPath().map(ProblemJson::fieldOf).or(() -> fieldInMessage(error.getMessage()))
                    .ifPresent(f -> e.put("field", f));
            errors.add(e);
        }
        ProblemType type = ProblemType.ofStatus(response.code());
        if (response.code() >= 500) {
            // Server faults are logged with their cause; the caller gets no internals.
            return problem(type, response.code(), response.reason(), "the exchange could not complete the request; it has"
                    + " been logged", null, null, null);
        }
        String detail = errors.isEmpty() ? response.reason() : (String) errors.get(0).get("message");
        String field = errors.isEmpty() ? null : (String) errors.get(0).get("field");
        return problem(type, response.code(), response.reason(), detail, field, null, errors);
    }

    static Map<String, Object> problem(ProblemType type, int status, String title, String detail, String field, String code,
                                       List<Map<String, Object>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        if (code != null) {
            body.put("code", code);
        }
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    /** The response for a problem: its status, body and, when it says when to retry, {@code Retry-After}. */
    public static MutableHttpResponse<?> response(ApiProblem problem) {
        MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.valueOf(problem.type().status()))
                .contentType(MediaType.of(CONTENT_TYPE))
                .body(problem(problem.type(), problem.type().status(), problem.title(), problem.getMessage(), problem.field(),
                        problem.code(), null));
        if (problem.retryAfter() != null) {
            response.header("Retry-After", String.valueOf(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return response;
    }

    private static final java.util.regex.Pattern VIOLATION = java.util.regex.Pattern.compile("^([\\w$]+)\\.([\\w$.\\[\\]<>]+): .*",
            java.util.regex.Pattern.DOTALL);

    private static final java.util.regex.Pattern CONVERSION = java.util.regex.Pattern.compile(
            "^Failed to convert argument \\[\\w+\\] for value \\[.*?\\] due to: ", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern LOCATION = java.util.regex.Pattern.compile(
            "\\s*at \\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

    /** A reading error without the framework's wording: "expected an integer, got the fraction 1.5 (line 1, column 246)". */
    static String readable(String message) {
        if (message == null) {
            return null;
        }
        String m = CONVERSION.matcher(message).replaceFirst("");
        return LOCATION.matcher(m).replaceAll(" (line $1, column $2)").strip();
    }

    /** A constraint violation's message starts with its path: "topUp.reference: size must be ..." → "reference". */
    private static java.util.Optional<String> fieldInMessage(String message) {
        if (message == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = VIOLATION.matcher(message);
        return m.matches() ? java.util.Optional.of(m.group(2).replaceAll("<[^>]*>", "")) : java.util.Optional.empty();
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
            return response(problem);
        }
    }
}
