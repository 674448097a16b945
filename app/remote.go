package app

import (
	"context"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// Remote is the data service as the use cases need it online (SPEC section 6).
// The sync agent implements it. When the service cannot be reached every
// method fails quickly (within about 2 s) with a pos.Error of code
// CodeUnavailable, so the use case can fall back to offline (R-X2).
type Remote interface {
	// WithLock locks the document for the operator (checking right when not
	// empty), runs fn on its latest version while renewing the lease, and
	// unlocks whatever happens: success, error, panic or cancel (R-N2). Changes
	// fn saves must carry the lock's token (OpMeta.LockToken). A document locked
	// elsewhere fails with CodeLocked and key M1 (R-N3); the holder is in the
	// error's "Holder" argument. fn's context is cancelled if the lock is lost.
	WithLock(ctx context.Context, req LockRequest, fn func(ctx context.Context, l Lock) error) error

	// Lock, Renew and Unlock are the steps WithLock takes, for a caller that
	// must hold a lock across screens; it must Unlock on every path.
	Lock(ctx context.Context, req LockRequest) (Lock, error)
	Renew(ctx context.Context, l Lock) (Lock, error)
	Unlock(ctx context.Context, l Lock) error

	// Fetch returns a document's latest version on the service.
	Fetch(ctx context.Context, id string) (RemoteDocument, error)
	// Search finds documents on the service by number (R-L4).
	Search(ctx context.Context, q RemoteSearch) ([]RemoteDocument, bool, error)
}

// LockRequest asks for the lock of a document. Right, when set, is checked by
// the service against the operator's group with the lock.
type LockRequest struct {
	DocID    string
	Operator string
	Right    pos.Right
}

// Lock is a granted lock: its fencing token, the lease on the service's clock,
// and the document's latest version at the time it was granted.
type Lock struct {
	DocID    string
	Operator string
	Token    int64
	Expires  time.Time
	Lease    time.Duration
	Version  int64
	Document pos.Document
}

// RemoteDocument is a document as the service holds it.
type RemoteDocument struct {
	Document pos.Document
	Version  int64
	LockedBy string // the terminal holding its lock now, "" when free
}

// RemoteSearch filters a remote search; Limit is at most 100.
type RemoteSearch struct {
	Number   string
	Kinds    []pos.Kind
	Statuses []pos.Status
	Offset   int
	Limit    int
}

// OpMeta is who made a change and under which lock: it travels with the
// outbox operation so the service checks that operator's rights and the token.
type OpMeta struct {
	Operator  string
	LockToken int64
}

// OutboxOp is one queued operation as the store hands it to the sync agent.
type OutboxOp struct {
	Seq       int64
	ID        string // the permanent idempotency key
	Kind      string
	DocID     string
	Operator  string
	LockToken int64
	Payload   []byte
	Attempts  int // sendings the service answered without applying it, plus this one once claimed
	CreatedAt time.Time
	// Quarantined operations wait for a person: Code and Reason say why the
	// service refused them.
	Quarantined bool
	Code        pos.Code
	Reason      string
	// Message is the refusal as a person reads it (translated on screen);
	// nil when the reason has no message (a fault without one).
	Message *pos.Error
}

// Rejection is the outcome of an operation that was not applied.
type Rejection struct {
	ID     string
	Code   pos.Code
	Reason string
	// Message is the refusal as a person reads it, when it has one.
	Message *pos.Error
}

// Settlement is what the agent learnt from one push, written in one local
// transaction: acknowledged operations are deleted, quarantined ones set aside
// with their reason, failed ones kept pending with their last error.
type Settlement struct {
	Acked       []string
	Quarantined []Rejection
	Failed      []Rejection
}

// OutboxCounts are the operations waiting: pending ones will be sent,
// quarantined ones wait for a person.
type OutboxCounts struct {
	Pending     int
	Quarantined int
}

// PulledPage is one page of changes from the service, applied with its cursor
// in one local transaction. After is the cursor the page was asked with: the
// store refuses the page if its cursor moved meanwhile.
type PulledPage struct {
	Stream    string
	After     string
	Cursor    string
	Master    pos.MasterData
	Documents []pos.Document
	Removed   []string
}

// PullResult says what applying a pulled page did beyond its master data.
type PullResult struct {
	Documents int      // documents written
	Removed   int      // documents deleted
	Kept      []string // documents left as they are here: local changes wait to be sent
	Refused   []string // documents that could not be stored (bad data, a number already taken here)
}

// UnsentOperations is the store as the "Unsent operations" screen needs it:
// the quarantined operations, sent again or discarded by a person. Discarding
// needs pos.RightDiscardOperations (the use case checks it).
type UnsentOperations interface {
	QuarantinedOperations(ctx context.Context) ([]OutboxOp, error)
	RetryOperation(ctx context.Context, id string) error
	DiscardOperation(ctx context.Context, id string) error
}

// Syncer is the sync agent as the status bar and the settings screen need it.
type Syncer interface {
	Connectivity
	// SyncNow asks for a sync at once, without waiting for it.
	SyncNow()
	// SetSimulateOffline cuts (or restores) the agent's connection: demo mode's
	// "Simulate offline".
	SetSimulateOffline(on bool)
	SimulatedOffline() bool
}
