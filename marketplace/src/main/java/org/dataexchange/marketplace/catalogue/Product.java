package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;

/** A data product as stored: searchable columns plus the product sheet's documents as JSON. */
@MappedEntity("product")
public record Product(
        @Id String id,
        String merchantOrgId,
        String title,
        String description,
        String tags,
        Industry industry,
        SourceType sourceType,
        ClassificationLevel classificationLevel,
        String category,
        String deliveryModes,
        boolean crossBorderAllowed,
        String detailsJson,
        ProductStatus status,
        boolean requiresRegulatorApproval,
        boolean refilingRequired,
        @Nullable String currentVersion,
        @Nullable Long minPriceMinor,
        String currency,
        Instant createdAt,
        Instant updatedAt) {

    public Product withStatus(ProductStatus next, Instant at) {
        return new Product(id, merchantOrgId, title, description, tags, industry, sourceType, classificationLevel,
                category, deliveryModes, crossBorderAllowed, detailsJson, next, requiresRegulatorApproval,
                refilingRequired, currentVersion, minPriceMinor, currency, createdAt, at);
    }

    public Product withCurrentVersion(String version, Instant at) {
        return new Product(id, merchantOrgId, title, description, tags, industry, sourceType, classificationLevel,
                category, deliveryModes, crossBorderAllowed, detailsJson, status, requiresRegulatorApproval,
                refilingRequired, version, minPriceMinor, currency, createdAt, at);
    }
}
