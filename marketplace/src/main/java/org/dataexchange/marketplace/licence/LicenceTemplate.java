package org.dataexchange.marketplace.licence;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Ready-made licences for the common cases; merchants start from one and adjust it with the {@code with…} methods. */
public enum LicenceTemplate {
    INTERNAL_ANALYSIS("仅限内部分析", "Internal analysis only", GrantedRight.PROCESSING_USE,
            EnumSet.of(LicensedAction.USE, LicensedAction.AGGREGATE), EnumSet.of(LicenceDuty.DELETE_AT_TERM_END), 1, 365),
    DERIVED_PRODUCTS("允许开发衍生产品", "Derived products allowed", GrantedRight.PROCESSING_USE,
            EnumSet.of(LicensedAction.USE, LicensedAction.DERIVE, LicensedAction.AGGREGATE),
            EnumSet.of(LicenceDuty.ATTRIBUTION), 5, 365),
    /** Resale, and products derived from the data sold on, each sale paying the licensor a 10% royalty (compensate). */
    RESALE("允许转售", "Resale allowed", GrantedRight.PRODUCT_OPERATION, EnumSet.allOf(LicensedAction.class),
            EnumSet.of(LicenceDuty.ATTRIBUTION, LicenceDuty.COMPENSATE), 1, 730, 1_000);

    /** The royalty share of the RESALE template's compensate duty, in basis points. */
    public static final int DEFAULT_ROYALTY_BP = 1_000;

    private final String nameZh;
    private final String nameEn;
    private final GrantedRight right;
    private final Set<LicensedAction> actions;
    private final Set<LicenceDuty> duties;
    private final int seats;
    private final int termDays;
    private final Integer royaltyBp;

    LicenceTemplate(String nameZh, String nameEn, GrantedRight right, Set<LicensedAction> actions,
                    Set<LicenceDuty> duties, int seats, int termDays) {
        this(nameZh, nameEn, right, actions, duties, seats, termDays, null);
    }

    LicenceTemplate(String nameZh, String nameEn, GrantedRight right, Set<LicensedAction> actions,
                    Set<LicenceDuty> duties, int seats, int termDays, Integer royaltyBp) {
        this.royaltyBp = royaltyBp;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.right = right;
        this.actions = actions;
        this.duties = duties;
        this.seats = seats;
        this.termDays = termDays;
    }

    /** The template's defaults with these purposes; throws {@link LicenceTermsException} if the purposes are unusable. */
    public LicenceTerms terms(List<String> purposes) {
        return new LicenceTerms(right, purposes, termDays, LicenceTerritory.DOMESTIC, seats, actions, duties, null, royaltyBp)
                .validated();
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
