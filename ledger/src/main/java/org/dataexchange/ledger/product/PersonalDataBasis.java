package org.dataexchange.ledger.product;

import org.dataexchange.ledger.Arguments;

/**
 * Why personal data may be traded at all: the data subjects' recorded consent, or an attestation that
 * the data was anonymised. {@code reference} points at the evidence kept off-ledger.
 */
public record PersonalDataBasis(Kind kind, String reference) {

    public enum Kind {
        CONSENT,
        ANONYMISATION_ATTESTATION
    }

    public PersonalDataBasis validated(String field) {
        Arguments.required(kind, field + ".kind");
        Arguments.text(reference, field + ".reference");
        return this;
    }
}
