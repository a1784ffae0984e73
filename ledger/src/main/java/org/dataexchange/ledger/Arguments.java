package org.dataexchange.ledger;

import java.util.regex.Pattern;

/** Checks on transaction arguments; each failure is an {@code INVALID_ARGUMENT} refusal naming the field. */
public final class Arguments {

    /** Ids and names: printable, no composite-key delimiters (U+0000, U+10FFFF), bounded length. */
    private static final int MAX_TEXT = 256;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** ISO 3166-1 alpha-2 country, optionally an ISO 3166-2 subdivision: {@code CN}, {@code CN-SH}. */
    private static final Pattern LOCATION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    private Arguments() {}

    public static String text(String value, String field) {
        return text(value, field, MAX_TEXT);
    }

    public static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + " is required");
        }
        if (value.length() > maxLength) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(value, i)) {
                throw ErrorCode.INVALID_ARGUMENT.refuse(field + " contains a control or invalid character at " + i);
            }
        }
        if (value.codePoints().anyMatch(cp -> cp == Character.MAX_CODE_POINT)) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + " contains U+10FFFF, which ledger keys reserve");
        }
        return value;
    }

    /** Optional text: null stays null, anything else must be valid text. */
    public static String optionalText(String value, String field) {
        return value == null ? null : text(value, field);
    }

    public static String sha256Hex(String value, String field) {
        if (value == null || !SHA256_HEX.matcher(value).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + " must be a SHA-256 digest in 64 lower-case hex digits");
        }
        return value;
    }

    public static String location(String value, String field) {
        if (value == null || !LOCATION.matcher(value).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field
                    + " must be an ISO 3166 country code, optionally with a subdivision (e.g. CN or CN-SH)");
        }
        return value;
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + " is required");
        }
        return value;
    }

    public static long nonNegative(long amount, String field) {
        if (amount < 0) {
            throw ErrorCode.NEGATIVE_AMOUNT.refuse(field + " is " + amount + "; amounts may not be negative");
        }
        return amount;
    }

    /** Page size of a paged query: 1 to 500, default 50 when blank. */
    public static int pageSize(String value) {
        if (value == null || value.isBlank()) {
            return 50;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= 500) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ErrorCode.INVALID_ARGUMENT.refuse("pageSize must be a whole number from 1 to 500, was '" + value + "'");
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
