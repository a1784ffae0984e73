package org.dataexchange.marketplace.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule of overlap control on counted overlaps (the engine's part, counting them over a file, is exercised over HTTP
 * by QuerySandboxApiTest): rows[j][h][g] are the rows of remembered group h of query j in new group g ("null": in none).
 */
class OverlapControlTest {

    private static final int K = 10;

    @Test
    void aGroupOneRowShortOfARememberedOneIsSuppressedTenRowsShortIsNot() {
        assertThat(OverlapControl.decide(Map.of("g", 24L), List.of(Map.of("h", Map.of("g", 24L, "null", 1L))), K))
                .containsExactly("g");
        assertThat(OverlapControl.decide(Map.of("g", 15L), List.of(Map.of("h", Map.of("g", 15L, "null", 10L))), K)).isEmpty();
        // One row more than the remembered group, on the new group's side.
        assertThat(OverlapControl.decide(Map.of("g", 26L), List.of(Map.of("h", Map.of("g", 25L))), K)).containsExactly("g");
    }

    @Test
    void identicalAndDisjointSetsNeverConflict() {
        assertThat(OverlapControl.decide(Map.of("g", 30L), List.of(Map.of("h", Map.of("g", 30L))), K)).isEmpty();
        // A remembered group now below k (the merchant raised k) does not touch a group it shares no row with.
        assertThat(OverlapControl.decide(Map.of("g", 20L), List.of(Map.of("h", Map.of("null", 3L))), K)).isEmpty();
    }

    @Test
    void theNewGroupsTogetherAreComparedWithARememberedTotal() {
        Map<String, Long> regions = new LinkedHashMap<>();
        regions.put("sh", 24L);
        regions.put("gd", 25L);
        // The total was 50; the two regions without one record add up to 49.
        assertThat(OverlapControl.decide(regions, List.of(Map.of("total", Map.of("sh", 24L, "gd", 25L, "null", 1L))), K))
                .containsExactlyInAnyOrder("sh", "gd");
        // Without that record nothing is left over: both answered.
        assertThat(OverlapControl.decide(regions, List.of(Map.of("total", Map.of("sh", 24L, "gd", 25L))), K)).isEmpty();
    }

    @Test
    void aRememberedQuerysGroupsTogetherCountAsOneAnswer() {
        // Earlier: two regions of 25 rows, without one record of a third region; now: all rows, 51. Each region differs
        // from it by 26 rows, but the two regions' sum differs from it by that one record.
        Map<String, Map<String, Long>> earlier = Map.of("sh", Map.of("all", 25L), "gd", Map.of("all", 25L));
        assertThat(OverlapControl.decide(Map.of("all", 51L), List.of(earlier), K)).containsExactly("all");
        assertThat(OverlapControl.decide(Map.of("all", 60L), List.of(earlier), K)).isEmpty();
    }
}
