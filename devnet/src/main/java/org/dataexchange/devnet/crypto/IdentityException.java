package org.dataexchange.devnet.crypto;

/** A creator or signature the network does not accept, with the reason. */
public final class IdentityException extends Exception {
    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
