package org.dataexchange.marketplace.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlainWordsTest {

    @Test
    void internalAnalysisInEnglish() {
        assertThat(PlainWords.summaryEn(LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("logistics route planning"))))
                .isEqualTo("Processing and use right for 365 days, domestic use only (mainland China), 1 seat. "
                        + "You may: use, aggregate. You must: delete the data when the term ends. "
                        + "Not permitted: derive, distribute, sell (onward transfer is prohibited). "
                        + "Purposes: logistics route planning. Anything not permitted here is prohibited.");
    }

    @Test
    void volumeCapsAreStatedAfterWhatIsPermittedInBothLanguages() {
        LicenceTerms capped = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("物流路径规划"))
                .withVolumeCaps(new VolumeCaps(7L, null, 200L, 3L));
        assertThat(PlainWords.summaryEn(capped)).contains("You may: use, aggregate. At most 7 records, 200 queries, 3 downloads in all. You must:");
        assertThat(PlainWords.summaryZh(capped)).contains("允许：使用、汇总。用量上限：7条记录、200次查询、3次下载。义务：");
    }

    @Test
    void internalAnalysisInChinese() {
        assertThat(PlainWords.summaryZh(LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("物流路径规划"))))
                .isEqualTo("数据加工使用权，期限365天，仅限境内使用，1个席位。允许：使用、汇总。义务：期满删除数据。"
                        + "禁止：衍生、分发、转售（禁止向第三方转让）。用途：物流路径规划。未列明允许的行为一律禁止。");
    }

    @ParameterizedTest
    @EnumSource(LicenceTemplate.class)
    void bothLanguagesMentionTermTerritoryActionsAndOnwardTransfer(LicenceTemplate template) {
        LicenceTerms terms = template.terms(List.of("物流路径规划", "credit scoring"));
        String en = PlainWords.summaryEn(terms);
        String zh = PlainWords.summaryZh(terms);
        assertThat(en).contains(terms.termDays() + " days", "domestic use only", "物流路径规划; credit scoring");
        assertThat(zh).contains("期限" + terms.termDays() + "天", "仅限境内使用", "物流路径规划、credit scoring");
        for (LicensedAction action : terms.permittedActions()) {
            assertThat(en.substring(en.indexOf("You may:"), en.indexOf(". ", en.indexOf("You may:"))))
                    .contains(action.nameEn());
            assertThat(zh.substring(zh.indexOf("允许："), zh.indexOf("。", zh.indexOf("允许："))))
                    .contains(action.nameZh());
        }
        boolean transferGranted = terms.permittedActions().contains(LicensedAction.SELL);
        assertThat(en.contains("onward transfer is prohibited")).isEqualTo(!transferGranted);
        assertThat(zh.contains("禁止向第三方转让")).isEqualTo(!transferGranted);
    }

    @Test
    void resaleCrossBorderWithoutDuties() {
        LicenceTerms terms = LicenceTemplate.RESALE.terms(List.of("market data resale"))
                .withTerritory(LicenceTerritory.CROSS_BORDER).withSeats(3).withDuties(Set.of());
        assertThat(PlainWords.summaryEn(terms)).isEqualTo("Product operation right (resale) for 730 days, "
                + "cross-border use permitted, 3 seats. You may: use, derive, aggregate, distribute, sell. "
                + "No further duties. Purposes: market data resale. Anything not permitted here is prohibited.");
        assertThat(PlainWords.summaryZh(terms)).isEqualTo("数据产品经营权，期限730天，允许跨境使用，3个席位。"
                + "允许：使用、衍生、汇总、分发、转售。无其他义务。用途：market data resale。未列明允许的行为一律禁止。");
    }

    @Test
    void partialOnwardTransferNamesWhatRemainsProhibited() {
        LicenceTerms terms = LicenceTemplate.RESALE.terms(List.of("x"))
                .withPermittedActions(Set.of(LicensedAction.USE, LicensedAction.DISTRIBUTE));
        assertThat(PlainWords.summaryEn(terms)).contains("Not permitted: derive, aggregate, sell (selling to third parties is prohibited)");
        assertThat(PlainWords.summaryZh(terms)).contains("禁止：衍生、汇总、转售（禁止向第三方出售）");
    }
}
