package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/store"
)

var benchDay = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// fillBenchOrders writes n synced ERP orders with the demo's master data into
// a new till database, through the store's pull, 5,000 per transaction.
func fillBenchOrders(tb testing.TB, path string, n int) *store.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	md := demo.MasterData()
	require.NoError(tb, db.ApplyMasterData(ctx, md))
	statuses := []pos.Status{pos.StatusConfirmed, pos.StatusInProgress, pos.StatusCompleted, pos.StatusClosed}
	var products []pos.Product
	for _, p := range md.Products {
		if p.Active && p.Unit == "pcs" {
			products = append(products, p)
		}
	}
	after := ""
	for start := 0; start < n; start += 5_000 {
		var docs []pos.Document
		for i := start; i < min(n, start+5_000); i++ {
			p := products[i%len(products)]
			d := pos.Document{ID: fmt.Sprintf("00000000-0000-4000-9000-%012d", i+1), Kind: pos.KindOrder,
				Number: fmt.Sprintf("COMC/ERP/%06d/2026", i+1), Status: statuses[i%len(statuses)], Revision: 1,
				Source: pos.SourceERP, Center: demo.Center, Operator: "ERP", Customer: "C0001",
				VATMethod: pos.VATFromGross, IssuedAt: benchDay.Add(-time.Duration(i) * time.Minute),
				DeliveryPoint: "DP-XYZ", DeliveryStatus: "to_prepare", PaymentStatus: "unpaid", PaymentMethod: "CARD", Synced: true,
				Lines: []pos.Line{{ProductCode: p.Code, Name: p.Name, Unit: p.Unit, Qty: pos.Units(1), Price: p.Price,
					BasePrice: p.Price, VATRate: p.VATRate, Warehouse: "CENTRAL"}}}
			d.BarcodeNo, err = pos.NewDocNumber(pos.KindOrder, 999_998, int64(i+1))
			require.NoError(tb, err)
			docs = append(docs, d)
		}
		cur := strconv.Itoa(start + len(docs))
		res, err := db.ApplyPulled(ctx, app.PulledPage{Stream: "bench", After: after, Cursor: cur, Documents: docs}, benchDay)
		require.NoError(tb, err)
		require.Equal(tb, len(docs), res.Documents)
		after = cur
	}
	return db
}

// BenchmarkOrdersScreenFromTile is the Orders tile's handler (what its tap runs) until
// the list screen shows its first page, the whole interface under the test
// driver on a 1280×800 window, over 100,000 orders in a real store; then
// each filter change's first page (number prefix, status). Medians reported.
func BenchmarkOrdersScreenFromTile(b *testing.B) {
	a := newTestApp(b, "en")
	dir, err := os.MkdirTemp("", "comptoir-ui-bench-")
	require.NoError(b, err)
	b.Cleanup(func() { os.RemoveAll(dir) })
	db := fillBenchOrders(b, filepath.Join(dir, "big.db"), 100_000)
	ctx := context.Background()
	clock := app.ClockFunc(func() time.Time { return benchDay })
	session, err := app.NewSession(ctx, db, clock, "KRKASA1")
	require.NoError(b, err)
	uc := UseCases{Session: session, Settings: app.NewSettings(db, session), Catalog: app.NewCatalog(db, session),
		Status: app.NewStatusBar(db, session, nil, clock), Orders: app.NewOrders(db, nil, session, clock)}
	w := a.NewWindow("")
	var screens []string
	u, err := New(ctx, uc, a, w, Options{Log: zerolog.Nop(), StatusEvery: time.Hour, Clock: clock,
		OnScreen: func(name string) { screens = append(screens, name) }})
	require.NoError(b, err)
	b.Cleanup(func() { w.Close(); u.Wait() })
	w.Resize(tillSize)
	require.NoError(b, session.Login(ctx, "ANNA", demo.PINs["ANNA"]))

	// The filter changes on a screen of its own, built as showOrders does.
	scr := newOrdersScreen(ctx, u.ordersDeps(), ordersNav{back: func() {}}, "")
	showOnTill(b, scr.view)
	require.NotEmpty(b, scr.list.rows)

	var tap, filter []time.Duration
	for b.Loop() {
		u.showMenu()
		start := time.Now()
		u.open(app.TileOrders) // what the tile's tap runs
		tap = append(tap, time.Since(start))
		require.Equal(b, "orders", screens[len(screens)-1])
		requireText(b, w, "COMC/ERP/000001/2026") // the first page is shown
		start = time.Now()
		scr.findNumber("COMC/ERP/05")
		filter = append(filter, time.Since(start))
		start = time.Now()
		scr.filter.Statuses = []pos.Status{pos.StatusInProgress}
		scr.refilter()
		filter = append(filter, time.Since(start))
		require.NotEmpty(b, scr.list.rows)
		scr.filter.Statuses = nil
		scr.clearNumber()
	}
	med := func(ds []time.Duration) float64 {
		slices.Sort(ds)
		return float64(ds[len(ds)/2].Microseconds()) / 1000
	}
	b.ReportMetric(med(tap), "tap-p50-ms")
	b.ReportMetric(med(filter), "filter-p50-ms")
}
