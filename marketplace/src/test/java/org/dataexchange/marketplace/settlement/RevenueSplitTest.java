package org.dataexchange.marketplace.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.dataexchange.ledger.trade.SplitRole;
import org.junit.jupiter.api.Test;

class RevenueSplitTest {

    private static final List<RevenueSplit.Share> THIRDS = List.of(
            new RevenueSplit.Share("merchant", SplitRole.MERCHANT, 3333),
            new RevenueSplit.Share("contributor", SplitRole.CONTRIBUTOR, 3333),
            new RevenueSplit.Share("platform", SplitRole.PLATFORM, 3334));

    @Test
    void sharesThatDoNotDivideEvenlyStillSumExactlyWithLargestRemaindersFirst() {
        // 100 fen: exact shares 33.33, 33.33, 33.34 -> floors 33, 33, 33; the one fen left goes to the largest
        // remainder (0.34, the platform).
        assertThat(RevenueSplit.split(100, THIRDS)).extracting(RevenueSplit.Line::amountMinor).containsExactly(33L, 33L, 34L);
        // 1 fen: remainders 0.3333, 0.3333, 0.3334 -> the platform gets it.
        assertThat(RevenueSplit.split(1, THIRDS)).extracting(RevenueSplit.Line::amountMinor).containsExactly(0L, 0L, 1L);
        // equal remainders: ties go to the earlier party, deterministically.
        List<RevenueSplit.Share> halves = List.of(new RevenueSplit.Share("a", SplitRole.MERCHANT, 5000),
                new RevenueSplit.Share("b", SplitRole.PLATFORM, 5000));
        assertThat(RevenueSplit.split(101, halves)).extracting(RevenueSplit.Line::amountMinor).containsExactly(51L, 50L);
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
}
