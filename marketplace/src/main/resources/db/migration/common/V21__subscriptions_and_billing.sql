-- Subscriptions: the order that started one (its id is the subscription's) and the period now paid for.
CREATE TABLE subscription (
    id                VARCHAR(36)   PRIMARY KEY REFERENCES purchase_order (id),
    buyer_org_id      VARCHAR(36)   NOT NULL,
    product_id        VARCHAR(36)   NOT NULL,
    plan_id           VARCHAR(40)   NOT NULL,
    period            VARCHAR(10)   NOT NULL,
    auto_renew        BOOLEAN       NOT NULL,
    status            VARCHAR(10)   NOT NULL,
    current_order_id  VARCHAR(36)   NOT NULL,
    period_number     INT           NOT NULL,
    period_start      TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end        TIMESTAMP WITH TIME ZONE NOT NULL,
    end_reason        VARCHAR(2000),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX subscription_due ON subscription (status, period_end);
CREATE INDEX subscription_buyer ON subscription (buyer_org_id);
CREATE INDEX subscription_product ON subscription (product_id);

-- Every period billed: a subscription's renewal or a month of metered calls. The unique key makes billing happen once
-- per (order, kind, period) whatever crashes or concurrent rounds happen: the bill, its order, the escrow posting and
-- the settlement request commit together or not at all.
CREATE TABLE billing_period (
    id             VARCHAR(36)   PRIMARY KEY,
    order_id       VARCHAR(36)   NOT NULL REFERENCES purchase_order (id),
    kind           VARCHAR(10)   NOT NULL,
    period         VARCHAR(20)   NOT NULL,
    starts_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    calls          BIGINT        NOT NULL,
    charge_minor   BIGINT        NOT NULL,
    currency       VARCHAR(3)    NOT NULL,
    state          VARCHAR(12)   NOT NULL,
    bill_order_id  VARCHAR(36)   REFERENCES purchase_order (id),
    note           VARCHAR(2000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT billing_period_once UNIQUE (order_id, kind, period)
);
CREATE INDEX billing_period_state ON billing_period (state);

-- A delivery is recorded (its intent) before its ledger receipt is written; a receipt the ledger refused says why.
ALTER TABLE delivery ADD COLUMN receipt_problem VARCHAR(2000);
