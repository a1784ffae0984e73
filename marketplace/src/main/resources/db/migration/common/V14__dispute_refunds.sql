-- Complaint decisions move money (issue 12, defect 5).
-- OWED: a receivable. When a refund takes back more of a split party's revenue than its REVENUE balance holds, the
-- exchange advances the rest to the buyer and the party's OWED account goes below zero by that much (a negative
-- balance is what the party owes); it never goes above zero.
ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_kind;
ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_kind
    CHECK (kind IN ('AVAILABLE', 'ESCROW', 'REVENUE', 'EXTERNAL', 'OWED'));
ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_no_overdraft;
ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_no_overdraft
    CHECK (kind = 'EXTERNAL' OR (kind = 'OWED' AND balance_minor <= 0) OR (kind <> 'OWED' AND balance_minor >= 0));

-- A refund a complaint's decision gave on an order: its amount and how it was taken from each split party
-- (lines_json: party, role, owner, amountMinor, clawedBackMinor, owedMinor).
CREATE TABLE order_refund (
    id            VARCHAR(40)    PRIMARY KEY,
    order_id      VARCHAR(36)    NOT NULL REFERENCES purchase_order (id),
    complaint_id  VARCHAR(36)    NOT NULL,
    decision      VARCHAR(20)    NOT NULL,
    amount_minor  BIGINT         NOT NULL,
    currency      VARCHAR(3)     NOT NULL,
    lines_json    VARCHAR(20000) NOT NULL,
    decided_by    VARCHAR(64)    NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT order_refund_complaint UNIQUE (complaint_id),
    CONSTRAINT order_refund_decision CHECK (decision IN ('PARTIAL_REFUND', 'FULL_REFUND')),
    CONSTRAINT order_refund_positive CHECK (amount_minor > 0)
);
CREATE INDEX order_refund_order ON order_refund (order_id);

-- Dispute outcomes to record on the ledger, written with the decision in one database transaction and recorded after
-- it commits (the settlement outbox's pattern): RecordDisputeOutcome, then RevokeLicence for a full refund.
CREATE TABLE dispute_outcome (
    id                     VARCHAR(40)    PRIMARY KEY,
    complaint_id           VARCHAR(36)    NOT NULL REFERENCES complaint (id),
    order_id               VARCHAR(36)    NOT NULL REFERENCES purchase_order (id),
    request_json           VARCHAR(20000) NOT NULL,
    revoke_certificate_id  VARCHAR(80),
    state                  VARCHAR(16)    NOT NULL,
    attempts               INT            NOT NULL,
    next_attempt_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error             VARCHAR(2000),
    transaction_id         VARCHAR(64),
    block_number           BIGINT,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT dispute_outcome_complaint UNIQUE (complaint_id),
    CONSTRAINT dispute_outcome_state CHECK (state IN ('PENDING', 'RECORDED', 'FAILED'))
);
CREATE INDEX dispute_outcome_due ON dispute_outcome (state, next_attempt_at);
CREATE INDEX dispute_outcome_order ON dispute_outcome (order_id);
