-- Chaincode events consumed exactly once: the position in the event stream and what each event confirmed are
-- written in one transaction.
CREATE TABLE ledger_event_checkpoint (
    consumer      VARCHAR(64) PRIMARY KEY,
    block_number  BIGINT      NOT NULL,
    tx_id         VARCHAR(64) NOT NULL
);

CREATE TABLE settlement_confirmation (
    order_id      VARCHAR(36) PRIMARY KEY REFERENCES purchase_order (id),
    tx_id         VARCHAR(64) NOT NULL,
    block_number  BIGINT      NOT NULL,
    confirmed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
