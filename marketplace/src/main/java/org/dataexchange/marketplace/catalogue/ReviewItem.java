package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;

/**
 * An entry of the operator's review queue: a product submitted for its first listing ({@code LISTING}), or a revision
 * of a listed product ({@code REVISION}, with its changes against the listed terms). The summary fields are the
 * product's as listed; {@code id} is the product's id, which the approve and reject paths take. {@code ledgerRefusal}
 * is the code of a registration that did not reach the ledger after an earlier approval (the sheet says why in full):
 * such a product can only be rejected.
 */
@Serdeable
public record ReviewItem(Kind kind, String id, String title, String titleEn, String merchantName, Industry industry, SourceType sourceType,
                         ClassificationLevel classificationLevel, String category, List<DeliveryMode> deliveryModes,
                         @Nullable Long minPriceMinor, String currency, ProductStatus status,
                         boolean requiresRegulatorApproval, @Nullable PendingRevision revision,
                         @Nullable String ledgerRefusal) {

    public enum Kind { LISTING, REVISION }

    static ReviewItem of(Kind kind, ProductSummary s, @Nullable PendingRevision revision,
                         @Nullable ProductSheet.LedgerRefusal refusal) {
        return new ReviewItem(kind, s.id(), s.title(), s.titleEn(), s.merchantName(), s.industry(), s.sourceType(), s.classificationLevel(),
                s.category(), s.deliveryModes(), s.minPriceMinor(), s.currency(), s.status(), s.requiresRegulatorApproval(),
                revision, refusal == null ? null : refusal.code() == null ? "LEDGER_REFUSED" : refusal.code());
    }
}
