package org.dataexchange.settlementclient;

import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/** The peer refused the proposal itself (identity, signature, duplicate id...), with each peer's reason. */
public final class EndorsementFailedException extends LedgerException {

    private final List<ErrorDetail> details;

    EndorsementFailedException(String message, String transactionId, List<ErrorDetail> details, Throwable cause) {
        super(message + describe(details), transactionId, cause);
        this.details = List.copyOf(details);
    }

    /** Per peer: its address, MSP id and message. */
    public List<ErrorDetail> details() {
        return details;
    }

    private static String describe(List<ErrorDetail> details) {
        StringBuilder sb = new StringBuilder();
        for (ErrorDetail d : details) {
            sb.append("; ").append(d.getMspId()).append('@').append(d.getAddress()).append(": ").append(d.getMessage());
        }
        return sb.toString();
    }
}
