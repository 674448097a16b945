// Package store is the till's local SQLite database: the schema and its embedded
// migrations, master data, documents with their lines and payments, the outbox,
// numbering counters, sync cursors and settings. It implements app.Store.
//
// One connection writes (SQLite has one writer; a single pooled connection
// serialises writers in Go instead of in busy-waits), a small pool reads
// concurrently thanks to WAL.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver: no cgo besides Fyne's

	"github.com/comptoir/comptoir/app/pos"
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

// dsn builds the connection string: busy_timeout first so that every later pragma
// already waits instead of failing on a lock; WAL so readers never block the
// writer; synchronous=FULL so a committed document survives a power cut, not only
// a crash, before it is printed; BEGIN IMMEDIATE so a write transaction takes the
// write lock at its start and cannot fail half-way on an upgrade.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path and brings its schema up
// to date.
func Open(ctx context.Context, path string) (*DB, error) {
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	return &DB{write: w, read: r}, nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	dir, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, dir, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
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
