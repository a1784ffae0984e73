-- The query sandbox (数据可用不可见): the k-anonymity threshold a product sets for its aggregates (absent: 10), and
-- every query a licensed buyer ran: the SHA-256 of the query as executed, how many groups it answered and suppressed,
-- how long it took, and the delivery whose ledger receipt covers it (one receipt per order and UTC hour).
CREATE TABLE sandbox_setting (
    product_id   VARCHAR(36) PRIMARY KEY REFERENCES product (id),
    k_threshold  INTEGER     NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sandbox_query (
    id                 VARCHAR(36) PRIMARY KEY,
    order_id           VARCHAR(36) NOT NULL REFERENCES purchase_order (id),
    query_hash         VARCHAR(64) NOT NULL,
    result_groups      INTEGER     NOT NULL,
    suppressed_groups  INTEGER     NOT NULL,
    elapsed_millis     BIGINT      NOT NULL,
    ran_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    delivery_id        VARCHAR(36) NOT NULL
);
CREATE INDEX sandbox_query_order ON sandbox_query (order_id, ran_at);
