-- Licence volume limits (用途用量): what each licence has used of records, calls, queries and downloads. One row per
-- order and measure, so counting is one conditional row update that cannot pass the licence's cap.
CREATE TABLE licence_volume (
    order_id  VARCHAR(36) NOT NULL REFERENCES purchase_order (id),
    measure   VARCHAR(16) NOT NULL,
    used      BIGINT      NOT NULL,
    PRIMARY KEY (order_id, measure)
);
