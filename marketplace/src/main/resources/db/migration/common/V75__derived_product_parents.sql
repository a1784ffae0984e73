-- The parent licences of derived products once registered on the ledger, so that a parent's merchant finds the
-- products whose sales owe it a royalty (its revenue statement). The ledger holds the same parents per version.
CREATE TABLE derived_product_parent (
    id                       VARCHAR(200)  PRIMARY KEY,
    product_id               VARCHAR(36)   NOT NULL REFERENCES product (id),
    certificate_id           VARCHAR(128)  NOT NULL,
    parent_product_id        VARCHAR(36)   NOT NULL,
    parent_merchant_org_id   VARCHAR(36)   NOT NULL,
    royalty_bp               INTEGER       NOT NULL,
    registered_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX derived_product_parent_by_merchant ON derived_product_parent (parent_merchant_org_id);
