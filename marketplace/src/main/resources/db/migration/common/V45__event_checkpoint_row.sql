-- The settlement confirmations' position in the ledger's event stream exists from the start (block -1: nothing
-- processed yet), so that the instances sharing it lock this one row before each event instead of racing to insert it.
INSERT INTO ledger_event_checkpoint (consumer, block_number, tx_id)
SELECT 'settlement-confirmations', -1, '' WHERE NOT EXISTS (
    SELECT 1 FROM ledger_event_checkpoint WHERE consumer = 'settlement-confirmations');
