package org.dataexchange.marketplace.conduct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuartilesTest {

    @Test
    void quartilesInterpolateBetweenRanksAndRoundHalfUp() {
        // n = 4: Q1 at rank 0.75 (1.75 → 2), median at 1.5 (2.5 → 3), Q3 at 2.25 (3.25 → 3)
        Quartiles q = Quartiles.of(List.of(4L, 1L, 3L, 2L));
        assertThat(q).isEqualTo(new Quartiles(1, 2, 3, 3, 4));
        assertThat(Quartiles.of(List.of(7L))).isEqualTo(new Quartiles(7, 7, 7, 7, 7));
        // n = 5: ranks 1, 2, 3 exactly
        assertThat(Quartiles.of(List.of(100L, 200L, 300L, 400L, 1_000L))).isEqualTo(new Quartiles(100, 200, 300, 400, 1_000));
        assertThat(Quartiles.of(List.of(100L, 200L, 300L, 400L, 1_000L)).iqrMinor()).isEqualTo(200);
    }
}
