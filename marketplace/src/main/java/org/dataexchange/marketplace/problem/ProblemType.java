package org.dataexchange.marketplace.problem;

import java.util.Locale;

/**
 * The kinds of refusal the API gives, each with a stable {@code type} URI (RFC 9457) and its HTTP status. Clients
 * branch on the type; the title and detail are for people. The README lists them.
 */
public enum ProblemType {
    /** A field or parameter is missing, of the wrong type, out of range or against a rule (the {@code field} says which). */
    INVALID_INPUT(400),
    /** The request or one of its values is larger than the exchange accepts. */
    REQUEST_TOO_LARGE(413),
    /** No valid bearer token (or API key, or signed link) came with a request that needs one. */
    UNAUTHENTICATED(401),
    /** The caller's role may not do this. */
    FORBIDDEN(403),
    /** No such resource, or none the caller may see. */
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The request is well-formed but the resource's state or another record forbids it. */
    CONFLICT(409),
    /** The settlement ledger's contract refused the transaction; {@code code} names the contract's error code. */
    LEDGER_REFUSED(409),
    /** The order's product or plan does not deliver through the mode asked for (file, API calls). */
    DELIVERY_MODE_NOT_OFFERED(403),
    /** The product is delivered only in the query sandbox (数据可用不可见): aggregate queries, no file, no API calls. */
    QUERY_SANDBOX_ONLY(403),
    /** A sandbox query would answer rows (a {@code *}, a column neither aggregated nor grouped by): aggregates only. */
    SANDBOX_ROW_LEVEL_REFUSED(400),
    /** A sandbox query ran past its time or memory limit, or would answer more groups than the limit. */
    SANDBOX_QUERY_LIMIT_EXCEEDED(422),
    /** Raw public data does not leave the exchange as a file (原始数据不出域). */
    RAW_PUBLIC_DATA_STAYS_IN_DOMAIN(403),
    /** A month of metered calls is billed and unpaid; calls resume once a billing round has charged it. */
    USAGE_BILL_UNPAID(403),
    /** The licence's volume cap (用途用量) on records, calls, queries or downloads would be passed; nothing was delivered. */
    LICENCE_VOLUME_EXHAUSTED(403),
    /** A kept report's file no longer matches the SHA-256 recorded when it was generated; it is not served. */
    REPORT_ALTERED(409),
    /** No font with Chinese glyphs is installed for the monthly report's PDF ({@code exchange.conduct.report-fonts}). */
    REPORT_FONT_MISSING(503),
    /** A derived product's royalties to its parents, with contributors' shares and the platform fee, exceed its price. */
    ROYALTIES_EXCEED_PRICE(400),
    /** A derived product's parent licence is not held, not in force, or does not allow deriving and selling on. */
    PARENT_LICENCE_UNUSABLE(409),
    /** The merchant's onboarding application (数商入驻) is not approved yet: it may not submit products for review. */
    MERCHANT_NOT_ADMITTED(403),
    /** The merchant is suspended or disqualified by the exchange's supervision: no new submissions, no new orders. */
    MERCHANT_SUSPENDED(403),
    /** The party's credit score is below the configured threshold for this (submitting products, an order this large). */
    CREDIT_SCORE_TOO_LOW(403),
    /** Too many failed sign-ins for this account or address; wait for {@code Retry-After} seconds. */
    TOO_MANY_ATTEMPTS(429),
    /** The settlement ledger cannot be reached now; nothing was changed, retry after {@code Retry-After} seconds. */
    LEDGER_UNAVAILABLE(503),
    /** A fault of the exchange itself; it has been logged. */
    SERVER_ERROR(500);

    private static final String PREFIX = "urn:dataexchange:problem:";

    private final int status;

    ProblemType(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** {@code urn:dataexchange:problem:invalid-input}: stable, whatever the title or detail say. */
    public String uri() {
        return PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type of a framework refusal, by its status. */
    public static ProblemType ofStatus(int status) {
        return switch (status) {
            case 400, 422 -> INVALID_INPUT;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> REQUEST_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_ATTEMPTS;
            case 503 -> LEDGER_UNAVAILABLE;
            default -> status >= 500 ? SERVER_ERROR : INVALID_INPUT;
        };
    }
}
