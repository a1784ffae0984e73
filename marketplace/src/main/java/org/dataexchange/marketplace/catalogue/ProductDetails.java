package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The parts of a product sheet (数据产品说明书) that are documents rather than columns. */
@Serdeable
public record ProductDetails(
        Provenance provenance,
        List<Contributor> contributors,
        int merchantShareBp,
        int platformFeeBp,
        List<SchemaField> schema,
        List<Map<String, Object>> sampleRows,
        Quality quality,
        @Nullable FilingRecord filing,
        @Nullable PersonalDataBasis personalData,
        LicenceOffer licence,
        List<PricingPlan> pricingPlans,
        @Nullable Declaration declaration,
        @Nullable List<ParentLicence> parents) {

    /** The parent licences of a derived product; empty for any other. */
    public List<ParentLicence> parentLicences() {
        return parents == null ? List.of() : parents;
    }

    /**
     * A licence a derived product is made under, as the merchant declared it: the certificate its organisation holds
     * (an order it bought), the parent product, the parent's merchant who is owed the royalty, and the royalty share of
     * each sale in basis points, which the licence's ODRL compensate duty names (0 when it names none).
     */
    @Serdeable
    public record ParentLicence(String certificateId, String orderId, String productId, String productTitle,
                                String productTitleEn, String merchantOrgId, String merchantName,
                                String merchantCreditCode, int royaltyBp) {}

    /** Where the data comes from, when it was collected, how much there is and how often it changes. */
    @Serdeable
    public record Provenance(@NotNull @Size(min = 1, max = 20) List<@NotBlank String> sources,
                             @NotNull LocalDate collectedFrom, @Nullable LocalDate collectedTo,
                             @PositiveOrZero long volumeRecords, @NotBlank @Size(max = 60) String updateFrequency) {}

    /** An upstream contributor who earns a share of every sale (谁投入、谁贡献、谁受益). */
    @Serdeable
    public record Contributor(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 128) String partyId,
                              @Min(1) @Max(10000) int shareBp) {}

    @Serdeable
    public record SchemaField(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 40) String type,
                              @Size(max = 500) String description) {}

    /** Quality measures the merchant states: completeness and accuracy in percent, and how they are checked. */
    @Serdeable
    public record Quality(@Min(0) @Max(100) int completenessPercent, @Min(0) @Max(100) int accuracyPercent,
                          @Size(max = 500) String method) {}

    /** The filing record (备案) important and core data need: what, how much, for what, who answers for it. */
    @Serdeable
    public record FilingRecord(@NotBlank @Size(max = 64) String reference, @NotBlank String source,
                               @NotBlank String purpose, @NotBlank String scope, @NotBlank String responsibleParty,
                               @NotBlank String sharing, boolean crossBorder, @NotBlank String protections,
                               @PositiveOrZero long scaleRecords) {}

    /** Consent or anonymisation attestation for personal data, with the evidence's reference. */
    @Serdeable
    public record PersonalDataBasis(@NotNull Kind kind, @NotBlank @Size(max = 128) String reference) {
        public enum Kind { CONSENT, ANONYMISATION_ATTESTATION }
    }

    /** The merchant's declaration of source, rights and quality (交易声明和承诺), made when submitting. */
    @Serdeable
    public record Declaration(boolean sourceLawful, boolean rightsHeld, boolean qualityAsDescribed,
                              String statement, Instant declaredAt, String declaredBy) {}
}
