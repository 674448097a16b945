-- +goose Up
-- Empty on purpose. Version 2 was first the index on the documents' source
-- order, then the draft store's tables: databases exist where version 2 is
-- either. Both now live in later migrations written to run over either state
-- (00003 the index, 00004 the drafts, each IF NOT EXISTS), and this one does
-- nothing, so a new database and both old ones end with the same schema.

-- +goose Down
