package org.dataexchange.ledger.product;

/** Where the data comes from: 公共 public, 企业 enterprise, 个人 personal. */
public enum SourceType {
    PUBLIC,
    ENTERPRISE,
    PERSONAL
}
