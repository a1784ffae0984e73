package org.dataexchange.ledger.licence;

/** The usage right a licence grants (三权分置): processing/use, or product operation (resale). */
public enum GrantedRight {
    /** 数据加工使用权. */
    PROCESSING_USE,
    /** 数据产品经营权. */
    PRODUCT_OPERATION
}
