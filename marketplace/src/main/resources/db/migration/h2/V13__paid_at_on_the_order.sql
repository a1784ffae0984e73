-- When an order was paid, which starts its licence term, moves from the order's details to the order row: paying then
-- writes only the order row, instead of rewriting the whole details document for one field.
ALTER TABLE purchase_order ADD COLUMN paid_at TIMESTAMP WITH TIME ZONE;
-- The details store the time as an ISO-8601 string, the document's last field; a quoted name inside another string
-- is escaped there and so does not match.
UPDATE purchase_order o SET paid_at = (
    SELECT CAST(REGEXP_SUBSTR(d.details_json, '"paidAt":"([^"]+)"', 1, 1, NULL, 1) AS TIMESTAMP WITH TIME ZONE)
    FROM order_details d WHERE d.order_id = o.id);
UPDATE order_details SET details_json = REGEXP_REPLACE(details_json, ',"paidAt":(null|"[^"]*")}$', '}');
