package app_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// fakeSyncer is the sync agent at the edge of these tests: online unless
// simulated offline, counting the syncs asked for.
type fakeSyncer struct {
	mu        sync.Mutex
	online    bool
	simulated bool
	syncs     int
}

func (f *fakeSyncer) Online() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.online && !f.simulated
}

func (f *fakeSyncer) SyncNow() {
	f.mu.Lock()
	f.syncs++
	f.mu.Unlock()
}

func (f *fakeSyncer) SetSimulateOffline(on bool) {
	f.mu.Lock()
	f.simulated = on
	f.mu.Unlock()
}

func (f *fakeSyncer) SimulatedOffline() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.simulated
}

func (f *fakeSyncer) asked() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.syncs
}

// quarantine confirms n orders as ANNA and has the service refuse the
// oldest of their queued operations; it returns the quarantined one's id.
func quarantine(tb testing.TB, tl *till, o *app.Orders, n int) string {
	tb.Helper()
	ctx := context.Background()
	for range n {
		confirmedOrder(tb, tl, o)
	}
	ops, err := tl.db.ClaimOutbox(ctx, 1)
	require.NoError(tb, err)
	require.Len(tb, ops, 1)
	require.NoError(tb, tl.db.SettleOutbox(ctx, app.Settlement{Quarantined: []app.Rejection{
		{ID: ops[0].ID, Code: pos.CodeForbidden, Reason: "right missing"}}}, tl.clock.Now()))
	return ops[0].ID
}

func TestSyncStatusWithoutAService(t *testing.T) {
	tl, _ := ordersTill(t, "ANNA")
	s := app.NewSync(nil, tl.db, tl.session, true)

	st, err := s.Status(context.Background())
	require.NoError(t, err)
	assert.Equal(t, app.SyncStatus{}, st, "no service: not configured, offline, nothing waiting")
	assert.Equal(t, "error.sync_not_configured", errKey(t, s.SyncNow()))
	assert.Equal(t, "error.sync_not_configured", errKey(t, s.SetSimulateOffline(true)))
	assert.False(t, s.CanSimulateOffline())
}

func TestSyncStatusCountsAndSimulateOffline(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	f := &fakeSyncer{online: true}
	s := app.NewSync(f, tl.db, tl.session, true)
	ctx := context.Background()
	quarantine(t, tl, o, 2)

	st, err := s.Status(ctx)
	require.NoError(t, err)
	assert.True(t, st.Configured)
	assert.True(t, st.Online)
	assert.False(t, st.Simulated)
	assert.Positive(t, st.Pending)
	assert.Equal(t, 1, st.Quarantined)

	require.True(t, s.CanSimulateOffline())
	require.NoError(t, s.SetSimulateOffline(true))
	st, err = s.Status(ctx)
	require.NoError(t, err)
	assert.False(t, st.Online)
	assert.True(t, st.Simulated)
	assert.True(t, s.SimulatedOffline())

	require.NoError(t, s.SetSimulateOffline(false))
	assert.False(t, f.SimulatedOffline())
	assert.Equal(t, 1, f.asked(), "back online, what waited is sent at once")
	require.NoError(t, s.SyncNow())
	assert.Equal(t, 2, f.asked())
}

func TestSimulateOfflineOnlyInDemoMode(t *testing.T) {
	tl, _ := ordersTill(t, "GIULIA")
	f := &fakeSyncer{online: true}
	s := app.NewSync(f, tl.db, tl.session, false)

	assert.False(t, s.CanSimulateOffline())
	err := s.SetSimulateOffline(true)
	assert.Equal(t, "error.sync_demo_only", errKey(t, err))
	e, _ := pos.AsError(err)
	assert.Equal(t, pos.CodeForbidden, e.Code)
	assert.False(t, f.SimulatedOffline(), "refused: the connection is left alone")
}

func TestUnsentRetry(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	f := &fakeSyncer{online: true}
	s := app.NewSync(f, tl.db, tl.session, false)
	ctx := context.Background()
	id := quarantine(t, tl, o, 3)

	ops, err := s.Unsent(ctx, 0, 10)
	require.NoError(t, err)
	require.Len(t, ops, 1)
	assert.Equal(t, id, ops[0].ID)
	assert.Equal(t, pos.CodeForbidden, ops[0].Code)
	assert.Equal(t, "right missing", ops[0].Reason)
	assert.NotEmpty(t, ops[0].Number, "the document's number, read from the operation")
	more, err := s.Unsent(ctx, 1, 10)
	require.NoError(t, err)
	assert.Empty(t, more)

	require.NoError(t, s.Retry(ctx, id), "any operator may send it again")
	assert.Equal(t, 1, f.asked(), "a retry asks for a sync")
	ops, err = s.Unsent(ctx, 0, 10)
	require.NoError(t, err)
	assert.Empty(t, ops)
	st, err := s.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, 0, st.Quarantined)

	assert.Equal(t, "error.not_found", errKey(t, s.Retry(ctx, id)), "only a quarantined operation is retried")
}

func TestUnsentDiscardNeedsTheRight(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	s := app.NewSync(nil, tl.db, tl.session, false)
	ctx := context.Background()
	id := quarantine(t, tl, o, 1)

	assert.False(t, s.CanDiscard())
	err := s.Discard(ctx, id)
	assert.Equal(t, "error.right_missing", errKey(t, err))
	e, _ := pos.AsError(err)
	assert.Equal(t, pos.CodeForbidden, e.Code)
	ops, err := s.Unsent(ctx, 0, 10)
	require.NoError(t, err)
	assert.Len(t, ops, 1, "refused: the operation stays")

	tl.session.Logout()
	_, err = s.Unsent(ctx, 0, 10)
	assert.Equal(t, "error.not_logged_in", errKey(t, err))
	assert.Equal(t, "error.not_logged_in", errKey(t, s.Retry(ctx, id)))

	require.NoError(t, tl.session.Login(ctx, "GIULIA", demo.PINs["GIULIA"]))
	assert.True(t, s.CanDiscard())
	require.NoError(t, s.Discard(ctx, id))
	ops, err = s.Unsent(ctx, 0, 10)
	require.NoError(t, err)
	assert.Empty(t, ops)
}
