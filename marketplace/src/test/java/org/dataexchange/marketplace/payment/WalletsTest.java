package org.dataexchange.marketplace.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.payment.Wallets.Kind;
import org.dataexchange.marketplace.payment.Wallets.Movement;
import org.dataexchange.marketplace.payment.Wallets.Posting;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Movements posted together: one journal entry each, balances moved by their net, all or nothing. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletsTest implements TestPropertyProvider {

    @Inject
    Wallets wallets;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("wallets-test");
    }

    @Test
    void movementsPostedTogetherKeepEveryLegAndMoveEachBalanceByItsNet() {
        wallets.topUp("party-a", 1_000, "CNY", "test funds", "test");
        // The platform's revenue already holds the demo data's fees (its derived product's licence was bought).
        long platformBefore = wallets.balance("platform", Kind.REVENUE, "CNY");
        wallets.postAll(List.of(
                new Movement("ESCROW", "order 1", "test", "CNY", List.of(
                        new Posting("party-a", Kind.AVAILABLE, -300), new Posting("party-a", Kind.ESCROW, 300))),
                new Movement("ESCROW", "order 2", "test", "CNY", List.of(
                        new Posting("party-a", Kind.AVAILABLE, -200), new Posting("party-a", Kind.ESCROW, 200))),
                // Spends more escrow than either order alone held: only the net of the batch has to be covered.
                new Movement("SETTLEMENT", "orders 1 and 2", "test", "CNY", List.of(
                        new Posting("party-a", Kind.ESCROW, -450), new Posting("party-b", Kind.REVENUE, 400),
                        new Posting("platform", Kind.REVENUE, 50)))));

        assertThat(wallets.balance("party-a", Kind.AVAILABLE, "CNY")).isEqualTo(500);
        assertThat(wallets.balance("party-a", Kind.ESCROW, "CNY")).isEqualTo(50);
        assertThat(wallets.balance("party-b", Kind.REVENUE, "CNY")).isEqualTo(400);
        assertThat(wallets.balance("platform", Kind.REVENUE, "CNY")).isEqualTo(platformBefore + 50);
        for (var account : List.of(List.of("party-a", Kind.AVAILABLE), List.of("party-a", Kind.ESCROW),
                List.of("party-b", Kind.REVENUE), List.of("platform", Kind.REVENUE))) {
            String owner = (String) account.get(0);
            Kind kind = (Kind) account.get(1);
            assertThat(wallets.balanceFromJournal(owner, kind, "CNY")).as(owner + " " + kind)
                    .isEqualTo(wallets.balance(owner, kind, "CNY"));
        }
    }

    @Test
    void aBatchThatWouldOverdrawAnyAccountIsRefusedWhole() {
        wallets.topUp("party-c", 100, "CNY", "test funds", "test");
        assertThatThrownBy(() -> wallets.postAll(List.of(
                new Movement("ESCROW", "order 3", "test", "CNY", List.of(
                        new Posting("party-c", Kind.AVAILABLE, -60), new Posting("party-c", Kind.ESCROW, 60))),
                new Movement("ESCROW", "order 4", "test", "CNY", List.of(
                        new Posting("party-c", Kind.AVAILABLE, -60), new Posting("party-c", Kind.ESCROW, 60))))))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("available balance of this wallet is lower than 120");

        assertThat(wallets.balance("party-c", Kind.AVAILABLE, "CNY")).isEqualTo(100);
        assertThat(wallets.balance("party-c", Kind.ESCROW, "CNY")).isZero();
        assertThat(wallets.balanceFromJournal("party-c", Kind.AVAILABLE, "CNY")).isEqualTo(100);
        assertThat(wallets.balanceFromJournal("party-c", Kind.ESCROW, "CNY")).isZero();
    }

    @Test
    void anUnbalancedMovementIsRefused() {
        assertThatThrownBy(() -> wallets.postAll(List.of(new Movement("ESCROW", "order 5", "test", "CNY", List.of(
                new Posting("party-d", Kind.AVAILABLE, -10), new Posting("party-d", Kind.ESCROW, 9))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to -1");
    }
}
