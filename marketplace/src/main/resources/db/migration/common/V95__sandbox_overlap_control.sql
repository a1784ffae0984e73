-- Overlap control of the query sandbox: the row sets a licence's answered queries disclosed aggregates of, so that a
-- later query whose group differs from one of them by fewer than k rows (a differencing or tracker attack) is
-- suppressed. One row per answered query: its condition as SQL over the product's file (written by the service, never
-- by the buyer) with its bound values, the expression of its group key, and the keys (MD5 of the group-by values) of the groups it answered. Only
-- the last exchange.sandbox.remembered-queries of an order are kept. The query log counts the groups so suppressed.
CREATE TABLE sandbox_answer (
    id               VARCHAR(36)      PRIMARY KEY,
    order_id         VARCHAR(36)      NOT NULL REFERENCES purchase_order (id),
    answered_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    row_condition    VARCHAR(200000)  NOT NULL,
    parameters_json  VARCHAR(200000)  NOT NULL,
    group_key        VARCHAR(20000)   NOT NULL,
    group_keys_json  VARCHAR(100000)  NOT NULL
);
CREATE INDEX sandbox_answer_order ON sandbox_answer (order_id, answered_at);

ALTER TABLE sandbox_query ADD COLUMN differencing_groups INTEGER DEFAULT 0 NOT NULL;
