package org.dataexchange.ledger.trade;

import java.util.Set;
import org.dataexchange.ledger.ErrorCode;

/**
 * The currencies the exchange settles in (ISO 4217). A fixed list rather than the JVM's currency table,
 * whose contents change between JDK releases, so that every endorser decides the same way.
 */
public final class SettlementCurrency {

    public static final Set<String> CODES = Set.of("CNY", "HKD", "MOP", "USD", "EUR", "GBP", "JPY", "SGD");

    private SettlementCurrency() {}

    public static String require(String code) {
        if (code == null || !CODES.contains(code)) {
            throw ErrorCode.UNKNOWN_CURRENCY.refuse("currency '" + code + "' is not settled here; known: "
                    + CODES.stream().sorted().toList());
        }
        return code;
    }
}
