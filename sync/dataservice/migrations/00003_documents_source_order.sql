-- +goose Up
-- The documents generated from an order, found by their order: the advance
-- rules read an order's advance invoices and invoices on each new one (R-A1,
-- R-A4), which must not scan every document of the chain. IF NOT EXISTS: a
-- database created when this was migration 00002 has it already.
CREATE INDEX IF NOT EXISTS documents_source_order ON documents (json_extract(data, '$.source_order'));

-- +goose Down
DROP INDEX IF EXISTS documents_source_order;
