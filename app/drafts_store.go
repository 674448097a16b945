package app

import (
	"context"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// DraftStore is the local database as the Drafts use cases need it: the
// master data a draft must find here to be shown (M4), the drafts parked on
// this terminal while the data service was out of reach (R-D2), and the one
// transaction that confirms a draft (R-D5). Methods that find nothing return a
// pos.Error with CodeNotFound.
type DraftStore interface {
	Document(ctx context.Context, id string) (pos.Document, error)
	Params(ctx context.Context) (pos.Params, error)
	Customer(ctx context.Context, code string) (pos.Customer, error)
	ProductByCode(ctx context.Context, code string) (pos.Product, error)
	PaymentMethods(ctx context.Context) ([]pos.PaymentMethod, error)
	Operators(ctx context.Context) ([]pos.Operator, error)
	Terminals(ctx context.Context) ([]pos.Terminal, error)

	// NumberDraft gives a draft without them its permanent id and its barcode
	// number, from this terminal's counters (R-D7); a draft that has them
	// keeps them. The counter moves in its own transaction, so a number once
	// printed is never given again.
	NumberDraft(ctx context.Context, d *pos.Document) error
	// ParkDraft keeps d on this terminal (terminal, where it was last
	// modified) as a local draft and queues a draft.put operation, in one
	// transaction. Parked again, the local copy is replaced and one more put
	// queued after the earlier ones, which stay (one may be on its way). Each
	// put carries the largest lease token the draft was parked with (0: it
	// creates the draft): the token of the lease it was continued under.
	ParkDraft(ctx context.Context, at time.Time, terminal string, meta OpMeta, lease int64, d *pos.Document) error
	// LocalDrafts lists this terminal's local drafts matching f, newest
	// first, marked Local.
	LocalDrafts(ctx context.Context, f DraftFilter) ([]DraftSummary, error)
	// LocalDraft reads one local draft.
	LocalDraft(ctx context.Context, id string) (pos.Document, error)
	// LocalDraftLease returns the lease token a local draft's puts carry.
	LocalDraftLease(ctx context.Context, id string) (int64, error)
	// DeleteLocalDraft removes a local draft and queues its draft.delete
	// (meta's operator, the draft's lease token) after its puts, in one
	// transaction.
	DeleteLocalDraft(ctx context.Context, at time.Time, meta OpMeta, id string) error
	// CheckDraftNotConfirmed fails with CodeConflict, key
	// drafts.already_confirmed, when this terminal confirmed draft id
	// already: its document is stored here past Unconfirmed, or its
	// draft.confirm is still queued.
	CheckDraftNotConfirmed(ctx context.Context, id string) error
	// ConfirmDraft stores d (Confirmed, numbered in this terminal's series
	// like SaveDocuments) with its document.save, then a draft.confirm
	// carrying the lease as its token (0 for a local draft: the token its
	// local copy keeps), and removes the local draft of the same id — all in
	// one transaction, after the draft's puts still queued. A draft confirmed
	// here already is refused (CheckDraftNotConfirmed). A local draft (lease
	// 0) must still be here: once its puts are acknowledged it lives on the
	// service, where another terminal may hold it, and confirming it here is
	// refused (drafts.lease_lost).
	ConfirmDraft(ctx context.Context, at time.Time, meta OpMeta, lease int64, d *pos.Document) error
}
