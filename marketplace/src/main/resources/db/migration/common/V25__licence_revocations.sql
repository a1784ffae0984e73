-- Licence revocations the operator decided (issue 14): recorded in the database transaction that decides them and
-- sent to the ledger (RevokeLicence) after that commits, so no ledger call runs inside a database transaction and a
-- rollback leaves nothing on the ledger. The order's licence_revoked flag is set by the transaction that marks the
-- revocation DONE. A revocation the ledger refuses is deleted (a refused request changes nothing; the audit log keeps
-- it), except that ID_CONFLICT (the ledger holds the licence revoked for another reason) sets the flag.
CREATE TABLE licence_revocation (
    id               VARCHAR(36)   PRIMARY KEY,
    certificate_id   VARCHAR(80)   NOT NULL,
    order_id         VARCHAR(36)   NOT NULL REFERENCES purchase_order (id),
    reason           VARCHAR(1000) NOT NULL,
    decided_by       VARCHAR(64)   NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(2000),
    transaction_id   VARCHAR(64),
    revoked_at       TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT licence_revocation_state CHECK (state IN ('PENDING', 'DONE'))
);
CREATE INDEX licence_revocation_due ON licence_revocation (state, next_attempt_at);
CREATE INDEX licence_revocation_order ON licence_revocation (order_id);
