package org.dataexchange.ledger.product;

import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;

/**
 * A licence a derived product is made under: the certificate its merchant holds for the parent product, the parent's
 * merchant who is owed the royalty ({@code merchantId}, the certificate's seller), and the royalty share of every sale
 * of the derived product in basis points, as the licence's ODRL {@code compensate} duty names it.
 */
public record ParentLicence(String certificateId, String merchantId, int royaltyBp) {

    ParentLicence validated(String field) {
        Arguments.text(certificateId, field + ".certificateId", 128);
        Arguments.text(merchantId, field + ".merchantId", 128);
        if (royaltyBp < 0 || royaltyBp > 10_000) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + ".royaltyBp must be 0 to 10000 basis points, was " + royaltyBp);
        }
        return this;
    }
}
