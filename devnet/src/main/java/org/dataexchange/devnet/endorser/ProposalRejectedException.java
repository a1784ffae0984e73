package org.dataexchange.devnet.endorser;

/**
 * A proposal the peer refuses before or instead of running chaincode. The message is the peer's own
 * wording; the gateway chooses the gRPC status by {@link Kind} and RPC, as Fabric's gateway does.
 */
public final class ProposalRejectedException extends Exception {

    public enum Kind {
        /** The bytes are not a proposal (unmarshalling failed). */
        MALFORMED,
        /** The proposal failed validation: header, tx id, creator, signature, expiry, duplicate tx id. */
        INVALID,
        /** The channel is not served here. */
        UNKNOWN_CHANNEL,
        /** No chaincode of that name is defined on the channel. */
        UNKNOWN_CHAINCODE
    }

    private final Kind kind;

    public ProposalRejectedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
