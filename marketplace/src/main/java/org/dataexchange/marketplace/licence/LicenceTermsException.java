package org.dataexchange.marketplace.licence;

/** Licence terms or an ODRL document that cannot be accepted; {@link #field()} names what is wrong. */
public final class LicenceTermsException extends RuntimeException {

    private final String field;

    public LicenceTermsException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field, e.g. {@code "permittedActions"}, or an ODRL property such as {@code "permission"}. */
    public String field() {
        return field;
    }
}
