package org.dataexchange.marketplace.offvenue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An off-venue deal's life. Registered by one party; confirmed or declined by the other; a confirmed deal is verified or
 * rejected by the operator; a verified deal is on its way to the ledger and becomes RECORDED when the ledger holds it
 * (or REJECTED, with the contract's refusal as its reason, when the ledger refuses it). Each state names the states it
 * is entered from (Eclipse EDC style); DECLINED, REJECTED and RECORDED are final.
 */
public enum OffVenueState {
    REGISTERED, CONFIRMED, DECLINED, VERIFIED, REJECTED, RECORDED;

    private static final Map<OffVenueState, Set<OffVenueState>> ENTERED_FROM = new EnumMap<>(OffVenueState.class);

    static {
        ENTERED_FROM.put(REGISTERED, EnumSet.noneOf(OffVenueState.class)); // registered by one party
        ENTERED_FROM.put(CONFIRMED, EnumSet.of(REGISTERED));
        ENTERED_FROM.put(DECLINED, EnumSet.of(REGISTERED));
        ENTERED_FROM.put(VERIFIED, EnumSet.of(CONFIRMED));
        ENTERED_FROM.put(REJECTED, EnumSet.of(CONFIRMED, VERIFIED));
        ENTERED_FROM.put(RECORDED, EnumSet.of(VERIFIED));
    }

    public Set<OffVenueState> enteredFrom() {
        return EnumSet.copyOf(ENTERED_FROM.get(this));
    }

    public boolean canBecome(OffVenueState next) {
        return ENTERED_FROM.get(next).contains(this);
    }

    public boolean isFinal() {
        return EnumSet.allOf(OffVenueState.class).stream().noneMatch(this::canBecome);
    }
}
