-- The audit log: every sensitive action, appended with a hash chained to the previous entry. The application
-- only ever inserts; an edited or deleted row breaks the chain at that entry.
CREATE TABLE audit_entry (
    seq        BIGINT        PRIMARY KEY,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor      VARCHAR(64)   NOT NULL,
    role       VARCHAR(16)   NOT NULL,
    action     VARCHAR(64)   NOT NULL,
    subject    VARCHAR(200)  NOT NULL,
    detail     VARCHAR(2000) NOT NULL,
    prev_hash  VARCHAR(64)   NOT NULL,
    hash       VARCHAR(64)   NOT NULL
);
