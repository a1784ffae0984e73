package org.dataexchange.marketplace.order;

/**
 * An order's life (SPEC §4): created (or awaiting a regulator's approval for core data), paid (funds in
 * escrow, settlement requested), settling (submitted to the ledger), settled (on the ledger, certificate
 * issued), delivered; or cancelled before payment, refunded after a refusal.
 */
public enum OrderStatus {
    CREATED, AWAITING_APPROVAL, PAID, SETTLING, SETTLED, DELIVERED, CANCELLED, REFUNDED;

    public boolean canBecome(OrderStatus next) {
        return switch (this) {
            case AWAITING_APPROVAL -> next == CREATED || next == CANCELLED;
            case CREATED -> next == PAID || next == CANCELLED;
            case PAID -> next == SETTLING || next == REFUNDED;
            case SETTLING -> next == SETTLED || next == REFUNDED;
            case SETTLED -> next == DELIVERED;
            case DELIVERED, CANCELLED, REFUNDED -> false;
        };
    }
}
