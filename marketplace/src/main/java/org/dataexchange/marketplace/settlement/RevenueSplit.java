package org.dataexchange.marketplace.settlement;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dataexchange.ledger.trade.SplitRole;

/**
 * Divides a price among the merchant, the contributors and the platform by their basis-point shares, in exact
 * integer arithmetic: each party gets the floor of its exact share, and the fen left over go one each to the
 * largest remainders, ties to the earlier party (merchant, then contributors in order, then platform). The
 * lines always sum to the price.
 */
public final class RevenueSplit {

    /** A party's share in basis points. */
    public record Share(String party, SplitRole role, int basisPoints) {}

    /** A party's part of one price. */
    @Serdeable
    public record Line(String party, SplitRole role, long amountMinor) {}

    private RevenueSplit() {}

    public static List<Line> split(long amountMinor, List<Share> shares) {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amount may not be negative");
        }
        int total = shares.stream().mapToInt(Share::basisPoints).sum();
        if (total != 10_000) {
            throw new IllegalArgumentException("shares must sum to 10000 basis points, not " + total);
        }
        long[] amounts = new long[shares.size()];
        long[] remainders = new long[shares.size()];
        long assigned = 0;
        for (int i = 0; i < shares.size(); i++) {
            // amount * bp can overflow for very large amounts; split it into quotient and remainder parts.
            long bp = shares.get(i).basisPoints();
            long q = amountMinor / 10_000;
            long r = amountMinor % 10_000;
            amounts[i] = q * bp + (r * bp) / 10_000;
            remainders[i] = (r * bp) % 10_000;
            assigned += amounts[i];
        }
        long left = amountMinor - assigned;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> remainders[i]).reversed().thenComparingInt(i -> i));
        for (int k = 0; k < left; k++) {
            amounts[order.get(k)]++;
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            lines.add(new Line(shares.get(i).party(), shares.get(i).role(), amounts[i]));
        }
        return lines;
    }
}
