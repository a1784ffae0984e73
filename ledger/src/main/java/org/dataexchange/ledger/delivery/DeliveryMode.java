package org.dataexchange.ledger.delivery;

/** How licensed data reached the buyer. */
public enum DeliveryMode {
    FILE_DOWNLOAD,
    METERED_API,
    /** "Usable but not visible" (数据可用不可见): queries run in the exchange's sandbox. */
    QUERY_SANDBOX
}
