-- Overlap control of the query sandbox, faster and across instances.
-- The columns each remembered answer grouped by (JSON list of names), so that the check computes group keys once per
-- group instead of once per row; answers remembered before this have none and are keyed row by row.
ALTER TABLE sandbox_answer ADD COLUMN group_columns_json VARCHAR(20000);

-- One row per licence (order) that has queried its sandbox: a query locks it (SELECT ... FOR UPDATE) from reading the
-- remembered answers to recording its own, so that two queries of one licence sent to different instances sharing the
-- database cannot both pass the check against a history that holds neither.
CREATE TABLE sandbox_history (
    order_id    VARCHAR(36)  PRIMARY KEY REFERENCES purchase_order (id),
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
