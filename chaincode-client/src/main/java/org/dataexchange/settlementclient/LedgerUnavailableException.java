package org.dataexchange.settlementclient;

import io.grpc.Status;

/**
 * The ledger could not be reached or did not answer in time. For a submission it is unknown whether the
 * transaction was ordered; resubmitting the same record is safe because the contract answers the identical
 * record with ALREADY_RECORDED, which this client treats as success.
 */
public final class LedgerUnavailableException extends LedgerException {

    private final Status.Code status;

    LedgerUnavailableException(String message, String transactionId, Status.Code status, Throwable cause) {
        super(message, transactionId, cause);
        this.status = status;
    }

    public Status.Code status() {
        return status;
    }
}
