-- +goose Up
-- Bundles (R-G4): the ERP's bundle definitions, kept as JSON like the other
-- master data; the bundle a document line's price belongs to; and, per
-- receipt or invoice, which advance invoices its advances were deducted from
-- (R-A4), as a JSON list of {advance_id, number, amount}. Deductions are read
-- only with their document, never searched on, so a column of JSON is enough.
CREATE TABLE bundles (
    code TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE document_lines ADD COLUMN bundle_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN deductions TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE documents DROP COLUMN deductions;
ALTER TABLE document_lines DROP COLUMN bundle_id;
DROP TABLE bundles;
