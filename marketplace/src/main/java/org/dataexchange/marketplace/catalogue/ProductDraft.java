package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;

/**
 * What a merchant writes to create or change a product (everything but files, status and review). Title and
 * description are the Chinese text, required; {@code titleEn} and {@code descriptionEn} their English, optional (the
 * store shows the other language where one is empty). {@code parentCertificates} makes it a derived product: the
 * certificates of the licences its organisation bought and derived it under, each owed its licence's royalty.
 */
@Serdeable
public record ProductDraft(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 8000) String description,
        @Nullable @Size(max = 200) String titleEn,
        @Nullable @Size(max = 8000) String descriptionEn,
        @NotNull @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags,
        @NotNull Industry industry,
        @NotNull SourceType sourceType,
        @NotNull ClassificationLevel classificationLevel,
        @NotBlank @Size(max = 100) String category,
        @NotEmpty Set<DeliveryMode> deliveryModes,
        boolean crossBorderAllowed,
        @NotNull @Valid ProductDetails.Provenance provenance,
        @NotNull @Size(max = 20) List<ProductDetails.@Valid Contributor> contributors,
        @Min(0) @Max(10000) int merchantShareBp,
        @Min(0) @Max(10000) int platformFeeBp,
        @NotNull @Size(max = 200) List<ProductDetails.@Valid SchemaField> schema,
        @NotNull @Size(max = 20) List<Map<String, Object>> sampleRows,
        @NotNull @Valid ProductDetails.Quality quality,
        @Nullable @Valid ProductDetails.FilingRecord filing,
        @Nullable @Valid ProductDetails.PersonalDataBasis personalData,
        @NotNull @Valid LicenceOffer.Draft licence,
        @NotEmpty @Size(max = 10) List<@Valid PricingPlan> pricingPlans,
        @Nullable @Size(max = 16) List<@NotBlank @Size(max = 128) String> parentCertificates) {

    String titleEnOrEmpty() {
        return titleEn == null ? "" : titleEn.trim();
    }

    String descriptionEnOrEmpty() {
        return descriptionEn == null ? "" : descriptionEn.trim();
    }
}
