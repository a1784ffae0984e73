-- Every delivery of licensed data, with its ledger receipt.
CREATE TABLE delivery (
    id              VARCHAR(36)  PRIMARY KEY,
    order_id        VARCHAR(36)  NOT NULL REFERENCES purchase_order (id),
    mode            VARCHAR(16)  NOT NULL,
    units           BIGINT       NOT NULL,
    content_digest  VARCHAR(64),
    ledger_tx_id    VARCHAR(64),
    delivered_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX delivery_order ON delivery (order_id);
