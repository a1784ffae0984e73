package org.dataexchange.marketplace.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.dataexchange.ledger.trade.SplitRole;
import org.junit.jupiter.api.Test;

/**
 * The split of a derived product's sale: merchant (its share less the royalties), contributors, each parent's royalty
 * (ROYALTY, naming its licence), platform. Rule: every party gets the floor of price × bp / 10000, the fen left over go
 * one each to the largest remainders, ties to the earlier party; so a royalty is never below its floor, which is what
 * the contract checks.
 */
class RoyaltySplitTest {

    private static RevenueSplit.Share royalty(String party, int bp, String certificate) {
        return new RevenueSplit.Share(party, party + "-org", SplitRole.ROYALTY, bp, certificate);
    }

    private static RevenueSplit.Share merchant(int bp) {
        return new RevenueSplit.Share("b", "b-org", SplitRole.MERCHANT, bp);
    }

    private static RevenueSplit.Share platform(int bp) {
        return new RevenueSplit.Share("platform", "platform", SplitRole.PLATFORM, bp);
    }

    private static long floor(long amount, int bp) {
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(bp)).divide(BigInteger.valueOf(10_000)).longValueExact();
    }

    @Test
    void severalParentsEachGetTheirRoyaltyNamingTheirLicence() {
        // 9999 fen, merchant 90% less 10% + 5% royalties = 75%, platform 10%.
        List<RevenueSplit.Line> lines = RevenueSplit.split(9_999, List.of(merchant(7_500), royalty("a", 1_000, "C-a"),
                royalty("c", 500, "C-c"), platform(1_000)));
        // exact: 7499.25, 999.9, 499.95, 999.9 -> floors 7499, 999, 499, 999 (sum 9996); 3 fen to the remainders
        // .95 (c), .9 (a), .9 (platform; a comes first on the tie, then platform).
        assertThat(lines).extracting(RevenueSplit.Line::amountMinor).containsExactly(7_499L, 1_000L, 500L, 1_000L);
        assertThat(lines).extracting(RevenueSplit.Line::parentCertificateId).containsExactly(null, "C-a", "C-c", null);
        assertThat(lines).extracting(RevenueSplit.Line::owner).containsExactly("b-org", "a-org", "c-org", "platform");
    }

    @Test
    void tinyPricesGiveTheFenToTheLargestRemaindersAndTiesToTheEarlierParty() {
        List<RevenueSplit.Share> shares = List.of(merchant(4_000), royalty("a", 1_000, "C-a"), royalty("c", 1_000, "C-c"),
                platform(4_000));
        assertThat(RevenueSplit.split(0, shares)).extracting(RevenueSplit.Line::amountMinor).containsExactly(0L, 0L, 0L, 0L);
        // 1 fen: remainders .4, .1, .1, .4: the merchant (earliest of the largest) gets it.
        assertThat(RevenueSplit.split(1, shares)).extracting(RevenueSplit.Line::amountMinor).containsExactly(1L, 0L, 0L, 0L);
        // 3 fen: exact 1.2, .3, .3, 1.2 -> floors 1, 0, 0, 1; one fen left: remainders .2, .3, .3, .2 -> a.
        assertThat(RevenueSplit.split(3, shares)).extracting(RevenueSplit.Line::amountMinor).containsExactly(1L, 1L, 0L, 1L);
    }

    @Test
    void royaltiesThatTakeTheMerchantsWholeShareLeaveItNothing() {
        // parents 60% + 30% and a platform fee of 10%: 100%, the merchant nets 0.
        List<RevenueSplit.Line> lines = RevenueSplit.split(12_345, List.of(merchant(0), royalty("a", 6_000, "C-a"),
                royalty("c", 3_000, "C-c"), platform(1_000)));
        assertThat(lines).extracting(RevenueSplit.Line::amountMinor).containsExactly(0L, 7_407L, 3_704L, 1_234L);
        assertThat(lines.stream().mapToLong(RevenueSplit.Line::amountMinor).sum()).isEqualTo(12_345L);
    }

    @Test
    void royaltiesBeyondThePriceAreRefused() {
        // 60% + 50% royalties with a 10% fee: the merchant's share would be negative.
        assertThatThrownBy(() -> RevenueSplit.split(1_000, List.of(merchant(-2_000), royalty("a", 6_000, "C-a"),
                royalty("c", 5_000, "C-c"), platform(1_000)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoyaltyIsNeverBelowItsFloorAndEveryPartyGetsItsFloorOrOneFenMore() {
        Random r = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            int a = 1 + r.nextInt(3_000);
            int c = 1 + r.nextInt(3_000);
            int fee = r.nextInt(2_000);
            int merchant = 10_000 - a - c - fee;
            long amount = i % 2 == 0 ? r.nextInt(100_000) : Math.abs(r.nextLong()) / 3;
            List<RevenueSplit.Share> shares = List.of(merchant(merchant), royalty("a", a, "C-a"), royalty("c", c, "C-c"),
                    platform(fee));
            List<RevenueSplit.Line> lines = RevenueSplit.split(amount, shares);
            assertThat(lines.stream().mapToLong(RevenueSplit.Line::amountMinor).sum()).isEqualTo(amount);
            for (int k = 0; k < shares.size(); k++) {
                long low = floor(amount, shares.get(k).basisPoints());
                assertThat(lines.get(k).amountMinor()).isBetween(low, low + 1);
            }
        }
    }
}
