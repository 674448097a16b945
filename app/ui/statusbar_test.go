package ui

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
)

type online bool

func (o online) Online() bool { return bool(o) }

func TestStatusBarShowsOfflineAndPending(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	store.pending = 3
	uc := useCases(t, store)
	b := newStatusBar(uc.Status, nil, zerolog.Nop())
	w := showOnTill(t, b.view)

	b.refresh(context.Background())

	shown := texts(w)
	assert.Contains(t, shown, terminalCode)
	assert.Contains(t, shown, "Nobody logged in")
	assert.Contains(t, shown, "Offline")
	assert.Contains(t, shown, "To send: 3")
	assert.Contains(t, shown, fixedNow.Local().Format("02/01/2006 15:04"))
}

func TestStatusBarShowsOperatorAndOnline(t *testing.T) {
	newTestApp(t, "pl")
	store := newMemStore(t)
	uc := useCases(t, store)
	loginAs(t, uc, cashier, cashierPIN)
	b := newStatusBar(app.NewStatusBar(store, uc.Session, online(true), fixedClock), nil, zerolog.Nop())
	w := showOnTill(t, b.view)

	b.refresh(context.Background())

	shown := texts(w)
	assert.Contains(t, shown, cashierName)
	assert.Contains(t, shown, "Połączono")
	assert.Contains(t, shown, "Do wysłania: 0")
}

func TestStatusBarLoopRefreshesUntilItsContextEnds(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	store.pending = 7
	store.pendingRead = make(chan struct{}, 1)
	uc := useCases(t, store)
	b := newStatusBar(uc.Status, nil, zerolog.Nop())
	w := showOnTill(t, b.view)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.run(ctx, time.Millisecond)
	}()

	// The loop reads, shows, reads again: after a second read the first
	// status is on screen.
	<-store.pendingRead
	<-store.pendingRead
	cancel()
	<-done

	assert.Contains(t, texts(w), "To send: 7")
}

// Settings rebuilds the screens in the language chosen; the status bar,
// built once for the window, writes its texts anew at the refresh that
// follows, Sync now and its note too.
func TestStatusBarFollowsALanguageChange(t *testing.T) {
	newTestApp(t, "fr")
	store := newMemStore(t)
	store.settings["language"] = "fr"
	uc := syncUseCases(t, store, &fakeSyncer{}, &memOutbox{}, false)
	tl := newTillWith(t, uc)
	tl.logIn(t, managerName, managerPIN)
	tapText(t, tl.w, "Synchroniser")
	requireText(t, tl.w, "Envoi au retour du service")

	tapText(t, tl.w, "Paramètres")
	tapText(t, tl.w, "English")

	shown := texts(tl.w)
	assert.Contains(t, shown, "Sync now")
	assert.Contains(t, shown, "Sent once the service is back")
	assert.Contains(t, shown, "Offline")
	assert.NotContains(t, shown, "Synchroniser")
}

// Sync now cannot send while the till is offline, simulated or not: the bar
// says so in the operator's place for a few refreshes, fewer if the link
// changes.
func TestSyncNowOfflineSaysWhy(t *testing.T) {
	newTestApp(t, "en")
	f := &fakeSyncer{}
	uc := syncUseCases(t, newMemStore(t), f, &memOutbox{}, true)
	b := newStatusBar(uc.Status, uc.Sync, zerolog.Nop())
	w := showOnTill(t, b.view)
	ctx := context.Background()

	f.SetSimulateOffline(true)
	b.refresh(ctx)
	tapText(t, w, "Sync now")
	assert.Equal(t, 1, f.asked(), "asked all the same: the agent decides")
	assert.Contains(t, texts(w), "Nothing is sent")
	assert.NotContains(t, texts(w), "Nobody logged in", "the note takes the operator's place")

	f.SetSimulateOffline(false)
	b.refresh(ctx)
	assert.NotContains(t, texts(w), "Nothing is sent", "the state it explained has ended")
	assert.Contains(t, texts(w), "Nobody logged in")

	tapText(t, w, "Sync now")
	for range noteRefreshes - 1 {
		b.refresh(ctx)
		require.Contains(t, texts(w), "Sent once the service is back")
	}
	b.refresh(ctx)
	assert.NotContains(t, texts(w), "Sent once the service is back", "read by now")
	assert.Contains(t, texts(w), "Nobody logged in")

	f.setOnline(true)
	b.refresh(ctx)
	tapText(t, w, "Sync now")
	assert.Equal(t, 3, f.asked())
	assert.False(t, b.note.Visible(), "online, the counts tell the outcome")
}

// All the bar shows, in French, the longest language, is no wider than the
// 1024-pixel till: a wider bar would grow the window past the screen.
func TestStatusBarFitsTheSmallerTill(t *testing.T) {
	newTestApp(t, "fr")
	f := &fakeSyncer{}
	uc := syncUseCases(t, newMemStore(t), f, refusedOutbox(t), true)
	loginAs(t, uc, manager, managerPIN)
	b := newStatusBar(uc.Status, uc.Sync, zerolog.Nop())
	w := showOnTill(t, b.view)
	f.SetSimulateOffline(true)
	b.refresh(context.Background())
	tapText(t, w, "Synchroniser")
	require.Contains(t, texts(w), "Refusées : 1")

	assert.LessOrEqual(t, b.view.MinSize().Width, float32(1024))
}
