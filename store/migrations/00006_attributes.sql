-- +goose Up
-- Attributes of document types (R-F7), pulled with the master data.
CREATE TABLE attributes (
    code TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

-- Fields of the form (R-F1, R-F2) the list shows or the document keeps:
-- fulfilled at the pickup point (a hidden column, R-L3), and an address
-- added on the form for home delivery (JSON, '' when none; see
-- app/deliverypoints.go for why it stays on the document).
ALTER TABLE documents ADD COLUMN fulfilled_at_pickup INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN delivery_address TEXT NOT NULL DEFAULT '';

-- The customer search of the form finds a customer by tax id too.
ALTER TABLE customers ADD COLUMN tax_id TEXT NOT NULL DEFAULT '';
UPDATE customers SET tax_id = coalesce(json_extract(data, '$.tax_id'), '');
CREATE INDEX customers_tax_id ON customers (tax_id) WHERE tax_id != '';

-- The list orders numbers naturally (COMC/2 before COMC/10): number_key is
-- the number with each run of fewer than ten digits padded with zeros to
-- ten (pos.NumberSortKey), written with the document. Existing documents
-- get it here, the same way, walking each number a character at a time.
ALTER TABLE documents ADD COLUMN number_key TEXT;
CREATE TEMP TABLE number_keys AS
WITH RECURSIVE walk(id, rest, run, key) AS (
    SELECT id, number, '', '' FROM documents WHERE number IS NOT NULL
    UNION ALL
    SELECT id, substr(rest, 2),
        CASE WHEN substr(rest, 1, 1) GLOB '[0-9]' THEN run || substr(rest, 1, 1) ELSE '' END,
        CASE WHEN substr(rest, 1, 1) GLOB '[0-9]' THEN key
            ELSE key || CASE WHEN length(run) BETWEEN 1 AND 9 THEN substr('000000000' || run, -10) ELSE run END
                || substr(rest, 1, 1) END
    FROM walk WHERE rest != ''
)
SELECT id, key || CASE WHEN length(run) BETWEEN 1 AND 9 THEN substr('000000000' || run, -10) ELSE run END AS number_key
FROM walk WHERE rest = '';
UPDATE documents SET number_key = k.number_key FROM number_keys k WHERE k.id = documents.id;
DROP TABLE number_keys;
-- Every index that yields the list's pages in number order now yields them
-- in number_key order; the primary key (id) breaks ties, so unnumbered
-- documents page steadily.
DROP INDEX documents_status_number;
DROP INDEX documents_source_number;
DROP INDEX documents_delivery_status_number;
CREATE INDEX documents_number_key ON documents (number_key);
CREATE INDEX documents_status_number_key ON documents (status, number_key);
CREATE INDEX documents_kind_number_key ON documents (kind, number_key);
CREATE INDEX documents_source_number_key ON documents (source, number_key);
CREATE INDEX documents_delivery_status_number_key ON documents (delivery_status, number_key);
CREATE INDEX documents_payment_status_number_key ON documents (payment_status, number_key);
-- documents_number stays: the number prefix filter walks the numbers.

-- +goose Down
DROP INDEX documents_payment_status_number_key;
DROP INDEX documents_delivery_status_number_key;
DROP INDEX documents_source_number_key;
DROP INDEX documents_kind_number_key;
DROP INDEX documents_status_number_key;
DROP INDEX documents_number_key;
CREATE INDEX documents_status_number ON documents (status, number);
CREATE INDEX documents_source_number ON documents (source, number);
CREATE INDEX documents_delivery_status_number ON documents (delivery_status, number);
ALTER TABLE documents DROP COLUMN number_key;
DROP INDEX customers_tax_id;
ALTER TABLE customers DROP COLUMN tax_id;
ALTER TABLE documents DROP COLUMN delivery_address;
ALTER TABLE documents DROP COLUMN fulfilled_at_pickup;
DROP TABLE attributes;
