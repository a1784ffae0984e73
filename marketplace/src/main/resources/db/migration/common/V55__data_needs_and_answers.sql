-- Matching (交易撮合, issue 17): a buyer's data need and the merchants' answers to it. An answer is a private offer (a
-- PRIVATE_OFFER plan of one of the merchant's listed products, named by plan_id); accepting it places an ordinary
-- order on that plan, whose id the need and the answer keep (that link is how the regulator's trade table marks a
-- trade as matched: the ledger's trade record has no field for it).
CREATE TABLE data_need (
    id                   VARCHAR(36)   PRIMARY KEY,
    buyer_org_id         VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    buyer_account_id     VARCHAR(36)   NOT NULL,
    buyer_username       VARCHAR(64)   NOT NULL,
    title                VARCHAR(200)  NOT NULL,
    description          VARCHAR(4000) NOT NULL,
    industry             VARCHAR(32)   NOT NULL,
    scenario_purpose     VARCHAR(200)  NOT NULL,
    scenario_location    VARCHAR(10)   NOT NULL,
    budget_min_minor     BIGINT        NOT NULL,
    budget_max_minor     BIGINT        NOT NULL,
    currency             VARCHAR(3)    NOT NULL,
    deadline             TIMESTAMP WITH TIME ZONE NOT NULL,
    classifications      VARCHAR(64)   NOT NULL,
    state                VARCHAR(16)   NOT NULL,
    accepted_answer_id   VARCHAR(36),
    order_id             VARCHAR(36),
    closed_reason        VARCHAR(200),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT data_need_state CHECK (state IN ('OPEN', 'MATCHED', 'EXPIRED', 'WITHDRAWN')),
    CONSTRAINT data_need_budget CHECK (budget_min_minor >= 0 AND budget_max_minor >= budget_min_minor)
);
CREATE INDEX data_need_buyer ON data_need (buyer_org_id, created_at);
CREATE INDEX data_need_due ON data_need (state, deadline);
CREATE INDEX data_need_order ON data_need (order_id);

CREATE TABLE need_answer (
    id                   VARCHAR(36)   PRIMARY KEY,
    need_id              VARCHAR(36)   NOT NULL REFERENCES data_need (id),
    merchant_org_id      VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    merchant_username    VARCHAR(64)   NOT NULL,
    product_id           VARCHAR(36)   NOT NULL REFERENCES product (id),
    plan_id              VARCHAR(40)   NOT NULL,
    price_minor          BIGINT        NOT NULL,
    currency             VARCHAR(3)    NOT NULL,
    note                 VARCHAR(1000) NOT NULL,
    state                VARCHAR(16)   NOT NULL,
    order_id             VARCHAR(36),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT need_answer_state CHECK (state IN ('OFFERED', 'ACCEPTED', 'NOT_CHOSEN')),
    CONSTRAINT need_answer_one_per_merchant UNIQUE (need_id, merchant_org_id)
);
CREATE INDEX need_answer_need ON need_answer (need_id);
CREATE INDEX need_answer_order ON need_answer (order_id);
