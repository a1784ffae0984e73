package org.dataexchange.ledger.product;

/** Listing status of a registered product version; only LISTED versions trade. DELISTED is final. */
public enum ListingStatus {
    LISTED,
    SUSPENDED,
    DELISTED;

    public boolean canChangeTo(ListingStatus next) {
        return switch (this) {
            case LISTED -> next == SUSPENDED || next == DELISTED;
            case SUSPENDED -> next == LISTED || next == DELISTED;
            case DELISTED -> false;
        };
    }
}
