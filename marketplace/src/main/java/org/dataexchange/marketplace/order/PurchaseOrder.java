package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An order as stored; what it agreed (scenario, agreement, split, gates) is in {@code detailsJson}. */
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
        String detailsJson,
        String agreementHash,
        @Nullable String transactionId,
        @Nullable Long blockNumber,
        @Nullable String certificateId,
        @Nullable String failureReason,
        Instant createdAt,
        Instant updatedAt,
        boolean licenceRevoked) {

    PurchaseOrder with(OrderStatus next, String newDetails, String txId, Long block, String certId, String failure) {
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, next, newDetails, agreementHash, txId, block, certId, failure, createdAt, Instant.now(), licenceRevoked);
    }

    public PurchaseOrder withStatus(OrderStatus next) {
        return with(next, detailsJson, transactionId, blockNumber, certificateId, failureReason);
    }

    public PurchaseOrder withDetails(String newDetails) {
        return with(status, newDetails, transactionId, blockNumber, certificateId, failureReason);
    }

    public PurchaseOrder settled(String txId, long block) {
        return with(OrderStatus.SETTLED, detailsJson, txId, block, certificateId, null);
    }

    public PurchaseOrder withCertificate(String certId) {
        return with(status, detailsJson, transactionId, blockNumber, certId, failureReason);
    }

    public PurchaseOrder revoked() {
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, status, detailsJson, agreementHash, transactionId, blockNumber, certificateId, failureReason,
                createdAt, Instant.now(), true);
    }

    public PurchaseOrder failed(OrderStatus next, String reason) {
        return with(next, detailsJson, transactionId, blockNumber, certificateId, reason);
    }
}
