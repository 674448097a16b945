package app

import (
	"context"
	"encoding/json"

	"github.com/comptoir/comptoir/app/pos"
)

// SyncStore is the local database as the Sync use case needs it: the outbox's
// counts and its quarantined operations.
type SyncStore interface {
	UnsentOperations
	OutboxCounts(ctx context.Context) (OutboxCounts, error)
}

// SyncStatus is the link to the data service as the screens show it (R-X3).
type SyncStatus struct {
	// Configured is false when the till has no data service: always offline.
	Configured bool
	Online     bool
	// Simulated is demo mode's "Simulate offline", on.
	Simulated bool
	// Pending operations will be sent; Quarantined ones wait for a person.
	Pending     int
	Quarantined int
}

// Sync is the link to the data service as the operator sees it: its status,
// "Sync now", demo mode's "Simulate offline", and the "Unsent operations"
// screen's quarantined operations, retried or discarded (R-X3, R-S1).
type Sync struct {
	syncer  Syncer
	store   SyncStore
	session *Session
	demo    bool
}

// NewSync returns the sync use case. syncer is nil when the till has no data
// service (it is then offline, and Sync now does nothing but say so). demo
// allows "Simulate offline", refused otherwise.
func NewSync(syncer Syncer, store SyncStore, session *Session, demo bool) *Sync {
	return &Sync{syncer: syncer, store: store, session: session, demo: demo}
}

// Status reads the link and the outbox's counts.
func (s *Sync) Status(ctx context.Context) (SyncStatus, error) {
	c, err := s.store.OutboxCounts(ctx)
	if err != nil {
		return SyncStatus{}, err
	}
	st := SyncStatus{Configured: s.syncer != nil, Pending: c.Pending, Quarantined: c.Quarantined}
	if s.syncer != nil {
		st.Online = s.syncer.Online()
		st.Simulated = s.syncer.SimulatedOffline()
	}
	return st, nil
}

// SyncNow asks the agent to sync at once, without waiting for it. Anyone at
// the till may ask, logged in or not: it only hurries what would happen anyway.
func (s *Sync) SyncNow() error {
	if s.syncer == nil {
		return pos.Errorf(pos.CodeUnavailable, "error.sync_not_configured")
	}
	s.syncer.SyncNow()
	return nil
}

// CanSimulateOffline tells whether "Simulate offline" is offered: in demo mode,
// with a data service.
func (s *Sync) CanSimulateOffline() bool { return s.demo && s.syncer != nil }

// SimulatedOffline tells whether "Simulate offline" is on.
func (s *Sync) SimulatedOffline() bool { return s.syncer != nil && s.syncer.SimulatedOffline() }

// SetSimulateOffline cuts (on) or restores the agent's connection; demo mode
// only, so a newcomer sees the till work offline.
func (s *Sync) SetSimulateOffline(on bool) error {
	if !s.demo {
		return pos.Errorf(pos.CodeForbidden, "error.sync_demo_only")
	}
	if s.syncer == nil {
		return pos.Errorf(pos.CodeUnavailable, "error.sync_not_configured")
	}
	s.syncer.SetSimulateOffline(on)
	if !on {
		// Back online: send what waited at once rather than at the next tick.
		s.syncer.SyncNow()
	}
	return nil
}

// UnsentOperation is a quarantined operation as the screen lists it: Number
// is the number of the document it carries, "" when it carries none.
type UnsentOperation struct {
	OutboxOp
	Number string
}

// Unsent returns up to limit quarantined operations from offset on, oldest
// first, for the "Unsent operations" screen; needs a logged-in operator.
func (s *Sync) Unsent(ctx context.Context, offset, limit int) ([]UnsentOperation, error) {
	if _, ok := s.session.Current(); !ok {
		return nil, pos.Errorf(pos.CodeUnauthorized, "error.not_logged_in")
	}
	ops, err := s.store.QuarantinedOperations(ctx)
	if err != nil {
		return nil, err
	}
	if offset < 0 || offset >= len(ops) || limit <= 0 {
		return nil, nil
	}
	page := ops[offset:min(offset+limit, len(ops))]
	out := make([]UnsentOperation, len(page))
	for i, op := range page {
		out[i] = UnsentOperation{OutboxOp: op}
		// A document's operation carries the document; anything else (or a
		// payload that does not decode) shows its document id instead.
		var doc struct {
			Number string `json:"number"`
		}
		if json.Unmarshal(op.Payload, &doc) == nil {
			out[i].Number = doc.Number
		}
	}
	return out, nil
}

// Retry puts a quarantined operation back in line and asks for a sync; any
// logged-in operator may (the service checks the rights again when it
// arrives).
func (s *Sync) Retry(ctx context.Context, id string) error {
	if _, ok := s.session.Current(); !ok {
		return pos.Errorf(pos.CodeUnauthorized, "error.not_logged_in")
	}
	if err := s.store.RetryOperation(ctx, id); err != nil {
		return err
	}
	if s.syncer != nil {
		s.syncer.SyncNow()
	}
	return nil
}

// CanDiscard tells whether the logged-in operator may discard operations.
func (s *Sync) CanDiscard() bool { return s.session.Can(pos.RightDiscardOperations) }

// Discard deletes a quarantined operation for good: its change stays on this
// till only. Needs pos.RightDiscardOperations.
func (s *Sync) Discard(ctx context.Context, id string) error {
	if err := s.session.require(pos.RightDiscardOperations); err != nil {
		return err
	}
	return s.store.DiscardOperation(ctx, id)
}
