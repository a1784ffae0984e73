package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;

/**
 * The moves other features may ask of an order, handed to {@link OrderService#apply} or {@link OrderService#applyAll}.
 * Sealed, so that no other package can write an order in a status of its choosing: each move is one of {@link
 * PurchaseOrder}'s guarded transitions, which names the statuses it may come from. (Placing, paying, cancelling,
 * approving and refunding are the order package's own and go through {@link OrderService}'s methods.)
 */
public sealed interface OrderTransition {

    /** The order after the move, or a refusal (409) when its status does not allow it. */
    PurchaseOrder applyTo(PurchaseOrder order);

    /** PAID → SETTLING: submitted to the ledger. */
    record Settling() implements OrderTransition {
        @Override
        public PurchaseOrder applyTo(PurchaseOrder order) {
            return order.settling();
        }
    }

    /** SETTLING → SETTLED: recorded in a transaction and block, with its certificate (null: awaiting it). */
    record Settled(String txId, long block, @Nullable String certificateId) implements OrderTransition {
        @Override
        public PurchaseOrder applyTo(PurchaseOrder order) {
            return order.settled(txId, block, certificateId);
        }
    }

    /** SETTLED awaiting its certificate → SETTLED with it. */
    record Certified(String certificateId) implements OrderTransition {
        @Override
        public PurchaseOrder applyTo(PurchaseOrder order) {
            return order.certified(certificateId);
        }
    }

    /** PAID or SETTLING → REFUNDED: the ledger refused the trade for good. */
    record RefusedByLedger(String reason) implements OrderTransition {
        @Override
        public PurchaseOrder applyTo(PurchaseOrder order) {
            return order.refusedByLedger(reason);
        }
    }

    /** SETTLED → DELIVERED: the first delivery. */
    record Delivered() implements OrderTransition {
        @Override
        public PurchaseOrder applyTo(PurchaseOrder order) {
            return order.delivered();
        }
    }
}
