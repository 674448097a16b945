package ui

import (
	"context"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// fakeSyncer is the sync agent at the edge of these tests. reads, when set,
// gets a signal (if it has room) each time the status reads the link.
type fakeSyncer struct {
	mu        sync.Mutex
	online    bool
	simulated bool
	syncs     int
	reads     chan struct{}
}

func (f *fakeSyncer) Online() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.online && !f.simulated
}

func (f *fakeSyncer) SyncNow() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.syncs++
}

func (f *fakeSyncer) SetSimulateOffline(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.simulated = on
}

func (f *fakeSyncer) SimulatedOffline() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case f.reads <- struct{}{}:
	default:
	}
	return f.simulated
}

func (f *fakeSyncer) setOnline(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.online = on
}

func (f *fakeSyncer) asked() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.syncs
}

// memOutbox is app.SyncStore in memory: pending operations counted, the
// quarantined ones listed, retried and discarded.
type memOutbox struct {
	mu          sync.Mutex
	pending     int
	quarantined []app.OutboxOp
}

func (o *memOutbox) OutboxCounts(context.Context) (app.OutboxCounts, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return app.OutboxCounts{Pending: o.pending, Quarantined: len(o.quarantined)}, nil
}

func (o *memOutbox) QuarantinedOperations(context.Context) ([]app.OutboxOp, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]app.OutboxOp(nil), o.quarantined...), nil
}

func (o *memOutbox) take(id string) bool {
	for i, op := range o.quarantined {
		if op.ID == id {
			o.quarantined = append(o.quarantined[:i], o.quarantined[i+1:]...)
			return true
		}
	}
	return false
}

func (o *memOutbox) RetryOperation(_ context.Context, id string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.take(id) {
		return notFound()
	}
	o.pending++
	return nil
}

func (o *memOutbox) DiscardOperation(_ context.Context, id string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.take(id) {
		return notFound()
	}
	return nil
}

// refusedOutbox holds one operation the service refused: the save of order
// ZK/1/2025, refused for a missing right.
func refusedOutbox(tb testing.TB) *memOutbox {
	tb.Helper()
	payload, err := json.Marshal(pos.Document{ID: "doc-1", Kind: pos.KindOrder, Number: "ZK/1/2025"})
	require.NoError(tb, err)
	return &memOutbox{pending: 2, quarantined: []app.OutboxOp{{
		Seq: 7, ID: "op-7", Kind: "document.save", DocID: "doc-1", Operator: cashier, Payload: payload,
		Attempts: 1, CreatedAt: fixedNow, Quarantined: true, Code: pos.CodeForbidden,
		Reason:  "forbidden: error.right_missing Right=document.invoice",
		Message: pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", "document.invoice"),
	}}}
}

// syncUseCases are the fixture's use cases with a link to a fake service.
func syncUseCases(tb testing.TB, store *memStore, f *fakeSyncer, out *memOutbox, demo bool) UseCases {
	tb.Helper()
	uc := useCases(tb, store)
	var syncer app.Syncer
	if f != nil {
		syncer = f
		uc.Status = app.NewStatusBar(store, uc.Session, f, fixedClock)
	}
	uc.Sync = app.NewSync(syncer, out, uc.Session, demo)
	return uc
}

func TestStatusBarShowsOfflineThenOnlineAndSyncsNow(t *testing.T) {
	newTestApp(t, "en")
	f := &fakeSyncer{}
	out := refusedOutbox(t)
	uc := syncUseCases(t, newMemStore(t), f, out, true)
	b := newStatusBar(uc.Status, uc.Sync, zerolog.Nop())
	w := showOnTill(t, b.view)
	ctx := context.Background()

	b.refresh(ctx)
	shown := texts(w)
	assert.Contains(t, shown, "Offline")
	assert.Contains(t, shown, "To send: 2", "the refused operation is counted apart")
	assert.Contains(t, shown, "Refused: 1")

	f.setOnline(true)
	b.refresh(ctx)
	assert.Contains(t, texts(w), "Online")

	f.SetSimulateOffline(true)
	b.refresh(ctx)
	assert.Contains(t, texts(w), "Simulated offline")
	assert.NotContains(t, texts(w), "Online")

	tapText(t, w, "Sync now")
	assert.Equal(t, 1, f.asked())
}

