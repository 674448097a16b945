package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/store"
)

// The orders benchmarks share one till database of 100,000 orders, built once
// per run through the store's own pull (pages of 5,000 in one transaction
// each, as the agent applies them) and removed when the run ends.
var (
	bigOnce sync.Once
	bigDir  string
	bigPath string
	bigErr  error
)

const bigOrders = 100_000

// removeBig is TestMain's cleanup.
func removeBig(int) {
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
}

// bigTill opens the 100,000-order database as KRKASA1 with ANNA logged in,
// offline (no data service), as the list benchmarks need it.
func bigTill(b *testing.B) *app.Orders {
	b.Helper()
	bigOnce.Do(func() {
		if bigDir, bigErr = os.MkdirTemp("", "comptoir-e2e-bench-"); bigErr != nil {
			return
		}
		bigPath = filepath.Join(bigDir, "big.db")
		bigErr = FillOrders(context.Background(), bigPath, bigOrders)
	})
	require.NoError(b, bigErr)
	ctx := context.Background()
	db, err := store.Open(ctx, bigPath)
	require.NoError(b, err)
	b.Cleanup(func() { db.Close() })
	c := &clock{now: day}
	session, err := app.NewSession(ctx, db, c, "KRKASA1")
	require.NoError(b, err)
	require.NoError(b, session.Login(ctx, "ANNA", demo.PINs["ANNA"]))
	return app.NewOrders(db, nil, session, c)
}

// FillOrders writes n synced ERP orders into a new till database at path with
// the demo's master data: numbers COMC/ERP/000001/2026…, statuses Confirmed,
// In progress, Completed and Closed in turn, the demo's customers and
// products, gross amounts spread from a few euros to a few thousand.
func FillOrders(ctx context.Context, path string, n int) error {
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	md := demo.MasterData()
	if err := db.ApplyMasterData(ctx, md); err != nil {
		return err
	}
	statuses := []pos.Status{pos.StatusConfirmed, pos.StatusInProgress, pos.StatusCompleted, pos.StatusClosed}
	customers := []string{"C0001", "C0002", "C0003", "C0004"}
	var products []pos.Product
	for _, p := range md.Products {
		if p.Active && p.Unit == "pcs" {
			products = append(products, p)
		}
	}
	const page = 5_000
	after := ""
	for start := 0; start < n; start += page {
		docs := make([]pos.Document, 0, page)
		for i := start; i < min(n, start+page); i++ {
			p := products[i%len(products)]
			d := pos.Document{ID: fmt.Sprintf("00000000-0000-4000-9000-%012d", i+1), Kind: pos.KindOrder,
				Number: fmt.Sprintf("COMC/ERP/%06d/2026", i+1), Status: statuses[i%len(statuses)], Revision: 1,
				Source: pos.SourceERP, Center: demo.Center, Operator: "ERP", Customer: customers[i%len(customers)],
				VATMethod: pos.VATFromGross, IssuedAt: day.Add(-time.Duration(i) * time.Minute),
				DeliveryDate: day.AddDate(0, 0, i%30), DeliveryPoint: "DP-XYZ", DeliveryStatus: "to_prepare",
				PaymentStatus: "unpaid", PaymentMethod: "CARD", Synced: true}
			if d.BarcodeNo, err = pos.NewDocNumber(pos.KindOrder, 999_998, int64(i+1)); err != nil {
				return err
			}
			d.Lines = []pos.Line{{ProductCode: p.Code, Name: p.Name, Unit: p.Unit, Qty: pos.Units(int64(1 + i%5)),
				Price: p.Price, BasePrice: p.Price, VATRate: p.VATRate, Service: p.Service, Warehouse: "CENTRAL"}}
			docs = append(docs, d)
		}
		cur := strconv.Itoa(start + len(docs))
		res, err := db.ApplyPulled(ctx, app.PulledPage{Stream: "bench", After: after, Cursor: cur, Documents: docs}, day)
		if err != nil {
			return err
		}
		if res.Documents != len(docs) {
			return fmt.Errorf("fill: %d of %d documents written (refused %v)", res.Documents, len(docs), res.Refused[:min(3, len(res.Refused))])
		}
		after = cur
	}
	return nil
}

