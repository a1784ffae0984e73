package org.dataexchange.ledger.product;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;

/**
 * What the operator registers when a product version passes listing review. Only digests and
 * metadata: the data itself never reaches the ledger.
 *
 * @param filingReference the filing record (备案) id, required for important and core data
 * @param personalDataBasis required when {@code sourceType} is PERSONAL
 * @param parents for a derived product, the licences it is derived under with their royalties; null (omitted from
 *     the canonical JSON, so a plain product's registration is the same bytes as before) or empty for any other
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
        PersonalDataBasis personalDataBasis,
        List<ParentLicence> parents) {

    public static final int MAX_PARENTS = 16;

    public ProductRegistration {
        parents = parents == null || parents.isEmpty() ? null : List.copyOf(parents);
    }

    /** A product derived from no licensed parent. */
    public ProductRegistration(String productId, String version, String merchantId, String contentDigest,
                               ClassificationLevel classificationLevel, String category, SourceType sourceType,
                               String industry, boolean crossBorderAllowed, String filingReference,
                               PersonalDataBasis personalDataBasis) {
        this(productId, version, merchantId, contentDigest, classificationLevel, category, sourceType, industry,
                crossBorderAllowed, filingReference, personalDataBasis, null);
    }

    /** The parent licences, empty for a product derived from none. */
    public List<ParentLicence> parentLicences() {
        return parents == null ? List.of() : parents;
    }

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
        if (parents != null) {
            if (parents.size() > MAX_PARENTS) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("a product has at most " + MAX_PARENTS + " parent licences");
            }
            Set<String> seen = new HashSet<>();
            int royalties = 0;
            for (int i = 0; i < parents.size(); i++) {
                ParentLicence parent = Arguments.required(parents.get(i), "parents[" + i + "]").validated("parents[" + i + "]");
                if (!seen.add(parent.certificateId())) {
                    throw ErrorCode.INVALID_ARGUMENT.refuse("parent licence " + parent.certificateId() + " is named twice");
                }
                royalties += parent.royaltyBp();
            }
            if (royalties > 10_000) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("the parents' royalties sum to " + royalties
                        + " basis points, more than the whole price");
            }
        }
        return this;
    }
}
