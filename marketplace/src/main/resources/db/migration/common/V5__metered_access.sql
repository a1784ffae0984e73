-- Metered API access: keys (only their SHA-256 is kept) and a counter per order and month, so that counting
-- a call is one row update, never a ledger write.
CREATE TABLE api_key (
    id          VARCHAR(36)  PRIMARY KEY,
    order_id    VARCHAR(36)  NOT NULL REFERENCES purchase_order (id),
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_usage (
    order_id  VARCHAR(36) NOT NULL REFERENCES purchase_order (id),
    usage_month VARCHAR(7)  NOT NULL,
    calls     BIGINT      NOT NULL,
    PRIMARY KEY (order_id, usage_month)
);

ALTER TABLE purchase_order ADD COLUMN licence_revoked BOOLEAN DEFAULT FALSE NOT NULL;
