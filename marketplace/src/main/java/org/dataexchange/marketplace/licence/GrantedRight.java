package org.dataexchange.marketplace.licence;

/**
 * The usage right a licence grants (三权分置). Same constant names as the ledger's
 * {@code org.dataexchange.ledger.licence.GrantedRight}, so the two map by {@code name()}.
 */
public enum GrantedRight {
    /** 数据加工使用权: the buyer may process and use the data itself. */
    PROCESSING_USE("数据加工使用权", "Processing and use right"),
    /** 数据产品经营权: the buyer may operate the data as a product, i.e. resell or distribute it. */
    PRODUCT_OPERATION("数据产品经营权", "Product operation right (resale)");

    private final String nameZh;
    private final String nameEn;

    GrantedRight(String nameZh, String nameEn) {
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
