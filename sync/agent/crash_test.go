package agent

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/store"
)

// The crash matrix: the till (this test binary, executed again as a child) is
// killed with SIGKILL at a named point of a sync, then restarted, and must end
// with every operation on the service exactly once, and a pulled page either
// wholly applied with its cursor or not at all.

const childEnv = "COMPTOIR_AGENT_CHILD"

// childSpec is what the parent tells the child, through the environment.
type childSpec struct {
	DB, URL, Terminal, Point string
	KillAt                   int           // kill at the KillAt-th time the point is reached
	Delay                    time.Duration // then wait this long before the kill
	Batch, Page              int
}

func (c childSpec) env() []string {
	return append(os.Environ(),
		childEnv+"=1", childEnv+"_DB="+c.DB, childEnv+"_URL="+c.URL, childEnv+"_TERMINAL="+c.Terminal,
		childEnv+"_POINT="+c.Point, childEnv+"_KILL_AT="+strconv.Itoa(c.KillAt),
		childEnv+"_DELAY="+c.Delay.String(), childEnv+"_BATCH="+strconv.Itoa(c.Batch),
		childEnv+"_PAGE="+strconv.Itoa(c.Page))
}

// crashChild syncs until its outbox is empty and it is up to date, killing
// itself at the chosen point; it exits 0 if the point never came.
func crashChild() {
	get := func(k string) string { return os.Getenv(childEnv + "_" + k) }
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	killAt, _ := strconv.Atoi(get("KILL_AT"))
	delay, _ := time.ParseDuration(get("DELAY"))
	batch, _ := strconv.Atoi(get("BATCH"))
	page, _ := strconv.Atoi(get("PAGE"))
	point := get("POINT")
	ctx := context.Background()
	db, err := store.Open(ctx, get("DB"))
	if err != nil {
		fail(err)
	}
	c, err := NewClient(get("URL"), secretOf(get("TERMINAL")), ClientOptions{})
	if err != nil {
		fail(err)
	}
	seen := 0
	kill := func() { _ = syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	o := Options{BatchSize: batch, PageSize: page, Trace: func(p string) {
		if p != point {
			return
		}
		if seen++; seen != killAt {
			return
		}
		if delay == 0 {
			kill()
			return
		}
		// The kill lands a moment later: inside the service's work on the
		// batch, or inside the page's transaction.
		time.AfterFunc(delay, kill)
	}}
	a := New(db, c, app.ClockFunc(func() time.Time { return time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC) }),
		zerolog.Nop(), o)
	for range 1000 {
		var err error
		if point == PointPullApply {
			err = a.Sync(ctx)
		} else {
			err = a.Flush(ctx)
		}
		n, cerr := db.OutboxCounts(ctx)
		if cerr != nil {
			fail(cerr)
		}
		if err == nil && n.Pending == 0 {
			if seen >= killAt {
				// The kill is on its way (delayed): wait for it.
				time.Sleep(time.Minute)
				fail(fmt.Errorf("the kill never came"))
			}
			os.Exit(0)
		}
	}
	fail(fmt.Errorf("could not sync"))
}

// crashSeeds is how many seeds each point gets; `make soak` raises it.
func crashSeeds() int { return soak(20) }

// runChild runs a child to its end and tells whether it was killed.
func runChild(t *testing.T, spec childSpec) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	// GORACE: a race-enabled child would otherwise sleep 1 s on exit.
	cmd.Env = append(spec.env(), "GORACE=atexit_sleep_ms=0")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return false
	}
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, "%s", out)
	ws, ok := ee.Sys().(syscall.WaitStatus)
	require.True(t, ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL, "the child failed: %v\n%s", err, out)
	return true
}

func TestCrashMatrixPush(t *testing.T) {
	w := startWorld(t, worldOpts{})
	template := filepath.Join(t.TempDir(), "template.db")
	require.NoError(t, openBareTill(t, template).Close())
	for _, point := range []string{PointBeforeSend, PointMidBatch, PointAfterSend} {
		t.Run(point, func(t *testing.T) {
			kills := 0
			for seed := range crashSeeds() {
				rng := rand.New(rand.NewPCG(uint64(seed), 42))
				path := filepath.Join(t.TempDir(), fmt.Sprintf("till-%d.db", seed))
				copyFile(t, template, path)
				db, err := store.Open(context.Background(), path)
				require.NoError(t, err)
				n := 12 + rng.IntN(20)
				saves := saveOrders(t, db, "KRKASA1", n, w.clock.Now())
				require.NoError(t, db.Close())
				batch := 3 + rng.IntN(7)
				batches := (n + batch - 1) / batch
				spec := childSpec{DB: path, URL: w.url, Terminal: "KRKASA1", Point: point,
					KillAt: 1 + rng.IntN(batches), Batch: batch}
				if point == PointMidBatch {
					spec.Delay = time.Duration(rng.IntN(3000)) * time.Microsecond
				}
				if runChild(t, spec) {
					kills++
				}

				// Restart: the till drains what is left.
				db, err = store.Open(context.Background(), path)
				require.NoError(t, err)
				a := newAgent(t, w.url, "KRKASA1", db, w.clock, fastOptions(), ClientOptions{})
				drainAll(t, a, db, 100)
				checkVersionsOf(t, w, saves)
				require.NoError(t, db.Close())
				if t.Failed() {
					t.Fatalf("seed %d broke exactly-once", seed)
				}
			}
			t.Logf("%d seeds, %d killed at %s", crashSeeds(), kills, point)
			assert.Equal(t, crashSeeds(), kills, "every run must be killed at the point")
		})
	}
}

