package org.dataexchange.ledger.trade;

import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;

/**
 * One party's part of a trade's price, in minor units of the trade's currency. A {@code ROYALTY} line names the parent
 * licence (certificate) it is paid under; no other line names one.
 */
public record SplitLine(String party, SplitRole role, long amount, String parentCertificateId) {

    public SplitLine(String party, SplitRole role, long amount) {
        this(party, role, amount, null);
    }

    SplitLine validated(String field) {
        Arguments.text(party, field + ".party", 128);
        Arguments.required(role, field + ".role");
        Arguments.nonNegative(amount, field + ".amount");
        if (role == SplitRole.ROYALTY) {
            Arguments.text(parentCertificateId, field + ".parentCertificateId", 128);
        } else if (parentCertificateId != null) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + " is a " + role + " line; only ROYALTY lines name a parent licence");
        }
        return this;
    }
}
