package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;

/**
 * What the operator reads before deciding a review, beside the product sheet: the terms under review (the product's
 * own, or its revision's), the filing record (备案) in full, the personal-data basis, the merchant's declaration
 * (交易声明和承诺), the findings of the review rules of SPEC §6 and, for a derived product, the checks of each parent
 * licence. A finding {@code FAILED} means approval will be
 * refused with that reason; {@code approvable} is true when there is none.
 */
@Serdeable
public record ReviewDossier(String productId, @Nullable ReviewItem.Kind kind, ProductStatus status, String title,
                            String titleEn,
                            String category, ClassificationLevel classificationLevel, SourceType sourceType,
                            Industry industry, List<DeliveryMode> deliveryModes, boolean crossBorderAllowed,
                            @Nullable ProductDetails.FilingRecord filing,
                            @Nullable ProductDetails.PersonalDataBasis personalData,
                            @Nullable ProductDetails.Declaration declaration, boolean refilingRequired,
                            List<Finding> findings, boolean approvable, List<ParentLicences.Check> parents) {

    /** The review rules, each a line of the operator's checklist. */
    public enum Rule {
        /** Nothing on the negative list (负面清单) in title, description, tags, category or schema. */
        NEGATIVE_LIST,
        /** The merchant declared source, rights and quality. */
        DECLARATION,
        /** Important and core data carry a filing record. */
        FILING_RECORD,
        /** Personal data carries a consent basis or an anonymisation attestation. */
        PERSONAL_DATA_BASIS,
        /** Raw public data stays in its domain: no file download (原始数据不出域). */
        RAW_PUBLIC_DATA,
        /** Cross-border trade only when the filing record says the data goes abroad. */
        CROSS_BORDER_FILED,
        /** The gates the classification puts on every trade (regulator approval, data-security agreement). */
        CLASSIFICATION_GATES,
        /** A change of a filed field or of the volume by 30% or more needs refiling (备案变更). */
        REFILING,
        /**
         * A derived product's parent licences: each held by the merchant, in force, permitting deriving and the sale or
         * distribution of what is derived ({@code parents} has each check; the items name the failing certificates).
         */
        PARENT_LICENCES
    }

    public enum Outcome { PASSED, FAILED, NOTE, NOT_APPLICABLE }

    /** One rule's outcome; {@code items} are what it found (banned terms, the filing reference, the gates). */
    @Serdeable
    public record Finding(Rule rule, Outcome outcome, List<String> items) {}
}
