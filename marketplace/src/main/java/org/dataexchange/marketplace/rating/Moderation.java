package org.dataexchange.marketplace.rating;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a rating stands with the operator: not looked at; queued (a blocked word held it, or a party reported it); kept
 * or hidden by the operator. Each names the states it is entered from. A kept rating goes back into the queue only when
 * the merchant's answer to it holds a blocked word.
 */
public enum Moderation {
    NONE, QUEUED, KEPT, HIDDEN;

    private static final Map<Moderation, Set<Moderation>> ENTERED_FROM = new EnumMap<>(Moderation.class);

    static {
        ENTERED_FROM.put(NONE, EnumSet.noneOf(Moderation.class)); // rated without a blocked word
        ENTERED_FROM.put(QUEUED, EnumSet.of(NONE, KEPT));          // rated with a blocked word, reported, or answered with one
        ENTERED_FROM.put(KEPT, EnumSet.of(QUEUED));
        ENTERED_FROM.put(HIDDEN, EnumSet.of(QUEUED));
    }

    public boolean canBecome(Moderation next) {
        return ENTERED_FROM.get(next).contains(this);
    }

    public Set<Moderation> enteredFrom() {
        return EnumSet.copyOf(ENTERED_FROM.get(this));
    }
}
