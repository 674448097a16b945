package app

import (
	"context"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// DraftRemote is the data service's draft store (SPEC section 10) as the Drafts
// use cases need it; the sync agent implements it. Like Remote, every method
// fails within about 2 s with CodeUnavailable when the service cannot be
// reached, so the use case falls back to the local copy (R-D2).
type DraftRemote interface {
	// PutDraft parks d: creates it, or replaces it under lease (token of the
	// current edit lease; 0 for a draft never opened from the store). The lease
	// is released once stored. A stale token fails with CodeConflict.
	PutDraft(ctx context.Context, operator string, lease int64, d pos.Document) (DraftSummary, error)
	// OpenDraft takes the edit lease of a draft and returns its latest version
	// (R-D3). Held by another terminal: CodeLocked, key drafts.edited_elsewhere,
	// "Terminal" argument naming it. Another operator's draft without
	// pos.RightOthersDocuments: CodeForbidden (R-D4).
	OpenDraft(ctx context.Context, id, operator string) (DraftLease, error)
	// RenewDraft extends the lease while the form is open; a lease lost to
	// another terminal fails like OpenDraft.
	RenewDraft(ctx context.Context, l DraftLease) (DraftLease, error)
	// ReleaseDraft gives the lease back; safe to call always.
	ReleaseDraft(ctx context.Context, l DraftLease) error
	// DeleteDraft removes a draft from the store (R-D4 checked by the service);
	// lease is the caller's token when it holds the lease, else 0.
	DeleteDraft(ctx context.Context, id, operator string, lease int64) error
	// Drafts lists the drafts of the terminal's center, newest first; more
	// tells whether another page follows.
	Drafts(ctx context.Context, f DraftFilter) (drafts []DraftSummary, more bool, err error)
}

// DraftLease is an edit lease held on a draft, with the draft as granted.
type DraftLease struct {
	DraftID  string
	Token    int64
	Expires  time.Time // on the service's clock
	Lease    time.Duration
	Summary  DraftSummary
	Document pos.Document
}

// DraftFilter filters the draft list (R-D6). Zero values do not filter.
type DraftFilter struct {
	Kind     pos.Kind
	Day      time.Time // issue date, the day in the terminal's time zone
	Seller   string    // operator code
	Terminal string    // terminal of the last modification
	Text     string    // start of the barcode number or of the temporary number
	Offset   int
	Limit    int
}

// DraftSummary is one row of the draft list: Number is the barcode number
// (R-D6), TempNumber the temporary number (R-D7; empty while a draft parked
// offline has not reached the store). Local marks a draft parked on this
// terminal while offline and not yet pushed. DraftParties are what the
// per-type list of quotes and orders shows besides.
type DraftSummary struct {
	DraftParties
	ID         string
	Kind       pos.Kind
	BarcodeNo  pos.DocNumber
	TempNumber string
	IssuedAt   time.Time
	ModifiedAt time.Time
	Gross      pos.Money
	Net        pos.Money
	Seller     string
	Terminal   string
	EditedBy   string
	Version    int64
	Local      bool
}

// DraftParties are the fields of a draft's document the per-type list of
// parked quotes and orders shows (R-D6: the orders list's columns, R-L3):
// codes as the document has them, and the names Drafts.List gives them from
// this terminal's master data.
type DraftParties struct {
	Customer        string
	Recipient       string
	DeliveryPoint   string
	DeliveryAddress *pos.Address // added on the form for home delivery
	DeliveryDate    time.Time
	HandledBy       string

	// Set by Drafts.List: the customer's name (its code when this terminal
	// does not know it) and the address the orders list would show.
	CustomerName string
	Address      string
}

// PartiesOf takes a document's DraftParties, before List names them.
func PartiesOf(d *pos.Document) DraftParties {
	return DraftParties{Customer: d.Customer, Recipient: d.Recipient, DeliveryPoint: d.DeliveryPoint,
		DeliveryAddress: d.DeliveryAddress, DeliveryDate: d.DeliveryDate, HandledBy: d.HandledBy}
}
