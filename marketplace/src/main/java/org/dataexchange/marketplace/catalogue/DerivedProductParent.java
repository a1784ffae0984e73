package org.dataexchange.marketplace.catalogue;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A parent licence of a derived product, kept once a version naming it is registered on the ledger; {@code id} is
 * the product and the certificate. A parent's merchant finds here the products whose sales owe it a royalty.
 */
@MappedEntity("derived_product_parent")
record DerivedProductParent(@Id String id, String productId, String certificateId, String parentProductId,
                            String parentMerchantOrgId, int royaltyBp, Instant registeredAt) {

    static DerivedProductParent of(String productId, ProductDetails.ParentLicence parent, Instant at) {
        return new DerivedProductParent(productId + "|" + parent.certificateId(), productId, parent.certificateId(),
                parent.productId(), parent.merchantOrgId(), parent.royaltyBp(), at);
    }
}
