-- Product and order details move from CLOB to CHARACTER VARYING: they are a few kilobytes of JSON, read on every
-- order, payment and settlement, and H2 streams a CLOB through its LOB store on each read (a third of the service's
-- allocations in the settlement benchmark). One million characters is far above any details document.
ALTER TABLE product ALTER COLUMN details_json SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE purchase_order ALTER COLUMN details_json SET DATA TYPE CHARACTER VARYING(1000000);
