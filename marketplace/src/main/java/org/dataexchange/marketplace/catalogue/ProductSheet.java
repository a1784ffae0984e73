package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;

/**
 * The product sheet (数据产品说明书): one standard page with what the data is, its fields, coverage, update
 * frequency, quality, samples, delivery, licence, classification and compliance, and the ledger registration
 * of each version, so a buyer can judge the data before ordering. What it shows are the terms in force (listed); its
 * merchant, the operator and the regulator also see a change under review ({@code pendingRevision}) and a ledger write
 * decided but not yet committed ({@code pendingLedgerWrite}), and why the latest registration did not reach the ledger
 * ({@code ledgerRefusal}: refused by the ledger, or stopped before it because a parent licence is no longer usable).
 */
@Serdeable
public record ProductSheet(
        String id,
        String title,
        String description,
        String titleEn,
        String descriptionEn,
        List<String> tags,
        Merchant merchant,
        Industry industry,
        SourceType sourceType,
        Classification classification,
        ProductDetails.Provenance provenance,
        List<ProductDetails.Contributor> contributors,
        RevenueShares revenueShares,
        List<ProductDetails.SchemaField> schema,
        List<Map<String, Object>> sampleRows,
        ProductDetails.Quality quality,
        List<DeliveryMode> deliveryModes,
        LicenceOffer licence,
        List<PricingPlan> pricingPlans,
        Compliance compliance,
        ProductStatus status,
        @Nullable String currentVersion,
        List<Version> versions,
        @Nullable List<ProductTransition> transitions,
        Instant updatedAt,
        @Nullable PendingRevision pendingRevision,
        @Nullable String pendingLedgerWrite,
        List<DerivedFrom> derivedFrom,
        @Nullable LedgerRefusal ledgerRefusal) {

    /**
     * Why the latest registration of a version did not reach the ledger, so the product stays in review and nothing is
     * on sale: {@code code} is stable — {@code PARENT_LICENCE_UNUSABLE} when a parent licence stopped it before the
     * ledger ({@code parent} names it and the checks it failed), otherwise the ledger's own error code. The operator can
     * only reject it (approving again is refused, 409 {@code parent-licence-unusable}); {@code message} says it in
     * English for logs and scripts.
     */
    @Serdeable
    public record LedgerRefusal(@Nullable String code, boolean revision, String version, Instant decidedAt,
                                Instant refusedAt, @Nullable RefusedParent parent, String message) {}

    /** The parent licence that stopped a registration: its certificate, what it licenses, and the checks it failed. */
    @Serdeable
    public record RefusedParent(String certificateId, @Nullable String productId, @Nullable String title,
                                @Nullable String titleEn, @Nullable String merchantName, List<ParentLicences.Failure> failed) {}

    /**
     * A parent of a derived product ("derived from …"): the licence it is derived under (certificate), the licensed
     * product, its merchant, and the royalty each sale of this product pays that merchant, in basis points of the price.
     */
    @Serdeable
    public record DerivedFrom(String certificateId, String productId, String title, String titleEn, String merchantName,
                              int royaltyBp) {}

    @Serdeable
    public record Merchant(String organisationId, String name, String creditCode) {}

    @Serdeable
    public record Classification(ClassificationLevel level, String category, boolean requiresRegulatorApproval,
                                 String tradingNote) {}

    @Serdeable
    public record RevenueShares(int merchantBp, List<ProductDetails.Contributor> contributors, int platformFeeBp) {}

    @Serdeable
    public record Compliance(@Nullable String filingReference, boolean refilingRequired, boolean crossBorderAllowed,
                             @Nullable ProductDetails.PersonalDataBasis personalData,
                             @Nullable ProductDetails.Declaration declaration) {}

    /** A version with its digest and where the ledger recorded it. */
    @Serdeable
    public record Version(String version, String sha256, long sizeBytes, long volumeRecords, @Nullable String ledgerTxId,
                          @Nullable Long ledgerBlock, Instant createdAt) {}
}
