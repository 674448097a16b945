-- +goose Up
-- A draft's barcode number is unique among the live drafts of its center, no
-- longer of the chain: every lookup is a center's, and a till must learn
-- nothing of another center's drafts, not even that a number is taken there.
-- Numbers stay unique across the chain by construction (R-D7: each carries
-- its terminal's number).
DROP INDEX IF EXISTS drafts_barcode;
CREATE UNIQUE INDEX drafts_barcode ON drafts (center, barcode_no) WHERE deleted = 0;

-- +goose Down
DROP INDEX IF EXISTS drafts_barcode;
CREATE UNIQUE INDEX drafts_barcode ON drafts (barcode_no) WHERE deleted = 0;
