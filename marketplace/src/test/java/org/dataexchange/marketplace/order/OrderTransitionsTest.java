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

/**
 * The lifecycle tables: every (from, to) pair of order statuses against the order's own transitions, the flag of a
 * settled order awaiting its certificate, and every (from, to) pair of settlement-request (outbox) states. An allowed
 * move gives the new state; every other is refused and leaves the object as it was ({@link OrderLifecycleBooksTest}
 * checks the same against the database).
 */
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
            SETTLED, List.of(o -> o.settled("tx-1", 7, "CERT-O-1")),
            DELIVERED, List.of(PurchaseOrder::delivered),
            CANCELLED, List.of(PurchaseOrder::cancelled),
            REFUNDED, List.of(o -> o.refusedByLedger("refused"), o -> o.refundedInFull("decided")));

    /** An order in the status, settled ones with their certificate (see the test of the certificate still missing). */
    static PurchaseOrder orderIn(OrderStatus status) {
        Instant t = Instant.parse("2025-12-31T00:00:00Z");
        boolean settled = status == SETTLED || status == DELIVERED;
        return new PurchaseOrder("O-1", "key", "hash", "acct", "org", "product", "1", "plan", 100, "CNY", status, 1,
                "agreement", settled ? "tx-0" : null, settled ? 3L : null, settled ? "CERT-O-1" : null, null, t, t, false, null);
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
                    PurchaseOrder before = orderIn(from);
                    try {
                        PurchaseOrder moved = transition.apply(before);
                        assertThat(moved.status()).isEqualTo(to);
                        anyMethodMoves = true;
                    } catch (ApiProblem refused) {
                        assertThat(refused.type().status()).isEqualTo(409);
                        assertThat(refused.getMessage()).contains(from + " and cannot become " + to);
                        assertThat(before).as("a refused move changes nothing").isEqualTo(orderIn(from));
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

    @Test
    void aSettledOrderAwaitingItsCertificateIsDeliveredOnlyOnceCertified() {
        PurchaseOrder settledWithout = orderIn(SETTLING).settled("tx-1", 7, null);
        assertThat(settledWithout.status()).isEqualTo(SETTLED);
        assertThat(settledWithout.awaitingCertificate()).isTrue();
        assertThatThrownBy(settledWithout::delivered).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("certificate is not issued yet");
        PurchaseOrder certified = settledWithout.certified("CERT-O-1");
        assertThat(certified.status()).isEqualTo(SETTLED);
        assertThat(certified.awaitingCertificate()).isFalse();
        assertThat(certified.certificateId()).isEqualTo("CERT-O-1");
        assertThat(certified.delivered().status()).isEqualTo(DELIVERED);
        // Only a settled order that awaits one is certified: no other status, and not twice.
        for (OrderStatus status : OrderStatus.values()) {
            PurchaseOrder o = orderIn(status);
            if (!o.awaitingCertificate()) {
                assertThatThrownBy(() -> o.certified("CERT-O-1")).as(status.name()).isInstanceOf(ApiProblem.class);
            }
        }
        assertThat(List.of(OrderStatus.values())).noneMatch(st -> orderIn(st).awaitingCertificate());
        assertThatThrownBy(() -> certified.certified("CERT-O-2")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("awaits no certificate");
        // The sealed moves other features hand to OrderService are exactly these transitions.
        assertThat(new OrderTransition.Settled("tx-1", 7, "CERT-O-1").applyTo(orderIn(SETTLING)).certificateId()).isEqualTo("CERT-O-1");
        assertThat(new OrderTransition.Certified("CERT-O-1").applyTo(settledWithout).certificateId()).isEqualTo("CERT-O-1");
    }

    private static final OrderRepositories.OutboxItem.State PENDING_ = OrderRepositories.OutboxItem.State.PENDING;
    private static final OrderRepositories.OutboxItem.State DONE_ = OrderRepositories.OutboxItem.State.DONE;
    private static final OrderRepositories.OutboxItem.State FAILED_ = OrderRepositories.OutboxItem.State.FAILED;

    /** The settlement request's life: to -> the states it may be entered from. */
    private static final Map<OrderRepositories.OutboxItem.State, Set<OrderRepositories.OutboxItem.State>> OUTBOX_EXPECTED = Map.of(
            PENDING_, Set.of(PENDING_, DONE_, FAILED_), // leased or retried; opened again by the books check
            DONE_, Set.of(PENDING_),
            FAILED_, Set.of(PENDING_));

    private static final Instant AT = Instant.parse("2026-01-02T00:00:00Z");

    /** Every move of a settlement request, by the state it leads to. */
    private static final Map<OrderRepositories.OutboxItem.State, List<UnaryOperator<OrderRepositories.OutboxItem>>> OUTBOX_MOVES = Map.of(
            PENDING_, List.of(i -> i.leasedUntil(AT), i -> i.retryAt(AT, "ledger unavailable"), i -> i.reopened(AT, "on the ledger")),
            DONE_, List.of(i -> i.done(AT)),
            FAILED_, List.of(i -> i.failed(AT, "PRODUCT_NOT_LISTED")));

    private static OrderRepositories.OutboxItem itemIn(OrderRepositories.OutboxItem.State state) {
        return new OrderRepositories.OutboxItem("O-1", state, 2, Instant.parse("2026-01-01T00:00:00Z"), null,
                Instant.parse("2025-12-31T00:00:00Z"));
    }

    @Test
    void everyPairOfSettlementRequestStatesIsAllowedExactlyWhenTheTableSaysSo() {
        int checked = 0;
        for (OrderRepositories.OutboxItem.State from : OrderRepositories.OutboxItem.State.values()) {
            for (OrderRepositories.OutboxItem.State to : OrderRepositories.OutboxItem.State.values()) {
                boolean expected = OUTBOX_EXPECTED.get(to).contains(from);
                assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(expected);
                assertThat(to.enteredFrom().contains(from)).isEqualTo(expected);
                boolean anyMoves = false;
                for (UnaryOperator<OrderRepositories.OutboxItem> move : OUTBOX_MOVES.get(to)) {
                    OrderRepositories.OutboxItem before = itemIn(from);
                    try {
                        OrderRepositories.OutboxItem moved = move.apply(before);
                        assertThat(moved.state()).isEqualTo(to);
                        assertThat(moved.orderId()).isEqualTo("O-1");
                        anyMoves = true;
                    } catch (IllegalStateException refused) {
                        assertThat(refused.getMessage()).contains("is " + from + " and cannot become " + to);
                        assertThat(before).as("a refused move changes nothing").isEqualTo(itemIn(from));
                    }
                }
                assertThat(anyMoves).as("a move takes a request " + from + " -> " + to).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(9);
        // No state is final: the books check opens a done or failed request again when the ledger holds its trade.
        assertThat(List.of(OrderRepositories.OutboxItem.State.values())).noneMatch(OrderRepositories.OutboxItem.State::isFinal);
        // What each move keeps: attempts count the finished attempts; an error is kept only while it matters.
        OrderRepositories.OutboxItem fresh = OrderRepositories.OutboxItem.requested("O-2", AT);
        assertThat(fresh.state()).isEqualTo(PENDING_);
        assertThat(fresh.attempts()).isZero();
        assertThat(fresh.leasedUntil(AT.plusSeconds(60)).nextAttemptAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(fresh.retryAt(AT.plusSeconds(1), "down").attempts()).isEqualTo(1);
        assertThat(fresh.done(AT).lastError()).isNull();
        assertThat(fresh.failed(AT, "x".repeat(3000)).lastError()).hasSize(2000);
    }
}
