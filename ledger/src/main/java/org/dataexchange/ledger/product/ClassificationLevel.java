package org.dataexchange.ledger.product;

/** Data classification of SPEC §6 (一般 / 重要 / 核心), in increasing order of protection. */
public enum ClassificationLevel {
    /** 一般数据. */
    GENERAL,
    /** 重要数据: filing record, data-security agreement, export assessment abroad. */
    IMPORTANT,
    /** 核心数据: all of the above plus a regulator approval for every trade. */
    CORE;

    public boolean atLeast(ClassificationLevel other) {
        return compareTo(other) >= 0;
    }
}
