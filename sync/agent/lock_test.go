package agent

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/store"
)

// syncedOrder creates a confirmed order on KRKASA1's till and sends it.
func syncedOrder(tb testing.TB, w *world, db *store.DB, a *Agent) *pos.Document {
	tb.Helper()
	d := newOrder("KRKASA1", 2)
	d.Status = pos.StatusConfirmed
	require.NoError(tb, db.SaveDocuments(context.Background(), w.clock.Now(), app.OpMeta{Operator: "ANNA"}, d))
	require.NoError(tb, a.Sync(context.Background()))
	require.Zero(tb, pendingOps(tb, db).Pending)
	return d
}

// TestLockRaceNeverTwoHolders: 10 terminals try 1,000 times each to lock the
// same order. Never do two hold it at once; every loser is told which terminal
// holds it; tokens are never given twice.
func TestLockRaceNeverTwoHolders(t *testing.T) {
	w := startWorld(t, worldOpts{})
	db := openTill(t, "")
	owner := newAgent(t, w.url, "KRKASA1", db, w.clock, fastOptions(), ClientOptions{})
	d := syncedOrder(t, w, db, owner)
	terms := w.addTerminals(t, 10)
	attempts := soak(1000)

	var holders, maxHolders, wins, losses atomic.Int64
	var mu sync.Mutex
	tokens := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, len(terms))
	for _, term := range terms {
		a := newAgent(t, w.url, term, nil, w.clock, Options{}, ClientOptions{RequestTimeout: time.Minute,
			AnswerTimeout: time.Minute})
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			for range attempts {
				l, err := a.Lock(ctx, app.LockRequest{DocID: d.ID, Operator: "GIULIA"})
				if err != nil {
					pe, ok := pos.AsError(err)
					holder, _ := pe.Args["Holder"].(string)
					if !ok || pe.Code != pos.CodeLocked || pe.Key != pos.MsgLockedElsewhere || holder == "" || holder == term {
						errs <- err
						return
					}
					losses.Add(1)
					continue
				}
				n := holders.Add(1)
				for m := maxHolders.Load(); n > m && !maxHolders.CompareAndSwap(m, n); m = maxHolders.Load() {
				}
				mu.Lock()
				if other, dup := tokens[l.Token]; dup {
					mu.Unlock()
					errs <- errors.New("token " + itoa(int(l.Token)) + " given to " + other + " and " + term)
					return
				}
				tokens[l.Token] = term
				mu.Unlock()
				wins.Add(1)
				holders.Add(-1)
				if err := a.Unlock(ctx, l); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d attempts: %d locks, %d refusals naming the holder", len(terms)*attempts, wins.Load(), losses.Load())
	assert.Equal(t, int64(1), maxHolders.Load(), "never two holders at once")
	assert.Equal(t, int64(len(terms)*attempts), wins.Load()+losses.Load())
	assert.Positive(t, losses.Load(), "the race must have losers")
	assert.Len(t, tokens, int(wins.Load()))
}

// TestPausedHolderIsFencedOut: the holder pauses beyond its lease; another
// terminal locks and writes; the first holder's late write, sent with its old
// token, is refused and quarantined, and the service keeps the second write.
func TestPausedHolderIsFencedOut(t *testing.T) {
	w := startWorld(t, worldOpts{})
	ctx := context.Background()
	db1 := openTill(t, "")
	a1 := newAgent(t, w.url, "KRKASA1", db1, w.clock, fastOptions(), ClientOptions{})
	d := syncedOrder(t, w, db1, a1)
	db2 := openTill(t, "")
	a2 := newAgent(t, w.url, "KRPOS3", db2, w.clock, fastOptions(), ClientOptions{})
	require.NoError(t, a2.Sync(ctx))

	l1, err := a1.Lock(ctx, app.LockRequest{DocID: d.ID, Operator: "ANNA"})
	require.NoError(t, err)
	_, err = a2.Lock(ctx, app.LockRequest{DocID: d.ID, Operator: "GIULIA"})
	require.Equal(t, pos.CodeLocked, pos.ErrorCode(err))

	// KRKASA1 pauses (no renewal); its lease runs out on the service's clock.
	w.clock.Advance(l1.Lease + time.Second)
	err = a2.WithLock(ctx, app.LockRequest{DocID: d.ID, Operator: "GIULIA"}, func(ctx context.Context, l app.Lock) error {
		assert.Greater(t, l.Token, l1.Token)
		doc := l.Document
		doc.Reference = "KRPOS3 was here"
		doc.Revision++
		return db2.SaveDocuments(ctx, w.clock.Now(), app.OpMeta{Operator: "GIULIA", LockToken: l.Token}, &doc)
	})
	require.NoError(t, err)
	assert.Zero(t, pendingOps(t, db2).Pending, "WithLock sent the change before unlocking")

	// KRKASA1 wakes up and writes with its old token.
	late := *d
	late.Reference = "late write"
	late.Revision++
	require.NoError(t, db1.SaveDocuments(ctx, w.clock.Now(), app.OpMeta{Operator: "ANNA", LockToken: l1.Token}, &late))
	require.NoError(t, a1.Flush(ctx))
	q, err := db1.QuarantinedOperations(ctx)
	require.NoError(t, err)
	require.Len(t, q, 1)
	assert.Equal(t, pos.CodeConflict, q[0].Code)
	assert.Contains(t, q[0].Reason, pos.MsgLockedElsewhere)
	got, version, err := w.svc.Document(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "KRPOS3 was here", got.Reference)
	assert.Equal(t, int64(2), version)
	_, err = a1.Renew(ctx, l1)
	assert.Equal(t, pos.CodeConflict, pos.ErrorCode(err), "its renewal is refused too")
	require.NoError(t, a1.Unlock(ctx, l1), "unlocking a lost lock is harmless")
}

// TestWithLockAlwaysUnlocks: after success, error, panic and cancel the order
// can be locked at once by another terminal.
func TestWithLockAlwaysUnlocks(t *testing.T) {
	w := startWorld(t, worldOpts{})
	db := openTill(t, "")
	a := newAgent(t, w.url, "KRKASA1", db, w.clock, fastOptions(), ClientOptions{})
	d := syncedOrder(t, w, db, a)
	other := newAgent(t, w.url, "KRPOS3", nil, w.clock, fastOptions(), ClientOptions{})
	req := app.LockRequest{DocID: d.ID, Operator: "ANNA"}
	free := func() {
		t.Helper()
		l, err := other.Lock(context.Background(), app.LockRequest{DocID: d.ID, Operator: "GIULIA"})
		require.NoError(t, err, "the lock was left behind")
		require.NoError(t, other.Unlock(context.Background(), l))
	}

	boom := errors.New("printer on fire")
	err := a.WithLock(context.Background(), req, func(ctx context.Context, l app.Lock) error {
		_, err := other.Lock(ctx, app.LockRequest{DocID: d.ID, Operator: "GIULIA"})
		assert.Equal(t, pos.CodeLocked, pos.ErrorCode(err), "held while the operation runs")
		return boom
	})
	assert.ErrorIs(t, err, boom)
	free()

	assert.PanicsWithValue(t, "bug", func() {
		_ = a.WithLock(context.Background(), req, func(context.Context, app.Lock) error { panic("bug") })
	})
	free()

	ctx, cancel := context.WithCancel(context.Background())
	err = a.WithLock(ctx, req, func(ctx context.Context, l app.Lock) error {
		cancel() // the operator cancels
		<-ctx.Done()
		return ctx.Err()
	})
	assert.ErrorIs(t, err, context.Canceled)
	free()

	require.NoError(t, a.WithLock(context.Background(), req, func(context.Context, app.Lock) error { return nil }))
	free()

	_, err = a.Lock(context.Background(), app.LockRequest{DocID: d.ID, Operator: "MARC", Right: pos.RightReceipt})
	assert.Equal(t, pos.CodeForbidden, pos.ErrorCode(err), "the right is checked with the lock")
	_, err = a.Lock(context.Background(), app.LockRequest{DocID: "no-such-order", Operator: "ANNA"})
	assert.Equal(t, pos.CodeNotFound, pos.ErrorCode(err))
}

// TestWithLockRenewsWhileTheOperationRuns: with a short lease, a long
// operation keeps its lock by renewal; once the renewal is refused (the lease
// ran out and another terminal locked), the operation is cancelled with
// ErrLockLost.
func TestWithLockRenewsWhileTheOperationRuns(t *testing.T) {
	w := startWorld(t, worldOpts{lease: 300 * time.Millisecond})
	ctx := context.Background()
	db := openTill(t, "")
	a := newAgent(t, w.url, "KRKASA1", db, w.clock, fastOptions(), ClientOptions{})
	d := syncedOrder(t, w, db, a)
	other := newAgent(t, w.url, "KRPOS3", nil, w.clock, fastOptions(), ClientOptions{})

	// waitRenewed waits until the service's lease ends a full lease after now.
	waitRenewed := func(ctx context.Context) {
		t.Helper()
		want := w.clock.Now().Add(300 * time.Millisecond)
		for range 500 {
			rd, err := other.client.Fetch(ctx, d.ID)
			require.NoError(t, err)
			if rd.Lock != nil && !rd.Lock.Expires.Before(want) {
				return
			}
			select {
			case <-ctx.Done():
				t.Fatal("cancelled while waiting for a renewal")
			case <-time.After(10 * time.Millisecond):
			}
		}
		t.Fatal("the lock was not renewed")
	}
	err := a.WithLock(ctx, app.LockRequest{DocID: d.ID, Operator: "ANNA"}, func(ctx context.Context, l app.Lock) error {
		for range 3 {
			w.clock.Advance(200 * time.Millisecond) // two thirds of the lease
			waitRenewed(ctx)
		}
		// 600 ms of service time have passed: only renewals kept the lock.
		_, err := other.Lock(ctx, app.LockRequest{DocID: d.ID, Operator: "GIULIA"})
		assert.Equal(t, pos.CodeLocked, pos.ErrorCode(err))
		return nil
	})
	require.NoError(t, err)

	err = a.WithLock(ctx, app.LockRequest{DocID: d.ID, Operator: "ANNA"}, func(ctx context.Context, l app.Lock) error {
		w.clock.Advance(time.Second) // the holder's lease runs out…
		taken, err := other.Lock(ctx, app.LockRequest{DocID: d.ID, Operator: "GIULIA"})
		require.NoError(t, err)                               // …and KRPOS3 takes the order
		defer other.Unlock(context.WithoutCancel(ctx), taken) //nolint:errcheck // checked by the next lock
		<-ctx.Done()
		assert.ErrorIs(t, context.Cause(ctx), ErrLockLost)
		return nil
	})
	assert.ErrorIs(t, err, ErrLockLost)
}
