package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// BenchmarkCommitOrder20Lines commits a 20-line order with its outbox operation
// through SaveDocument, alternating with a bare transaction that inserts the same
// rows with the same pragmas, and reports both medians and their ratio: the
// store's own cost on top of SQLite's.
func BenchmarkCommitOrder20Lines(b *testing.B) {
	ctx := context.Background()
	db, _ := openTest(b)
	var store, bare []time.Duration
	at := testTime
	for b.Loop() {
		at = at.Add(time.Second)
		d := order(20)
		start := time.Now()
		if err := db.SaveDocument(ctx, d, at); err != nil {
			b.Fatal(err)
		}
		store = append(store, time.Since(start))

		start = time.Now()
		if err := bareCommit(ctx, db.write, d, at); err != nil {
			b.Fatal(err)
		}
		bare = append(bare, time.Since(start))
	}
	s, r := median(store), median(bare)
	b.ReportMetric(float64(s.Microseconds()), "store-p50-µs")
	b.ReportMetric(float64(r.Microseconds()), "bare-p50-µs")
	b.ReportMetric(float64(s)/float64(r), "ratio")
}

// bareCommit inserts the rows SaveDocument writes for d (counters, document,
// lines, outbox) with plain statements and nothing else.
func bareCommit(ctx context.Context, w *sql.DB, d *pos.Document, at time.Time) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id := uuid.NewString()
	var seq int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO counters (name, value) VALUES ('bare', 1)
		ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`).Scan(&seq); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO counters (name, value) VALUES ('bare-series', 1)
		ON CONFLICT (name) DO UPDATE SET value = value + 1`); err != nil {
		return err
	}
	// Named columns, as the store writes them: a column added by a later
	// migration must not shift the values.
	number := fmt.Sprint("BARE/", seq)
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents (id, kind, number, barcode_no, status, revision, source,
		terminal, center, operator, handled_by, customer, recipient, vat_method, issued_at, delivery_date,
		due_date, expiry_date, delivery_point, delivery_status, payment_status, payment_method, reference,
		source_order, order_ref, attributes, net, vat, gross, advances, line_count, synced, updated_at, deductions,
		fulfilled_at_pickup, delivery_address, number_key)
		VALUES (?, 'COMC', ?, ?, 'confirmed', 0, 'pos', 'KRKASA1', 'XYZ', 'ANNA', '', 'C0001', '', 'gross', ?,
		NULL, NULL, NULL, '', '', '', '', '', '', '', 'null', 0, 0, 0, 0, 20, 0, ?, '', 0, '', ?)`,
		id, number, fmt.Sprintf("bare%016d", seq), formatTime(at), formatTime(at), pos.NumberSortKey(number)); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO document_lines (doc_id, no, product_code, name, unit,
		qty, price, base_price, discount, markup, vat_rate, warehouse, service, from_order, order_line, amount,
		bundle_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, l := range d.Lines {
		if _, err := stmt.ExecContext(ctx, id, i+1, l.ProductCode, l.Name, l.Unit, int64(l.Qty), int64(l.Price),
			0, 0, 0, int64(l.VATRate), "", false, 0, 0, int64(l.Price), ""); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (id, kind, doc_id, payload, created_at) VALUES (?, ?, ?, ?, ?)`,
		uuid.NewString(), OpDocumentSave, id, `{}`, formatTime(at)); err != nil {
		return err
	}
	return tx.Commit()
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// The large database is built once per benchmark run: 100,000 orders and
// 100,000 products, written in bulk through the store's own row writers.
var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

const bigRows = 100_000

func bigDB(b *testing.B) *DB {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "comptoir-bench-") // removed by TestMain
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.db")
		bigErr = fillBig(context.Background(), bigPath)
	})
	require.NoError(b, bigErr)
	db, err := Open(context.Background(), bigPath)
	require.NoError(b, err)
	b.Cleanup(func() { db.Close() })
	return db
}

func fillBig(ctx context.Context, path string) error {
	db, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	md := pos.MasterData{Terminals: []pos.Terminal{{Code: "KRKASA1", Number: 1, Center: "XYZ"}}}
	for i := range bigRows {
		md.Products = append(md.Products, pos.Product{Code: fmt.Sprintf("B%06d", i),
			EANs: []string{fmt.Sprintf("29%011d", i)}, Name: fmt.Sprintf("Item %06d", i), Unit: "pcs",
			VATRate: 2000, Price: pos.Money(100 + i%5000), Active: true})
	}
	if err := db.ApplyMasterData(ctx, md); err != nil {
		return err
	}
	statuses := []pos.Status{pos.StatusConfirmed, pos.StatusInProgress, pos.StatusCompleted, pos.StatusClosed}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for i := range bigRows {
			d := order(3)
			d.ID = uuid.NewString()
			d.IssuedAt = testTime
			d.Status = statuses[i%len(statuses)]
			if err := assignNumbers(ctx, tx, d); err != nil {
				return err
			}
			tot, err := d.Totals()
			if err != nil {
				return err
			}
			if err := writeDocument(ctx, tx, d, tot, testTime); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkListFirstPage is the orders list's first page of 50, filtered by a
// number prefix and a status, over 100,000 orders.
func BenchmarkListFirstPage(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	f := app.DocFilter{Kinds: []pos.Kind{pos.KindOrder, pos.KindQuote}, Statuses: []pos.Status{pos.StatusInProgress},
		Number: "COMC/5", Limit: 50}
	for b.Loop() {
		rows, err := db.ListDocuments(ctx, f)
		if err != nil || len(rows) != 50 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

// BenchmarkListNumberDigits is the first page (50 rows) of orders whose
// number has a part starting with typed digits, over 100,000 orders: a few
// matches (1004: 111) and none, the walk of every number, with and without
// the status filter.
func BenchmarkListNumberDigits(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for _, digits := range []string{"1004", "99999999"} {
		for _, st := range [][]pos.Status{nil, {pos.StatusInProgress}} {
			b.Run(fmt.Sprintf("%s-statuses-%d", digits, len(st)), func(b *testing.B) {
				f := app.DocFilter{Kinds: []pos.Kind{pos.KindOrder, pos.KindQuote}, Statuses: st, Number: digits, Limit: 50}
				for b.Loop() {
					if _, err := db.ListDocuments(ctx, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkProductByEAN looks up one of 100,000 products by EAN, as a scan does.
func BenchmarkProductByEAN(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i = (i + 7919) % bigRows
		if _, err := db.ProductByEAN(ctx, fmt.Sprintf("29%011d", i)); err != nil {
			b.Fatal(err)
		}
	}
}
