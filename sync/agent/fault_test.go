package agent

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// soak scales a fault test: `make soak` sets COMPTOIR_SOAK to run it bigger.
func soak(n int) int {
	if f, err := strconv.Atoi(os.Getenv("COMPTOIR_SOAK")); err == nil && f > 1 {
		return n * f
	}
	return n
}

// serviceVersions reads every document's version straight from the service's
// database file: one query instead of one request per document.
func serviceVersions(tb testing.TB, w *world) map[string]int64 {
	tb.Helper()
	db := openRO(tb, w.path)
	defer db.Close()
	rows, err := db.Query(`SELECT id, version FROM documents`)
	require.NoError(tb, err)
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var v int64
		require.NoError(tb, rows.Scan(&id, &v))
		out[id] = v
	}
	require.NoError(tb, rows.Err())
	return out
}

// checkVersions checks that each save was applied exactly once, and that the
// service holds no document the till did not send.
func checkVersions(tb testing.TB, w *world, saves map[string]int) {
	tb.Helper()
	got := serviceVersions(tb, w)
	lost, dup := 0, 0
	for id, n := range saves {
		switch v := got[id]; {
		case v < int64(n):
			lost += n - int(v)
		case v > int64(n):
			dup += int(v) - n
		}
	}
	assert.Zero(tb, lost, "operations lost")
	assert.Zero(tb, dup, "operations applied twice")
	assert.Len(tb, got, len(saves), "documents on the service")
}

// drainAll flushes until the outbox is empty, as the agent's loop would,
// without its pauses.
func drainAll(tb testing.TB, a *Agent, db interface {
	OutboxCounts(context.Context) (app.OutboxCounts, error)
}, limit int) int {
	tb.Helper()
	ctx := context.Background()
	failures := 0
	for range limit {
		err := a.Flush(ctx)
		c, cerr := db.OutboxCounts(ctx)
		require.NoError(tb, cerr)
		if err == nil && c.Pending == 0 {
			return failures
		}
		if err != nil {
			failures++
		}
	}
	tb.Fatalf("outbox not drained after %d flushes", limit)
	return failures
}

// TestLostAnswersNeitherLoseNorDuplicate sends 1,000 operations through a proxy
// that loses more than 30 % of the answers after the service has acted on the
// request (reset, closed, cut half-way), and 5 % of the requests: every
// operation ends up on the service exactly once.
func TestLostAnswersNeitherLoseNorDuplicate(t *testing.T) {
	w := startWorld(t, worldOpts{})
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	p := startFaultProxy(t, w.url, seed)
	db := openTill(t, "")
	n := soak(1000)
	saves := saveOrders(t, db, "KRKASA1", n, w.clock.Now())
	o := fastOptions()
	o.BatchSize = 10
	a := newAgent(t, p.url, "KRKASA1", db, w.clock, o, ClientOptions{})
	failures := drainAll(t, a, db, 100*n)

	checkVersions(t, w, saves)
	assert.Equal(t, app.OutboxCounts{}, pendingOps(t, db))
	st := p.stats()
	lostAnswers := st["answer reset"] + st["answer dropped"] + st["answer cut"]
	t.Logf("%d operations, %d requests, %d failed flushes: %v", n, st["requests"], failures, st)
	assert.GreaterOrEqual(t, float64(lostAnswers)/float64(st["requests"]), 0.30, "at least 30%% of the answers lost")
	assert.GreaterOrEqual(t, st["requests"], n/o.BatchSize)
}

// TestSameIDOtherPayloadIsRefused: an operation whose id was applied with
// another content is refused as a conflict, quarantined, and changes nothing.
func TestSameIDOtherPayloadIsRefused(t *testing.T) {
	w := startWorld(t, worldOpts{})
	ctx := context.Background()
	db := openTill(t, "")
	d := newOrder("KRKASA1", 1)
	require.NoError(t, db.SaveDocuments(ctx, w.clock.Now(), app.OpMeta{Operator: "ANNA"}, d))
	a := newAgent(t, w.url, "KRKASA1", db, w.clock, fastOptions(), ClientOptions{})
	ops, err := db.ClaimOutbox(ctx, 1)
	require.NoError(t, err)
	require.NoError(t, a.Flush(ctx))

	forged := *d
	forged.Reference = "forged"
	wire := toWire(ops[0])
	wire.Payload = mustJSON(t, forged)
	res, err := a.client.Push(ctx, []protocol.Op{wire})
	require.NoError(t, err)
	require.Len(t, res, 1)
	assert.Equal(t, protocol.StatusRejected, res[0].Status)
	assert.Equal(t, pos.CodeConflict, res[0].Error.Code)
	got, version, err := w.svc.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), version)
	assert.Empty(t, got.Reference)
}
