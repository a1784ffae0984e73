package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dataexchange.ledger.trade.SplitRole;

/**
 * Divides a price among the merchant, the contributors, a derived product's parents (royalties) and the platform by
 * their basis-point shares, in exact integer arithmetic: each party gets the floor of its exact share, and the fen left
 * over (fewer than the number of parties) go one each to the largest remainders, ties to the earlier party (merchant,
 * then contributors in order, then parents in the order declared, then platform). The lines always sum to the price,
 * and every party gets its floor or one fen more: a royalty is never below {@code floor(price × bp / 10000)}, which is
 * what the ledger's contract requires of it.
 *
 * <p>Each line names its party twice: as the ledger knows it ({@code party}: a credit code, or an id such as
 * {@code platform}) and as the books do ({@code owner}: the organisation whose wallet the revenue goes to, or the party
 * id itself for a party that is no registered organisation). Both are fixed when the order is placed, so settlement
 * and refunds never translate one into the other.
 */
public final class RevenueSplit {

    /**
     * A party's share in basis points; {@code owner} holds its wallet; a ROYALTY share names the parent licence
     * (certificate) it is owed under.
     */
    public record Share(String party, String owner, SplitRole role, int basisPoints, @Nullable String parentCertificateId) {

        public Share(String party, String owner, SplitRole role, int basisPoints) {
            this(party, owner, role, basisPoints, null);
        }
    }

    /**
     * A party's part of one price: the party as the ledger names it, and {@code owner}, the organisation (or party)
     * whose wallet it pays, absent only on orders placed before lines carried it.
     */
    @Serdeable
    public record Line(String party, SplitRole role, long amountMinor, @Nullable String owner,
                       @Nullable String parentCertificateId) {

        public Line(String party, SplitRole role, long amountMinor, @Nullable String owner) {
            this(party, role, amountMinor, owner, null);
        }

        /** The organisation (or party) whose wallet this line pays: the owner, or for a line without one, its holder. */
        public String walletOwner(java.util.function.Function<String, String> holderOfParty) {
            return owner != null ? owner : holderOfParty.apply(party);
        }
    }

    private RevenueSplit() {}

    public static List<Line> split(long amountMinor, List<Share> shares) {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amount may not be negative");
        }
        if (shares.stream().anyMatch(s -> s.basisPoints() < 0)) {
            throw new IllegalArgumentException("a share may not be negative");
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
            Share share = shares.get(i);
            lines.add(new Line(share.party(), share.role(), amounts[i], share.owner(), share.parentCertificateId()));
        }
        return lines;
    }

    /**
     * Divides {@code amount} over {@code weights} in proportion, in exact integers the same way as {@link #split}: each
     * part is the floor of its exact share, and the units left over go one each to the largest remainders, ties to the
     * earlier weight. The parts sum to the amount, and none exceeds its weight while the amount is at most the weights'
     * sum. A refund is taken from the split parties this way, in proportion to what each line has left.
     */
    public static long[] proportional(long amount, long[] weights) {
        java.math.BigInteger total = java.math.BigInteger.ZERO;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights may not be negative");
            }
            total = total.add(java.math.BigInteger.valueOf(w));
        }
        if (amount < 0 || java.math.BigInteger.valueOf(amount).compareTo(total) > 0) {
            throw new IllegalArgumentException("amount " + amount + " is not within 0.." + total);
        }
        long[] parts = new long[weights.length];
        if (amount == 0) {
            return parts;
        }
        java.math.BigInteger[] remainders = new java.math.BigInteger[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            java.math.BigInteger[] qr = java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(weights[i]))
                    .divideAndRemainder(total);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            assigned += parts[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, java.math.BigInteger>comparing(i -> remainders[i]).reversed().thenComparingInt(i -> i));
        for (int k = 0; k < amount - assigned; k++) {
            parts[order.get(k)]++;
        }
        return parts;
    }
}
