// Package agent is the till's side of the sync protocol (sync/protocol): a
// background loop that drains the local outbox to the data service in order
// and in batches, and pulls the changes the service has for this terminal page
// by page; the connectivity state the status bar shows; and the online
// operations on synced orders (lock, renew, unlock, fetch, search), as the
// app.Remote port.
//
// Exactly once, from this side: an operation leaves the outbox only once the
// service has answered for it (applied, or duplicate of an earlier applying),
// so a crash or a lost answer makes the agent send it again, and the service
// answers the replay with its first answer. A pulled page and its cursor are
// committed together, so a crash makes the agent ask for the same page again.
//
// Wiring (cmd/comptoir):
//
//	client, err := agent.NewClient(url, secret, agent.ClientOptions{})
//	a := agent.New(db, client, clock, log, agent.Options{})
//	go a.Run(ctx)            // returns when ctx is done, after its work in flight
//	status bar: a.Online(), a.Status(); "Sync now": a.SyncNow()
//	settings (demo): a.SetSimulateOffline(true)
//	use cases: a as app.Remote
package agent

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// Store is what the agent needs of the local database; store.DB implements it.
type Store interface {
	ClaimOutbox(ctx context.Context, limit int) ([]app.OutboxOp, error)
	SettleOutbox(ctx context.Context, s app.Settlement, at time.Time) error
	OutboxCounts(ctx context.Context) (app.OutboxCounts, error)
	SyncCursor(ctx context.Context, stream string) (string, error)
	ApplyPulled(ctx context.Context, page app.PulledPage, at time.Time) (app.PullResult, error)
}

// Options tune the agent; the zero value gives the defaults.
type Options struct {
	BatchSize int           // operations per push (default 200, at most protocol.MaxBatch)
	PageSize  int           // records per pulled page (default protocol.DefaultPageSize)
	Interval  time.Duration // pause between syncs when all went well (default 500 ms)
	// MinBackoff and MaxBackoff bound the jittered exponential pause after a
	// failed sync (defaults 250 ms and 10 s).
	MinBackoff, MaxBackoff time.Duration
	// MaxAttempts is how many times an operation the service failed on (code
	// internal, unavailable or locked) is sent before it is quarantined
	// (default 20).
	MaxAttempts int
	// OnStatus, when set, is called (from the agent's goroutines) each time
	// Status changes: the status bar refreshes on it.
	OnStatus func(Status)
	// Trace, when set, is called at the named points of a sync (Point…); the
	// crash tests kill the process there.
	Trace func(point string)
}

// Named points of a sync, for Options.Trace.
const (
	PointBeforeSend = "before-send" // a batch is claimed, nothing sent yet
	PointMidBatch   = "mid-batch"   // the batch is sent; the service is working on it
	PointAfterSend  = "after-send"  // the answers are in, not yet stored
	PointPullApply  = "pull-apply"  // a page is read, about to be applied
)

// Stream is the name of the changes cursor in the local database.
const Stream = "changes"

// Status is what the status bar shows of the sync.
type Status struct {
	Online      bool
	Simulated   bool // "Simulate offline" is on
	Pending     int  // operations waiting to be sent
	Quarantined int  // operations the service refused, waiting for a person
	LastSync    time.Time
	LastError   string // the last failure, "" after a sync that went well
}

// Agent syncs one till with the data service.
type Agent struct {
	store  Store
	client *Client
	clock  app.Clock
	log    zerolog.Logger
	o      Options

	kick chan struct{}
	sem  chan struct{} // one sync at a time; Flush waits for it with a deadline

	mu     sync.Mutex
	status Status
}

var (
	_ app.Remote = (*Agent)(nil)
	_ app.Syncer = (*Agent)(nil)
)

// New returns an agent; nothing happens until Run.
func New(store Store, client *Client, clock app.Clock, log zerolog.Logger, o Options) *Agent {
	if o.BatchSize <= 0 || o.BatchSize > protocol.MaxBatch {
		o.BatchSize = 200
	}
	if o.PageSize <= 0 || o.PageSize > protocol.MaxPageSize {
		o.PageSize = protocol.DefaultPageSize
	}
	if o.Interval <= 0 {
		o.Interval = 500 * time.Millisecond
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 250 * time.Millisecond
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = max(10*time.Second, o.MinBackoff)
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 20
	}
	if o.Trace != nil {
		client.wrote = func() { o.Trace(PointMidBatch) }
	}
	return &Agent{store: store, client: client, clock: clock, log: log, o: o,
		kick: make(chan struct{}, 1), sem: make(chan struct{}, 1)}
}

func (a *Agent) trace(point string) {
	if a.o.Trace != nil {
		a.o.Trace(point)
	}
}

