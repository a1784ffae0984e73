package org.dataexchange.marketplace.account;

/** What an account may do; endpoints admit roles by these names. */
public enum Role {
    MERCHANT,
    BUYER,
    OPERATOR,
    REGULATOR
}
