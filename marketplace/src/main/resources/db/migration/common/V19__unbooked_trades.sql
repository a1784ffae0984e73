-- Trades the ledger holds that the books had not settled a while after the ledger confirmed them (an exchange that
-- lost commits, a database restored from a backup): found by the books check, reported and healed where that is
-- safe. Normally empty; a row stays as the record of what happened and what was done.
CREATE TABLE unbooked_trade (
    trade_id      VARCHAR(64)   PRIMARY KEY,
    tx_id         VARCHAR(64)   NOT NULL,
    block_number  BIGINT        NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    books_status  VARCHAR(20),
    detail        VARCHAR(2000) NOT NULL,
    found_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    checked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT unbooked_trade_state CHECK (state IN ('HEALING', 'UNHEALABLE', 'RESOLVED'))
);
CREATE INDEX unbooked_trade_state ON unbooked_trade (state);

-- The books check reads the ledger's confirmations in time order from where it stopped.
CREATE INDEX settlement_confirmation_time ON settlement_confirmation (confirmed_at);

CREATE TABLE books_check (
    id             INT PRIMARY KEY,
    checked_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
