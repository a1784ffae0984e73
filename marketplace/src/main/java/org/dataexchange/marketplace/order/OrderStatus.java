package org.dataexchange.marketplace.order;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An order's life (SPEC §4): created (or awaiting a regulator's approval for core data), paid (funds in
 * escrow, settlement requested), settling (submitted to the ledger), settled (on the ledger, certificate
 * issued), delivered; or cancelled before payment, refunded when the ledger refuses the trade or when a
 * complaint's decision refunds it in full.
 *
 * <p>Each status names the statuses it may be entered from (Eclipse EDC style); {@link PurchaseOrder}'s transition
 * methods are the only way to change an order's status and each checks this table. CANCELLED and REFUNDED are final.
 */
public enum OrderStatus {
    CREATED, AWAITING_APPROVAL, PAID, SETTLING, SETTLED, DELIVERED, CANCELLED, REFUNDED;

    private static final Map<OrderStatus, Set<OrderStatus>> ENTERED_FROM = new EnumMap<>(OrderStatus.class);

    static {
        ENTERED_FROM.put(AWAITING_APPROVAL, EnumSet.noneOf(OrderStatus.class)); // placed: core data
        ENTERED_FROM.put(CREATED, EnumSet.of(AWAITING_APPROVAL));                // placed, or approved
        ENTERED_FROM.put(PAID, EnumSet.of(CREATED));
        ENTERED_FROM.put(SETTLING, EnumSet.of(PAID));
        ENTERED_FROM.put(SETTLED, EnumSet.of(SETTLING));
        ENTERED_FROM.put(DELIVERED, EnumSet.of(SETTLED));
        ENTERED_FROM.put(CANCELLED, EnumSet.of(CREATED, AWAITING_APPROVAL));
        // From PAID or SETTLING when the ledger refuses the trade; from SETTLED or DELIVERED by a full refund.
        ENTERED_FROM.put(REFUNDED, EnumSet.of(PAID, SETTLING, SETTLED, DELIVERED));
    }

    /** The statuses an order may move to this one from. */
    public Set<OrderStatus> enteredFrom() {
        return EnumSet.copyOf(ENTERED_FROM.get(this));
    }

    public boolean canBecome(OrderStatus next) {
        return ENTERED_FROM.get(next).contains(this);
    }

    /** A final status is left by no transition. */
    public boolean isFinal() {
        return ENTERED_FROM.values().stream().noneMatch(from -> from.contains(this));
    }
}
