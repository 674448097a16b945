-- +goose Up
-- The orders list counts each row's generated documents with
-- "source_order = d.id"; a partial index (WHERE source_order != '') cannot
-- serve that comparison, so every row of a page scanned the whole table.
DROP INDEX documents_source_order;
CREATE INDEX documents_source_order ON documents (source_order);
-- Filters that match few rows must not walk the whole number index: each gets
-- an index that also yields the page in number order.
CREATE INDEX documents_source_number ON documents (source, number);
CREATE INDEX documents_delivery_status_number ON documents (delivery_status, number);

-- +goose Down
DROP INDEX documents_delivery_status_number;
DROP INDEX documents_source_number;
DROP INDEX documents_source_order;
CREATE INDEX documents_source_order ON documents (source_order) WHERE source_order != '';
