package org.dataexchange.ledger.product;

import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;

/**
 * What the operator registers when a product version passes listing review. Only digests and
 * metadata: the data itself never reaches the ledger.
 *
 * @param filingReference the filing record (备案) id, required for important and core data
 * @param personalDataBasis required when {@code sourceType} is PERSONAL
 */
public record ProductRegistration(
        String productId,
        String version,
        String merchantId,
        String contentDigest,
        ClassificationLevel classificationLevel,
        String category,
        SourceType sourceType,
        String industry,
        boolean crossBorderAllowed,
        String filingReference,
        PersonalDataBasis personalDataBasis) {

    /** Checks shape and the registration-time compliance rules of SPEC §6. */
    public ProductRegistration validated() {
        Arguments.text(productId, "productId", 128);
        Arguments.text(version, "version", 64);
        Arguments.text(merchantId, "merchantId", 128);
        Arguments.sha256Hex(contentDigest, "contentDigest");
        Arguments.required(classificationLevel, "classificationLevel");
        Arguments.text(category, "category");
        Arguments.required(sourceType, "sourceType");
        Arguments.text(industry, "industry", 64);
        Arguments.optionalText(filingReference, "filingReference");
        if (classificationLevel.atLeast(ClassificationLevel.IMPORTANT) && filingReference == null) {
            throw ErrorCode.FILING_RECORD_REQUIRED.refuse(
                    productId + " v" + version + " is " + classificationLevel + " data and has no filingReference");
        }
        if (personalDataBasis != null) {
            personalDataBasis.validated("personalDataBasis");
        } else if (sourceType == SourceType.PERSONAL) {
            throw ErrorCode.PERSONAL_DATA_BASIS_REQUIRED.refuse(
                    productId + " v" + version + " contains personal data and has no personalDataBasis");
        }
        return this;
    }
}
