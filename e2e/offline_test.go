package e2e

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/agent"
	"github.com/comptoir/comptoir/sync/dataservice"
)

// statuses collects what a running agent reports, so a test waits for a state
// instead of sleeping.
type statuses struct {
	mu   sync.Mutex
	last agent.Status
	ch   chan struct{}
}

func (s *statuses) note(st agent.Status) {
	s.mu.Lock()
	s.last = st
	s.mu.Unlock()
	select {
	case s.ch <- struct{}{}:
	default:
	}
}

// await waits until cond holds for the agent's last status, at most limit.
func (s *statuses) await(tb testing.TB, limit time.Duration, what string, cond func(agent.Status) bool) {
	tb.Helper()
	deadline := time.After(limit)
	// The agent reports only changes of its status; the store's count moves
	// without one, so look again now and then too.
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		s.mu.Lock()
		last := s.last
		s.mu.Unlock()
		if cond(last) {
			return
		}
		select {
		case <-s.ch:
		case <-tick.C:
		case <-deadline:
			tb.Fatalf("%s: not within %s", what, limit)
		}
	}
}

// TestSimulateOfflineQueuesThenDrains is the acceptance of the sync issue on
// the use cases a till runs: with the agent running, "Simulate offline" shows
// offline within 2 seconds, the waiting count grows as the cashier works, and
// switching back drains it to zero, every operation reaching the service.
func TestSimulateOfflineQueuesThenDrains(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	tl := newTill(t, c, s, "KRKASA1", "ANNA")
	ctx, cancel := context.WithCancel(context.Background())
	seen := &statuses{ch: make(chan struct{}, 1)}
	client, err := agent.NewClient("http://"+s.addr, dataservice.DemoSecret("KRKASA1"), agent.ClientOptions{})
	require.NoError(t, err)
	a := agent.New(tl.db, client, c, zerolog.Nop(), agent.Options{Interval: 50 * time.Millisecond,
		MinBackoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond, OnStatus: seen.note})
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
		client.Close()
	})
	orders := app.NewOrders(tl.db, a, tl.session, c)
	sy := app.NewSync(a, tl.db, tl.session, true)

	seen.await(t, 5*time.Second, "online", func(st agent.Status) bool { return st.Online })
	require.NoError(t, sy.SetSimulateOffline(true))
	seen.await(t, 2*time.Second, "offline after the switch", func(st agent.Status) bool { return !st.Online })

	var ids []string
	for i := range 3 {
		d, err := orders.New(ctx, pos.KindOrder)
		require.NoError(t, err)
		require.NoError(t, orders.AddItem(ctx, d, "FAN-01", pos.Units(int64(i+1))))
		require.NoError(t, orders.Confirm(ctx, d))
		ids = append(ids, d.ID)
		st, err := sy.Status(ctx)
		require.NoError(t, err)
		assert.False(t, st.Online)
		assert.Equal(t, i+1, st.Pending, "the waiting count grows")
	}

	require.NoError(t, sy.SetSimulateOffline(false))
	// The agent's own count may be stale; the store's is the truth.
	seen.await(t, 5*time.Second, "drained", func(st agent.Status) bool {
		got, err := sy.Status(ctx)
		require.NoError(t, err)
		return st.Online && got.Pending == 0
	})
	for _, id := range ids {
		d, _, err := s.svc.Document(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, pos.StatusConfirmed, d.Status)
	}
}
