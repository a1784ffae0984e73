package org.dataexchange.devnet.endorser;

import io.grpc.Status;

/** A proposal or envelope the peer refuses before running any chaincode, with the gRPC status to answer. */
public final class ProposalRejectedException extends Exception {

    private final Status.Code code;

    public ProposalRejectedException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }
}
