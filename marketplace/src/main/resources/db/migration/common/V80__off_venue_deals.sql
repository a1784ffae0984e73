-- Off-venue deals (场内场外相结合, issue 18): a deal a merchant and a buyer made outside the exchange, registered by
-- one side, confirmed by the other, verified (or rejected) by the operator. A verified deal is its own ledger intent:
-- state VERIFIED until RecordOffVenueDeal answered (next_attempt_at is the lease / next retry, attempts and last_error
-- what the rounds saw), then RECORDED with the ledger's transaction. The ledger keeps the product as a digest only; the
-- title stays here for the parties.
CREATE TABLE off_venue_deal (
    id                     VARCHAR(36)   PRIMARY KEY,
    merchant_org_id        VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    buyer_org_id           VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    registered_by_org_id   VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    registered_by          VARCHAR(64)   NOT NULL,
    product_title          VARCHAR(200)  NOT NULL,
    product_digest         VARCHAR(64)   NOT NULL,
    industry               VARCHAR(32)   NOT NULL,
    classification         VARCHAR(16)   NOT NULL,
    plan_kind              VARCHAR(16)   NOT NULL,
    amount_minor           BIGINT        NOT NULL,
    currency               VARCHAR(3)    NOT NULL,
    licence_summary        VARCHAR(1000) NOT NULL,
    scenario               VARCHAR(500)  NOT NULL,
    deal_date              VARCHAR(10)   NOT NULL,
    state                  VARCHAR(16)   NOT NULL,
    confirmed_by           VARCHAR(64),
    confirmed_at           TIMESTAMP WITH TIME ZONE,
    decided_by             VARCHAR(64),
    decided_by_account_id  VARCHAR(36),
    decision_reason        VARCHAR(500),
    decided_at             TIMESTAMP WITH TIME ZONE,
    attempts               INTEGER       NOT NULL,
    next_attempt_at        TIMESTAMP WITH TIME ZONE,
    last_error             VARCHAR(2000),
    transaction_id         VARCHAR(64),
    recorded_at            TIMESTAMP WITH TIME ZONE,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT off_venue_deal_state CHECK (state IN ('REGISTERED', 'CONFIRMED', 'DECLINED', 'VERIFIED', 'REJECTED', 'RECORDED')),
    CONSTRAINT off_venue_deal_amount CHECK (amount_minor > 0),
    CONSTRAINT off_venue_deal_two_parties CHECK (merchant_org_id <> buyer_org_id)
);
CREATE INDEX off_venue_deal_merchant ON off_venue_deal (merchant_org_id, created_at);
CREATE INDEX off_venue_deal_buyer ON off_venue_deal (buyer_org_id, created_at);
CREATE INDEX off_venue_deal_due ON off_venue_deal (state, next_attempt_at);
