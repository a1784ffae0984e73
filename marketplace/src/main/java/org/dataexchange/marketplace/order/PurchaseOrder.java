package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An order as stored. What it agreed (scenario, agreement, split, gates) is kept apart in the order's details row,
 * written when the order is placed and when its details change, which bumps {@code detailsVersion}; the order row
 * itself stays small, so the status changes of settlement rewrite little.
 */
@MappedEntity("purchase_order")
public record PurchaseOrder(
        @Id String id,
        String idempotencyKey,
        String requestHash,
        String buyerAccountId,
        String buyerOrgId,
        String productId,
        String productVersion,
        String planId,
        long amountMinor,
        String currency,
        OrderStatus status,
        int detailsVersion,
        String agreementHash,
        @Nullable String transactionId,
        @Nullable Long blockNumber,
        @Nullable String certificateId,
        @Nullable String failureReason,
        Instant createdAt,
        Instant updatedAt,
        boolean licenceRevoked,
        @Nullable Instant paidAt) {

    PurchaseOrder with(OrderStatus next, int newDetails, String txId, Long block, String certId, String failure) {
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, next, newDetails, agreementHash, txId, block, certId, failure, createdAt, Instant.now(), licenceRevoked,
                paidAt);
    }

    public PurchaseOrder withStatus(OrderStatus next) {
        return with(next, detailsVersion, transactionId, blockNumber, certificateId, failureReason);
    }

    /** The order whose details changed: the next details version. */
    public PurchaseOrder withNewDetails() {
        return with(status, detailsVersion + 1, transactionId, blockNumber, certificateId, failureReason);
    }

    public PurchaseOrder settled(String txId, long block) {
        return with(OrderStatus.SETTLED, detailsVersion, txId, block, certificateId, null);
    }

    public PurchaseOrder withCertificate(String certId) {
        return with(status, detailsVersion, transactionId, blockNumber, certId, failureReason);
    }

    public PurchaseOrder revoked() {
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, status, detailsVersion, agreementHash, transactionId, blockNumber, certificateId, failureReason,
                createdAt, Instant.now(), true, paidAt);
    }

    /** The order paid at the given time, which starts its licence term. */
    public PurchaseOrder paid(Instant at) {
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, OrderStatus.PAID, detailsVersion, agreementHash, transactionId, blockNumber, certificateId,
                failureReason, createdAt, at, licenceRevoked, at);
    }

    public PurchaseOrder failed(OrderStatus next, String reason) {
        return with(next, detailsVersion, transactionId, blockNumber, certificateId, reason);
    }
}
