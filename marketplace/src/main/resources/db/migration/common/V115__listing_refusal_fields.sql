-- Why a listing registration did not reach the ledger, kept as fields beside the message (last_error) so the consoles
-- can say it in Chinese and English: the refusal's stable code (PARENT_LICENCE_UNUSABLE, or the ledger's error code),
-- the parent licence (certificate) that stopped it, and which of that licence's checks failed (comma separated).
ALTER TABLE listing_ledger_intent ADD COLUMN refusal_code VARCHAR(64);
ALTER TABLE listing_ledger_intent ADD COLUMN refusal_certificate VARCHAR(100);
ALTER TABLE listing_ledger_intent ADD COLUMN refusal_failed VARCHAR(200);
