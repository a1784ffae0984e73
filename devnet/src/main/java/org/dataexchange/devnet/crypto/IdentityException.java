package org.dataexchange.devnet.crypto;

/** A creator or signature the network does not accept, with the reason. */
public final class IdentityException extends Exception {

    /** Why an identity or signature was refused; peers word their refusals by it. */
    public enum Reason {
        /** Not a SerializedIdentity, or its certificate cannot be decoded, or its MSP is not on the channel. */
        MALFORMED_OR_UNKNOWN_MSP,
        /** The certificate is not issued by the MSP's CA, or is a CA itself. */
        UNTRUSTED,
        /** The certificate is outside its validity period. */
        EXPIRED,
        /** The signature does not verify or is not low-S. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public IdentityException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
