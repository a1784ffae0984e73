package org.dataexchange.devnet.crypto;

/** What an organisation is on the channel: the operator runs the peer and writes; the regulator reads. */
public enum OrgRole {
    OPERATOR,
    REGULATOR,
    MEMBER
}
