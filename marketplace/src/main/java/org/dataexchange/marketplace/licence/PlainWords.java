package org.dataexchange.marketplace.licence;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Licence terms in plain words for buyers, in English and Chinese; both say the same things in the same order. */
public final class PlainWords {

    private PlainWords() {}

    /** e.g. "Processing and use right for 365 days, domestic use only (mainland China), 1 seat. You may: use, aggregate. …" */
    public static String summaryEn(LicenceTerms t) {
        t.validated();
        StringBuilder s = new StringBuilder()
                .append(t.right().nameEn()).append(" for ").append(t.termDays()).append(t.termDays() == 1 ? " day" : " days")
                .append(", ").append(t.territory().nameEn())
                .append(", ").append(t.seats()).append(t.seats() == 1 ? " seat" : " seats").append(". ")
                .append("You may: ").append(join(t.permittedActions(), LicensedAction::nameEn, ", ")).append(". ");
        if (t.volumeCaps() != null) {
            s.append("At most ").append(t.volumeCaps().asMap().entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().unitEn()).collect(Collectors.joining(", "))).append(" in all. ");
        }
        s.append(t.duties().isEmpty() ? "No further duties. "
                : "You must: " + join(t.duties(), d -> d == LicenceDuty.COMPENSATE
                        ? d.nameEn() + " (" + percent(t.royaltyShareBp()) + " of each sale)" : d.nameEn(), "; ") + ". ");
        Set<LicensedAction> prohibited = prohibited(t);
        if (!prohibited.isEmpty()) {
            s.append("Not permitted: ").append(join(prohibited, LicensedAction::nameEn, ", "));
            if (prohibited.contains(LicensedAction.DISTRIBUTE) && prohibited.contains(LicensedAction.SELL)) {
                s.append(" (onward transfer is prohibited)");
            } else if (prohibited.contains(LicensedAction.SELL)) {
                s.append(" (selling to third parties is prohibited)");
            } else if (prohibited.contains(LicensedAction.DISTRIBUTE)) {
                s.append(" (passing the data to third parties is prohibited)");
            }
            s.append(". ");
        }
        return s.append("Purposes: ").append(String.join("; ", t.purposes().stream().map(String::strip).toList()))
                .append(". Anything not permitted here is prohibited.").toString();
    }

    /** e.g. 数据加工使用权，期限365天，仅限境内使用，1个席位。允许：使用、汇总。义务：期满删除数据。… */
    public static String summaryZh(LicenceTerms t) {
        t.validated();
        StringBuilder s = new StringBuilder()
                .append(t.right().nameZh()).append("，期限").append(t.termDays()).append("天，")
                .append(t.territory().nameZh()).append("，").append(t.seats()).append("个席位。")
                .append("允许：").append(join(t.permittedActions(), LicensedAction::nameZh, "、")).append("。");
        if (t.volumeCaps() != null) {
            s.append("用量上限：").append(t.volumeCaps().asMap().entrySet().stream()
                    .map(e -> e.getValue() + e.getKey().unitZh()).collect(Collectors.joining("、"))).append("。");
        }
        s.append(t.duties().isEmpty() ? "无其他义务。" : "义务：" + join(t.duties(), d -> d == LicenceDuty.COMPENSATE
                ? d.nameZh() + "（每笔销售额的" + percent(t.royaltyShareBp()) + "）" : d.nameZh(), "、") + "。");
        Set<LicensedAction> prohibited = prohibited(t);
        if (!prohibited.isEmpty()) {
            s.append("禁止：").append(join(prohibited, LicensedAction::nameZh, "、"));
            if (prohibited.contains(LicensedAction.DISTRIBUTE) && prohibited.contains(LicensedAction.SELL)) {
                s.append("（禁止向第三方转让）");
            } else if (prohibited.contains(LicensedAction.SELL)) {
                s.append("（禁止向第三方出售）");
            } else if (prohibited.contains(LicensedAction.DISTRIBUTE)) {
                s.append("（禁止向第三方提供）");
            }
            s.append("。");
        }
        return s.append("用途：").append(String.join("、", t.purposes().stream().map(String::strip).toList()))
                .append("。未列明允许的行为一律禁止。").toString();
    }

    /** Basis points as a percentage without trailing zeros: 1000 → 10%, 1250 → 12.5%, 5 → 0.05%. */
    static String percent(int bp) {
        return java.math.BigDecimal.valueOf(bp, 2).stripTrailingZeros().toPlainString() + "%";
    }

    private static Set<LicensedAction> prohibited(LicenceTerms t) {
        Set<LicensedAction> prohibited = EnumSet.allOf(LicensedAction.class);
        prohibited.removeAll(t.permittedActions());
        return prohibited;
    }

    private static <E> String join(Set<E> values, Function<E, String> name, String separator) {
        return values.stream().map(name).collect(Collectors.joining(separator));
    }
}
