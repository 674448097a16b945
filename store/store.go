// Package store is the till's local SQLite database: the schema and its embedded
// migrations, master data, documents with their lines and payments, the outbox,
// numbering counters, sync cursors and settings. It implements app.Store.
//
// One connection writes, a small pool reads (see internal/sqlitedb).
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/internal/sqlitedb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open local database.
type DB struct {
	write *sql.DB
	read  *sql.DB
}

// readers is the size of the read pool; a till has few concurrent readers (the
// screen, the status bar, the sync agent).
const readers = 4

// Open opens (creating if needed) the database at path and brings its schema up
// to date.
func Open(ctx context.Context, path string) (*DB, error) {
	w, r, err := sqlitedb.Open(ctx, path, migrations, "migrations", readers)
	if err != nil {
		return nil, err
	}
	return &DB{write: w, read: r}, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	return errors.Join(db.read.Close(), db.write.Close())
}

// IntegrityCheck runs SQLite's own consistency check and returns its verdict
// ("ok" when the file is sound).
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := db.read.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res)
	return res, err
}

// inTx runs fn in one write transaction and commits it, or rolls it back when fn
// or the commit fails.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, rollback(tx))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func rollback(tx *sql.Tx) error {
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("rollback: %w", err)
	}
	return nil
}

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error, what, key string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return pos.Errorf(pos.CodeNotFound, "error.not_found", "What", what, "Key", key)
	}
	return err
}

// Times are stored as UTC text that sorts in time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: formatTime(t), Valid: true}
}

func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time %q: %w", s.String, err)
	}
	return t, nil
}
