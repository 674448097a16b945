-- +goose Up
-- Drafts parked on this terminal while the data service was out of reach
-- (R-D2) are listed with the center's drafts (R-D6): the columns the list
-- shows and filters on, beside the document kept whole in data. A row lives
-- until its draft.put is acknowledged, or the draft is confirmed or deleted
-- here.
ALTER TABLE local_drafts ADD COLUMN seller TEXT NOT NULL DEFAULT '';
ALTER TABLE local_drafts ADD COLUMN terminal TEXT NOT NULL DEFAULT '';
ALTER TABLE local_drafts ADD COLUMN issued_at TEXT NOT NULL DEFAULT '';
ALTER TABLE local_drafts ADD COLUMN gross INTEGER NOT NULL DEFAULT 0;
ALTER TABLE local_drafts ADD COLUMN net INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE local_drafts DROP COLUMN net;
ALTER TABLE local_drafts DROP COLUMN gross;
ALTER TABLE local_drafts DROP COLUMN issued_at;
ALTER TABLE local_drafts DROP COLUMN terminal;
ALTER TABLE local_drafts DROP COLUMN seller;
