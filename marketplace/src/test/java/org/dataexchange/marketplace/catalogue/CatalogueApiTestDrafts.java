package org.dataexchange.marketplace.catalogue;

import java.util.List;
import java.util.Map;

/** Product drafts shared by API tests. */
public final class CatalogueApiTestDrafts {

    private CatalogueApiTestDrafts() {}

    /** Important data whose licence allows use abroad (with the filing record it needs). */
    public static Map<String, Object> crossBorderImportant() {
        Map<String, Object> d = CatalogueApiTest.draft("跨境航线气象 Cross-border route weather", "IMPORTANT");
        d.put("crossBorderAllowed", true);
        d.put("filing", Map.of("reference", "BA-2026-0900", "source", "自有观测", "purpose", "航线保障", "scope", "西太平洋",
                "responsibleParty", "数据安全官", "sharing", "仅限买方", "crossBorder", true, "protections", "加密与审计",
                "scaleRecords", 100000));
        d.put("licence", Map.of("template", "INTERNAL_ANALYSIS", "purposes", List.of("航线气象保障 route weather support"),
                "territory", "CROSS_BORDER"));
        return d;
    }
}