// checkVersionsOf checks exactly-once for the documents of one till.
func checkVersionsOf(tb testing.TB, w *world, saves map[string]int) {
	tb.Helper()
	got := serviceVersions(tb, w)
	for id, n := range saves {
		require.Equal(tb, int64(n), got[id], "document %s: %d saves", id, n)
	}
}

// TestCrashMatrixPull kills the till while it applies pulled pages of 500
// products: after each kill the local database holds exactly the records up to
// its cursor, and after restart everything.
func TestCrashMatrixPull(t *testing.T) {
	w := startWorld(t, worldOpts{})
	ctx := context.Background()
	var md pos.MasterData
	for i := range 500 {
		md.Products = append(md.Products, pos.Product{Code: fmt.Sprintf("X%06d", i), Name: fmt.Sprintf("Extra %d", i),
			Unit: "pcs", VATRate: 2000, Price: pos.Money(100 + i), Active: true, EANs: []string{fmt.Sprintf("29%011d", i)}})
	}
	require.NoError(t, w.svc.LoadMasterData(ctx, md))
	head, err := w.svc.Head(ctx)
	require.NoError(t, err)
	template := filepath.Join(t.TempDir(), "template.db")
	empty, err := store.Open(ctx, template) // an empty till: everything comes by pull
	require.NoError(t, err)
	require.NoError(t, empty.Close())
	kills := 0
	for seed := range crashSeeds() {
		rng := rand.New(rand.NewPCG(uint64(seed), 43))
		path := filepath.Join(t.TempDir(), fmt.Sprintf("till-%d.db", seed))
		copyFile(t, template, path)
		spec := childSpec{DB: path, URL: w.url, Terminal: "KRKASA1", Point: PointPullApply,
			KillAt: 1 + rng.IntN(4), Delay: time.Duration(rng.IntN(30)) * time.Millisecond, Batch: 10,
			Page: 80 + rng.IntN(120)}
		if runChild(t, spec) {
			kills++
		}

		db, err := store.Open(ctx, path)
		require.NoError(t, err)
		res, err := db.IntegrityCheck(ctx)
		require.NoError(t, err)
		require.Equal(t, "ok", res)
		cursor, err := db.SyncCursor(ctx, Stream)
		require.NoError(t, err)
		upTo, _ := strconv.ParseInt(cursor, 10, 64)
		assert.Equal(t, serviceRecordsUpTo(t, w, "product", upTo), localCount(t, path, "products"),
			"seed %d: the products applied must be exactly those up to the cursor %q", seed, cursor)

		a := newAgent(t, w.url, "KRKASA1", db, w.clock, fastOptions(), ClientOptions{})
		require.NoError(t, a.Sync(ctx))
		cursor, err = db.SyncCursor(ctx, Stream)
		require.NoError(t, err)
		assert.Equal(t, strconv.FormatInt(head, 10), cursor)
		assert.Equal(t, serviceRecordsUpTo(t, w, "product", head), localCount(t, path, "products"))
		require.NoError(t, db.Close())
		if t.Failed() {
			t.Fatalf("seed %d broke the page atomicity", seed)
		}
	}
	t.Logf("%d seeds, %d killed while applying a page", crashSeeds(), kills)
	assert.Equal(t, crashSeeds(), kills, "every run must be killed inside the pull")
}

// openBareTill opens a till's database holding only the terminals: enough to
// number documents, cheap enough to make one per seed.
func openBareTill(tb testing.TB, path string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), path)
	require.NoError(tb, err)
	require.NoError(tb, db.ApplyMasterData(context.Background(), pos.MasterData{Terminals: demo.MasterData().Terminals}))
	return db
}

// copyFile copies a closed database file.
func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	data, err := os.ReadFile(from)
	require.NoError(tb, err)
	require.NoError(tb, os.WriteFile(to, data, 0o600))
}

func openRO(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "query_only(1)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	require.NoError(tb, err)
	return db
}

func serviceRecordsUpTo(tb testing.TB, w *world, entity string, seq int64) int {
	tb.Helper()
	db := openRO(tb, w.path)
	defer db.Close()
	var n int
	require.NoError(tb, db.QueryRow(`SELECT count(*) FROM records WHERE entity = ? AND seq <= ?`, entity, seq).Scan(&n))
	return n
}

func localCount(tb testing.TB, path, table string) int {
	tb.Helper()
	db := openRO(tb, path)
	defer db.Close()
	var n int
	require.NoError(tb, db.QueryRow(`SELECT count(*) FROM `+table).Scan(&n))
	return n
}
