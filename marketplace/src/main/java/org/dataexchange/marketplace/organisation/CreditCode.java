package org.dataexchange.marketplace.organisation;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character set
 * (digits and capitals without I, O, Z, S, V); the last is a check character over the first 17 with
 * weights 3^i mod 31.
 */
public final class CreditCode {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {}

    /** Why {@code code} is not a valid credit code, or empty when it is. */
    public static Optional<String> problem(String code) {
        if (code == null || code.length() != 18) {
            return Optional.of("a unified social credit code has 18 characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARSET.indexOf(code.charAt(i));
            if (value < 0) {
                return Optional.of("character " + (i + 1) + " ('" + code.charAt(i)
                        + "') is not allowed; use digits and capital letters other than I, O, Z, S and V");
            }
            sum += value * WEIGHTS[i];
        }
        if (!Character.isDigit(code.charAt(2)) || !code.substring(2, 8).chars().allMatch(Character::isDigit)) {
            return Optional.of("characters 3 to 8 are the administrative division code and must be digits");
        }
        char expected = CHARSET.charAt((31 - sum % 31) % 31);
        if (code.charAt(17) != expected) {
            return Optional.of("the check character is '" + code.charAt(17) + "' but should be '" + expected
                    + "'; the code is mistyped");
        }
        return Optional.empty();
    }

    /** The full code for 17 leading characters: appends the check character. */
    public static String withCheckCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("17 characters expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character " + first17.charAt(i) + " is not allowed");
            }
            sum += value * WEIGHTS[i];
        }
        return first17 + CHARSET.charAt((31 - sum % 31) % 31);
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }
}
