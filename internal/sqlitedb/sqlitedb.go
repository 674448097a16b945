// Package sqlitedb opens an SQLite database the way both the till's store and
// the reference data service want it: the pure-Go modernc driver, one writer
// connection (SQLite has one writer; a single pooled connection serialises
// writers in Go instead of in busy-waits), a small read pool that WAL lets run
// beside it, and the schema brought up to date by embedded goose migrations.
package sqlitedb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver: no cgo besides Fyne's
)

// DSN builds the connection string: busy_timeout first so that every later
// pragma already waits instead of failing on a lock; WAL so readers never block
// the writer; synchronous=FULL so a committed change survives a power cut, not
// only a crash; BEGIN IMMEDIATE for the writer, so a write transaction takes
// the write lock at its start and cannot fail half-way on an upgrade. extra
// pragmas ("temp_store(MEMORY)") come last.
func DSN(path string, readOnly bool, extra ...string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	for _, p := range extra {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path, applies the
// migrations found in the folder dir of migrations, and returns the writer and
// a read pool of readers connections.
func Open(ctx context.Context, path string, migrations fs.FS, dir string, readers int, extra ...string) (write, read *sql.DB, err error) {
	w, err := sql.Open("sqlite", DSN(path, false, extra...))
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := migrate(ctx, w, migrations, dir); err != nil {
		return nil, nil, errors.Join(err, w.Close())
	}
	r, err := sql.Open("sqlite", DSN(path, true, extra...))
	if err != nil {
		return nil, nil, errors.Join(fmt.Errorf("open %s for reading: %w", path, err), w.Close())
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	return w, r, nil
}

func migrate(ctx context.Context, db *sql.DB, migrations fs.FS, dir string) error {
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
