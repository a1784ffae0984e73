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
    // table (the lifecycle test checks they agree), and a transition the table does not allow is refused too. Only the
    // order package writes orders: OrderService.apply and applyAll take an OrderTransition, lock or read the order as it
    // is now, apply it, write the order and record the transition.

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

    /**
     * Recorded on the ledger in the given transaction and block, with the licence certificate issued with it; without
     * one ({@code certificateId} null) the order is settled and {@linkplain #awaitingCertificate() awaiting its
     * certificate}.
     */
    public PurchaseOrder settled(String txId, long block, String certificateId) {
        require(OrderStatus.SETTLED, OrderStatus.SETTLING);
        return with(OrderStatus.SETTLED, detailsVersion, txId, block, certificateId, null);
    }

    /** The first delivery of a settled order; an order awaiting its certificate is not delivered. */
    public PurchaseOrder delivered() {
        if (awaitingCertificate()) {
            throw refused(OrderStatus.DELIVERED, "its licence certificate is not issued yet");
        }
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

    // ------------------------------------------------------------------ settled, certificate still missing

    /**
     * Settled on the ledger while its licence certificate is not issued yet (a trade recorded before trades and
     * certificates were settled together, or a certificate the ledger refused): the money has moved, nothing is
     * delivered until {@link #certified} names the certificate. A flag of the SETTLED status, not a status of its own:
     * the order keeps every other rule of SETTLED.
     */
    public boolean awaitingCertificate() {
        return status == OrderStatus.SETTLED && certificateId == null;
    }

    /** The certificate of a settled order that was awaiting it is on the ledger now. */
    public PurchaseOrder certified(String certId) {
        if (!awaitingCertificate() || certId == null) {
            throw org.dataexchange.marketplace.problem.ApiProblem.conflict("Certificate not awaited", "order " + id + " is " + status + (certificateId == null ? "" : " with certificate "
                    + certificateId) + " and awaits no certificate");
        }
        return with(status, detailsVersion, transactionId, blockNumber, certId, failureReason);
    }

    private PurchaseOrder to(OrderStatus next, OrderStatus... from) {
        require(next, from);
        return with(next, detailsVersion, transactionId, blockNumber, certificateId, failureReason);
    }

    /** Refuses (409 when it reaches the API) a move the state machine does not make from the order's status. */
    private void require(OrderStatus next, OrderStatus... from) {
        if (!java.util.List.of(from).contains(status) || !status.canBecome(next)) {
            throw refused(next, null);
        }
    }

    private org.dataexchange.marketplace.problem.ApiProblem refused(OrderStatus next, String why) {
        return org.dataexchange.marketplace.problem.ApiProblem.conflict("Status change not allowed",
                "order " + id + " is " + status + " and cannot become " + next + (why == null ? "" : ": " + why));
    }

    // ------------------------------------------------------------------ changes within a status (the order package's own)

    /** The order whose details changed: the next details version. */
    PurchaseOrder withNewDetails() {
        return with(status, detailsVersion + 1, transactionId, blockNumber, certificateId, failureReason);
    }

    /** Its licence revoked on the ledger: access ends whatever the status. */
    PurchaseOrder revoked() {
        return new PurchaseOrder(id, idempotencyKey, requestHash, buyerAccountId, buyerOrgId, productId, productVersion, planId,
                amountMinor, currency, status, detailsVersion, agreementHash, transactionId, blockNumber, certificateId, failureReason,
                createdAt, Instant.now(), true, paidAt);
    }
}
