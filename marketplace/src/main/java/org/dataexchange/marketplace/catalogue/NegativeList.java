package org.dataexchange.marketplace.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Items that may not be listed at all (负面清单): content the review finds in a product's title, description,
 * tags, category or schema is a reason to refuse the listing, whatever the merchant declares.
 */
final class NegativeList {

    private static final List<String> BANNED = List.of(
            "国家秘密", "state secret",
            "军事设施", "military facilit",
            "身份证号码明文", "plaintext id card number",
            "人脸图像", "facial image",
            "生物识别原始", "raw biometric",
            "个人行踪轨迹", "individual location trace",
            "通信内容", "communication content",
            "未成年人个人信息", "minors' personal information",
            "银行卡磁道", "card track data");

    private NegativeList() {}

    /** The banned items found in the text, empty when there are none. */
    public static List<String> hits(String... texts) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            for (String banned : BANNED) {
                if (lower.contains(banned) && !found.contains(banned)) {
                    found.add(banned);
                }
            }
        }
        return found;
    }
}
