// Package dataservice is the reference data service (R-S4): the chain's side of
// the sync protocol (sync/protocol), with its own SQLite database. It serves
// master data and the documents each terminal may see (R-L2) as pages of
// changes, applies the operations tills push exactly once, checks the operator's
// rights for each (R-SEC2), and holds the locks of online operations with a
// lease and fencing tokens (R-N2).
//
// Exactly once: every operation's id is recorded with its first answer in the
// transaction of its effect, so a replay finds the record and gets the same
// answer, and a crash leaves either both or neither.
//
// cmd/dataservice runs it as a binary; comptoir --demo runs it in-process:
//
//	svc, err := dataservice.Open(ctx, path, dataservice.Options{Clock: clock, Log: log})
//	err = svc.LoadMasterData(ctx, demo.MasterData())        // when svc.Empty(ctx)
//	err = svc.SetTerminalSecret(ctx, "KRKASA1", secret)      // or AddTerminal
//	ln, err := net.Listen("tcp", "127.0.0.1:0")
//	go svc.Serve(ctx, ln)                                    // until ctx is done
//	defer svc.Close()
package dataservice

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/internal/sqlitedb"
	"github.com/comptoir/comptoir/sync/protocol"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Clock gives the service's time: lock leases and timestamps. Only cmd reads the
// real clock.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// Options configure a service. Clock is required.
type Options struct {
	Clock Clock
	Log   zerolog.Logger
	// Lease is how long a lock holds without renewal; protocol.DefaultLease
	// when zero.
	Lease time.Duration
}

// Service is an open data service: its database and its HTTP handlers.
type Service struct {
	write  *sql.DB
	read   *sql.DB
	wstmts *stmtCache
	rstmts *stmtCache
	// durable is the writer connection's synchronous mode (FULL when true);
	// only the goroutine holding that connection reads or changes it.
	durable bool
	// The group commit of pushed batches (Apply).
	gmu      sync.Mutex
	gqueue   []*applyReq
	grunning bool
	clock    Clock
	log      zerolog.Logger
	lease    time.Duration
}

const readers = 8

// Savepoints (one per operation of a batch) keep their journal in memory
// instead of a temporary file.
const tempStore = "temp_store(MEMORY)"

// Open opens (creating if needed) the service's database at path and brings its
// schema up to date. One connection writes; a small pool reads.
func Open(ctx context.Context, path string, o Options) (*Service, error) {
	if o.Clock == nil {
		return nil, errors.New("dataservice: a clock is required")
	}
	if o.Lease <= 0 {
		o.Lease = protocol.DefaultLease
	}
	w, r, err := sqlitedb.Open(ctx, path, migrations, "migrations", readers, tempStore)
	if err != nil {
		return nil, err
	}
	return &Service{write: w, read: r, wstmts: newStmtCache(w), rstmts: newStmtCache(r), durable: true, clock: o.Clock,
		log: o.Log, lease: o.Lease}, nil
}

// Close closes the database. Stop serving first.
func (s *Service) Close() error {
	return errors.Join(s.rstmts.close(), s.wstmts.close(), s.read.Close(), s.write.Close())
}

// now is the service clock in UTC; one reading per transaction.
func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// inTx runs fn in one write transaction and commits it durably
// (synchronous=FULL), or rolls it back when fn or the commit fails.
func (s *Service) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.inTxSync(ctx, true, fn)
}

// inTxSync is inTx with the durability of the commit chosen. Lock, renew and
// unlock commit with synchronous=NORMAL: a power cut may make the service forget
// the last of them, which fencing tolerates (a write needs the latest token AND
// the terminal it was given to, and the lease of a forgotten renewal just ends
// sooner), while operations and administration, whose answers tills act on for
// good, commit with FULL. WAL writes in order, so a FULL commit also makes
// every earlier commit durable.
func (s *Service) inTxSync(ctx context.Context, durable bool, fn func(tx *sql.Tx) error) error {
	// Deferred first, run last: statements are prepared on the pool once the
	// connection is back in it.
	defer s.wstmts.prepareWanted(context.WithoutCancel(ctx))
	conn, err := s.write.Conn(ctx) // the one writer connection, held until the end
	if err != nil {
		return fmt.Errorf("writer: %w", err)
	}
	defer conn.Close()
	if durable != s.durable {
		mode := "NORMAL"
		if durable {
			mode = "FULL"
		}
		if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = "+mode); err != nil {
			return fmt.Errorf("synchronous %s: %w", mode, err)
		}
		s.durable = durable
	}
	tx, err := conn.BeginTx(ctx, nil)
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

// inReadTx runs fn in one read transaction: every query sees the same snapshot.
func (s *Service) inReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep or lose
	return fn(tx)
}

func rollback(tx *sql.Tx) error {
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("rollback: %w", err)
	}
	return nil
}

// Times are stored as UTC text that sorts in time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time %q: %w", s, err)
	}
	return t, nil
}

func notFound(what, key string) error {
	return pos.Errorf(pos.CodeNotFound, "error.not_found", "What", what, "Key", key)
}

// nextSeq reserves n change numbers and returns the first.
func nextSeq(ctx context.Context, tx queryer, n int) (int64, error) {
	var last int64
	err := tx.QueryRowContext(ctx, `INSERT INTO counters (name, value) VALUES ('seq', ?)
		ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value`, n).Scan(&last)
	if err != nil {
		return 0, fmt.Errorf("next change number: %w", err)
	}
	return last - int64(n) + 1, nil
}

// Head returns the number of the last change; tests and tools read it.
func (s *Service) Head(ctx context.Context) (int64, error) {
	var v int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM counters WHERE name = 'seq'), 0)`).Scan(&v)
	return v, err
}
