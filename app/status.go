package app

import (
	"context"
	"time"
)

// Status is what the status bar shows.
type Status struct {
	Terminal string
	Operator string
	Online   bool
	Pending  int
	Now      time.Time
}

// StatusBar reads the till's state for the status bar.
type StatusBar struct {
	store   Store
	session *Session
	conn    Connectivity
	clock   Clock
}

// NewStatusBar returns the status use case; conn may be nil when the till has no
// data service configured, and then it is offline.
func NewStatusBar(store Store, session *Session, conn Connectivity, clock Clock) *StatusBar {
	return &StatusBar{store: store, session: session, conn: conn, clock: clock}
}

// Read returns the current status.
func (b *StatusBar) Read(ctx context.Context) (Status, error) {
	n, err := b.store.PendingOperations(ctx)
	if err != nil {
		return Status{}, err
	}
	st := Status{Terminal: b.session.Terminal().Code, Pending: n, Now: b.clock.Now()}
	if l, ok := b.session.Current(); ok {
		st.Operator = l.Operator.Name
	}
	st.Online = b.conn != nil && b.conn.Online()
	return st, nil
}
