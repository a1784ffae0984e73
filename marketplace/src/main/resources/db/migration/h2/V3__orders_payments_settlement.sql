-- Wallets in double-entry bookkeeping: every movement is a journal entry whose lines sum to zero; the
-- balance column is a running total of an account's lines, kept so a conditional update can refuse an
-- overdraft atomically (and the CHECK refuses one even if the application did not).
CREATE TABLE ledger_account (
    id             VARCHAR(80)  PRIMARY KEY,
    owner          VARCHAR(128) NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    balance_minor  BIGINT       NOT NULL,
    CONSTRAINT ledger_account_kind CHECK (kind IN ('AVAILABLE', 'ESCROW', 'REVENUE', 'EXTERNAL')),
    CONSTRAINT ledger_account_no_overdraft CHECK (kind = 'EXTERNAL' OR balance_minor >= 0)
);

CREATE TABLE journal_entry (
    id          VARCHAR(36)  PRIMARY KEY,
    kind        VARCHAR(16)  NOT NULL,
    reference   VARCHAR(200) NOT NULL,
    actor       VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE journal_line (
    id            VARCHAR(36) PRIMARY KEY,
    entry_id      VARCHAR(36) NOT NULL REFERENCES journal_entry (id),
    account_id    VARCHAR(80) NOT NULL REFERENCES ledger_account (id),
    amount_minor  BIGINT      NOT NULL
);
CREATE INDEX journal_line_account ON journal_line (account_id);

CREATE TABLE purchase_order (
    id                       VARCHAR(36)   PRIMARY KEY,
    idempotency_key          VARCHAR(200)  NOT NULL,
    request_hash             VARCHAR(64)   NOT NULL,
    buyer_account_id         VARCHAR(36)   NOT NULL,
    buyer_org_id             VARCHAR(36)   NOT NULL,
    product_id               VARCHAR(36)   NOT NULL REFERENCES product (id),
    product_version          VARCHAR(64)   NOT NULL,
    plan_id                  VARCHAR(40)   NOT NULL,
    amount_minor             BIGINT        NOT NULL,
    currency                 VARCHAR(3)    NOT NULL,
    status                   VARCHAR(20)   NOT NULL,
    details_json             CLOB          NOT NULL,
    agreement_hash           VARCHAR(64)   NOT NULL,
    transaction_id           VARCHAR(64),
    block_number             BIGINT,
    certificate_id           VARCHAR(80),
    failure_reason           VARCHAR(2000),
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT purchase_order_idempotency UNIQUE (buyer_account_id, idempotency_key)
);
CREATE INDEX purchase_order_buyer ON purchase_order (buyer_org_id);
CREATE INDEX purchase_order_product ON purchase_order (product_id);

CREATE TABLE order_transition (
    id          VARCHAR(36)   PRIMARY KEY,
    order_id    VARCHAR(36)   NOT NULL REFERENCES purchase_order (id),
    from_status VARCHAR(20),
    to_status   VARCHAR(20)   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX order_transition_order ON order_transition (order_id);

-- The transactional outbox: written with the payment, drained by the settlement worker.
CREATE TABLE settlement_outbox (
    order_id         VARCHAR(36)   PRIMARY KEY REFERENCES purchase_order (id),
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT settlement_outbox_state CHECK (state IN ('PENDING', 'DONE', 'FAILED'))
);
CREATE INDEX settlement_outbox_due ON settlement_outbox (state, next_attempt_at);
