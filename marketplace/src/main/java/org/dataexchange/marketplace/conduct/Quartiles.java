package org.dataexchange.marketplace.conduct;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * The five-number summary of prices in minor units. Quartiles interpolate linearly between the two nearest ranks (the
 * "inclusive" method of spreadsheets' QUARTILE.INC, R type 7): the p-quantile of n sorted values lies at rank
 * h = (n − 1)·p, between values ⌊h⌋ and ⌊h⌋+1; the result is rounded half up to a whole minor unit.
 */
@Serdeable
record Quartiles(long minMinor, long q1Minor, long medianMinor, long q3Minor, long maxMinor) {

    static Quartiles of(Collection<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Quartiles(v[0], quantile(v, 1, 4), quantile(v, 1, 2), quantile(v, 3, 4), v[v.length - 1]);
    }

    /** The (num/den)-quantile of sorted values, exact in BigDecimal, rounded half up. */
    static long quantile(long[] sorted, int num, int den) {
        BigDecimal h = BigDecimal.valueOf((long) (sorted.length - 1) * num).divide(BigDecimal.valueOf(den));
        int lo = h.intValue();
        BigDecimal fraction = h.subtract(BigDecimal.valueOf(lo));
        if (lo + 1 >= sorted.length || fraction.signum() == 0) {
            return sorted[lo];
        }
        BigDecimal low = BigDecimal.valueOf(sorted[lo]);
        return low.add(BigDecimal.valueOf(sorted[lo + 1]).subtract(low).multiply(fraction))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    long iqrMinor() {
        return q3Minor - q1Minor;
    }
}