// Run syncs now, then again after each Interval, or after a jittered backoff
// when a sync failed, or at once on SyncNow, until ctx is done. It returns
// after the sync in flight has stopped.
func (a *Agent) Run(ctx context.Context) error {
	b := &backoff.ExponentialBackOff{InitialInterval: a.o.MinBackoff, RandomizationFactor: 0.5,
		Multiplier: 2, MaxInterval: a.o.MaxBackoff}
	b.Reset()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		case <-a.kick:
		}
		wait := a.o.Interval
		if err := a.Sync(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			wait = b.NextBackOff()
			a.log.Debug().Err(err).Dur("retry_in", wait).Msg("sync failed")
		} else {
			b.Reset()
		}
		timer.Reset(wait)
	}
}

// SyncNow asks Run for a sync at once ("Sync now", R-X3); it does not wait.
func (a *Agent) SyncNow() {
	select {
	case a.kick <- struct{}{}:
	default:
	}
}

// Sync sends every pending operation, then pulls every page of changes, now,
// and returns the first failure. Run calls it; tests and Flush call it directly.
func (a *Agent) Sync(ctx context.Context) error {
	select {
	case a.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-a.sem }()
	err := a.drain(ctx)
	if err == nil || errors.Is(err, errTransient) {
		// The service answers: pull even if it could not apply everything.
		err = errors.Join(err, a.pull(ctx))
	}
	a.noteSync(ctx, err)
	return err
}

// Flush sends the pending operations now, without pulling; WithLock calls it
// so that an online operation's changes reach the service under its lock.
func (a *Agent) Flush(ctx context.Context) error {
	select {
	case a.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-a.sem }()
	err := a.drain(ctx)
	a.noteSync(ctx, err)
	return err
}

// errTransient ends a drain when the service could not apply an operation for
// now: the next sync sends it again, after a backoff.
var errTransient = errors.New("the service failed on an operation; it will be sent again")

// drain sends the pending operations batch after batch, oldest first.
func (a *Agent) drain(ctx context.Context) error {
	for {
		ops, err := a.store.ClaimOutbox(ctx, a.o.BatchSize)
		if err != nil {
			return err
		}
		if len(ops) == 0 {
			return nil
		}
		a.trace(PointBeforeSend)
		settle, retry, err := a.send(ctx, ops)
		if err != nil {
			return err
		}
		a.trace(PointAfterSend)
		if err := a.store.SettleOutbox(ctx, settle, a.clock.Now()); err != nil {
			return err
		}
		a.refreshCounts(ctx)
		if retry {
			return errTransient
		}
	}
}

// send pushes a batch and sorts the answers; retry tells that some operations
// stay pending. A batch the service refuses as a whole (malformed, or it
// failed on it) is sent again one operation at a time, so that one bad
// operation is isolated and quarantined instead of blocking the outbox.
func (a *Agent) send(ctx context.Context, ops []app.OutboxOp) (app.Settlement, bool, error) {
	wire := make([]protocol.Op, len(ops))
	for i, op := range ops {
		wire[i] = toWire(op)
	}
	results, err := a.client.Push(ctx, wire)
	if err != nil {
		code := pos.ErrorCode(err)
		if !errors.Is(err, errUnreachable) && !errors.Is(err, errGarbled) &&
			(code == pos.CodeInvalid || code == pos.CodeInternal || code == pos.CodeForbidden || code == pos.CodeNotFound ||
				code == pos.CodeConflict) {
			if len(ops) > 1 {
				return a.sendOneByOne(ctx, ops)
			}
			return a.settleOne(ops[0], err), code == pos.CodeInternal && ops[0].Attempts < a.o.MaxAttempts, nil
		}
		return app.Settlement{}, false, err
	}
	var s app.Settlement
	retry := len(results) < len(ops)
	for i, r := range results {
		op := ops[i]
		switch r.Status {
		case protocol.StatusApplied, protocol.StatusDuplicate:
			s.Acked = append(s.Acked, op.ID)
		case protocol.StatusRejected:
			rej := app.Rejection{ID: op.ID, Code: r.Error.Code, Reason: reason(r.Error.Err()), Message: r.Error.Err()}
			switch {
			case !protocol.Transient(rej.Code):
				s.Quarantined = append(s.Quarantined, rej)
				a.log.Warn().Str("op", op.ID).Str("doc", op.DocID).Str("code", string(rej.Code)).
					Str("reason", rej.Reason).Msg("operation refused by the data service; quarantined")
			case op.Attempts >= a.o.MaxAttempts:
				rej.Reason = fmt.Sprintf("%s (after %d attempts)", rej.Reason, op.Attempts)
				s.Quarantined = append(s.Quarantined, rej)
				a.log.Warn().Str("op", op.ID).Str("reason", rej.Reason).Msg("operation keeps failing; quarantined")
			default:
				s.Failed = append(s.Failed, rej)
				retry = true
			}
		}
	}
	return s, retry, nil
}

