-- The catalogue: products with their classification, provenance, licence offer, pricing and revenue shares;
-- uploaded versions with their digests; and every status transition with who and why.
CREATE TABLE product (
    id                       VARCHAR(36)   PRIMARY KEY,
    merchant_org_id          VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    title                    VARCHAR(200)  NOT NULL,
    description              VARCHAR(8000) NOT NULL,
    tags                     VARCHAR(1000) NOT NULL,
    industry                 VARCHAR(32)   NOT NULL,
    source_type              VARCHAR(16)   NOT NULL,
    classification_level     VARCHAR(16)   NOT NULL,
    category                 VARCHAR(100)  NOT NULL,
    delivery_modes           VARCHAR(100)  NOT NULL,
    cross_border_allowed     BOOLEAN       NOT NULL,
    details_json             CLOB          NOT NULL,
    status                   VARCHAR(16)   NOT NULL,
    requires_regulator_approval BOOLEAN    NOT NULL,
    refiling_required        BOOLEAN       NOT NULL,
    current_version          VARCHAR(64),
    min_price_minor          BIGINT,
    currency                 VARCHAR(3)    NOT NULL,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX product_merchant ON product (merchant_org_id);
CREATE INDEX product_status ON product (status);

CREATE TABLE product_version (
    id             VARCHAR(36)  PRIMARY KEY,
    product_id     VARCHAR(36)  NOT NULL REFERENCES product (id),
    version        VARCHAR(64)  NOT NULL,
    file_name      VARCHAR(255) NOT NULL,
    size_bytes     BIGINT       NOT NULL,
    sha256         VARCHAR(64)  NOT NULL,
    storage_path   VARCHAR(500) NOT NULL,
    volume_records BIGINT       NOT NULL,
    ledger_tx_id   VARCHAR(64),
    ledger_block   BIGINT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT product_version_unique UNIQUE (product_id, version)
);

CREATE TABLE product_transition (
    id          VARCHAR(36)   PRIMARY KEY,
    product_id  VARCHAR(36)   NOT NULL REFERENCES product (id),
    from_status VARCHAR(16),
    to_status   VARCHAR(16)   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX product_transition_product ON product_transition (product_id);