func TestStatusBarWithoutAServiceOffersNoSyncNow(t *testing.T) {
	newTestApp(t, "en")
	uc := syncUseCases(t, newMemStore(t), nil, &memOutbox{}, true)
	b := newStatusBar(uc.Status, uc.Sync, zerolog.Nop())
	w := showOnTill(t, b.view)

	b.refresh(context.Background())

	assert.Contains(t, texts(w), "Offline")
	assert.NotContains(t, texts(w), "Sync now")
	assert.NotContains(t, texts(w), "Refused: 0")
}

// The loop shows a change of the link at its next tick (every second in
// the till: within the 2 seconds R-X3's acceptance allows).
func TestStatusBarLoopShowsTheLinkComingBack(t *testing.T) {
	newTestApp(t, "en")
	f := &fakeSyncer{reads: make(chan struct{}, 1)}
	uc := syncUseCases(t, newMemStore(t), f, &memOutbox{}, true)
	b := newStatusBar(uc.Status, uc.Sync, zerolog.Nop())
	w := showOnTill(t, b.view)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.run(ctx, time.Millisecond)
	}()

	<-f.reads
	f.setOnline(true)
	// A read that began after the change, then one more: the first is shown.
	<-f.reads
	<-f.reads
	cancel()
	<-done

	assert.Contains(t, texts(w), "Online")
}

func TestSimulateOfflineSwitchOnlyInDemoMode(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	f := &fakeSyncer{online: true}
	uc := syncUseCases(t, store, f, &memOutbox{}, true)
	loginAs(t, uc, manager, managerPIN)
	s := newSettingsScreen(context.Background(), uc.Settings, uc.Sync, zerolog.Nop(), func() {}, func() {})
	w := showOnTill(t, s.view)

	requireText(t, w, "Simulate offline")
	tapText(t, w, "Simulate offline")
	assert.True(t, f.SimulatedOffline())
	tapText(t, w, "Simulate offline")
	assert.False(t, f.SimulatedOffline())
	assert.Equal(t, 1, f.asked(), "back online, the waiting operations leave at once")

	plain := syncUseCases(t, store, f, &memOutbox{}, false)
	s = newSettingsScreen(context.Background(), plain.Settings, plain.Sync, zerolog.Nop(), func() {}, func() {})
	w = showOnTill(t, s.view)
	assert.NotContains(t, texts(w), "Simulate offline")
}

// unsentOnTill shows the Unsent operations screen for the operator.
func unsentOnTill(tb testing.TB, out *memOutbox, code, pin string) (fyne.Window, *fakeSyncer) {
	tb.Helper()
	f := &fakeSyncer{online: true}
	uc := syncUseCases(tb, newMemStore(tb), f, out, false)
	loginAs(tb, uc, code, pin)
	var w fyne.Window
	s := newUnsentScreen(context.Background(), uc.Sync, zerolog.Nop(), func() fyne.Canvas { return w.Canvas() }, func() {})
	w = showOnTill(tb, s.view)
	return w, f
}

func TestUnsentListsAndRetries(t *testing.T) {
	newTestApp(t, "en")
	out := refusedOutbox(t)
	w, f := unsentOnTill(t, out, cashier, cashierPIN)

	shown := texts(w)
	// What the cashier reads is translated: the kind, the code and the
	// service's message with its arguments, not the text kept for IT.
	for _, text := range []string{"Document saved", "ZK/1/2025", "1", "Not allowed",
		"You are not allowed to do this (document.invoice)."} {
		assert.Contains(t, shown, text)
	}
	retry := find(w, func(b *widget.Button) bool { return b.Text == "Retry" })
	assert.True(t, retry.Disabled(), "nothing chosen yet")

	tapText(t, w, "ZK/1/2025")
	requireText(t, w, "Chosen: Document saved ZK/1/2025")
	discard := find(w, func(b *widget.Button) bool { return b.Text == "Discard" })
	assert.True(t, discard.Disabled(), "a cashier may not discard")
	tapText(t, w, "Retry")

	requireText(t, w, "The operation is sent again.")
	assert.NotContains(t, texts(w), "ZK/1/2025")
	assert.Equal(t, 1, f.asked(), "a retry asks for a sync")
	c, err := out.OutboxCounts(context.Background())
	require.NoError(t, err)
	assert.Equal(t, app.OutboxCounts{Pending: 3}, c)
}

