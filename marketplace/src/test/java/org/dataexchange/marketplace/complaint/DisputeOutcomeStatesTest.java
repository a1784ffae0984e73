package org.dataexchange.marketplace.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.dataexchange.marketplace.complaint.DisputeOutcomes.Pending;
import org.dataexchange.marketplace.complaint.DisputeOutcomes.State;
import org.junit.jupiter.api.Test;

/** Every (from, to) pair of a complaint outcome's way to the ledger, against the table of allowed moves. */
class DisputeOutcomeStatesTest {

    /** to -> the states it may be entered from. */
    private static final Map<State, Set<State>> EXPECTED = Map.of(
            State.PENDING, Set.of(State.PENDING),
            State.RECORDED, Set.of(State.PENDING),
            State.FAILED, Set.of(State.PENDING));

    /** Every move of an outcome, by the state it leads to. */
    private static final Map<State, List<UnaryOperator<Pending>>> MOVES = Map.of(
            State.PENDING, List.of(p -> p.leasedUntil(Instant.parse("2026-01-02T00:00:00Z")),
                    p -> p.retried("ledger unavailable", Duration.ofSeconds(2))),
            State.RECORDED, List.of(p -> p.recorded("tx-9", 12)),
            State.FAILED, List.of(p -> p.failed("OUTCOME_EXCEEDS_TRADE")));

    private static Pending outcomeIn(State state) {
        return new Pending("OUT-1", "C-1", "O-1", "{}", null, state, 1, Instant.parse("2026-01-01T00:00:00Z"), null,
                null, null, Instant.parse("2025-12-31T00:00:00Z"));
    }

    @Test
    void everyPairIsAllowedExactlyWhenTheTableSaysSo() {
        int checked = 0;
        for (State from : State.values()) {
            for (State to : State.values()) {
                boolean expected = EXPECTED.get(to).contains(from);
                assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(expected);
                assertThat(to.enteredFrom().contains(from)).isEqualTo(expected);
                boolean moved = false;
                for (UnaryOperator<Pending> move : MOVES.get(to)) {
                    Pending before = outcomeIn(from);
                    try {
                        Pending after = move.apply(before);
                        assertThat(after.state()).isEqualTo(to);
                        assertThat(after.complaintId()).isEqualTo("C-1");
                        moved = true;
                    } catch (IllegalStateException refused) {
                        assertThat(refused.getMessage()).contains("cannot become " + to + " from " + from);
                        assertThat(before).as("a refused move changes nothing").isEqualTo(outcomeIn(from));
                    }
                }
                assertThat(moved).as("a move takes an outcome " + from + " -> " + to).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(9);
        assertThat(State.RECORDED.isFinal()).isTrue();
        assertThat(State.FAILED.isFinal()).isTrue();
        assertThat(State.PENDING.isFinal()).isFalse();
    }

    @Test
    void aRecordedOutcomeKeepsItsTransactionAndAFailedOneItsRefusal() {
        Pending recorded = outcomeIn(State.PENDING).recorded("tx-9", 12);
        assertThat(recorded.transactionId()).isEqualTo("tx-9");
        assertThat(recorded.blockNumber()).isEqualTo(12L);
        assertThat(recorded.lastError()).isNull();
        assertThat(recorded.attempts()).isEqualTo(2);
        Pending failed = outcomeIn(State.PENDING).failed("OUTCOME_EXCEEDS_TRADE: too much");
        assertThat(failed.lastError()).startsWith("OUTCOME_EXCEEDS_TRADE");
        assertThat(failed.transactionId()).isNull();
    }
}
