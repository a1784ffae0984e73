package org.dataexchange.marketplace.catalogue;

import java.util.Set;

/**
 * A product's place in listing review (不合规不挂牌): drafts are reviewed before they are listed; the operator
 * can suspend and reinstate a listing; delisting is final.
 */
// The moves between them are Product's transition methods, each naming the statuses it comes from (this Javadoc is
// the API document's description of the type, so it says only what a client needs).
public enum ProductStatus {
    DRAFT, IN_REVIEW, LISTED, REJECTED, SUSPENDED, DELISTED;

    /** No transition leaves these. */
    public static final Set<ProductStatus> FINAL = Set.of(DELISTED);

    /** States in which the merchant may edit the product. */
    public static final Set<ProductStatus> EDITABLE = Set.of(DRAFT, REJECTED, LISTED, SUSPENDED);

    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
