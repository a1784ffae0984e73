package org.dataexchange.marketplace.matching;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A data need's life: open for answers until its deadline; then matched (the buyer accepted an answer and an order was
 * placed on it), expired (the deadline passed) or withdrawn by the buyer. Each state names the states it is entered
 * from (Eclipse EDC style); the three closed states are final.
 */
public enum NeedState {
    OPEN, MATCHED, EXPIRED, WITHDRAWN;

    private static final Map<NeedState, Set<NeedState>> ENTERED_FROM = new EnumMap<>(NeedState.class);

    static {
        ENTERED_FROM.put(OPEN, EnumSet.noneOf(NeedState.class)); // posted
        ENTERED_FROM.put(MATCHED, EnumSet.of(OPEN));
        ENTERED_FROM.put(EXPIRED, EnumSet.of(OPEN));
        ENTERED_FROM.put(WITHDRAWN, EnumSet.of(OPEN));
    }

    public Set<NeedState> enteredFrom() {
        return EnumSet.copyOf(ENTERED_FROM.get(this));
    }

    public boolean canBecome(NeedState next) {
        return ENTERED_FROM.get(next).contains(this);
    }
}
