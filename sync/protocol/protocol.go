// Package protocol is the wire between the sync agent of a till and the data
// service: HTTP/JSON under /v1, the same types on both sides. docs/protocol.md
// describes every endpoint with an example; this file is its source of truth.
//
// Master data and documents travel as the domain's own types (pos.MasterData,
// pos.Document), so the wire cannot drift from what the till stores. Errors
// travel as a pos code, a message key and its arguments, and each code maps to
// one HTTP status in the table below.
package protocol

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// Paths. Every /v1 path needs a terminal's secret; /healthz does not.
const (
	PathHealthz = "/healthz"    // GET: liveness for process supervisors, no authentication
	PathHealth  = "/v1/health"  // GET: checks the secret, answers Health
	PathChanges = "/v1/changes" // GET ?after=CURSOR&limit=N: one ChangesPage
	PathOps     = "/v1/ops"     // POST PushRequest: one OpResult per operation
	PathOrders  = "/v1/orders"  // GET ?number=&kind=&status=&offset=&limit=: SearchAnswer
)

// OrderPath is GET /v1/orders/{id}: the latest version of one document.
func OrderPath(id string) string { return PathOrders + "/" + url.PathEscape(id) }

// LockPath is POST /v1/orders/{id}/lock (LockRequest → LockAnswer).
func LockPath(id string) string { return OrderPath(id) + "/lock" }

// RenewPath is POST /v1/orders/{id}/renew (TokenRequest → LockAnswer).
func RenewPath(id string) string { return OrderPath(id) + "/renew" }

// UnlockPath is POST /v1/orders/{id}/unlock (TokenRequest → UnlockAnswer).
func UnlockPath(id string) string { return OrderPath(id) + "/unlock" }

// Limits both sides hold to: the agent never sends more, the service refuses more.
const (
	MaxBatch        = 500              // operations per push
	MaxPayload      = 1 << 20          // bytes of one operation's payload
	MaxBody         = 16 << 20         // bytes of one request body
	DefaultPageSize = 1000             // records per changes page when limit is absent
	MaxPageSize     = 5000             // records per changes page at most
	MaxSearch       = 100              // documents per search answer at most
	MaxIDLen        = 64               // operation ids, document ids, codes
	DefaultLease    = 30 * time.Second // lock lease of the reference service
)

// Operation kinds. The service refuses a kind it does not know (invalid).
const (
	// OpDocumentSave carries a document's whole new state; the payload is a
	// pos.Document. The store queues one per save (store.OpDocumentSave).
	OpDocumentSave = "document.save"
)

// Health is the answer of /healthz and /v1/health; the latter names the
// terminal the secret belongs to.
type Health struct {
	Status   string    `json:"status"` // "ok"
	Terminal string    `json:"terminal,omitempty"`
	Center   string    `json:"center,omitempty"`
	Time     time.Time `json:"time"` // the service's clock, UTC
}

// ChangesPage is one page of what changed after a cursor: master data records
// (R-M1, R-M2) and the documents the terminal may see (R-L2), each at its latest
// version; a record appears once per page. Removed lists documents the terminal
// saw before that are no longer visible to it (closed, cancelled, moved). Apply
// the page and store Cursor in one transaction, then ask again with
// after=Cursor while More is true.
type ChangesPage struct {
	Cursor    string         `json:"cursor"`
	More      bool           `json:"more"`
	Master    pos.MasterData `json:"master"`
	Documents []pos.Document `json:"documents,omitempty"`
	Removed   []string       `json:"removed,omitempty"`
}

// Op is one queued operation. ID is a UUID made once on the till: the
// idempotency key. Operator is who did it; the service checks that operator's
// rights. LockToken is the fencing token of the lock the change was made under,
// 0 when none.
type Op struct {
	ID        string          `json:"id"`
	Kind      string          `json:"kind"`
	Operator  string          `json:"operator"`
	Payload   json.RawMessage `json:"payload"`
	LockToken int64           `json:"lock_token,omitempty"`
}

