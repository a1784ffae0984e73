package org.dataexchange.marketplace.problem;

import io.micronaut.http.HttpStatus;

/**
 * A refusal the API gives (RFC 9457 problem): status, short title, a detail a person understands and, for
 * bad input, the JSON path of the field at fault. Thrown anywhere; rendered as application/problem+json.
 */
public final class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String field;

    private ApiProblem(HttpStatus status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    /** Bad input in one field: 400. */
    public static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, detail, field);
    }

    public static ApiProblem conflict(String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, title, detail, null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, null);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
