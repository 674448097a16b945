-- +goose Up
-- The draft store (SPEC section 10): quotes and orders parked with
-- [Pre-register] so that any terminal of the same center continues them.
-- IF NOT EXISTS: a database created when this was migration 00002 has it
-- already; one created when 00002 was the source-order index does not.
--
-- A row outlives its draft: deleting or confirming one clears data and sets
-- deleted, so that the edit lease's token keeps growing per draft id (fencing,
-- as in locks) and a late save of a confirmed draft finds it gone instead of
-- bringing it back. A draft.confirm or draft.delete of an id never stored
-- leaves such a row too (a tombstone: no kind, numbers or seller), for its
-- put that may come after.
--
-- The list's columns (R-D6) are kept beside the document so that a page is read
-- without decoding documents: seller is the operator who created the draft
-- (R-D4's owner), terminal the one of the last modification, creator the one
-- that created it. temp_number is R-D7's temporary number, given once from the
-- counter draft/{center}/{kind}. lease_* is the edit lease (R-D3), like a row
-- of locks.
CREATE TABLE IF NOT EXISTS drafts (
    id             TEXT PRIMARY KEY,
    center         TEXT NOT NULL,
    kind           TEXT NOT NULL,
    barcode_no     TEXT NOT NULL,
    temp_number    TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    modified_at    TEXT NOT NULL,
    gross          INTEGER NOT NULL,
    net            INTEGER NOT NULL,
    seller         TEXT NOT NULL,
    terminal       TEXT NOT NULL,
    creator        TEXT NOT NULL,
    version        INTEGER NOT NULL,
    data           TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    lease_token    INTEGER NOT NULL DEFAULT 0,
    lease_holder   TEXT NOT NULL DEFAULT '',
    lease_operator TEXT NOT NULL DEFAULT '',
    lease_expires  TEXT NOT NULL DEFAULT '',
    lease_released INTEGER NOT NULL DEFAULT 1
);

-- The list: newest modification first within the center, and the same order
-- under the kind, seller and terminal filters, so that such a page is read off
-- an index without a sort. The issue-date filter is a range on another column:
-- drafts_issued finds the center's drafts of those days, which are then
-- sorted. Partial on live drafts: the queries say deleted = 0.
CREATE INDEX IF NOT EXISTS drafts_center ON drafts (center, modified_at, id) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS drafts_kind ON drafts (center, kind, modified_at, id) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS drafts_seller ON drafts (center, seller, modified_at, id) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS drafts_terminal ON drafts (center, terminal, modified_at, id) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS drafts_issued ON drafts (center, issued_at) WHERE deleted = 0;
-- A scanned barcode finds its draft; a typed prefix of either number a range.
CREATE UNIQUE INDEX IF NOT EXISTS drafts_barcode ON drafts (barcode_no) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS drafts_temp ON drafts (temp_number) WHERE deleted = 0;

-- +goose Down
DROP TABLE IF EXISTS drafts;
