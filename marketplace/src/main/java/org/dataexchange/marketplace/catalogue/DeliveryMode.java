package org.dataexchange.marketplace.catalogue;

/** How a buyer gets the data: a file, metered API calls, or queries in the sandbox (数据可用不可见). */
public enum DeliveryMode {
    FILE_DOWNLOAD, METERED_API, QUERY_SANDBOX
}
