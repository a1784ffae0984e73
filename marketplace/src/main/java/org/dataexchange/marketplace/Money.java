package org.dataexchange.marketplace;

/**
 * Money is a {@code long} of minor units (fen) with its currency. Every amount the exchange takes in, and every
 * balance it keeps, stays within {@code ±MAX_MINOR}: far above any real trade or wallet (10^15 yuan), and far enough
 * below {@link Long#MAX_VALUE} that a balance plus an amount, or a month's metered calls times a unit price capped
 * here, never overflows.
 */
public final class Money {

    /** 10^17 minor units. */
    public static final long MAX_MINOR = 100_000_000_000_000_000L;

    private Money() {}

    /** {@code units × unitPriceMinor}, or {@link #MAX_MINOR} when that is more: a charge never overflows. */
    public static long timesAtMost(long units, long unitPriceMinor) {
        if (units <= 0 || unitPriceMinor <= 0) {
            return 0;
        }
        return units > MAX_MINOR / unitPriceMinor ? MAX_MINOR : units * unitPriceMinor;
    }
}
