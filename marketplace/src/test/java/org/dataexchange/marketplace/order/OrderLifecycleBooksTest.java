package org.dataexchange.marketplace.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The order lifecycle against the books: every move other features may ask ({@link OrderTransition}) from every
 * status, through {@link OrderService#apply} on a stored order. An allowed move writes exactly the transition's result
 * and records one transition; a refused one (409) leaves the order row as it was and records nothing. A batch
 * ({@link OrderService#applyAll}) with one refused move writes nothing at all.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderLifecycleBooksTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    OrderService orderService;

    @Inject
    OrderRepositories.Orders orders;

    @Inject
    OrderRepositories.OrderRows rows;

    @Inject
    OrderRepositories.Transitions transitions;

    @Inject
    TransactionOperations<Connection> tx;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(ApiClient.testProperties("lifecycle-test"));
        p.put("exchange.settlement.worker-enabled", "false"); // nothing but the test moves these orders
        return p;
    }

    private static final List<OrderTransition> MOVES = List.of(new OrderTransition.Settling(),
            new OrderTransition.Settled("tx-1", 7, "CERT-x"), new OrderTransition.Settled("tx-1", 7, null),
            new OrderTransition.Certified("CERT-x"), new OrderTransition.RefusedByLedger("refused"),
            new OrderTransition.Delivered());

    private PurchaseOrder stored(String productId, OrderStatus status, boolean withCertificate) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = UUID.randomUUID().toString();
        boolean settled = status == OrderStatus.SETTLED || status == OrderStatus.DELIVERED;
        return rows.save(new PurchaseOrder(id, "key-" + id, "hash", "acct", "org", productId, "1", "plan", 100, "CNY", status, 1,
                "agreement", settled ? "tx-0" : null, settled ? 3L : null, settled && withCertificate ? "CERT-" + id : null,
                null, t, t, false, status == OrderStatus.CREATED || status == OrderStatus.AWAITING_APPROVAL ? null : t));
    }

    /** The transition's result, or null when the order's status refuses it. */
    private static PurchaseOrder moved(OrderTransition move, PurchaseOrder order) {
        try {
            return move.applyTo(order);
        } catch (ApiProblem notAllowed) {
            return null;
        }
    }

    @Test
    void everyMoveFromEveryStatusIsWrittenWhenAllowedAndChangesNothingWhenRefused() {
        String productId = (String) new ApiClient(http).listed("逐小时气象站观测数据").get("id");
        int allowed = 0;
        int refused = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (boolean withCertificate : from == OrderStatus.SETTLED ? List.of(true, false) : List.of(true)) {
                for (OrderTransition move : MOVES) {
                    PurchaseOrder before = stored(productId, from, withCertificate);
                    PurchaseOrder expected = moved(move, before);
                    String what = from + (withCertificate ? "" : " awaiting its certificate") + " by " + move;
                    if (expected != null) {
                        PurchaseOrder moved = orderService.apply(before.id(), move, "test", "lifecycle table");
                        PurchaseOrder read = orders.findById(before.id()).orElseThrow();
                        assertThat(read.status()).as(what).isEqualTo(expected.status());
                        assertThat(read.certificateId()).as(what).isEqualTo(expected.certificateId());
                        assertThat(read.transactionId()).as(what).isEqualTo(expected.transactionId());
                        assertThat(moved.status()).isEqualTo(expected.status());
                        List<OrderRepositories.Transition> recorded = transitions.findByOrderIdOrderByAt(before.id());
                        if (expected.status() != from) {
                            assertThat(recorded).as(what).singleElement().satisfies(t -> {
                                assertThat(t.fromStatus()).isEqualTo(from);
                                assertThat(t.toStatus()).isEqualTo(expected.status());
                            });
                        } else {
                            assertThat(recorded).as(what + ": a change within the status is no transition").isEmpty();
                        }
                        allowed++;
                    } else {
                        assertThatThrownBy(() -> orderService.apply(before.id(), move, "test", "lifecycle table"))
                                .as(what).isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.type().status()).isEqualTo(409));
                        assertThat(orders.findById(before.id()).orElseThrow()).as(what + " changes nothing").isEqualTo(before);
                        assertThat(transitions.findByOrderIdOrderByAt(before.id())).as(what + " records nothing").isEmpty();
                        refused++;
                    }
                }
            }
        }
        // SETTLING by Settled (with and without a certificate), PAID by Settling, PAID and SETTLING by RefusedByLedger,
        // SETTLED by Delivered, SETTLED awaiting by Certified: 7 allowed of 9 starting points x 6 moves.
        assertThat(allowed).isEqualTo(7);
        assertThat(refused).isEqualTo(9 * MOVES.size() - 7);
    }

    @Test
    void aBatchWithOneRefusedMoveWritesNothing() {
        String productId = (String) new ApiClient(http).listed("逐小时气象站观测数据").get("id");
        PurchaseOrder paid = stored(productId, OrderStatus.PAID, true);
        PurchaseOrder cancelled = stored(productId, OrderStatus.CANCELLED, true);
        assertThatThrownBy(() -> tx.executeWrite(s -> orderService.applyAll(List.of(
                new OrderService.Step(paid, new OrderTransition.Settling(), "submitted"),
                new OrderService.Step(cancelled, new OrderTransition.Settling(), "submitted")), "test")))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("CANCELLED and cannot become SETTLING");
        assertThat(orders.findById(paid.id()).orElseThrow()).isEqualTo(paid);
        assertThat(orders.findById(cancelled.id()).orElseThrow()).isEqualTo(cancelled);
        assertThat(transitions.findByOrderIdOrderByAt(paid.id())).isEmpty();

        List<PurchaseOrder> moved = tx.executeWrite(s -> orderService.applyAll(List.of(
                new OrderService.Step(paid, new OrderTransition.Settling(), "submitted")), "test"));
        assertThat(moved).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.SETTLING));
        assertThat(orders.findById(paid.id()).orElseThrow().status()).isEqualTo(OrderStatus.SETTLING);
        assertThat(transitions.findByOrderIdOrderByAt(paid.id())).singleElement()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("submitted"));
    }
}
