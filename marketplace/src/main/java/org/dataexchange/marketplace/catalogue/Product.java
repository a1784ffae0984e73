package org.dataexchange.marketplace.catalogue;

import static org.dataexchange.marketplace.catalogue.ProductStatus.DELISTED;
import static org.dataexchange.marketplace.catalogue.ProductStatus.DRAFT;
import static org.dataexchange.marketplace.catalogue.ProductStatus.IN_REVIEW;
import static org.dataexchange.marketplace.catalogue.ProductStatus.LISTED;
import static org.dataexchange.marketplace.catalogue.ProductStatus.REJECTED;
import static org.dataexchange.marketplace.catalogue.ProductStatus.SUSPENDED;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;

/**
 * A data product as stored: searchable columns plus the product sheet's documents as JSON. Its status changes only
 * through the transition methods below (EDC style: each names the statuses it comes from; {@link ProductStatus#FINAL}
 * statuses are left by none), which {@link ProductLifecycle} records.
 */
@MappedEntity("product")
record Product(
        @Id String id,
        String merchantOrgId,
        String title,
        String description,
        String titleEn,
        String descriptionEn,
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

    /** Submitted for its first listing review. */
    Product submitted(Instant at) {
        return moveTo(IN_REVIEW, at, DRAFT);
    }

    /** Listed once its version is registered on the ledger, or reinstated once the ledger lists it again. */
    Product listed(Instant at) {
        return moveTo(LISTED, at, IN_REVIEW, SUSPENDED);
    }

    /** Refused by the listing review. */
    Product rejected(Instant at) {
        return moveTo(REJECTED, at, IN_REVIEW);
    }

    /** A rejected product edited by its merchant: a draft again, to be submitted anew. */
    Product reopened(Instant at) {
        return moveTo(DRAFT, at, REJECTED);
    }

    /** Taken off sale by the operator for now. */
    Product suspended(Instant at) {
        return moveTo(SUSPENDED, at, LISTED);
    }

    /** Withdrawn for good, by its merchant or the operator; nothing in review is delisted. */
    Product delisted(Instant at) {
        return moveTo(DELISTED, at, DRAFT, REJECTED, LISTED, SUSPENDED);
    }

    /** The transition that reaches {@code next}, for callers that are given the target (the listing-change paths). */
    Product changedTo(ProductStatus next, Instant at) {
        return switch (next) {
            case DRAFT -> reopened(at);
            case IN_REVIEW -> submitted(at);
            case LISTED -> listed(at);
            case REJECTED -> rejected(at);
            case SUSPENDED -> suspended(at);
            case DELISTED -> delisted(at);
        };
    }

    private Product moveTo(ProductStatus next, Instant at, ProductStatus... from) {
        if (status.isFinal() || !List.of(from).contains(status)) {
            throw new StatusChangeRefused("a product " + status + " cannot become " + next);
        }
        return new Product(id, merchantOrgId, title, description, titleEn, descriptionEn, tags, industry, sourceType, classificationLevel,
                category, deliveryModes, crossBorderAllowed, detailsJson, next, requiresRegulatorApproval,
                refilingRequired, currentVersion, minPriceMinor, currency, createdAt, at);
    }

    Product withCurrentVersion(String version, Instant at) {
        return new Product(id, merchantOrgId, title, description, titleEn, descriptionEn, tags, industry, sourceType, classificationLevel,
                category, deliveryModes, crossBorderAllowed, detailsJson, status, requiresRegulatorApproval,
                refilingRequired, version, minPriceMinor, currency, createdAt, at);
    }

    Product withDetailsJson(String json, Instant at) {
        return new Product(id, merchantOrgId, title, description, titleEn, descriptionEn, tags, industry, sourceType, classificationLevel,
                category, deliveryModes, crossBorderAllowed, json, status, requiresRegulatorApproval,
                refilingRequired, currentVersion, minPriceMinor, currency, createdAt, at);
    }

    /** Listed or suspended: its terms are public, so changes go through a revision. */
    boolean isPublished() {
        return status == LISTED || status == SUSPENDED;
    }

    /** The operator and the regulator see every product; merchants their own. */
    boolean visibleUnlistedTo(Viewer viewer) {
        return viewer.is(Role.OPERATOR) || viewer.is(Role.REGULATOR)
                || viewer.is(Role.MERCHANT) && merchantOrgId.equals(viewer.organisationId());
    }

    /** A status change the lifecycle does not allow; nothing was changed. */
    static final class StatusChangeRefused extends RuntimeException {
        StatusChangeRefused(String message) {
            super(message);
        }
    }
}
