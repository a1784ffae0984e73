package org.dataexchange.ledger.trade;

import java.util.Set;

/** Where data is, for the export rules: only mainland China is domestic. */
public final class Territory {

    /**
     * ISO 3166-2 lists Hong Kong, Macao and Taiwan as subdivisions of CN, but data leaving the mainland
     * for them is an export under the data-export rules, so they count as abroad here.
     */
    private static final Set<String> OUTSIDE_MAINLAND = Set.of("CN-HK", "CN-MO", "CN-TW");

    private Territory() {}

    /** {@code location} is an ISO 3166 country code, optionally with a subdivision ({@code CN-SH}). */
    public static boolean isMainlandChina(String location) {
        return location.equals("CN") || location.startsWith("CN-") && !OUTSIDE_MAINLAND.contains(location);
    }
}
