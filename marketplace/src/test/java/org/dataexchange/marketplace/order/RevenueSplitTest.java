package org.dataexchange.marketplace.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.dataexchange.ledger.trade.SplitRole;
import org.junit.jupiter.api.Test;

class RevenueSplitTest {

    private static final List<RevenueSplit.Share> THIRDS = List.of(
            new RevenueSplit.Share("merchant", "merchant-org", SplitRole.MERCHANT, 3333),
            new RevenueSplit.Share("contributor", "contributor-org", SplitRole.CONTRIBUTOR, 3333),
            new RevenueSplit.Share("platform", "platform-org", SplitRole.PLATFORM, 3334));

    @Test
    void sharesThatDoNotDivideEvenlyStillSumExactlyWithLargestRemaindersFirst() {
        // 100 fen: exact shares 33.33, 33.33, 33.34 -> floors 33, 33, 33; the one fen left goes to the largest
        // remainder (0.34, the platform).
        assertThat(RevenueSplit.split(100, THIRDS)).extracting(RevenueSplit.Line::amountMinor).containsExactly(33L, 33L, 34L);
        // 1 fen: remainders 0.3333, 0.3333, 0.3334 -> the platform gets it.
        assertThat(RevenueSplit.split(1, THIRDS)).extracting(RevenueSplit.Line::amountMinor).containsExactly(0L, 0L, 1L);
        // equal remainders: ties go to the earlier party, deterministically.
        List<RevenueSplit.Share> halves = List.of(new RevenueSplit.Share("a", "a-org", SplitRole.MERCHANT, 5000),
                new RevenueSplit.Share("b", "b-org", SplitRole.PLATFORM, 5000));
        assertThat(RevenueSplit.split(101, halves)).extracting(RevenueSplit.Line::amountMinor).containsExactly(51L, 50L);
        // each line carries both names of its party: the ledger's and the wallet's
        assertThat(RevenueSplit.split(101, halves)).extracting(RevenueSplit.Line::party, RevenueSplit.Line::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "a-org"), org.assertj.core.groups.Tuple.tuple("b", "b-org"));
    }

    @Test
    void everySplitSumsToThePriceEvenForHugeAmounts() {
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            long amount = i < 5000 ? r.nextInt(1_000_000) : Math.abs(r.nextLong()) / 2;
            long sum = RevenueSplit.split(amount, THIRDS).stream().mapToLong(RevenueSplit.Line::amountMinor).sum();
            assertThat(sum).isEqualTo(amount);
        }
        assertThatThrownBy(() -> RevenueSplit.split(100, THIRDS.subList(0, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RevenueSplit.split(-1, THIRDS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefundIsDividedInProportionByLargestRemainderNeverAboveALine() {
        // 100 over 700/200/100: exact 70, 20, 10.
        assertThat(RevenueSplit.proportional(100, new long[] {700, 200, 100})).containsExactly(70, 20, 10);
        // 10 over 3/3/3: exact 3.33 each -> floors 3, 3, 3, the unit left to the earliest of the tied remainders.
        assertThat(RevenueSplit.proportional(10, new long[] {3, 3, 4})).containsExactly(3, 3, 4);
        assertThat(RevenueSplit.proportional(2, new long[] {3, 3, 3})).containsExactly(1, 1, 0);
        // 7 over 1/1/5 (exact 1, 1, 5) and the whole amount: each line exactly.
        assertThat(RevenueSplit.proportional(7, new long[] {1, 1, 5})).containsExactly(1, 1, 5);
        // Amounts near 2^63 do not overflow.
        long big = Long.MAX_VALUE - 1;
        long[] parts = RevenueSplit.proportional(big, new long[] {Long.MAX_VALUE / 2, Long.MAX_VALUE / 2});
        assertThat(parts[0] + parts[1]).isEqualTo(big);
        Random random = new Random(12);
        for (int n = 0; n < 2_000; n++) {
            long[] weights = {random.nextInt(100_000), random.nextInt(1_000), random.nextInt(10), random.nextInt(50_000)};
            long total = weights[0] + weights[1] + weights[2] + weights[3];
            long amount = total == 0 ? 0 : (long) (random.nextDouble() * (total + 1)) % (total + 1);
            long[] p = RevenueSplit.proportional(amount, weights);
            assertThat(p[0] + p[1] + p[2] + p[3]).isEqualTo(amount);
            for (int i = 0; i < 4; i++) {
                assertThat(p[i]).isBetween(0L, weights[i]);
            }
        }
        assertThatThrownBy(() -> RevenueSplit.proportional(11, new long[] {5, 5})).isInstanceOf(IllegalArgumentException.class);
    }
}
