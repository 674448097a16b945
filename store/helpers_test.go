package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// testTime is the one timestamp tests write with; the store never reads a clock.
var testTime = time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)

// openTest opens a fresh database file holding the demo master data.
func openTest(tb testing.TB) (*DB, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "till.db")
	db, err := Open(context.Background(), path)
	require.NoError(tb, err)
	tb.Cleanup(func() { require.NoError(tb, db.Close()) })
	require.NoError(tb, db.ApplyMasterData(context.Background(), demo.MasterData()))
	return db, path
}

// order builds a confirmed order of n lines on KRKASA1.
func order(n int) *pos.Document {
	d := &pos.Document{Kind: pos.KindOrder, Status: pos.StatusConfirmed, Source: pos.SourceTerminal,
		Terminal: "KRKASA1", Center: demo.Center, Operator: "ANNA", Customer: "C0001", VATMethod: pos.VATFromGross}
	for i := range n {
		d.Lines = append(d.Lines, pos.Line{ProductCode: "MIX-01", Name: "Hand mixer", Unit: "pcs",
			Qty: pos.Units(int64(i%3 + 1)), Price: pos.Money(4999 + i), VATRate: 2000})
	}
	return d
}

// count runs a count query.
func count(tb testing.TB, db *DB, query string, args ...any) int {
	tb.Helper()
	var n int
	require.NoError(tb, db.read.QueryRowContext(context.Background(), query, args...).Scan(&n))
	return n
}
