package ui

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"

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
