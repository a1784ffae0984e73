package org.dataexchange.marketplace.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmortisationTest {

    @Test
    void monthsAddUpToTheCostExactlyAndCarryTheFractionsForward() {
        // 100 fen over January to March (31 + 28 + 31 = 90 days): ⌊100·31/90⌋ = 34, ⌊100·59/90⌋ = 65, then 100.
        List<Amortisation.Month> months = Amortisation.schedule(100, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(months).extracting(Amortisation.Month::month).containsExactly("2026-01", "2026-02", "2026-03");
        assertThat(months).extracting(Amortisation.Month::chargeMinor).containsExactly(34L, 31L, 35L);
        assertThat(months).extracting(Amortisation.Month::accumulatedMinor).containsExactly(34L, 65L, 100L);
        assertThat(months).extracting(Amortisation.Month::carryingMinor).containsExactly(66L, 35L, 0L);
    }

    @Test
    void aTermFromMidMonthChargesTheFirstAndLastMonthsForTheirDays() {
        // 365 days from 15 Nov 2026 12:00: Nov has 15.5 days of it.
        Instant start = Instant.parse("2026-11-15T12:00:00Z");
        long cost = 1_000_003;
        List<Amortisation.Month> months = Amortisation.schedule(cost, start, start.plus(java.time.Duration.ofDays(365)));
        assertThat(months).hasSize(13);
        assertThat(months.get(0).month()).isEqualTo("2026-11");
        assertThat(months.get(12).month()).isEqualTo("2027-11");
        assertThat(months.stream().mapToLong(Amortisation.Month::chargeMinor).sum()).isEqualTo(cost);
        assertThat(months.get(0).chargeMinor()).isEqualTo(cost * 31 / 2 / 365); // ⌊cost × 15.5 / 365⌋
        for (Amortisation.Month m : months) {
            double exact = (double) cost * (m.until().getEpochSecond() - m.from().getEpochSecond()) / (365 * 86_400.0);
            assertThat((double) m.chargeMinor()).isCloseTo(exact, org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(months.get(12).until()).isEqualTo(start.plus(java.time.Duration.ofDays(365)));
        assertThat(months.get(1).from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void aZeroCostAmortisesNothing() {
        assertThat(Amortisation.schedule(0, Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-02-10T00:00:00Z")))
                .extracting(Amortisation.Month::chargeMinor).containsExactly(0L, 0L);
    }
}
