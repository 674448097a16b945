-- +goose Up
-- What the sync agent needs of the outbox: who made each change and under which
-- lock (the data service checks that operator's rights and the lock's fencing
-- token), and, for an operation the service refused, its code and when it was
-- set aside. doc_id is indexed so that a pulled document can tell whether it
-- still has local changes waiting to be sent.
ALTER TABLE outbox ADD COLUMN operator TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lock_token INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN quarantined_at TEXT;
CREATE INDEX outbox_doc ON outbox (doc_id);

-- +goose Down
DROP INDEX outbox_doc;
ALTER TABLE outbox DROP COLUMN quarantined_at;
ALTER TABLE outbox DROP COLUMN code;
ALTER TABLE outbox DROP COLUMN lock_token;
ALTER TABLE outbox DROP COLUMN operator;
