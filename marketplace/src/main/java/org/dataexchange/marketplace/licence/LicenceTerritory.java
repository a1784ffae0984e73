package org.dataexchange.marketplace.licence;

/**
 * Where the data may be used. DOMESTIC is mainland China (ODRL {@code spatial eq "CN"}); Hong Kong, Macao and
 * Taiwan count as abroad because data leaving the mainland is a cross-border transfer under PIPL/DSL.
 */
public enum LicenceTerritory {
    DOMESTIC("仅限境内使用", "domestic use only (mainland China)"),
    CROSS_BORDER("允许跨境使用", "cross-border use permitted");

    private final String nameZh;
    private final String nameEn;

    LicenceTerritory(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
