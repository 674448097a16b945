-- +goose Up
-- The list's text filter (R-L4) finds a number by its beginning, or from the
-- start of one of its parts when the text starts with a digit (a cashier
-- types 1004 for COMC/ERP/001004/2026). The last column of these indexes is the
-- number's parts (numberParts in store/list.go, the same expression, so that
-- the list reads it from them): the number with '/' in front, '-' read as
-- '/', and up to nine leading zeros of each part dropped (each replace drops
-- one), /COMC/ERP/1004/2026. The number begins with the text t from one
-- of its parts on when it holds t read the same way (/1004/2026 for
-- 001004/2026).
--
-- The documents table has no rowid: a row is read as soon as its index entry
-- is, before any condition on it is checked, so walking 100,000 entries for
-- a few text matches read 100,000 rows (0.1–0.6 s). These indexes carry all
-- the text filter and the list's kind and status filters read, in the list's
-- order (number_key, then id), so that the page's ids are found in the index
-- alone. They replace the narrower (number_key) and (status, number_key).
-- (An indexed generated column would not do: SQLite reads it from the row.)
DROP INDEX documents_number_key;
DROP INDEX documents_status_number_key;
CREATE INDEX documents_number_key ON documents (number_key, id, kind, number,
    replace(replace(replace(replace(replace(replace(replace(replace(replace('/' || replace(number, '-', '/'),
    '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'));
CREATE INDEX documents_status_number_key ON documents (status, number_key, id, kind, number,
    replace(replace(replace(replace(replace(replace(replace(replace(replace('/' || replace(number, '-', '/'),
    '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'));

-- +goose Down
DROP INDEX documents_status_number_key;
DROP INDEX documents_number_key;
CREATE INDEX documents_number_key ON documents (number_key);
CREATE INDEX documents_status_number_key ON documents (status, number_key);