// PushRequest is a batch of operations, applied in order.
type PushRequest struct {
	Ops []Op `json:"ops"`
}

// OpStatus is the outcome of one operation.
type OpStatus string

const (
	// StatusApplied: the effect was committed now, together with the record of
	// the operation's id.
	StatusApplied OpStatus = "applied"
	// StatusDuplicate: the id was applied before; First is that first answer.
	StatusDuplicate OpStatus = "duplicate"
	// StatusRejected: nothing changed; Error says why. A rejection is not
	// recorded, so the same operation may be sent again once its cause is fixed.
	StatusRejected OpStatus = "rejected"
)

// OpResult answers one operation.
type OpResult struct {
	ID      string    `json:"id"`
	Status  OpStatus  `json:"status"`
	DocID   string    `json:"doc_id,omitempty"`
	Version int64     `json:"version,omitempty"` // the document's version on the service after the operation
	Error   *Error    `json:"error,omitempty"`   // rejected
	First   *OpResult `json:"first,omitempty"`   // duplicate
}

// PushAnswer answers a batch: one result per operation, in the request's order.
// The service may answer fewer results than operations when it had to stop
// (a fault of its own on one operation): the operations without a result were
// not applied and are sent again.
type PushAnswer struct {
	Results []OpResult `json:"results"`
}

// LockRequest asks for the lock of a document on behalf of an operator. When
// Right is set, the service also checks that the operator holds it (403).
type LockRequest struct {
	Operator string    `json:"operator"`
	Right    pos.Right `json:"right,omitempty"`
}

// TokenRequest renews or releases a lock.
type TokenRequest struct {
	Token int64 `json:"token"`
}

// LockAnswer grants or extends a lock. Token strictly increases per document
// across all holders; a write carrying an older token is refused. Expires is on
// the service's clock; Lease is the same span as a duration, so a client renews
// without comparing clocks. Document is the latest version (lock only).
type LockAnswer struct {
	DocID    string        `json:"doc_id"`
	Token    int64         `json:"token"`
	Expires  time.Time     `json:"expires"`
	LeaseMS  int64         `json:"lease_ms"`
	Version  int64         `json:"version"`
	Document *pos.Document `json:"document,omitempty"`
}

// Lease returns LeaseMS as a duration.
func (a LockAnswer) Lease() time.Duration { return time.Duration(a.LeaseMS) * time.Millisecond }

// UnlockAnswer tells whether the unlock released the lock. Unlocking a token
// that no longer holds the lock (expired and taken, or released already)
// changes nothing and answers false: unlock is safe to call always.
type UnlockAnswer struct {
	Released bool `json:"released"`
}

// LockInfo describes a lock currently held.
type LockInfo struct {
	Holder   string    `json:"holder"`
	Operator string    `json:"operator,omitempty"`
	Expires  time.Time `json:"expires"`
}

// OrderAnswer is one document at its latest version on the service.
type OrderAnswer struct {
	Document pos.Document `json:"document"`
	Version  int64        `json:"version"`
	Lock     *LockInfo    `json:"lock,omitempty"`
}

// SearchAnswer is a page of documents found on the service, by number.
type SearchAnswer struct {
	Documents []OrderAnswer `json:"documents"`
	More      bool          `json:"more"`
}

// Error is the body of every answer that is not 2xx, and of a rejected
// operation. Key and Args name the message a person reads (the till translates
// it); Message is for logs and people reading the wire. Holder and Expires come
// with code locked: which terminal holds the lock, and until when.
type Error struct {
	Code    pos.Code       `json:"code"`
	Key     string         `json:"key,omitempty"`
	Args    map[string]any `json:"args,omitempty"`
	Message string         `json:"message"`
	Holder  string         `json:"holder,omitempty"`
	Expires time.Time      `json:"expires,omitzero"`
}

