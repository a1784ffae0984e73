package org.dataexchange.marketplace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Product drafts the tests list (the API's JSON, as a merchant sends it); each call returns a new map to adjust. */
public final class ProductDrafts {

    /** The file listed with {@link #seaTemperature}: a header and one row matching its schema. */
    public static final String SEA_TEMPERATURE_CSV = "time,sst\n2026-10-01,21.4\n";

    private ProductDrafts() {}

    /**
     * An enterprise product of general data: daily sea surface temperature, delivered through {@code modes}, one
     * upstream contributor ({@code contributorParty}, 10%), merchant 85%, platform 5%, licensed for internal analysis
     * in ocean research, sold under {@code plans}.
     */
    @SafeVarargs
    public static Map<String, Object> seaTemperature(String title, List<String> modes, String contributorParty,
                                                     Map<String, Object>... plans) {
        Map<String, Object> d = new HashMap<>();
        d.put("title", title);
        d.put("description", "东海逐日海表温度分析。Daily sea surface temperature analysis of the East China Sea.");
        d.put("tags", List.of("海温", "SST"));
        d.put("industry", "OCEAN");
        d.put("sourceType", "ENTERPRISE");
        d.put("classificationLevel", "GENERAL");
        d.put("category", "海洋观测/海温");
        d.put("deliveryModes", modes);
        d.put("crossBorderAllowed", false);
        d.put("provenance", Map.of("sources", List.of("自有浮标"), "collectedFrom", "2020-01-01", "volumeRecords", 1_000_000,
                "updateFrequency", "daily"));
        d.put("contributors", List.of(Map.of("name", "浮标运维方", "partyId", contributorParty, "shareBp", 1000)));
        d.put("merchantShareBp", 8500);
        d.put("platformFeeBp", 500);
        d.put("schema", List.of(Map.of("name", "time", "type", "date", "description", "日期"),
                Map.of("name", "sst", "type", "number", "description", "海温")));
        d.put("sampleRows", List.of(Map.of("time", "2026-10-01", "sst", 21.4)));
        d.put("quality", Map.of("completenessPercent", 99, "accuracyPercent", 97, "method", "交叉比对"));
        d.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of("海洋研究 ocean research")));
        d.put("pricingPlans", List.of(plans));
        return d;
    }
}
