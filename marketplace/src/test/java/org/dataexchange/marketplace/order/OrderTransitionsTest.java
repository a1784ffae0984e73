package org.dataexchange.marketplace.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dataexchange.marketplace.order.OrderStatus.AWAITING_APPROVAL;
import static org.dataexchange.marketplace.order.OrderStatus.CANCELLED;
import static org.dataexchange.marketplace.order.OrderStatus.CREATED;
import static org.dataexchange.marketplace.order.OrderStatus.DELIVERED;
import static org.dataexchange.marketplace.order.OrderStatus.PAID;
import static org.dataexchange.marketplace.order.OrderStatus.REFUNDED;
import static org.dataexchange.marketplace.order.OrderStatus.SETTLED;
import static org.dataexchange.marketplace.order.OrderStatus.SETTLING;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.junit.jupiter.api.Test;

/** Every (from, to) pair of order statuses against the order's own transitions. */
class OrderTransitionsTest {

    /** The state machine as SPEC §4 and the complaint decisions want it: to -> the statuses it may be entered from. */
    private static final Map<OrderStatus, Set<OrderStatus>> EXPECTED = Map.of(
            CREATED, Set.of(AWAITING_APPROVAL),
            AWAITING_APPROVAL, Set.of(),
            PAID, Set.of(CREATED),
            SETTLING, Set.of(PAID),
            SETTLED, Set.of(SETTLING),
            DELIVERED, Set.of(SETTLED),
            CANCELLED, Set.of(CREATED, AWAITING_APPROVAL),
            REFUNDED, Set.of(PAID, SETTLING, SETTLED, DELIVERED));

    /** Every transition method, by the status it leads to. */
    private static final Map<OrderStatus, List<UnaryOperator<PurchaseOrder>>> TRANSITIONS = Map.of(
            CREATED, List.of(PurchaseOrder::approved),
            AWAITING_APPROVAL, List.of(),
            PAID, List.of(o -> o.paid(Instant.parse("2026-01-01T00:00:00Z"))),
            SETTLING, List.of(PurchaseOrder::settling),
            SETTLED, List.of(o -> o.settled("tx-1", 7)),
            DELIVERED, List.of(PurchaseOrder::delivered),
            CANCELLED, List.of(PurchaseOrder::cancelled),
            REFUNDED, List.of(o -> o.refusedByLedger("refused"), o -> o.refundedInFull("decided")));

    private static PurchaseOrder orderIn(OrderStatus status) {
        Instant t = Instant.parse("2025-12-31T00:00:00Z");
        return new PurchaseOrder("O-1", "key", "hash", "acct", "org", "product", "1", "plan", 100, "CNY", status, 1,
                "agreement", null, null, null, null, t, t, false, null);
    }

    @Test
    void everyPairIsAllowedExactlyWhenTheTableSaysSo() {
        List<String> checked = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                boolean expected = EXPECTED.get(to).contains(from);
                assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(expected);
                boolean anyMethodMoves = false;
                for (UnaryOperator<PurchaseOrder> transition : TRANSITIONS.get(to)) {
                    try {
                        PurchaseOrder moved = transition.apply(orderIn(from));
                        assertThat(moved.status()).isEqualTo(to);
                        anyMethodMoves = true;
                    } catch (ApiProblem refused) {
                        assertThat(refused.type().status()).isEqualTo(409);
                        assertThat(refused.getMessage()).contains(from + " and cannot become " + to);
                    }
                }
                assertThat(anyMethodMoves).as("a transition method moves " + from + " -> " + to).isEqualTo(expected);
                checked.add(from + "->" + to);
            }
        }
        assertThat(checked).hasSize(64);
    }

    @Test
    void finalStatesAreLeftByNothingAndEachRefundNamesItsOwnSources() {
        assertThat(List.of(OrderStatus.values())).filteredOn(OrderStatus::isFinal).containsExactlyInAnyOrder(CANCELLED, REFUNDED);
        assertThat(REFUNDED.enteredFrom()).containsExactlyInAnyOrder(PAID, SETTLING, SETTLED, DELIVERED);
        // A ledger refusal refunds only what never settled; a complaint's full refund only what did.
        assertThatThrownBy(() -> orderIn(SETTLED).refusedByLedger("x")).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> orderIn(SETTLING).refundedInFull("x")).isInstanceOf(ApiProblem.class);
        assertThat(orderIn(DELIVERED).refundedInFull("complaint upheld").failureReason()).isEqualTo("complaint upheld");
    }
}
