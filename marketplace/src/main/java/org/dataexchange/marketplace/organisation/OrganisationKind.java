package org.dataexchange.marketplace.organisation;

/** What an organisation is on the exchange; the operator and the regulator are kept apart from traders. */
public enum OrganisationKind {
    MERCHANT,
    BUYER,
    OPERATOR,
    REGULATOR
}
