package org.dataexchange.ledger.trade;

import org.dataexchange.ledger.Arguments;

/** One party's part of a trade's price, in minor units of the trade's currency. */
public record SplitLine(String party, SplitRole role, long amount) {

    SplitLine validated(String field) {
        Arguments.text(party, field + ".party", 128);
        Arguments.required(role, field + ".role");
        Arguments.nonNegative(amount, field + ".amount");
        return this;
    }
}
