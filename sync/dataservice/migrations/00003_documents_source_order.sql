-- +goose Up
-- The documents generated from an order, found by their order: the advance
-- rules read an order's advance invoices and invoices on each new one (R-A1,
-- R-A4), which must not scan every document of the chain.
CREATE INDEX documents_source_order ON documents (json_extract(data, '$.source_order'));

-- +goose Down
DROP INDEX documents_source_order;
