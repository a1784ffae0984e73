package org.dataexchange.marketplace.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The valuation aid over real HTTP, H2 and an in-process devnet: comparable trades are read from the ledger (same
 * industry, classification and kind of plan, other products only); with fewer than five none is shown; with five the
 * quartiles and histogram place the product's own price.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValuationApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("valuation-test");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> oneOff(Object productId) {
        Map<String, Object> v = api.json(null, HttpRequest.GET("/api/products/" + productId + "/valuation"));
        assertThat(v.get("minimumComparables")).isEqualTo(5);
        return ((List<Map<String, Object>>) v.get("plans")).stream().filter(p -> p.get("planId").equals("one-off"))
                .findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void comparableTradesFromTheLedgerPlaceTheProductsPriceOnceThereAreFive() throws Exception {
        // 海浪高度再分析 (ocean, general, one-off 4,800 yuan) against trades of 东海浮标 (ocean, general, one-off 2,600 yuan).
        Map<String, Object> waves = api.listed("海浪高度再分析");
        Map<String, Object> buoy = api.listed("东海浮标海洋观测");
        // Its own trade is no comparable of itself.
        api.buySettled(waves, "one-off", "海上风电选址 offshore wind siting");
        for (int i = 0; i < 4; i++) {
            api.buySettled(buoy, "one-off", "海洋科研 ocean research");
        }
        Map<String, Object> four = oneOff(waves.get("id"));
        assertThat(four.get("comparables")).isEqualTo(4);
        assertThat(four.get("enough")).isEqualTo(false);
        assertThat(four.get("medianMinor")).isNull();
        assertThat((List<?>) four.get("histogram")).isEmpty();
        assertThat((String) four.get("noteEn")).contains("fewer than 5");

        api.buySettled(buoy, "one-off", "海洋科研 ocean research");
        Map<String, Object> five = oneOff(waves.get("id"));
        assertThat(five.get("comparables")).isEqualTo(5);
        assertThat(five.get("enough")).isEqualTo(true);
        assertThat(((Number) five.get("p25Minor")).longValue()).isEqualTo(260_000);
        assertThat(((Number) five.get("medianMinor")).longValue()).isEqualTo(260_000);
        assertThat(((Number) five.get("p75Minor")).longValue()).isEqualTo(260_000);
        assertThat(((Number) five.get("priceMinor")).longValue()).isEqualTo(480_000);
        assertThat(five.get("pricePercentile")).isEqualTo(100);
        assertThat(((List<Map<String, Object>>) five.get("histogram")).stream()
                .mapToInt(b -> ((Number) b.get("trades")).intValue()).sum()).isEqualTo(5);
        // The buoy's own valuation has one comparable (the waves trade): too few.
        assertThat(oneOff(buoy.get("id")).get("comparables")).isEqualTo(1);
        // Another industry's product sees none of these.
        assertThat(oneOff(api.listed("航班准点率统计").get("id")).get("comparables")).isEqualTo(0);
    }

    @Test
    void quantilesInterpolateAndTheHistogramKeepsTheEnds() {
        var plan = new org.dataexchange.marketplace.catalogue.PricingPlan("p", org.dataexchange.marketplace.catalogue.PricingPlan.Kind.ONE_OFF,
                "CNY", 300, null, 0, 0, 0, null, null);
        var v = Valuation.valuation(plan, List.of(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L));
        assertThat(v.p25Minor()).isEqualTo(325);
        assertThat(v.medianMinor()).isEqualTo(550);
        assertThat(v.p75Minor()).isEqualTo(775);
        assertThat(v.pricePercentile()).isEqualTo(25);
        assertThat(v.histogram()).hasSize(Valuation.BINS);
        assertThat(v.histogram().stream().mapToInt(Valuation.Bin::trades).sum()).isEqualTo(10);
        // The lowest and highest trades are not bin edges: the bins run from the 10th to the 90th percentile.
        assertThat(v.histogram().get(0).fromMinor()).isEqualTo(190);
        assertThat(v.histogram()).noneMatch(b -> b.fromMinor() == 100 || b.toMinor() == 1000);
    }
}