// BenchmarkOrdersListFirstPage is the list's first page through the use case
// the screen calls (Orders.Search)
// over 100,000 orders, as the screen asks it on the tap on its tile: no filter,
// the 15 rows a 1280×800 till shows plus one.
func BenchmarkOrdersListFirstPage(b *testing.B) {
	orders := bigTill(b)
	ctx := context.Background()
	for b.Loop() {
		res, err := orders.Search(ctx, app.DocFilter{Limit: 16})
		if err != nil || len(res.Rows) != 16 {
			b.Fatalf("%d rows, %v", len(res.Rows), err)
		}
	}
}

// listFilters are the list's filter changes, each its own sub-benchmark: the
// first page after the change, through the use case, over 100,000 orders.
var listFilters = []struct {
	name string
	f    app.DocFilter
}{
	{"number-prefix", app.DocFilter{Number: "COMC/ERP/05"}},
	{"number-none", app.DocFilter{Number: "COMC/ZZZ"}},
	{"number-digits", app.DocFilter{Number: "1004"}},
	{"number-digits-none", app.DocFilter{Number: "99999999"}},
	{"barcode", app.DocFilter{Number: mustDocNumber(54_321)}},
	{"status-in-progress", app.DocFilter{Statuses: []pos.Status{pos.StatusInProgress}}},
	{"status-none", app.DocFilter{Statuses: []pos.Status{pos.StatusCancelled}}},
	{"kind-quotes", app.DocFilter{Kinds: []pos.Kind{pos.KindQuote}}},
	{"source-pos", app.DocFilter{Source: pos.SourceTerminal}},
	{"amount-over-1000", app.DocFilter{MinGross: 1000_01}},
	{"amount-200-1000-completed", app.DocFilter{MinGross: 200_01, MaxGross: 1000_00,
		Statuses: []pos.Status{pos.StatusCompleted}}},
	{"issued-today", app.DocFilter{IssuedFrom: day.Truncate(24 * time.Hour), IssuedTo: day.Truncate(24*time.Hour).AddDate(0, 0, 1)}},
	{"delivery-next-7-days", app.DocFilter{DeliveryFrom: day, DeliveryTo: day.AddDate(0, 0, 7)}},
	{"delivery-status-picked-up", app.DocFilter{DeliveryStatus: pos.DeliveryPickedUp}},
	{"payment-status-paid", app.DocFilter{PaymentStatus: "paid"}},
	{"payment-status-unpaid", app.DocFilter{PaymentStatus: "unpaid"}},
}

func mustDocNumber(seq int64) string {
	n, err := pos.NewDocNumber(pos.KindOrder, 999_998, seq)
	if err != nil {
		panic(err)
	}
	return string(n)
}

// BenchmarkOrdersListFilter is each filter change's first page.
func BenchmarkOrdersListFilter(b *testing.B) {
	orders := bigTill(b)
	ctx := context.Background()
	for _, lf := range listFilters {
		b.Run(lf.name, func(b *testing.B) {
			f := lf.f
			f.Limit = 16
			for b.Loop() {
				if _, err := orders.Search(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLockRoundTrip is an online operation's round trip on a synced
// order against the real data service on loopback, as the orders use cases
// make it (R-N2): lock (its answer carries the latest version: the fetch),
// act (the changed order saved locally with the lock's token and its outbox
// operation), unlock. It reports the median.
func BenchmarkLockRoundTrip(b *testing.B) {
	c := &clock{now: day}
	s := startService(b, c, filepath.Join(b.TempDir(), "service.db"), "127.0.0.1:0")
	t := newTill(b, c, s, "KRKASA1", "ANNA")
	t.sync(b)
	order := demo.Orders(day)[0]
	ctx := context.Background()
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		err := t.agent.WithLock(ctx, app.LockRequest{DocID: order.ID, Operator: "ANNA"}, func(ctx context.Context, l app.Lock) error {
			d := l.Document
			d.Synced = true
			d.Reference = "bench " + strconv.Itoa(len(took))
			return t.db.SaveDocuments(ctx, c.Now(), app.OpMeta{Operator: "ANNA", LockToken: l.Token}, &d)
		})
		took = append(took, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "p90-ms")
}
