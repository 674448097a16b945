package agent

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
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
	"github.com/comptoir/comptoir/sync/dataservice"
)

// testClock is the clock of the service and the tills in tests: it moves only
// when told.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *testClock { return &testClock{now: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func secretOf(code string) string { return "test-secret-" + code + "-0123456789" }

func testLog(tb testing.TB) zerolog.Logger {
	if os.Getenv("COMPTOIR_TEST_LOG") != "" {
		return zerolog.New(zerolog.NewTestWriter(tb)).Level(zerolog.DebugLevel)
	}
	return zerolog.Nop()
}

// world is a real data service with the demo chain, serving on a free loopback
// port, and its clock.
type world struct {
	svc   *dataservice.Service
	clock *testClock
	url   string
	path  string
	stop  func() error
}

type worldOpts struct {
	lease time.Duration
	path  string // an existing service database to reopen
}

func startWorld(tb testing.TB, o worldOpts) *world {
	tb.Helper()
	ctx := context.Background()
	w := &world{clock: newClock(), path: o.path}
	fresh := w.path == ""
	if fresh {
		w.path = filepath.Join(tb.TempDir(), "service.db")
	}
	var err error
	w.svc, err = dataservice.Open(ctx, w.path, dataservice.Options{Clock: w.clock, Log: testLog(tb), Lease: o.lease})
	require.NoError(tb, err)
	if fresh {
		require.NoError(tb, w.svc.LoadMasterData(ctx, demo.MasterData()))
		for _, t := range demo.MasterData().Terminals {
			require.NoError(tb, w.svc.SetTerminalSecret(ctx, t.Code, secretOf(t.Code)))
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	w.url = "http://" + ln.Addr().String()
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.svc.Serve(sctx, ln) }()
	var once sync.Once
	var stopErr error
	w.stop = func() error {
		once.Do(func() {
			cancel()
			stopErr = errors.Join(<-done, w.svc.Close())
		})
		return stopErr
	}
	tb.Cleanup(func() { require.NoError(tb, w.stop()) })
	return w
}

// addTerminals registers n more terminals of the demo center, T01…, with
// their secrets.
func (w *world) addTerminals(tb testing.TB, n int) []string {
	tb.Helper()
	ctx := context.Background()
	var codes []string
	var md pos.MasterData
	for i := range n {
		code := "T" + string(rune('A'+i/26)) + string(rune('A'+i%26))
		codes = append(codes, code)
		md.Terminals = append(md.Terminals, pos.Terminal{Code: code, Number: 100 + i, Center: demo.Center})
	}
	require.NoError(tb, w.svc.LoadMasterData(ctx, md))
	for _, c := range codes {
		require.NoError(tb, w.svc.SetTerminalSecret(ctx, c, secretOf(c)))
	}
	return codes
}

// openTill opens a till's database holding the demo master data (what
// comptoir --demo loads before its first pull).
func openTill(tb testing.TB, path string) *store.DB {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "till.db")
	}
	db, err := store.Open(context.Background(), path)
	require.NoError(tb, err)
	tb.Cleanup(func() { require.NoError(tb, db.Close()) })
	require.NoError(tb, db.ApplyMasterData(context.Background(), demo.MasterData()))
	return db
}

// fastOptions keep tests quick: short pauses and backoffs.
func fastOptions() Options {
	return Options{Interval: 20 * time.Millisecond, MinBackoff: 5 * time.Millisecond, MaxBackoff: 50 * time.Millisecond}
}

func newAgent(tb testing.TB, url, terminal string, db Store, clock app.Clock, o Options, co ClientOptions) *Agent {
	tb.Helper()
	c, err := NewClient(url, secretOf(terminal), co)
	require.NoError(tb, err)
	tb.Cleanup(c.Close)
	return New(db, c, clock, testLog(tb), o)
}

// run runs the agent until the test ends, and waits for it to stop.
func run(tb testing.TB, a *Agent) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	tb.Cleanup(func() {
		cancel()
		require.NoError(tb, <-done)
	})
}

// newOrder builds a confirmed order of terminal with n lines.
func newOrder(terminal string, n int) *pos.Document {
	d := &pos.Document{Kind: pos.KindOrder, Status: pos.StatusUnconfirmed, Source: pos.SourceTerminal,
		Terminal: terminal, Center: demo.Center, Operator: "ANNA", Customer: "C0001", VATMethod: pos.VATFromGross,
		IssuedAt: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	for i := range n {
		d.Lines = append(d.Lines, pos.Line{ProductCode: "MIX-01", Name: "Hand mixer", Unit: "pcs",
			Qty: pos.Units(int64(i%3 + 1)), Price: pos.Money(4999 + i), VATRate: 2000})
	}
	return d
}

// saveOrders queues n saves on a till: new orders, and now and then a new
// revision of an earlier one. It returns how many saves each document had.
func saveOrders(tb testing.TB, db *store.DB, terminal string, n int, at time.Time) map[string]int {
	tb.Helper()
	ctx := context.Background()
	saves := map[string]int{}
	var docs []*pos.Document
	for i := range n {
		var d *pos.Document
		if i%5 == 4 {
			d = docs[i%len(docs)]
			d.Revision++
			d.Reference = "rev " + uuid.NewString()[:8]
		} else {
			d = newOrder(terminal, 1+i%4)
			docs = append(docs, d)
		}
		require.NoError(tb, db.SaveDocuments(ctx, at, app.OpMeta{Operator: "ANNA"}, d))
		saves[d.ID]++
	}
	return saves
}

// checkExactlyOnce checks that every save reached the service exactly once: a
// document's version on the service counts the operations applied to it.
func checkExactlyOnce(tb testing.TB, svc *dataservice.Service, db *store.DB, saves map[string]int) {
	tb.Helper()
	ctx := context.Background()
	for id, n := range saves {
		got, version, err := svc.Document(ctx, id)
		require.NoError(tb, err, "document %s lost", id)
		require.Equal(tb, int64(n), version, "document %s: %d saves, applied %d times", id, n, version)
		local, err := db.Document(ctx, id)
		require.NoError(tb, err)
		require.Equal(tb, local.Revision, got.Revision)
		require.Equal(tb, local.Reference, got.Reference, "the service holds the last state")
	}
}

func pendingOps(tb testing.TB, db *store.DB) app.OutboxCounts {
	tb.Helper()
	c, err := db.OutboxCounts(context.Background())
	require.NoError(tb, err)
	return c
}

// statusWatch collects the agent's status changes on a channel.
func statusWatch(o *Options) <-chan Status {
	ch := make(chan Status, 1024)
	o.OnStatus = func(s Status) {
		select {
		case ch <- s:
		default:
		}
	}
	return ch
}

// waitStatus waits for a status satisfying ok, at most limit.
func waitStatus(tb testing.TB, ch <-chan Status, limit time.Duration, ok func(Status) bool) Status {
	tb.Helper()
	timeout := time.NewTimer(limit)
	defer timeout.Stop()
	for {
		select {
		case s := <-ch:
			if ok(s) {
				return s
			}
		case <-timeout.C:
			tb.Fatalf("status not reached within %s", limit)
			return Status{}
		}
	}
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	data, err := json.Marshal(v)
	require.NoError(tb, err)
	return data
}
