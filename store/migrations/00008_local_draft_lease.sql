-- +goose Up
-- The edit lease token a local draft's puts carry: the token of the lease it
-- was continued under from the data service (0 for a draft created here). A
-- draft once opened from the store is replaced there only under its latest
-- token, so its later puts, its confirmation and its deletion, queued while it
-- waits here, carry this token too.
ALTER TABLE local_drafts ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE local_drafts DROP COLUMN lease_token;