// ErrorAnswer wraps Error in an answer body: {"error": {...}}.
type ErrorAnswer struct {
	Error Error `json:"error"`
}

// statuses is THE table of error codes and HTTP statuses. Both locked and
// conflict are 409; the body's code tells them apart.
var statuses = map[pos.Code]int{
	pos.CodeInvalid:      http.StatusBadRequest,
	pos.CodeUnauthorized: http.StatusUnauthorized,
	pos.CodeForbidden:    http.StatusForbidden,
	pos.CodeNotFound:     http.StatusNotFound,
	pos.CodeLocked:       http.StatusConflict,
	pos.CodeConflict:     http.StatusConflict,
	pos.CodeUnavailable:  http.StatusServiceUnavailable,
	pos.CodeInternal:     http.StatusInternalServerError,
}

// Codes lists the closed set of codes, in the table's order.
var Codes = []pos.Code{pos.CodeInvalid, pos.CodeUnauthorized, pos.CodeForbidden, pos.CodeNotFound,
	pos.CodeLocked, pos.CodeConflict, pos.CodeUnavailable, pos.CodeInternal}

// HTTPStatus returns the status a code is answered with; an unknown code is
// internal.
func HTTPStatus(c pos.Code) int {
	if s, ok := statuses[c]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// CodeForStatus reads a status without a usable body (a proxy's page, a cut
// answer) as a code: the inverse of the table, 409 as conflict, 413 as invalid,
// 429 and the gateway errors as unavailable, other 4xx as invalid, other 5xx as
// internal.
func CodeForStatus(status int) pos.Code {
	switch status {
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		return pos.CodeInvalid
	case http.StatusUnauthorized:
		return pos.CodeUnauthorized
	case http.StatusForbidden:
		return pos.CodeForbidden
	case http.StatusNotFound:
		return pos.CodeNotFound
	case http.StatusConflict:
		return pos.CodeConflict
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return pos.CodeUnavailable
	}
	if status >= 400 && status < 500 {
		return pos.CodeInvalid
	}
	return pos.CodeInternal
}

// Known tells whether c belongs to the closed set.
func Known(c pos.Code) bool { _, ok := statuses[c]; return ok }

// ErrorOf turns an error into its wire form. A pos.Error keeps its code, key and
// arguments; anything else becomes internal with a generic message, so that no
// path, SQL or secret leaves the service.
func ErrorOf(err error) Error {
	if e, ok := pos.AsError(err); ok {
		return Error{Code: e.Code, Key: e.Key, Args: e.Args, Message: e.Error()}
	}
	return Error{Code: pos.CodeInternal, Key: "error.internal", Message: "internal error"}
}

// Err turns a wire error back into the pos.Error a till shows. An unknown code
// reads as internal; Holder joins the arguments as "Holder".
func (e Error) Err() *pos.Error {
	code := e.Code
	if !Known(code) {
		code = pos.CodeInternal
	}
	key := e.Key
	if key == "" {
		key = "error." + string(code)
	}
	pe := &pos.Error{Code: code, Key: key}
	if len(e.Args) > 0 || e.Holder != "" {
		pe.Args = make(map[string]any, len(e.Args)+1)
		for k, v := range e.Args {
			pe.Args[k] = v
		}
		if e.Holder != "" {
			pe.Args["Holder"] = e.Holder
		}
	}
	return pe
}

func (e Error) Error() string {
	if e.Holder != "" {
		return fmt.Sprintf("%s: %s (held by %s)", e.Code, e.Message, e.Holder)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Transient tells whether an operation rejected with code c may succeed when
// sent again unchanged: the service was unavailable or failed, or the document
// was locked. Every other rejection is for a person to look at.
func Transient(c pos.Code) bool {
	return c == pos.CodeUnavailable || c == pos.CodeInternal || c == pos.CodeLocked
}
