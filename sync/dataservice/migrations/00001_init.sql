-- +goose Up
-- One sequence numbers every change the service makes to master data and
-- documents; a till's cursor is the last number it applied.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

-- Master data (R-M1, R-M2): one row per record, its latest version only, with the
-- number of the change that wrote it. Entities: center, warehouse,
-- delivery_point, terminal, group, operator, customer, unit, product,
-- payment_method, dict (key dict/code), params (key params).
CREATE TABLE records (
    entity     TEXT NOT NULL,
    key        TEXT NOT NULL,
    data       TEXT NOT NULL,
    seq        INTEGER NOT NULL UNIQUE,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (entity, key)
) WITHOUT ROWID;

-- Documents at their latest version. centers lists, between commas, the centers
-- the document belongs to now (its own, its delivery point's, the centers its
-- delivery warehouse is available to: R-L2); seen_centers every center it ever
-- belonged to, so that a till that saw it hears when it leaves; store_center
-- the center of a store delivery point (e-shop orders). version counts the
-- writes; writer is the terminal of the last one.
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    number       TEXT NOT NULL,
    barcode_no   TEXT NOT NULL,
    status       TEXT NOT NULL,
    source       TEXT NOT NULL,
    terminal     TEXT NOT NULL,
    center       TEXT NOT NULL,
    centers      TEXT NOT NULL,
    seen_centers TEXT NOT NULL,
    store_center TEXT NOT NULL,
    version      INTEGER NOT NULL,
    writer       TEXT NOT NULL,
    data         TEXT NOT NULL,
    seq          INTEGER NOT NULL UNIQUE,
    updated_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX documents_number ON documents (number);
CREATE INDEX documents_barcode ON documents (barcode_no);

-- Locks of online operations (R-N2). One row per document ever locked: token
-- only grows, so a write carrying a smaller one is refused (fencing).
CREATE TABLE locks (
    doc_id     TEXT PRIMARY KEY,
    token      INTEGER NOT NULL,
    holder     TEXT NOT NULL,
    operator   TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    released   INTEGER NOT NULL
) WITHOUT ROWID;

-- Applied operations: the idempotency record, written in the transaction of the
-- effect. digest covers terminal, kind, operator, lock token and payload; answer
-- is the first answer, given again to a replay.
CREATE TABLE ops (
    id         TEXT PRIMARY KEY,
    terminal   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    digest     TEXT NOT NULL,
    answer     TEXT NOT NULL,
    applied_at TEXT NOT NULL
) WITHOUT ROWID;

-- Terminal secrets: only a SHA-256 of the secret (256 random bits) is kept.
CREATE TABLE terminal_secrets (
    code        TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
) WITHOUT ROWID;

-- +goose Down
DROP TABLE terminal_secrets;
DROP TABLE ops;
DROP TABLE locks;
DROP TABLE documents;
DROP TABLE records;
DROP TABLE counters;
