package agent

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// The online half of the agent: app.Remote over the client.

// ErrLockLost cancels an operation run by WithLock when its lock can no longer
// be renewed: the service refused the renewal (someone locked after the lease
// ran out), or the lease ran out while the service could not be reached. The
// operation's writes would be refused (fencing), so it must stop.
var ErrLockLost = pos.Errorf(pos.CodeConflict, pos.MsgLockedElsewhere, "Reason", "lock lost")

// unlockTimeout bounds the unlock (and the flush before it) that WithLock does
// after the operation, also when the operation's context is cancelled.
const unlockTimeout = 3 * time.Second

// Lock locks a document for an operator (checking Right when set) and returns
// its latest version.
func (a *Agent) Lock(ctx context.Context, req app.LockRequest) (app.Lock, error) {
	defer a.touched()
	ans, err := a.client.Lock(ctx, req.DocID, protocol.LockRequest{Operator: req.Operator, Right: req.Right})
	if err != nil {
		return app.Lock{}, err
	}
	return app.Lock{DocID: req.DocID, Operator: req.Operator, Token: ans.Token, Expires: ans.Expires, Lease: ans.Lease(),
		Version: ans.Version, Document: *ans.Document}, nil
}

// Renew extends the lease of l.
func (a *Agent) Renew(ctx context.Context, l app.Lock) (app.Lock, error) {
	defer a.touched()
	ans, err := a.client.Renew(ctx, l.DocID, l.Token)
	if err != nil {
		return l, err
	}
	l.Expires, l.Lease, l.Version = ans.Expires, ans.Lease(), ans.Version
	return l, nil
}

// Unlock releases l. A lock that no longer held (expired and taken, released
// already) is not an error: there is nothing left to release.
func (a *Agent) Unlock(ctx context.Context, l app.Lock) error {
	defer a.touched()
	_, err := a.client.Unlock(ctx, l.DocID, l.Token)
	return err
}

// WithLock locks, runs fn while renewing the lease every third of it, then —
// whatever fn did, returned an error, panicked or was cancelled — sends the
// pending operations (when fn succeeded, so that its changes reach the service
// under the lock) and unlocks, within a few seconds, on a context of its own.
// If the lock is lost meanwhile, fn's context is cancelled with ErrLockLost and
// WithLock returns ErrLockLost.
func (a *Agent) WithLock(ctx context.Context, req app.LockRequest, fn func(ctx context.Context, l app.Lock) error) (err error) {
	l, err := a.Lock(ctx, req)
	if err != nil {
		return err
	}
	runCtx, cancel := context.WithCancelCause(ctx)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.renewWhile(runCtx, stop, l, cancel)
	}()
	defer func() {
		close(stop)
		wg.Wait()
		lost := errors.Is(context.Cause(runCtx), ErrLockLost)
		cancel(nil)
		p := recover()
		if p == nil && err == nil && !lost {
			fctx, fcancel := context.WithTimeout(context.WithoutCancel(ctx), unlockTimeout)
			if ferr := a.Flush(fctx); ferr != nil {
				a.log.Info().Err(ferr).Str("doc", l.DocID).Msg("changes made under the lock will be sent later")
			}
			fcancel()
		}
		uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), unlockTimeout)
		if uerr := a.Unlock(uctx, l); uerr != nil {
			a.log.Warn().Err(uerr).Str("doc", l.DocID).Msg("unlock failed; the lease will run out")
		}
		ucancel()
		if p != nil {
			panic(p)
		}
		if err == nil && lost {
			err = ErrLockLost
		}
	}()
	return fn(runCtx, l)
}

// renewWhile renews l every third of its lease until stop is closed. A refused
// renewal, or a lease that ran out while the service was unreachable, cancels
// the operation with ErrLockLost.
func (a *Agent) renewWhile(ctx context.Context, stop <-chan struct{}, l app.Lock, cancel context.CancelCauseFunc) {
	every := max(l.Lease/3, 10*time.Millisecond)
	deadline := a.clock.Now().Add(l.Lease)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rctx, rcancel := context.WithTimeout(ctx, every)
		next, err := a.Renew(rctx, l)
		rcancel()
		switch {
		case err == nil:
			l, deadline = next, a.clock.Now().Add(next.Lease)
		case pos.ErrorCode(err) == pos.CodeConflict || !a.clock.Now().Before(deadline):
			a.log.Warn().Err(err).Str("doc", l.DocID).Msg("lock lost")
			cancel(ErrLockLost)
			return
		default:
			a.log.Info().Err(err).Str("doc", l.DocID).Msg("lock renewal failed; trying again")
		}
	}
}

// Fetch returns a document's latest version on the service.
func (a *Agent) Fetch(ctx context.Context, id string) (app.RemoteDocument, error) {
	defer a.touched()
	ans, err := a.client.Fetch(ctx, id)
	if err != nil {
		return app.RemoteDocument{}, err
	}
	return remoteDoc(ans), nil
}

// Search finds documents on the service (R-L4); more tells whether another
// page follows.
func (a *Agent) Search(ctx context.Context, q app.RemoteSearch) ([]app.RemoteDocument, bool, error) {
	defer a.touched()
	v := url.Values{}
	if q.Number != "" {
		v.Set("number", q.Number)
	}
	for _, k := range q.Kinds {
		v.Add("kind", string(k))
	}
	for _, s := range q.Statuses {
		v.Add("status", string(s))
	}
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(min(q.Limit, protocol.MaxSearch)))
	}
	ans, err := a.client.Search(ctx, v)
	if err != nil {
		return nil, false, err
	}
	out := make([]app.RemoteDocument, len(ans.Documents))
	for i, d := range ans.Documents {
		out[i] = remoteDoc(d)
	}
	return out, ans.More, nil
}

func remoteDoc(a protocol.OrderAnswer) app.RemoteDocument {
	rd := app.RemoteDocument{Document: a.Document, Version: a.Version}
	if a.Lock != nil {
		rd.LockedBy = a.Lock.Holder
	}
	return rd
}

// Health checks the secret against the service and returns the terminal it
// belongs to.
func (a *Agent) Health(ctx context.Context) (string, error) {
	defer a.touched()
	h, err := a.client.Health(ctx)
	if err != nil {
		return "", err
	}
	if h.Terminal == "" {
		return "", fmt.Errorf("%w: health without a terminal", errGarbled)
	}
	return h.Terminal, nil
}