func TestUnsentDiscardAsksFirst(t *testing.T) {
	newTestApp(t, "en")
	out := refusedOutbox(t)
	w, _ := unsentOnTill(t, out, manager, managerPIN)

	tapText(t, w, "ZK/1/2025")
	tapText(t, w, "Discard")
	assert.Contains(t, topTexts(w), "Discard this operation? Its change stays on this till only and never reaches the data service.")
	tapTop(t, w, "No")
	assert.Contains(t, texts(w), "ZK/1/2025", "not confirmed: nothing discarded")

	tapText(t, w, "Discard")
	tapTop(t, w, "Yes")
	requireText(t, w, "The operation was discarded.")
	assert.NotContains(t, texts(w), "ZK/1/2025")
	assert.Empty(t, out.quarantined)
}

func TestUnsentDiscardRefusedWithoutTheRight(t *testing.T) {
	newTestApp(t, "en")
	out := refusedOutbox(t)
	f := &fakeSyncer{online: true}
	uc := syncUseCases(t, newMemStore(t), f, out, false)
	loginAs(t, uc, cashier, cashierPIN)
	var w fyne.Window
	s := newUnsentScreen(context.Background(), uc.Sync, zerolog.Nop(), func() fyne.Canvas { return w.Canvas() }, func() {})
	w = showOnTill(t, s.view)

	// The button is disabled; were it tapped anyway, the use case refuses.
	tapText(t, w, "ZK/1/2025")
	s.discard.Enable()
	tapText(t, w, "Discard")
	tapTop(t, w, "Yes")

	requireText(t, w, "You are not allowed to do this (sync.discard).")
	assert.Len(t, out.quarantined, 1)
}

// TestCaptureUnsent draws the Unsent operations screen with its status bar
// on a 1280×800 till. To look at it:
// COMPTOIR_CAPTURE_DIR=/tmp go test -run CaptureUnsent ./app/ui.
func TestCaptureUnsent(t *testing.T) {
	dir, _ := captureDir(t)
	newTestApp(t, "fr")
	store := newMemStore(t)
	store.settings["language"] = "fr"
	f := &fakeSyncer{}
	f.SetSimulateOffline(true)
	uc := syncUseCases(t, store, f, refusedOutbox(t), true)
	a := fyne.CurrentApp()
	w := a.NewWindow("")
	u, err := New(context.Background(), uc, a, w, Options{Log: zerolog.Nop(), StatusEvery: time.Hour})
	require.NoError(t, err)
	w.Resize(tillSize)
	t.Cleanup(func() {
		w.Close()
		u.Wait()
	})
	loginAs(t, uc, manager, managerPIN)
	u.open(app.TileUnsent)
	tapText(t, w, "ZK/1/2025")

	img := w.Canvas().Capture()
	require.Equal(t, 1280, img.Bounds().Dx())
	f2, err := os.Create(filepath.Join(dir, "comptoir-unsent.png"))
	require.NoError(t, err)
	defer f2.Close()
	require.NoError(t, png.Encode(f2, img))
	shown := texts(w)
	assert.Contains(t, shown, "Hors ligne simulé")
	assert.Contains(t, shown, "Refusées : 1")
}

// Every operation kind the till queues and every error code has a name in
// each language: the screen would otherwise show the raw identifier.
func TestUnsentKindsAndCodesAreTranslated(t *testing.T) {
	kinds := []string{"document.save", "draft.put", "draft.confirm"} // sync/protocol's Op* kinds
	codes := []pos.Code{pos.CodeInvalid, pos.CodeUnauthorized, pos.CodeForbidden, pos.CodeNotFound,
		pos.CodeLocked, pos.CodeConflict, pos.CodeUnavailable, pos.CodeInternal}
	for _, language := range []string{"fr", "it", "en", "pl"} {
		newTestApp(t, language)
		for _, k := range kinds {
			op := app.UnsentOperation{OutboxOp: app.OutboxOp{Kind: k}}
			assert.NotEqual(t, k, unsentKind(op), "%s: %s", language, k)
		}
		for _, c := range codes {
			assert.NotEqual(t, "code."+string(c), lang.L("code."+string(c)), "%s: %s", language, c)
		}
	}
}
