package org.dataexchange.marketplace.problem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A plain general-data product draft of demo-merchant, for tests that need one product of their own. */
public final class RefusalsTestDrafts {

    private RefusalsTestDrafts() {}

    /** A valid draft: general ocean data, one one-off plan. */
    public static Map<String, Object> draft() {
        Map<String, Object> d = new HashMap<>();
        d.put("title", "边界测试数据 Edge test data");
        d.put("description", "测试 test");
        d.put("tags", List.of("test"));
        d.put("industry", "OCEAN");
        d.put("sourceType", "ENTERPRISE");
        d.put("classificationLevel", "GENERAL");
        d.put("category", "海洋观测/海温");
        d.put("deliveryModes", List.of("FILE_DOWNLOAD"));
        d.put("crossBorderAllowed", false);
        d.put("provenance", Map.of("sources", List.of("自有浮标"), "collectedFrom", "2020-01-01", "volumeRecords", 1000,
                "updateFrequency", "daily"));
        d.put("contributors", List.of(Map.of("name", "浮标运维方", "partyId", "buoy-operator", "shareBp", 1000)));
        d.put("merchantShareBp", 8500);
        d.put("platformFeeBp", 500);
        d.put("schema", List.of(Map.of("name", "sst", "type", "number", "description", "海温")));
        d.put("sampleRows", List.of(Map.of("sst", 21.4)));
        d.put("quality", Map.of("completenessPercent", 99, "accuracyPercent", 97, "method", "交叉比对"));
        d.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of("海洋研究 ocean research")));
        d.put("pricingPlans", List.of(Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", 250_000)));
        return d;
    }
}
