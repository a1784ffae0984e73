package org.dataexchange.marketplace.accounting;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigInteger;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Straight-line amortisation of a cost over a licence term, by calendar month (UTC), exact in minor units.
 *
 * <p>The rule (the remainder rule): the amount amortised by the end of a month is the cost times the share of the term
 * elapsed by then, rounded down to a whole minor unit: ⌊cost × elapsed seconds / term seconds⌋; a month's charge is that
 * amount less the same for the month before. So the months add up to the cost exactly, each month is its time-share of
 * the cost to within one minor unit, the fractions carry forward instead of piling up in one month, and the last month
 * (where the elapsed share is 1) takes what is left. A term that starts on the 15th charges its first and last calendar
 * months for the days in them.
 */
final class Amortisation {

    /** One month's charge: the accounting month, the days of the term in it, the charge, and after it the accumulated amount and the carrying amount. */
    @Serdeable
    record Month(String month, Instant from, Instant until, long chargeMinor, long accumulatedMinor, long carryingMinor) {}

    private Amortisation() {}

    static List<Month> schedule(long costMinor, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("empty term " + start + " .. " + end);
        }
        long termSeconds = end.getEpochSecond() - start.getEpochSecond();
        List<Month> out = new ArrayList<>();
        YearMonth month = YearMonth.from(start.atZone(ZoneOffset.UTC));
        long before = 0;
        Instant from = start;
        while (from.isBefore(end)) {
            Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant until = monthEnd.isBefore(end) ? monthEnd : end;
            long elapsed = until.getEpochSecond() - start.getEpochSecond();
            long accumulated = until.equals(end) ? costMinor
                    : BigInteger.valueOf(costMinor).multiply(BigInteger.valueOf(elapsed)).divide(BigInteger.valueOf(termSeconds)).longValueExact();
            out.add(new Month(month.toString(), from, until, accumulated - before, accumulated, costMinor - accumulated));
            before = accumulated;
            from = until;
            month = month.plusMonths(1);
        }
        return out;
    }
}
