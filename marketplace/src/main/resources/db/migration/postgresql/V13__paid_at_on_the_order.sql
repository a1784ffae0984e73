-- PostgreSQL's version of the H2 migration of the same number (H2's REGEXP_SUBSTR takes a group argument that
-- PostgreSQL's regexp functions do not): when an order was paid moves from the order's details to the order row.
ALTER TABLE purchase_order ADD COLUMN paid_at TIMESTAMP WITH TIME ZONE;
-- The details store the time as an ISO-8601 string, the document's last field; SUBSTRING ... FROM a pattern with a
-- group returns that group.
UPDATE purchase_order o SET paid_at = (
    SELECT CAST(SUBSTRING(d.details_json FROM '"paidAt":"([^"]+)"') AS TIMESTAMP WITH TIME ZONE)
    FROM order_details d WHERE d.order_id = o.id);
UPDATE order_details SET details_json = REGEXP_REPLACE(details_json, ',"paidAt":(null|"[^"]*")}$', '}');
