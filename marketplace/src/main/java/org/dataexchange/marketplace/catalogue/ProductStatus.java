package org.dataexchange.marketplace.catalogue;

import java.util.Set;

/**
 * A product's place in listing review (不合规不挂牌): drafts are reviewed before they are listed; the operator
 * can suspend and reinstate a listing; delisting is final.
 */
public enum ProductStatus {
    DRAFT, IN_REVIEW, LISTED, REJECTED, SUSPENDED, DELISTED;

    public boolean canBecome(ProductStatus next) {
        return switch (this) {
            case DRAFT -> next == IN_REVIEW || next == DELISTED;
            case IN_REVIEW -> next == LISTED || next == REJECTED;
            case REJECTED -> next == DRAFT || next == DELISTED;
            case LISTED -> next == SUSPENDED || next == DELISTED;
            case SUSPENDED -> next == LISTED || next == DELISTED;
            case DELISTED -> false;
        };
    }

    /** States in which the merchant may edit the product. */
    public static final Set<ProductStatus> EDITABLE = Set.of(DRAFT, REJECTED, LISTED, SUSPENDED);
}
