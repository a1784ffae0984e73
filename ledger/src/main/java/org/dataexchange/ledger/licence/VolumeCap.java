package org.dataexchange.ledger.licence;

import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;

/**
 * One volume cap of a licence (用途用量): at most {@code limit} of {@code measure} ("records", "calls", "queries",
 * "downloads") over the licence's life, as the certificate states it.
 */
public record VolumeCap(String measure, long limit) {

    public VolumeCap validated(String field) {
        Arguments.text(measure, field + ".measure", 32);
        if (limit < 1) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + ".limit must be at least 1");
        }
        return this;
    }
}