func (a *Agent) sendOneByOne(ctx context.Context, ops []app.OutboxOp) (app.Settlement, bool, error) {
	var all app.Settlement
	retry := false
	for _, op := range ops {
		s, r, err := a.send(ctx, []app.OutboxOp{op})
		if err != nil {
			return all, true, nil // settle what is known; the rest stays pending
		}
		all.Acked = append(all.Acked, s.Acked...)
		all.Quarantined = append(all.Quarantined, s.Quarantined...)
		all.Failed = append(all.Failed, s.Failed...)
		retry = retry || r
		if r {
			break // keep the order: what follows waits for this one
		}
	}
	return all, retry, nil
}

// settleOne sorts a single operation the service refused as a whole request.
func (a *Agent) settleOne(op app.OutboxOp, err error) app.Settlement {
	rej := app.Rejection{ID: op.ID, Code: pos.ErrorCode(err), Reason: reason(err)}
	if pe, ok := pos.AsError(err); ok {
		rej.Message = pe
	}
	if rej.Code == pos.CodeInternal && op.Attempts < a.o.MaxAttempts {
		return app.Settlement{Failed: []app.Rejection{rej}}
	}
	a.log.Warn().Str("op", op.ID).Str("code", string(rej.Code)).Str("reason", rej.Reason).Msg("operation quarantined")
	return app.Settlement{Quarantined: []app.Rejection{rej}}
}

// reason is the refusal as logs and IT read it: the message key and its
// arguments (the screen translates Rejection.Message), never a secret.
func reason(err error) string {
	if pe, ok := pos.AsError(err); ok {
		return pe.Error()
	}
	return err.Error()
}

// toWire turns a queued operation into its wire form. Operations queued before
// the outbox knew their operator carry the document's.
func toWire(op app.OutboxOp) protocol.Op {
	operator := op.Operator
	if operator == "" && op.Kind == protocol.OpDocumentSave {
		var d struct {
			Operator string `json:"operator"`
		}
		if decodeJSON(op.Payload, &d) == nil {
			operator = d.Operator
		}
	}
	return protocol.Op{ID: op.ID, Kind: op.Kind, Operator: operator, Payload: op.Payload, LockToken: op.LockToken}
}

// pull applies the pages of changes after the stored cursor, each with its
// cursor in one local transaction, until the service has no more.
func (a *Agent) pull(ctx context.Context) error {
	after, err := a.store.SyncCursor(ctx, Stream)
	if err != nil {
		return err
	}
	for {
		page, err := a.client.Changes(ctx, after, a.o.PageSize)
		if err != nil {
			return err
		}
		a.trace(PointPullApply)
		res, err := a.store.ApplyPulled(ctx, app.PulledPage{Stream: Stream, After: after, Cursor: page.Cursor,
			Master: page.Master, Documents: page.Documents, Removed: page.Removed}, a.clock.Now())
		if err != nil {
			return err
		}
		if len(res.Refused) > 0 {
			a.log.Warn().Strs("documents", res.Refused).Msg("pulled documents that cannot be stored here were left out")
		}
		after = page.Cursor
		if !page.More {
			return nil
		}
	}
}

// Online tells whether the data service answers (app.Connectivity): the last
// call reached it, and "Simulate offline" is off.
func (a *Agent) Online() bool {
	return !a.client.offline.Load() && a.client.reachable.Load()
}

// SetSimulateOffline cuts the agent's connection (every call fails at once, as
// if the network were down) or restores it and syncs at once: demo mode's
// "Simulate offline".
func (a *Agent) SetSimulateOffline(on bool) {
	a.client.offline.Store(on)
	a.update(func(s *Status) { s.Simulated = on; s.Online = a.Online() })
	if !on {
		a.SyncNow()
	}
}

// SimulatedOffline tells whether "Simulate offline" is on.
func (a *Agent) SimulatedOffline() bool { return a.client.offline.Load() }

// Status returns the sync state for the status bar.
func (a *Agent) Status() Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.status
	s.Online = a.Online()
	return s
}

// Pending returns the operations waiting: pending and quarantined.
func (a *Agent) Pending() int {
	s := a.Status()
	return s.Pending + s.Quarantined
}

func (a *Agent) update(fn func(*Status)) {
	a.mu.Lock()
	before := a.status
	fn(&a.status)
	a.status.Online = a.Online()
	after := a.status
	a.mu.Unlock()
	if before != after && a.o.OnStatus != nil {
		a.o.OnStatus(after)
	}
}

func (a *Agent) refreshCounts(ctx context.Context) {
	c, err := a.store.OutboxCounts(ctx)
	if err != nil {
		if ctx.Err() == nil {
			a.log.Warn().Err(err).Msg("count outbox")
		}
		return
	}
	a.update(func(s *Status) { s.Pending, s.Quarantined = c.Pending, c.Quarantined })
}

func (a *Agent) noteSync(ctx context.Context, err error) {
	a.refreshCounts(ctx)
	now := a.clock.Now()
	a.update(func(s *Status) {
		if err == nil {
			s.LastSync, s.LastError = now, ""
		} else if ctx.Err() == nil {
			s.LastError = reason(err)
		}
	})
}

// touched refreshes Online in the status after a Remote call.
func (a *Agent) touched() { a.update(func(*Status) {}) }
