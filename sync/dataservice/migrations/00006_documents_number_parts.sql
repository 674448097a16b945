-- +goose Up
-- The remote search finds a number as the till's list does (R-L4, the
-- till's store/migrations/00009_number_parts.sql): text starting with a
-- digit from the start of any of the number's parts on, leading zeros
-- aside. The index's
-- last column is the number's parts (numberParts in orders.go, the same
-- expression, so that the search reads it from the index): the number with
-- '/' in front, '-' read as '/', and up to nine leading zeros of each part
-- dropped (each replace drops one), /COMC/ERP/1004/2026. In number order, so
-- that the search finds its matches in the index before reading any
-- document (the table has no rowid: a row is read with its index entry,
-- before the conditions on it). It replaces the index on the number alone.
DROP INDEX documents_number;
CREATE INDEX documents_number ON documents (number, id,
    replace(replace(replace(replace(replace(replace(replace(replace(replace('/' || replace(number, '-', '/'),
    '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'));

-- +goose Down
DROP INDEX documents_number;
CREATE INDEX documents_number ON documents (number);
