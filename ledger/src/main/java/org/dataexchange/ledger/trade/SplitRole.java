package org.dataexchange.ledger.trade;

/** Why a party receives part of a trade's price (谁投入、谁贡献、谁受益). */
public enum SplitRole {
    /** The selling data merchant. */
    MERCHANT,
    /** An upstream contributor of the data. */
    CONTRIBUTOR,
    /** The exchange's fee. */
    PLATFORM,
    /** A parent licence's royalty on a derived product's sale (ODRL compensate), paid to the parent's merchant. */
    ROYALTY
}
