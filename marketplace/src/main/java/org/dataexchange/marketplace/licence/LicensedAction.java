package org.dataexchange.marketplace.licence;

import java.util.Arrays;
import java.util.Optional;

/** What a licensee may do with the data; each maps to an action of the ODRL 2.2 common vocabulary. */
@io.micronaut.serde.annotation.Serdeable // introspected: reading a set of these from JSON would otherwise throw and recover
public enum LicensedAction {
    USE("use", "使用", "use"),
    DERIVE("derive", "衍生", "derive"),
    AGGREGATE("aggregate", "汇总", "aggregate"),
    DISTRIBUTE("distribute", "分发", "distribute"),
    SELL("sell", "转售", "sell");

    private final String odrl;
    private final String nameZh;
    private final String nameEn;

    LicensedAction(String odrl, String nameZh, String nameEn) {
        this.odrl = odrl;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    /** The ODRL action name, e.g. {@code "distribute"}. */
    public String odrl() {
        return odrl;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Passing the data on to third parties; prohibited unless the licence grants it. */
    public boolean isOnwardTransfer() {
        return this == DISTRIBUTE || this == SELL;
    }

    static Optional<LicensedAction> fromOdrl(String action) {
        return Arrays.stream(values()).filter(a -> a.odrl.equals(action)).findFirst();
    }
}
