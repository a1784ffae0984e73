package org.dataexchange.marketplace.matching;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** An answer's life: offered, then accepted by the buyer or not chosen (another was, or the need closed). */
public enum AnswerState {
    OFFERED, ACCEPTED, NOT_CHOSEN;

    private static final Map<AnswerState, Set<AnswerState>> ENTERED_FROM = new EnumMap<>(AnswerState.class);

    static {
        ENTERED_FROM.put(OFFERED, EnumSet.noneOf(AnswerState.class));
        ENTERED_FROM.put(ACCEPTED, EnumSet.of(OFFERED));
        ENTERED_FROM.put(NOT_CHOSEN, EnumSet.of(OFFERED));
    }

    public Set<AnswerState> enteredFrom() {
        return EnumSet.copyOf(ENTERED_FROM.get(this));
    }
}
