package org.dataexchange.marketplace.licence;

import java.util.Arrays;
import java.util.Optional;

/** What a licensee must do; each maps to an ODRL 2.2 duty action. */
@io.micronaut.serde.annotation.Serdeable // introspected: reading a set of these from JSON would otherwise throw and recover
public enum LicenceDuty {
    /** ODRL {@code attribute}: name the data's source (the seller) wherever the data or its derivatives appear. */
    ATTRIBUTION("attribute", "注明数据来源", "attribute the data source"),
    /** ODRL {@code delete}, constrained to the end of the term. */
    DELETE_AT_TERM_END("delete", "期满删除数据", "delete the data when the term ends"),
    /**
     * ODRL {@code compensate}: pay the assigner a royalty, a share of the price of every sale of a product derived from
     * the data ({@link LicenceTerms#royaltyBp()} basis points).
     */
    COMPENSATE("compensate", "衍生产品销售分成", "pay a royalty on sales of derived products");

    private final String odrl;
    private final String nameZh;
    private final String nameEn;

    LicenceDuty(String odrl, String nameZh, String nameEn) {
        this.odrl = odrl;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String odrl() {
        return odrl;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    static Optional<LicenceDuty> fromOdrl(String action) {
        return Arrays.stream(values()).filter(d -> d.odrl.equals(action)).findFirst();
    }
}
