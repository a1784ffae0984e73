-- A change to a listed product is a revision that goes through review while the listed terms stay in force: the
-- merchant's draft of the new terms (null when only a new data version is proposed), the data version proposed,
-- whether it calls for refiling (备案变更), the declaration made on submission and the operator's decision.
CREATE TABLE product_revision (
    id                 VARCHAR(36)    PRIMARY KEY,
    product_id         VARCHAR(36)    NOT NULL REFERENCES product (id),
    seq                INT            NOT NULL,
    status             VARCHAR(16)    NOT NULL,
    draft_json         CHARACTER VARYING(1000000),
    version            VARCHAR(64),
    registered_version VARCHAR(64),
    refiling_required  BOOLEAN        NOT NULL,
    declaration_json   VARCHAR(4000),
    decided_by         VARCHAR(64),
    decision_note      VARCHAR(2000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT product_revision_seq UNIQUE (product_id, seq)
);
CREATE INDEX product_revision_status ON product_revision (status);

CREATE TABLE product_revision_transition (
    id          VARCHAR(36)   PRIMARY KEY,
    revision_id VARCHAR(36)   NOT NULL REFERENCES product_revision (id),
    from_status VARCHAR(16),
    to_status   VARCHAR(16)   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX product_revision_transition_revision ON product_revision_transition (revision_id);

-- Ledger writes of the catalogue (a version's registration, a listing status change) are recorded here in the
-- database transaction that decides them and sent to the ledger after it commits; their effect on the books is
-- applied once, in the transaction that marks them done. A pending one is retried until the ledger answers.
CREATE TABLE listing_ledger_intent (
    id               VARCHAR(36)   PRIMARY KEY,
    product_id       VARCHAR(36)   NOT NULL REFERENCES product (id),
    kind             VARCHAR(24)   NOT NULL,
    version          VARCHAR(64),
    revision_id      VARCHAR(36),
    target_status    VARCHAR(16),
    actor            VARCHAR(64)   NOT NULL,
    actor_role       VARCHAR(16),
    note             VARCHAR(2000),
    status           VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    last_error       VARCHAR(2000),
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX listing_ledger_intent_due ON listing_ledger_intent (status, next_attempt_at);
CREATE INDEX listing_ledger_intent_product ON listing_ledger_intent (product_id, status);

-- Before revisions, a version uploaded to a listed product became its current version unregistered, and every sale
-- of it was refunded. Such a version becomes the draft revision it should have been, and the product sells its
-- latest registered version again.
INSERT INTO product_revision (id, product_id, seq, status, draft_json, version, registered_version, refiling_required,
                              declaration_json, decided_by, decision_note, created_at, updated_at)
SELECT RANDOM_UUID(), p.id, 1, 'DRAFT', NULL, p.current_version, NULL, FALSE, NULL, NULL, NULL, p.updated_at, p.updated_at
FROM product p JOIN product_version v ON v.product_id = p.id AND v.version = p.current_version
WHERE p.status IN ('LISTED', 'SUSPENDED') AND v.ledger_tx_id IS NULL;
UPDATE product p SET current_version = (
    SELECT r.version FROM product_version r WHERE r.product_id = p.id AND r.ledger_tx_id IS NOT NULL
    ORDER BY r.created_at DESC LIMIT 1)
WHERE p.status IN ('LISTED', 'SUSPENDED') AND EXISTS (
    SELECT 1 FROM product_version v WHERE v.product_id = p.id AND v.version = p.current_version AND v.ledger_tx_id IS NULL);
