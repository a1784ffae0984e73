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

    private PurchaseOrder with(OrderStatus next, int newDetails, String txId, Long block, String certId, String failure) {
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, next, newDetails, agreementHash, txId, block, certId, failure, createdAt, Instant.now(), licenceRevoked,
                paidAt);
    }

    // ------------------------------------------------------------------ transitions
    // The only ways to change an order's status. Each names the statuses it may come from; OrderStatus holds the same
    // table, and a transition the table does not allow is refused too. The caller writes the changed order and records
    // the transition (OrderService.apply does both for one order; settlement writes its batches itself).

    /** The regulator approved a core-data order: it may be paid now. */
    public PurchaseOrder approved() {
        return to(OrderStatus.CREATED, OrderStatus.AWAITING_APPROVAL);
    }

    /** The order paid at the given time, which starts its licence term. */
    public PurchaseOrder paid(Instant at) {
        require(OrderStatus.PAID, OrderStatus.CREATED);
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, OrderStatus.PAID, detailsVersion, agreementHash, transactionId, blockNumber, certificateId,
                failureReason, createdAt, at, licenceRevoked, at);
    }

    /** Cancelled before payment, by the buyer or by the regulator's refusal. */
    public PurchaseOrder cancelled() {
        return to(OrderStatus.CANCELLED, OrderStatus.CREATED, OrderStatus.AWAITING_APPROVAL);
    }

    /** Submitted to the ledger. */
    public PurchaseOrder settling() {
        return to(OrderStatus.SETTLING, OrderStatus.PAID);
    }

    /** Recorded on the ledger in the given transaction and block. */
    public PurchaseOrder settled(String txId, long block) {
        require(OrderStatus.SETTLED, OrderStatus.SETTLING);
        return with(OrderStatus.SETTLED, detailsVersion, txId, block, certificateId, null);
    }

    /** The first delivery of a settled order. */
    public PurchaseOrder delivered() {
        return to(OrderStatus.DELIVERED, OrderStatus.SETTLED);
    }

    /** The ledger refused the trade for good; the buyer's escrow goes back (the caller posts it). */
    public PurchaseOrder refusedByLedger(String reason) {
        require(OrderStatus.REFUNDED, OrderStatus.PAID, OrderStatus.SETTLING);
        return with(OrderStatus.REFUNDED, detailsVersion, transactionId, blockNumber, certificateId, reason);
    }

    /** A complaint's decision refunded the settled trade in full (the caller posts the refund and revokes the licence). */
    public PurchaseOrder refundedInFull(String reason) {
        require(OrderStatus.REFUNDED, OrderStatus.SETTLED, OrderStatus.DELIVERED);
        return with(OrderStatus.REFUNDED, detailsVersion, transactionId, blockNumber, certificateId, reason);
    }

    private PurchaseOrder to(OrderStatus next, OrderStatus... from) {
        require(next, from);
        return with(next, detailsVersion, transactionId, blockNumber, certificateId, failureReason);
    }

    /** Refuses (409 when it reaches the API) a move the state machine does not make from the order's status. */
    private void require(OrderStatus next, OrderStatus... from) {
        if (!java.util.List.of(from).contains(status) || !status.canBecome(next)) {
            throw org.dataexchange.marketplace.problem.ApiProblem.conflict("Status change not allowed",
                    "order " + id + " is " + status + " and cannot become " + next);
        }
    }

    // ------------------------------------------------------------------ changes within a status

    /** The order whose details changed: the next details version. */
    public PurchaseOrder withNewDetails() {
        return with(status, detailsVersion + 1, transactionId, blockNumber, certificateId, failureReason);
    }

    public PurchaseOrder withCertificate(String certId) {
        return with(status, detailsVersion, transactionId, blockNumber, certId, failureReason);
    }

    public PurchaseOrder revoked() {
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, status, detailsVersion, agreementHash, transactionId, blockNumber, certificateId, failureReason,
                createdAt, Instant.now(), true, paidAt);
    }
}
