-- +goose Up
-- The data service's refusal of an operation as a person reads it: its message
-- key and arguments, so the Unsent operations screen shows it in the till's
-- language (last_error keeps the text for logs and IT).
ALTER TABLE outbox ADD COLUMN message_key TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN message_args TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE outbox DROP COLUMN message_args;
ALTER TABLE outbox DROP COLUMN message_key;
