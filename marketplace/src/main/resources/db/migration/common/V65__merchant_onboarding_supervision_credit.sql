-- Issue 18, merchants and supervision.

-- A merchant organisation's application to trade on the exchange (数商入驻): its credit code, business scope, contact
-- and the declarations the exchange asks for; the operator decides it by review_due_at (overdue after that).
CREATE TABLE merchant_application (
    id                          VARCHAR(36)   PRIMARY KEY,
    organisation_id             VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    credit_code                 VARCHAR(18)   NOT NULL,
    business_scope              VARCHAR(2000) NOT NULL,
    contact_name                VARCHAR(100)  NOT NULL,
    contact_phone               VARCHAR(40)   NOT NULL,
    contact_email               VARCHAR(200)  NOT NULL,
    declares_lawful_operation   BOOLEAN       NOT NULL,
    declares_lawful_sources     BOOLEAN       NOT NULL,
    declares_security_measures  BOOLEAN       NOT NULL,
    declares_no_violations      BOOLEAN       NOT NULL,
    declares_rules_accepted     BOOLEAN       NOT NULL,
    status                      VARCHAR(16)   NOT NULL,
    submitted_by                VARCHAR(64)   NOT NULL,
    submitted_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    review_due_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by                  VARCHAR(64),
    decided_at                  TIMESTAMP WITH TIME ZONE,
    decision_note               VARCHAR(2000),
    CONSTRAINT merchant_application_status CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED'))
);
CREATE INDEX merchant_application_org ON merchant_application (organisation_id, submitted_at);
CREATE INDEX merchant_application_status ON merchant_application (status, review_due_at);

-- A merchant's standing on the exchange: APPLYING until its application is approved, then ACTIVE; SUSPENDED and back
-- by supervision; DISQUALIFIED is final. A merchant without a row is APPLYING.
CREATE TABLE merchant_standing (
    organisation_id  VARCHAR(36) PRIMARY KEY REFERENCES organisation (id),
    standing         VARCHAR(16) NOT NULL,
    since            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT merchant_standing_value CHECK (standing IN ('APPLYING', 'ACTIVE', 'SUSPENDED', 'DISQUALIFIED'))
);
-- Merchants already trading when onboarding began keep trading.
INSERT INTO merchant_standing (organisation_id, standing, since)
    SELECT id, 'ACTIVE', CURRENT_TIMESTAMP FROM organisation WHERE kind = 'MERCHANT';

-- Supervision actions (约谈, 下架, suspension, reinstatement, disqualification), decided in one database transaction
-- with the standing they change and recorded on the ledger after it commits (RecordSupervisionAction; the outbox
-- pattern of dispute outcomes). affected_products: the listings a suspension or disqualification took off sale,
-- comma-separated, so a reinstatement puts back those.
CREATE TABLE supervision_action (
    id                 VARCHAR(40)    PRIMARY KEY,
    organisation_id    VARCHAR(36)    NOT NULL REFERENCES organisation (id),
    party_id           VARCHAR(18)    NOT NULL,
    measure            VARCHAR(20)    NOT NULL,
    product_id         VARCHAR(36),
    reason             VARCHAR(2000)  NOT NULL,
    actor              VARCHAR(64)    NOT NULL,
    decided_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    standing_before    VARCHAR(16)    NOT NULL,
    standing_after     VARCHAR(16)    NOT NULL,
    affected_products  VARCHAR(20000),
    listings_done      BOOLEAN        NOT NULL,
    ledger_state       VARCHAR(16)    NOT NULL,
    attempts           INT            NOT NULL,
    next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error         VARCHAR(2000),
    transaction_id     VARCHAR(64),
    block_number       BIGINT,
    recorded_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT supervision_action_measure CHECK (measure IN ('WARNING_TALK', 'LISTING_TAKEDOWN', 'SUSPENSION',
        'REINSTATEMENT', 'DISQUALIFICATION')),
    CONSTRAINT supervision_action_ledger_state CHECK (ledger_state IN ('PENDING', 'RECORDED', 'FAILED'))
);
CREATE INDEX supervision_action_org ON supervision_action (organisation_id, decided_at);
CREATE INDEX supervision_action_due ON supervision_action (ledger_state, next_attempt_at);

-- A party's credit record (信用): events with their source; the score is computed from the STANDING events by the
-- configured rules (exchange.credit.*). An upheld objection WITHDRAWS an event; an approved credit repair marks the
-- negative events before it REPAIRED. Both stay visible.
CREATE TABLE credit_event (
    id               VARCHAR(36)   PRIMARY KEY,
    organisation_id  VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    kind             VARCHAR(24)   NOT NULL,
    source           VARCHAR(16)   NOT NULL,
    source_ref       VARCHAR(80)   NOT NULL,
    note             VARCHAR(2000) NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    CONSTRAINT credit_event_kind CHECK (kind IN ('WARNING_TALK', 'LISTING_TAKEDOWN', 'SUSPENSION', 'DISQUALIFICATION',
        'UPHELD_COMPLAINT', 'REFUSED_TRADE', 'LATE_DELIVERY', 'ON_TIME_RECORD')),
    CONSTRAINT credit_event_source CHECK (source IN ('SUPERVISION', 'COMPLAINT', 'REGULATOR', 'OPERATOR')),
    CONSTRAINT credit_event_status CHECK (status IN ('STANDING', 'WITHDRAWN', 'REPAIRED')),
    CONSTRAINT credit_event_once UNIQUE (kind, source_ref)
);
CREATE INDEX credit_event_org ON credit_event (organisation_id, occurred_at);

-- Objections (异议) to a credit event and applications for credit repair (信用修复), each decided by the operator.
CREATE TABLE credit_objection (
    id               VARCHAR(36)   PRIMARY KEY,
    event_id         VARCHAR(36)   NOT NULL REFERENCES credit_event (id),
    organisation_id  VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    reason           VARCHAR(2000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    filed_by         VARCHAR(64)   NOT NULL,
    filed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by       VARCHAR(64),
    decided_at       TIMESTAMP WITH TIME ZONE,
    decision_note    VARCHAR(2000),
    CONSTRAINT credit_objection_status CHECK (status IN ('OPEN', 'UPHELD', 'DISMISSED'))
);
CREATE INDEX credit_objection_org ON credit_objection (organisation_id, filed_at);

CREATE TABLE credit_repair (
    id               VARCHAR(36)   PRIMARY KEY,
    organisation_id  VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    statement        VARCHAR(2000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    filed_by         VARCHAR(64)   NOT NULL,
    filed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by       VARCHAR(64),
    decided_at       TIMESTAMP WITH TIME ZONE,
    decision_note    VARCHAR(2000),
    CONSTRAINT credit_repair_status CHECK (status IN ('OPEN', 'APPROVED', 'REFUSED'))
);
CREATE INDEX credit_repair_org ON credit_repair (organisation_id, filed_at);
