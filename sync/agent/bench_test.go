package agent

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/store"
	"github.com/comptoir/comptoir/sync/protocol"
)

// The figures of docs/benchmarks.md (sync section):
//
//	go test -run '^$' -bench 'Drain|FirstPull|LockCycles' -benchtime 1x -timeout 30m ./sync/agent/

// BenchmarkDrain10000 drains 10,000 queued operations to a data service over
// loopback, with the default batch size, and reports operations per second.
func BenchmarkDrain10000(b *testing.B) {
	const n = 10_000
	for range b.N {
		b.StopTimer()
		w := startWorld(b, worldOpts{})
		db := openTill(b, "")
		saves := saveOrders(b, db, "KRKASA1", n, w.clock.Now())
		a := newAgent(b, w.url, "KRKASA1", db, w.clock, Options{}, ClientOptions{})
		b.StartTimer()
		start := time.Now()
		require.NoError(b, a.Flush(context.Background()))
		took := time.Since(start)
		b.StopTimer()
		require.Zero(b, pendingOps(b, db).Pending)
		checkVersions(b, w, saves)
		b.ReportMetric(float64(n)/took.Seconds(), "ops/s")
		b.StartTimer()
	}
}

// BenchmarkFirstPull pulls 100,000 products and 20,000 customers (plus the
// demo chain) into an empty till, in a child process so that its peak RSS
// (VmHWM) is the till's alone, and reports the time and the peak.
func BenchmarkFirstPull(b *testing.B) {
	w := startWorld(b, worldOpts{})
	ctx := context.Background()
	md := bigCatalog(100_000, 20_000)
	require.NoError(b, w.svc.LoadMasterData(ctx, md))
	for i := range b.N {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), fmt.Sprintf("first-%d.db", i))
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
		cmd.Env = append(os.Environ(), childEnv+"=pull", childEnv+"_DB="+path, childEnv+"_URL="+w.url,
			childEnv+"_TERMINAL=KRKASA1", "GORACE=atexit_sleep_ms=0")
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		require.NoError(b, err)
		b.StartTimer()
		require.NoError(b, cmd.Start())
		var took time.Duration
		var rssKB int64
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "PULLED" {
				ns, _ := strconv.ParseInt(f[1], 10, 64)
				took = time.Duration(ns)
				rssKB, _ = strconv.ParseInt(f[2], 10, 64)
			}
		}
		require.NoError(b, cmd.Wait())
		b.StopTimer()
		require.Positive(b, took, "the child reported nothing")
		db, err := store.Open(ctx, path)
		require.NoError(b, err)
		require.Equal(b, len(md.Products)+len(demo.MasterData().Products), localCount(b, path, "products"))
		require.Equal(b, len(md.Customers)+len(demo.MasterData().Customers), localCount(b, path, "customers"))
		require.NoError(b, db.Close())
		b.ReportMetric(took.Seconds(), "pull-s")
		b.ReportMetric(float64(rssKB)/1024, "peak-RSS-MB")
		b.StartTimer()
	}
}

// pullChild pulls everything into an empty till and prints the time and its
// peak RSS.
func pullChild() {
	ctx := context.Background()
	get := func(k string) string { return os.Getenv(childEnv + "_" + k) }
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "pull child:", err)
		os.Exit(3)
	}
	db, err := store.Open(ctx, get("DB"))
	if err != nil {
		fail(err)
	}
	c, err := NewClient(get("URL"), secretOf(get("TERMINAL")), ClientOptions{})
	if err != nil {
		fail(err)
	}
	a := New(db, c, app.ClockFunc(func() time.Time { return time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC) }),
		zerolog.Nop(), Options{})
	start := time.Now()
	if err := a.Sync(ctx); err != nil {
		fail(err)
	}
	took := time.Since(start)
	if err := db.Close(); err != nil {
		fail(err)
	}
	fmt.Printf("PULLED %d %d\n", took.Nanoseconds(), peakRSSKB())
	os.Exit(0)
}

// peakRSSKB reads the process's peak resident set size (VmHWM).
func peakRSSKB() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return -1
}

// bigCatalog makes a chain's worth of products and customers.
func bigCatalog(products, customers int) pos.MasterData {
	var md pos.MasterData
	md.Products = make([]pos.Product, products)
	for i := range md.Products {
		md.Products[i] = pos.Product{Code: fmt.Sprintf("B%07d", i), EANs: []string{fmt.Sprintf("27%011d", i)},
			Name: fmt.Sprintf("Article %d of the big catalogue", i), Unit: "pcs", VATRate: 2000,
			Price: pos.Money(100 + i%50_000), FloorPrice: pos.Money(90 + i%50_000), Cost: pos.Money(50 + i%40_000),
			Active: i%17 != 0}
	}
	md.Customers = make([]pos.Customer, customers)
	for i := range md.Customers {
		md.Customers[i] = pos.Customer{Code: fmt.Sprintf("K%06d", i), Name: fmt.Sprintf("Customer %d", i),
			Type: pos.CustomerPerson, Active: true, PaymentMethod: "CARD",
			Addresses: []pos.Address{{Street: fmt.Sprintf("%d rue de la Paix", i%200), Postcode: "75002", City: "Paris", Country: "FR"}}}
	}
	return md
}

// BenchmarkLockCycles runs 20 terminals at once, each doing lock → push of the
// order's new state under the lock's token → unlock on an order of its own,
// and reports the cycles per second the service sustains.
func BenchmarkLockCycles(b *testing.B) {
	const terminals = 20
	const cyclesEach = 250
	w := startWorld(b, worldOpts{})
	ctx := context.Background()
	codes := w.addTerminals(b, terminals)
	orders := make([]pos.Document, terminals)
	for i := range orders {
		d := *newOrder("ERP", 2)
		d.ID, d.Status, d.Source, d.Number = uuid.NewString(), pos.StatusConfirmed, pos.SourceERP, fmt.Sprintf("COMC/%d/2026/ERP", i+1)
		_, err := w.svc.PutDocument(ctx, d)
		require.NoError(b, err)
		orders[i] = d
	}
	clients := make([]*Client, terminals)
	for i, code := range codes {
		c, err := NewClient(w.url, secretOf(code), ClientOptions{AnswerTimeout: time.Minute})
		require.NoError(b, err)
		b.Cleanup(c.Close)
		clients[i] = c
	}
	for range b.N {
		var wg sync.WaitGroup
		errs := make(chan error, terminals)
		start := time.Now()
		for i := range terminals {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, d := clients[i], orders[i]
				for range cyclesEach {
					l, err := c.Lock(ctx, d.ID, protocol.LockRequest{Operator: "GIULIA"})
					if err != nil {
						errs <- err
						return
					}
					next := *l.Document
					next.Revision++
					next.Reference = "cycle " + strconv.Itoa(next.Revision)
					res, err := c.Push(ctx, []protocol.Op{{ID: uuid.NewString(), Kind: protocol.OpDocumentSave,
						Operator: "GIULIA", Payload: mustJSON(b, next), LockToken: l.Token}})
					if err == nil && (len(res) != 1 || res[0].Status != protocol.StatusApplied) {
						err = fmt.Errorf("push under the lock: %+v", res)
					}
					if err != nil {
						errs <- err
						return
					}
					if _, err := c.Unlock(ctx, d.ID, l.Token); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		took := time.Since(start)
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		b.ReportMetric(float64(terminals*cyclesEach)/took.Seconds(), "cycles/s")
	}
}
