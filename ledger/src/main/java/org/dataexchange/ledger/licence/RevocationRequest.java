package org.dataexchange.ledger.licence;

import org.dataexchange.ledger.Arguments;

/** Ends a licence before its term: the certificate, why, and who decided (e.g. an arbitration case). */
public record RevocationRequest(String certificateId, String reason, String decidedBy) {

    public RevocationRequest validated() {
        Arguments.text(certificateId, "certificateId", 128);
        Arguments.text(reason, "reason", 1024);
        Arguments.text(decidedBy, "decidedBy", 128);
        return this;
    }
}
