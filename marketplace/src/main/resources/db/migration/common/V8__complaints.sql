-- Complaints (数据异议) about a trade, filed by its buyer or seller and decided by the operator.
CREATE TABLE complaint (
    id             VARCHAR(36)   PRIMARY KEY,
    order_id       VARCHAR(36)   NOT NULL REFERENCES purchase_order (id),
    filed_by       VARCHAR(64)   NOT NULL,
    filed_by_role  VARCHAR(16)   NOT NULL,
    text           VARCHAR(4000) NOT NULL,
    status         VARCHAR(20)   NOT NULL,
    decision_note  VARCHAR(2000),
    decided_by     VARCHAR(64),
    decided_at     TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT complaint_status CHECK (status IN ('OPEN', 'DISMISSED', 'PARTIAL_REFUND', 'FULL_REFUND'))
);
CREATE INDEX complaint_order ON complaint (order_id);
