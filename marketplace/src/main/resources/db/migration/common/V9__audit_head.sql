-- The head of the audit chain: its last sequence number and hash. Appending updates this one row first, so the
-- row lock orders appenders until their transactions commit: two appenders in overlapping transactions (or two
-- instances) can no longer both read the same last entry and claim the same sequence number.
CREATE TABLE audit_head (
    id    INT          PRIMARY KEY,
    seq   BIGINT       NOT NULL,
    hash  VARCHAR(64)  NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
SELECT 1, COALESCE(MAX(seq), 0),
       COALESCE((SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_entry;
