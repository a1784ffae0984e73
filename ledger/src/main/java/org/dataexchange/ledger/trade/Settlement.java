package org.dataexchange.ledger.trade;

import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.ledger.licence.LicenceCertificate;

/** One order's settlement: the trade to record and the licence certificate issued with it, in one write. */
public record Settlement(TradeRequest trade, LicenceCertificate certificate) {

    /** Shape checks of both parts, and that the certificate names this trade. */
    public Settlement validated() {
        Arguments.required(trade, "trade").validated();
        Arguments.required(certificate, "certificate").validated();
        if (!certificate.tradeId().equals(trade.tradeId())) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("certificate " + certificate.certificateId() + " names trade "
                    + certificate.tradeId() + ", not " + trade.tradeId());
        }
        return this;
    }
}
