package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;

/** A product in a list of search results. */
@Serdeable
public record ProductSummary(String id, String title, String titleEn, String merchantName, Industry industry, SourceType sourceType,
                             ClassificationLevel classificationLevel, String category, List<DeliveryMode> deliveryModes,
                             @Nullable Long minPriceMinor, String currency, ProductStatus status,
                             boolean requiresRegulatorApproval) {}
