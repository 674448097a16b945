package protocol

import (
	"net/url"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// The draft store (SPEC section 10): documents parked with [Pre-register] so any
// terminal of the same center can continue them, one editor at a time under an
// edit lease. Every path is scoped to the calling terminal's center.
const (
	// PathDrafts is GET ?kind=&issued_from=&issued_to=&seller=&terminal=&q=&offset=&limit=:
	// DraftList, newest modification first. issued_from and issued_to are
	// RFC 3339 instants bounding the issue date (from included, to excluded):
	// the till sends its own day's bounds, since only it knows its time zone.
	// q matches the start of the barcode number or of the temporary number
	// (case aside); a whole 20-digit barcode number finds that draft only.
	PathDrafts = "/v1/drafts"
	// MaxDrafts is the most summaries one DraftList carries; DefaultDrafts
	// when limit is absent.
	MaxDrafts     = 100
	DefaultDrafts = 50
)

// DraftPath is PUT /v1/drafts/{id} (DraftPut → DraftAnswer): create the draft,
// or replace it under its edit lease.
func DraftPath(id string) string { return PathDrafts + "/" + url.PathEscape(id) }

// DraftOpenPath is POST /v1/drafts/{id}/open (DraftOpen → DraftLease): take the
// edit lease and the draft's latest version (R-D3). Locked elsewhere: 409 with
// code locked, key drafts.edited_elsewhere, Holder the terminal editing it.
func DraftOpenPath(id string) string { return DraftPath(id) + "/open" }

// DraftRenewPath is POST /v1/drafts/{id}/renew (TokenRequest → DraftLease
// without the draft).
func DraftRenewPath(id string) string { return DraftPath(id) + "/renew" }

// DraftReleasePath is POST /v1/drafts/{id}/release (TokenRequest →
// UnlockAnswer); safe to call always, like unlock.
func DraftReleasePath(id string) string { return DraftPath(id) + "/release" }

// DraftDeletePath is POST /v1/drafts/{id}/delete (DraftDelete → 204): remove
// it from the draft store ([Delete] on the draft list).
func DraftDeletePath(id string) string { return DraftPath(id) + "/delete" }

// Operation kinds of the draft store, queued when the till is offline (R-D2) or
// when a confirmation must survive a crash (R-D5). They are applied by the same
// code as the direct requests.
const (
	// OpDraftPut carries a DraftPut: a draft parked offline, pushed when the
	// connection returns with the same barcode number.
	OpDraftPut = "draft.put"
	// OpDraftConfirm carries a DraftConfirm: the draft was confirmed on the
	// terminal sending it and leaves the draft store. The confirmed document
	// travels in its own document.save, queued before it.
	OpDraftConfirm = "draft.confirm"
	// OpDraftDelete carries a DraftConfirm naming the draft: deleted on the
	// till while offline (a draft parked there whose put may already be on
	// its way). Queued after the puts, it removes whatever they created; the
	// same rights and lease rules as DraftDeletePath (R-D4), the lease token
	// as the operation's LockToken. A draft already gone, or never received,
	// is applied, and the service keeps its id as gone (a later draft.put of
	// it is not_found), as for OpDraftConfirm.
	OpDraftDelete = "draft.delete"
)

// DraftPut parks a document. LeaseToken is the edit lease's token when the
// draft was opened from the store, 0 for a new draft: a new draft is created;
// an existing one is replaced only under the token of its current lease (a
// stale token is refused: conflict), or without a token by the terminal that
// created it as long as it was never opened (a put retried after a lost
// answer). The lease is released once stored. As the payload of OpDraftPut,
// the operation's Operator and LockToken must agree with Operator and
// LeaseToken when both are set.
type DraftPut struct {
	Operator   string       `json:"operator"`
	LeaseToken int64        `json:"lease_token,omitempty"`
	Document   pos.Document `json:"document"`
}

// DraftOpen asks for a draft's edit lease on behalf of an operator; another
// operator's draft needs pos.RightOthersDocuments (R-D4).
type DraftOpen struct {
	Operator string `json:"operator"`
}

// DraftDelete removes a draft on behalf of an operator (R-D4 as for open).
// LeaseToken is the token when the deleting terminal holds the lease; a draft
// leased by another terminal cannot be deleted (locked), and a token that is no
// longer the draft's latest is refused (conflict: it was opened elsewhere since).
type DraftDelete struct {
	Operator   string `json:"operator"`
	LeaseToken int64  `json:"lease_token,omitempty"`
}

// DraftConfirm is the payload of OpDraftConfirm and OpDraftDelete; the lease
// token travels as the operation's LockToken.
type DraftConfirm struct {
	DraftID string `json:"draft_id"`
}

// DraftSummary is one row of the draft list (R-D6).
type DraftSummary struct {
	ID         string        `json:"id"`
	Kind       pos.Kind      `json:"kind"`
	BarcodeNo  pos.DocNumber `json:"barcode_no"`
	TempNumber string        `json:"temp_number"` // R-D7: {TYPE}/TMP/{SEQ}, kept until confirmation
	IssuedAt   time.Time     `json:"issued_at"`
	ModifiedAt time.Time     `json:"modified_at"`
	Gross      pos.Money     `json:"gross"`
	Net        pos.Money     `json:"net"`
	Seller     string        `json:"seller"`              // the operator who created it (R-D4's owner)
	Terminal   string        `json:"terminal"`            // where it was last modified
	EditedBy   string        `json:"edited_by,omitempty"` // the terminal holding its lease now
	Version    int64         `json:"version"`
	// What the per-type list of parked quotes and orders shows besides
	// (R-D6: the orders list's columns, R-L3), as the draft's document has
	// them, under the document's own JSON names: codes, which the till names
	// from its master data. DeliveryAddress is the address added on the form
	// for home delivery.
	Customer        string       `json:"customer,omitempty"`
	Recipient       string       `json:"recipient,omitempty"`
	DeliveryPoint   string       `json:"delivery_point,omitempty"`
	DeliveryAddress *pos.Address `json:"delivery_address,omitempty"`
	DeliveryDate    time.Time    `json:"delivery_date,omitzero"`
	HandledBy       string       `json:"handled_by,omitempty"`
}

// DraftList is a page of the draft list.
type DraftList struct {
	Drafts []DraftSummary `json:"drafts"`
	More   bool           `json:"more"`
}

// DraftAnswer says what a put stored.
type DraftAnswer struct {
	Draft DraftSummary `json:"draft"`
}

// DraftLease grants or extends an edit lease, like LockAnswer; Draft and
// Document come with open only.
type DraftLease struct {
	DraftID  string        `json:"draft_id"`
	Token    int64         `json:"token"`
	Expires  time.Time     `json:"expires"`
	LeaseMS  int64         `json:"lease_ms"`
	Draft    *DraftSummary `json:"draft,omitempty"`
	Document *pos.Document `json:"document,omitempty"`
}

// Lease returns LeaseMS as a duration.
func (a DraftLease) Lease() time.Duration { return time.Duration(a.LeaseMS) * time.Millisecond }
