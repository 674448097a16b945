-- +goose Up
-- Master data (R-M1). Each row keeps the ERP's record as JSON in data, with the
-- columns the till searches on pulled out and indexed.
CREATE TABLE centers (
    code TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE warehouses (
    code   TEXT PRIMARY KEY,
    center TEXT NOT NULL,
    data   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE delivery_points (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    data TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE terminals (
    code   TEXT PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    center TEXT NOT NULL,
    data   TEXT NOT NULL
);

CREATE TABLE operator_groups (
    code TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE operators (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    active INTEGER NOT NULL,
    data   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customers (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL COLLATE NOCASE,
    active INTEGER NOT NULL,
    data   TEXT NOT NULL
);
CREATE INDEX customers_name ON customers (name, code);

CREATE TABLE units (
    code TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

-- Names compare without case, so that a name prefix search (LIKE 'abc%') can
-- use the index.
CREATE TABLE products (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL COLLATE NOCASE,
    active INTEGER NOT NULL,
    data   TEXT NOT NULL
);
CREATE INDEX products_name ON products (name, code);

CREATE TABLE product_eans (
    ean     TEXT PRIMARY KEY,
    product TEXT NOT NULL REFERENCES products (code) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX product_eans_product ON product_eans (product);

CREATE TABLE payment_methods (
    code TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE dicts (
    dict TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (dict, code)
) WITHOUT ROWID;

CREATE TABLE params (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL
);

-- Documents: quotes, orders, receipts, invoices, advance invoices. Totals are
-- stored as computed at save time so lists need not read the lines.
CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    number          TEXT,
    barcode_no      TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    source          TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    center          TEXT NOT NULL,
    operator        TEXT NOT NULL,
    handled_by      TEXT NOT NULL,
    customer        TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    vat_method      TEXT NOT NULL,
    issued_at       TEXT NOT NULL,
    delivery_date   TEXT,
    due_date        TEXT,
    expiry_date     TEXT,
    delivery_point  TEXT NOT NULL,
    delivery_status TEXT NOT NULL,
    payment_status  TEXT NOT NULL,
    payment_method  TEXT NOT NULL,
    reference       TEXT NOT NULL,
    source_order    TEXT NOT NULL,
    order_ref       TEXT NOT NULL,
    attributes      TEXT NOT NULL,
    net             INTEGER NOT NULL,
    vat             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    advances        INTEGER NOT NULL,
    line_count      INTEGER NOT NULL,
    -- 1 once the data service knows the document (pulled, or its save
    -- acknowledged): from then on it is handled online (R-N1).
    synced          INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX documents_kind_number ON documents (kind, number) WHERE number IS NOT NULL;
CREATE INDEX documents_status_number ON documents (status, number);
CREATE INDEX documents_number ON documents (number);
CREATE INDEX documents_source_order ON documents (source_order) WHERE source_order != '';

CREATE TABLE document_lines (
    doc_id       TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    no           INTEGER NOT NULL,
    product_code TEXT NOT NULL,
    name         TEXT NOT NULL,
    unit         TEXT NOT NULL,
    qty          INTEGER NOT NULL,
    price        INTEGER NOT NULL,
    base_price   INTEGER NOT NULL,
    discount     INTEGER NOT NULL,
    markup       INTEGER NOT NULL,
    vat_rate     INTEGER NOT NULL,
    warehouse    TEXT NOT NULL,
    service      INTEGER NOT NULL,
    from_order   INTEGER NOT NULL,
    order_line   INTEGER NOT NULL,
    amount       INTEGER NOT NULL,
    PRIMARY KEY (doc_id, no)
) WITHOUT ROWID;

CREATE TABLE document_payments (
    doc_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    method   TEXT NOT NULL,
    amount   INTEGER NOT NULL,
    tendered INTEGER NOT NULL,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

-- Drafts parked on this terminal while the data service was out of reach (R-D2).
CREATE TABLE local_drafts (
    id         TEXT PRIMARY KEY,
    barcode_no TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- The outbox (R-S1): every change made here, written in the same transaction as
-- the change, sent in seq order; id is the permanent idempotency key. Rows are
-- deleted once the data service has acknowledged them.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'quarantined')),
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_state ON outbox (state, seq);

-- Counters for numbering series and barcode sequences; taken in the transaction
-- of the document that uses them, so a crash can neither reuse nor skip one.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_cursors (
    stream TEXT PRIMARY KEY,
    cursor TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE login_failures (
    operator TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  TEXT NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE login_failures;
DROP TABLE settings;
DROP TABLE sync_cursors;
DROP TABLE counters;
DROP TABLE outbox;
DROP TABLE local_drafts;
DROP TABLE document_payments;
DROP TABLE document_lines;
DROP TABLE documents;
DROP TABLE params;
DROP TABLE dicts;
DROP TABLE payment_methods;
DROP TABLE product_eans;
DROP TABLE products;
DROP TABLE units;
DROP TABLE customers;
DROP TABLE operators;
DROP TABLE operator_groups;
DROP TABLE terminals;
DROP TABLE delivery_points;
DROP TABLE warehouses;
DROP TABLE centers;
