package org.dataexchange.marketplace.problem;

import java.time.Duration;

/**
 * A refusal (RFC 9457 problem): its {@link ProblemType}, a short title, a detail a person understands and, for
 * bad input, the JSON path of the field at fault. Domain code throws it with a kind, never an HTTP status: it
 * carries no HTTP type, and the problem handler ({@link ProblemJson}) alone turns its kind into a status and renders
 * it as application/problem+json.
 */
public final class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final String title;
    private final String field;
    private final String code;
    private final Duration retryAfter;

    private ApiProblem(ProblemType type, String title, String detail, String field, String code, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.title = title;
        this.field = field;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static ApiProblem of(ProblemType type, String title, String detail) {
        return new ApiProblem(type, title, detail, null, null, null);
    }

    /** Bad input in one field: 400. */
    public static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(ProblemType.INVALID_INPUT, "Invalid " + field, detail, field, null, null);
    }

    /** Refused with its own kind, naming the field at fault. */
    public static ApiProblem ofField(ProblemType type, String title, String field, String detail) {
        return new ApiProblem(type, title, detail, field, null, null);
    }

    /** A value larger than the exchange accepts: 413. */
    public static ApiProblem tooLarge(String field, String detail) {
        return new ApiProblem(ProblemType.REQUEST_TOO_LARGE, "Request too large", detail, field, null, null);
    }

    public static ApiProblem conflict(String title, String detail) {
        return new ApiProblem(ProblemType.CONFLICT, title, detail, null, null, null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemType.NOT_FOUND, "Not found", detail, null, null, null);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(ProblemType.FORBIDDEN, "Forbidden", detail, null, null, null);
    }

    /** Refused for now; the caller may try again after {@code retryAfter}. */
    public static ApiProblem retryLater(ProblemType type, String title, String detail, Duration retryAfter) {
        return new ApiProblem(type, title, detail, null, null, retryAfter);
    }

    /** The ledger's contract refused with {@code code} (one of its error codes). */
    public static ApiProblem ledgerRefused(ProblemType type, String code, String detail) {
        return new ApiProblem(type, "Refused by the ledger: " + code, detail, null, code, null);
    }

    public ProblemType type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    /** The ledger contract's error code, for ledger refusals; otherwise null. */
    public String code() {
        return code;
    }

    /** How long to wait before retrying, when that is known; otherwise null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
