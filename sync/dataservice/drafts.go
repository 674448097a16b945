package dataservice

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// The draft store (SPEC section 10): quotes and orders parked with
// [Pre-register], continued on any terminal of the same center, edited on one
// terminal at a time under an edit lease (R-D3). The lease is a lockRow kept
// in the draft's row, with the rules of locks.go: the service's clock, a token
// that only grows per draft, and fencing of a save made under an older token.
//
// The direct requests and the queued operations (draft.put, draft.confirm,
// draft.delete) run the same code: storeDraft, removeDraft and dropDraft,
// inside the caller's transaction.

// draft is a stored draft: its list columns, its document and its lease.
type draft struct {
	protocol.DraftSummary // EditedBy is left empty: see summary
	center                string
	creator               string
	deleted               bool
	data                  []byte
	lease                 lockRow
}

// summary is the draft's list row at now: EditedBy names the terminal whose
// lease runs.
func (d *draft) summary(now time.Time) protocol.DraftSummary {
	s := d.DraftSummary
	if d.lease.heldAt(now) {
		s.EditedBy = d.lease.holder
	}
	return s
}

const draftColumns = `id, center, kind, barcode_no, temp_number, issued_at, modified_at, gross, net, seller,
	terminal, creator, version, data, deleted, lease_token, lease_holder, lease_operator, lease_expires, lease_released`

// draftDocFields reads from a draft's stored document the summary's fields the
// per-type list shows (customer, delivery point and date, handled by): one
// JSON object under the document's names, which are the summary's, decoded by
// setDocFields. They are read at list time rather than kept in columns of
// their own: SQLite parses only the rows selected, and a page is at most
// protocol.MaxDrafts of them. A deleted draft has no document. data holds
// the JSON as a BLOB, which SQLite would try as JSONB first: cast to text, the
// page reads in about two thirds of the time (docs/benchmarks.md, Drafts).
const draftDocFields = `CASE WHEN deleted THEN '{}' ELSE json_object(
	'customer', CAST(data AS TEXT)->'$.customer',
	'recipient', CAST(data AS TEXT)->'$.recipient',
	'delivery_point', CAST(data AS TEXT)->'$.delivery_point',
	'delivery_address', CAST(data AS TEXT)->'$.delivery_address',
	'delivery_date', CAST(data AS TEXT)->'$.delivery_date',
	'handled_by', CAST(data AS TEXT)->'$.handled_by') END`

// setDocFields decodes draftDocFields into the summary; the keys the
// document leaves out come as nulls, which leave the fields empty.
func setDocFields(s *protocol.DraftSummary, fields []byte) error {
	if err := json.Unmarshal(fields, s); err != nil {
		return fmt.Errorf("read fields of draft %s: %w", s.ID, err)
	}
	return nil
}

// loadDraft reads a draft, deleted or not; nil when the id was never stored.
func loadDraft(ctx context.Context, q queryer, id string) (*draft, error) {
	var d draft
	var issued, modified, expires string
	var fields []byte
	err := q.QueryRowContext(ctx, `SELECT `+draftColumns+`, `+draftDocFields+` FROM drafts WHERE id = ?`, id).Scan(
		&d.ID, &d.center, &d.Kind, &d.BarcodeNo, &d.TempNumber, &issued, &modified, &d.Gross, &d.Net, &d.Seller,
		&d.Terminal, &d.creator, &d.Version, &d.data, &d.deleted, &d.lease.token, &d.lease.holder,
		&d.lease.operator, &expires, &d.lease.released, &fields)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read draft %s: %w", id, err)
	}
	if err := setDocFields(&d.DraftSummary, fields); err != nil {
		return nil, err
	}
	if d.IssuedAt, err = parseTime(issued); err != nil {
		return nil, err
	}
	if d.ModifiedAt, err = parseTime(modified); err != nil {
		return nil, err
	}
	if expires != "" {
		if d.lease.expires, err = parseTime(expires); err != nil {
			return nil, err
		}
	}
	return &d, nil
}

// reachDraft reads a live draft of t's center; not_found otherwise, so that a
// terminal learns nothing of other centers' drafts, with drafts.gone for one
// of its center that was confirmed or deleted.
func reachDraft(ctx context.Context, q queryer, t pos.Terminal, id string) (*draft, error) {
	d, err := loadDraft(ctx, q, id)
	if err != nil {
		return nil, err
	}
	switch {
	case d == nil || d.center != t.Center:
		return nil, notFound("draft", id)
	case d.deleted:
		return nil, errDraftGone()
	}
	return d, nil
}

// errDraftGone refuses to touch a draft that left the store (confirmed or
// deleted): it never comes back.
func errDraftGone() error { return pos.Errorf(pos.CodeNotFound, "drafts.gone") }

// opDraft reads the draft a queued draft.confirm or draft.delete names: the
// live draft of t's center, or nil when it is gone. One the service never
// received gets a tombstone, a deleted row of t's center without kind, numbers
// or seller: a draft.put of that id coming later (one that was on its way, or
// sent by hand) finds it gone, instead of creating the draft again for another
// till to continue and confirm a second time.
func opDraft(ctx context.Context, w cachedQ, t pos.Terminal, id string, at time.Time) (*draft, error) {
	if err := checkCode("draft", id); err != nil {
		return nil, err
	}
	d, err := loadDraft(ctx, w, id)
	switch {
	case err != nil:
		return nil, err
	case d == nil:
		tomb := &draft{DraftSummary: protocol.DraftSummary{ID: id, IssuedAt: at, ModifiedAt: at, Terminal: t.Code},
			center: t.Center, creator: t.Code, deleted: true, data: []byte{}, lease: lockRow{released: true}}
		return nil, saveDraft(ctx, w, tomb)
	case d.center != t.Center:
		return nil, notFound("draft", id)
	case d.deleted:
		return nil, nil
	}
	return d, nil
}

// saveDraft writes a draft's whole row.
func saveDraft(ctx context.Context, w cachedQ, d *draft) error {
	_, err := w.ExecContext(ctx, `INSERT INTO drafts (`+draftColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET center = excluded.center, kind = excluded.kind,
		barcode_no = excluded.barcode_no, temp_number = excluded.temp_number, issued_at = excluded.issued_at,
		modified_at = excluded.modified_at, gross = excluded.gross, net = excluded.net, seller = excluded.seller,
		terminal = excluded.terminal, creator = excluded.creator, version = excluded.version, data = excluded.data,
		deleted = excluded.deleted, lease_token = excluded.lease_token, lease_holder = excluded.lease_holder,
		lease_operator = excluded.lease_operator, lease_expires = excluded.lease_expires,
		lease_released = excluded.lease_released`,
		d.ID, d.center, string(d.Kind), string(d.BarcodeNo), d.TempNumber, formatTime(d.IssuedAt),
		formatTime(d.ModifiedAt), d.Gross, d.Net, d.Seller, d.Terminal, d.creator, d.Version, d.data, d.deleted,
		d.lease.token, d.lease.holder, d.lease.operator, leaseExpires(d.lease), d.lease.released)
	if err != nil {
		return fmt.Errorf("write draft %s: %w", d.ID, err)
	}
	return nil
}

// saveDraftLease writes a draft's lease alone: opening and renewing do not
// rewrite the document.
func saveDraftLease(ctx context.Context, w cachedQ, id string, l lockRow) error {
	_, err := w.ExecContext(ctx, `UPDATE drafts SET lease_token = ?, lease_holder = ?, lease_operator = ?,
		lease_expires = ?, lease_released = ? WHERE id = ?`,
		l.token, l.holder, l.operator, leaseExpires(l), l.released, id)
	if err != nil {
		return fmt.Errorf("write lease of draft %s: %w", id, err)
	}
	return nil
}

func leaseExpires(l lockRow) string {
	if l.expires.IsZero() {
		return ""
	}
	return formatTime(l.expires)
}

// errEditedElsewhere refuses a draft whose lease another terminal holds (R-D3:
// the till names it). Holder and Until fill the protocol error's holder and
// expires, as for a lock.
func errEditedElsewhere(l lockRow) error {
	return pos.Errorf(pos.CodeLocked, "drafts.edited_elsewhere", "Terminal", l.holder, "Holder", l.holder,
		"Until", l.expires)
}

// checkDraftRights refuses an operator who may not edit drafts of kind, or
// who acts on another operator's draft without pos.RightOthersDocuments
// (R-D4), whatever the till showed (R-SEC2).
func (s *Service) checkDraftRights(ctx context.Context, q queryer, operator string, kind pos.Kind, seller string) error {
	rights := requiredRights(nil, &pos.Document{Kind: kind})
	if seller != operator {
		rights = append(rights, pos.RightOthersDocuments)
	}
	return s.checkRights(ctx, q, operator, rights)
}

// checkDraftConfirmation refuses a new document whose id is a draft's (live,
// or gone from the store) when that draft is not one operator may confirm on
// t: such a document is the draft confirmed (R-D5), sent in its own
// document.save before the draft.confirm. The save is where the confirmation
// takes effect — once it stands, the draft is done with whatever becomes of
// the draft.confirm — so R-D4 and the center are checked here, in the save's
// transaction, and not on the draft.confirm alone. A draft gone whose seller
// the service never knew (a draft.confirm or draft.delete of a draft it never
// received) has no owner to check.
func (s *Service) checkDraftConfirmation(ctx context.Context, w cachedQ, t pos.Terminal, operator, id string) error {
	d, err := loadDraft(ctx, w, id)
	if err != nil || d == nil {
		return err
	}
	if d.center != t.Center {
		return pos.Errorf(pos.CodeForbidden, "drafts.center_mismatch", "Center", d.center)
	}
	if d.Seller == "" {
		return nil
	}
	return s.checkDraftRights(ctx, w, operator, d.Kind, d.Seller)
}

// checkDraftDocument refuses a document that cannot be parked: only quotes and
// orders are (SPEC section 10), with a valid barcode number of their kind
// (R-D7), and they must pass pos.Document.Check.
func checkDraftDocument(d *pos.Document) error {
	if err := checkCode("document", d.ID); err != nil {
		return err
	}
	if d.Kind != pos.KindQuote && d.Kind != pos.KindOrder {
		return pos.Errorf(pos.CodeInvalid, "drafts.kind_invalid", "Kind", truncate(string(d.Kind), 40))
	}
	n, err := pos.ParseDocNumber(string(d.BarcodeNo))
	if err != nil || n != d.BarcodeNo || n.Kind() != d.Kind {
		return pos.Errorf(pos.CodeInvalid, "error.docnumber_invalid", "Value", truncate(string(d.BarcodeNo), 40))
	}
	return d.Check()
}

// storeDraft parks doc for terminal t on behalf of operator, under the lease
// token (0 when the till did not open it from the store), and returns the
// draft as stored. Rules:
//   - a draft never stored is created (token 0; a token means it was opened
//     from the store, so it was confirmed or deleted since: not_found), with
//     the next temporary number of its center and kind (R-D7); its seller is
//     the document's operator (R-D4's owner);
//   - a draft of another center is not_found; a deleted or confirmed one (or
//     a tombstone, see opDraft) is drafts.gone: a late save never brings a
//     draft back;
//   - an existing draft is replaced under the token of its latest lease, given
//     to t, even when that lease ran out, as long as nobody opened it since;
//     without a token only by the terminal that created it and only while it
//     was never opened. Otherwise conflict (M1): the old holder's late save
//     after another terminal opened it is refused;
//   - its kind, barcode number and center never change.
//
// The lease is released once stored.
func (s *Service) storeDraft(ctx context.Context, w cachedQ, t pos.Terminal, operator string, token int64,
	doc pos.Document, at time.Time) (*draft, error) {
	if err := checkDraftDocument(&doc); err != nil {
		return nil, err
	}
	if token < 0 {
		return nil, pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "lease token")
	}
	prev, err := loadDraft(ctx, w, doc.ID)
	if err != nil {
		return nil, err
	}
	var d *draft
	if prev == nil {
		if token != 0 {
			return nil, notFound("draft", doc.ID)
		}
		if d, err = newDraft(ctx, w, t, operator, &doc); err != nil {
			return nil, err
		}
		if err := s.checkDraftRights(ctx, w, operator, d.Kind, d.Seller); err != nil {
			return nil, err
		}
	} else {
		if prev.center != t.Center {
			return nil, notFound("draft", doc.ID)
		}
		if prev.deleted {
			return nil, errDraftGone()
		}
		if err := s.checkDraftRights(ctx, w, operator, prev.Kind, prev.Seller); err != nil {
			return nil, err
		}
		if doc.Kind != prev.Kind || doc.BarcodeNo != prev.BarcodeNo || doc.Center != prev.center {
			return nil, pos.Errorf(pos.CodeInvalid, "drafts.immutable", "ID", doc.ID)
		}
		l := prev.lease
		switch {
		case token == 0 && (prev.creator != t.Code || l.token != 0):
			return nil, errFenced("the draft was opened from the store: it needs its lease")
		case token != 0 && (token != l.token || l.holder != t.Code):
			return nil, errFenced("stale lease token")
		}
		d = prev
		d.Version++
		d.lease.released = true
	}
	// A draft is Unconfirmed by definition (R-D1), whatever the till sent.
	doc.Status = pos.StatusUnconfirmed
	tot, err := doc.Totals()
	if err != nil {
		return nil, err
	}
	if d.data, err = json.Marshal(&doc); err != nil {
		return nil, fmt.Errorf("encode draft %s: %w", doc.ID, err)
	}
	d.IssuedAt, d.ModifiedAt, d.Gross, d.Net, d.Terminal = doc.IssuedAt, at, tot.Gross, tot.Net, t.Code
	d.Customer, d.Recipient, d.DeliveryPoint, d.DeliveryAddress = doc.Customer, doc.Recipient, doc.DeliveryPoint, doc.DeliveryAddress
	d.DeliveryDate, d.HandledBy = doc.DeliveryDate, doc.HandledBy
	if d.IssuedAt.IsZero() {
		d.IssuedAt = at
	}
	return d, saveDraft(ctx, w, d)
}

// newDraft makes the row of a draft never stored: its center must be t's, its
// barcode number not another live draft's of that center, and it takes the
// next temporary number of its center and kind, never given again (R-D7). The
// center is checked first and the barcode number within it only, so that a
// till learns nothing of another center's drafts.
func newDraft(ctx context.Context, w cachedQ, t pos.Terminal, operator string, doc *pos.Document) (*draft, error) {
	if doc.Center != t.Center {
		return nil, pos.Errorf(pos.CodeForbidden, "drafts.center_mismatch", "Center", truncate(doc.Center, 40))
	}
	var other string
	err := w.QueryRowContext(ctx, `SELECT id FROM drafts WHERE center = ? AND barcode_no = ? AND deleted = 0`,
		t.Center, string(doc.BarcodeNo)).Scan(&other)
	switch {
	case err == nil:
		return nil, pos.Errorf(pos.CodeConflict, "drafts.barcode_taken", "Value", string(doc.BarcodeNo))
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("read draft barcode: %w", err)
	}
	var seq int64
	err = w.QueryRowContext(ctx, `INSERT INTO counters (name, value) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
		"draft/"+t.Center+"/"+string(doc.Kind)).Scan(&seq)
	if err != nil {
		return nil, fmt.Errorf("next temporary number: %w", err)
	}
	seller := doc.Operator
	if seller == "" {
		seller = operator
	}
	return &draft{DraftSummary: protocol.DraftSummary{ID: doc.ID, Kind: doc.Kind, BarcodeNo: doc.BarcodeNo,
		TempNumber: fmt.Sprintf("%s/TMP/%d", doc.Kind, seq), Seller: seller, Version: 1},
		center: t.Center, creator: t.Code, lease: lockRow{released: true}}, nil
}

// dropDraft removes a draft from the store: its row stays, without its
// document, so that its lease token keeps growing and a late save finds it
// gone (not_found).
func dropDraft(ctx context.Context, w cachedQ, d *draft, t pos.Terminal, at time.Time) error {
	d.deleted, d.data, d.ModifiedAt, d.Terminal, d.lease.released = true, []byte{}, at, t.Code, true
	return saveDraft(ctx, w, d)
}

// PutDraft creates or replaces a draft (PUT /v1/drafts/{id}).
func (s *Service) PutDraft(ctx context.Context, t pos.Terminal, req protocol.DraftPut) (protocol.DraftAnswer, error) {
	if err := checkOperator(req.Operator); err != nil {
		return protocol.DraftAnswer{}, err
	}
	at := s.now()
	var ans protocol.DraftAnswer
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		d, err := s.storeDraft(ctx, s.writer(tx), t, req.Operator, req.LeaseToken, req.Document, at)
		if err != nil {
			return err
		}
		ans.Draft = d.summary(at)
		return nil
	})
	return ans, err
}

// OpenDraft gives t the edit lease of a draft with its latest version (R-D3):
// granted when no other terminal's lease runs (t's own is taken back under a
// new token, as for a lock), refused with drafts.edited_elsewhere naming the
// terminal otherwise. Like Lock, a refusal is decided on the read pool, and a
// grant again in the write transaction.
func (s *Service) OpenDraft(ctx context.Context, t pos.Terminal, id string, req protocol.DraftOpen) (protocol.DraftLease, error) {
	if err := checkOperator(req.Operator); err != nil {
		return protocol.DraftLease{}, err
	}
	now := s.now()
	check := func(q queryer) (*draft, error) {
		d, err := reachDraft(ctx, q, t, id)
		if err != nil {
			return nil, err
		}
		if err := s.checkDraftRights(ctx, q, req.Operator, d.Kind, d.Seller); err != nil {
			return nil, err
		}
		if d.lease.heldAt(now) && d.lease.holder != t.Code {
			return nil, errEditedElsewhere(d.lease)
		}
		return d, nil
	}
	if _, err := check(s.reader()); err != nil {
		return protocol.DraftLease{}, err
	}
	var ans protocol.DraftLease
	err := s.inTxSync(ctx, false, func(tx *sql.Tx) error {
		d, err := check(s.writer(tx))
		if err != nil {
			return err
		}
		d.lease = lockRow{token: d.lease.token + 1, holder: t.Code, operator: req.Operator, expires: now.Add(s.lease)}
		if err := saveDraftLease(ctx, s.writer(tx), id, d.lease); err != nil {
			return err
		}
		var doc pos.Document
		if err := json.Unmarshal(d.data, &doc); err != nil {
			return fmt.Errorf("decode draft %s: %w", id, err)
		}
		sum := d.summary(now)
		ans = protocol.DraftLease{DraftID: id, Token: d.lease.token, Expires: d.lease.expires,
			LeaseMS: s.lease.Milliseconds(), Draft: &sum, Document: &doc}
		return nil
	})
	return ans, err
}

// RenewDraft extends t's lease from now while token is the draft's latest and
// t holds it, also after it ran out if nobody opened the draft since. A lease
// another terminal holds now is refused like OpenDraft; any other lost lease
// (released, or opened and given back elsewhere) is conflict.
func (s *Service) RenewDraft(ctx context.Context, t pos.Terminal, id string, token int64) (protocol.DraftLease, error) {
	now := s.now()
	var ans protocol.DraftLease
	err := s.inTxSync(ctx, false, func(tx *sql.Tx) error {
		w := s.writer(tx)
		d, err := reachDraft(ctx, w, t, id)
		if err != nil {
			return err
		}
		l := d.lease
		if l.token != token || l.holder != t.Code || l.released {
			if l.heldAt(now) && l.holder != t.Code {
				return errEditedElsewhere(l)
			}
			return errFenced("lease lost")
		}
		l.expires = now.Add(s.lease)
		if err := saveDraftLease(ctx, w, id, l); err != nil {
			return err
		}
		ans = protocol.DraftLease{DraftID: id, Token: token, Expires: l.expires, LeaseMS: s.lease.Milliseconds()}
		return nil
	})
	return ans, err
}

// ReleaseDraft gives t's lease back when token still holds it, and tells
// whether it did; any other release changes nothing, so it is always safe.
func (s *Service) ReleaseDraft(ctx context.Context, t pos.Terminal, id string, token int64) (bool, error) {
	released := false
	err := s.inTxSync(ctx, false, func(tx *sql.Tx) error {
		w := s.writer(tx)
		d, err := loadDraft(ctx, w, id)
		if err != nil || d == nil || d.deleted || d.center != t.Center {
			return err
		}
		l := d.lease
		if l.token != token || l.holder != t.Code || l.released {
			return nil
		}
		l.released, released = true, true
		return saveDraftLease(ctx, w, id, l)
	})
	return released, err
}

// DeleteDraft removes a draft from the store ([Delete] on the draft list):
// removeDraft.
func (s *Service) DeleteDraft(ctx context.Context, t pos.Terminal, id string, req protocol.DraftDelete) error {
	if err := checkOperator(req.Operator); err != nil {
		return err
	}
	if req.LeaseToken < 0 {
		return pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "lease token")
	}
	at := s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		w := s.writer(tx)
		d, err := reachDraft(ctx, w, t, id)
		if err != nil {
			return err
		}
		return s.removeDraft(ctx, w, t, d, req.Operator, req.LeaseToken, at)
	})
}

// removeDraft deletes live draft d on behalf of operator, under lease token
// (0 when t did not open it), for DeleteDraft and draft.delete. R-D4 as for
// open. A draft whose lease another terminal holds is refused
// (drafts.edited_elsewhere); a lease token that is no longer the draft's
// latest is conflict (M1): the draft was opened elsewhere since, and the
// operator would delete work they have not seen.
func (s *Service) removeDraft(ctx context.Context, w cachedQ, t pos.Terminal, d *draft, operator string, token int64,
	at time.Time) error {
	if err := s.checkDraftRights(ctx, w, operator, d.Kind, d.Seller); err != nil {
		return err
	}
	l := d.lease
	switch {
	case l.heldAt(at) && l.holder != t.Code:
		return errEditedElsewhere(l)
	case token != 0 && (token != l.token || l.holder != t.Code):
		return errFenced("stale lease token")
	}
	return dropDraft(ctx, w, d, t, at)
}

// applyDraftPut applies draft.put: a DraftPut queued on the till (R-D2).
func (s *Service) applyDraftPut(ctx context.Context, tx *sql.Tx, t pos.Terminal, op protocol.Op, at time.Time) (protocol.OpResult, error) {
	var req protocol.DraftPut
	if err := decodeStrict(op.Payload, &req); err != nil {
		return protocol.OpResult{}, err
	}
	if req.Operator != "" && req.Operator != op.Operator {
		return protocol.OpResult{}, pos.Errorf(pos.CodeInvalid, "error.op_invalid", "Reason", "operator differs")
	}
	token := op.LockToken
	if req.LeaseToken != 0 {
		if token != 0 && token != req.LeaseToken {
			return protocol.OpResult{}, pos.Errorf(pos.CodeInvalid, "error.op_invalid", "Reason", "lease token differs")
		}
		token = req.LeaseToken
	}
	d, err := s.storeDraft(ctx, s.writer(tx), t, op.Operator, token, req.Document, at)
	if err != nil {
		return protocol.OpResult{}, err
	}
	return protocol.OpResult{ID: op.ID, Status: protocol.StatusApplied, DocID: d.ID, Version: d.Version}, nil
}

// applyDraftConfirm applies draft.confirm: the draft was confirmed on t (R-D5)
// and leaves the store; the confirmed document came in its own document.save
// before, which checked R-D4 already (checkDraftConfirmation). R-D4 as for
// open. A draft already gone (deleted, confirmed) leaves nothing to do:
// applied; one never pushed too, and gets a tombstone (opDraft).
//
// The lease does not stop it, and its token (the operation's lock_token) is
// not read: any terminal of the draft's center whose operator has the rights
// can confirm a draft, without having opened it, whoever holds its lease. The
// till confirms only under its lease, renewed just before
// (app.Drafts.Confirm), so what this lets through is a confirmation whose
// lease ran out meanwhile, or one made by hand; and refusing it would be
// worse. The document is issued on t already (numbered, maybe printed and
// paid), so a refusal would leave a draft that duplicates a confirmed
// document. When another terminal holds the lease now, the confirmation wins:
// that terminal's later save gets drafts.gone, and its operator learns the
// draft is gone.
func (s *Service) applyDraftConfirm(ctx context.Context, tx *sql.Tx, t pos.Terminal, op protocol.Op, at time.Time) (protocol.OpResult, error) {
	var req protocol.DraftConfirm
	if err := decodeStrict(op.Payload, &req); err != nil {
		return protocol.OpResult{}, err
	}
	w := s.writer(tx)
	d, err := opDraft(ctx, w, t, req.DraftID, at)
	res := protocol.OpResult{ID: op.ID, Status: protocol.StatusApplied, DocID: req.DraftID}
	if err != nil || d == nil {
		return res, err
	}
	if err := s.checkDraftRights(ctx, w, op.Operator, d.Kind, d.Seller); err != nil {
		return protocol.OpResult{}, err
	}
	if l := d.lease; l.heldAt(at) && l.holder != t.Code {
		s.log.Info().Str("draft", d.ID).Str("terminal", t.Code).Str("holder", l.holder).
			Msg("draft confirmed while another terminal edits it; the confirmation wins")
	}
	res.Version = d.Version
	return res, dropDraft(ctx, w, d, t, at)
}

// applyDraftDelete applies draft.delete: the draft was deleted on t, maybe
// offline, and leaves the store by the rules of DeleteDraft (removeDraft), the
// lease token being the operation's lock_token. A draft already gone
// (deleted, confirmed) leaves nothing to do: applied; one never pushed too,
// and gets a tombstone (opDraft), so that its put, if it was on its way,
// cannot bring it back.
func (s *Service) applyDraftDelete(ctx context.Context, tx *sql.Tx, t pos.Terminal, op protocol.Op, at time.Time) (protocol.OpResult, error) {
	var req protocol.DraftConfirm
	if err := decodeStrict(op.Payload, &req); err != nil {
		return protocol.OpResult{}, err
	}
	w := s.writer(tx)
	d, err := opDraft(ctx, w, t, req.DraftID, at)
	res := protocol.OpResult{ID: op.ID, Status: protocol.StatusApplied, DocID: req.DraftID}
	if err != nil || d == nil {
		return res, err
	}
	res.Version = d.Version
	return res, s.removeDraft(ctx, w, t, d, op.Operator, op.LockToken, at)
}

// DraftQuery filters the draft list (GET /v1/drafts); zero values do not
// filter.
type DraftQuery struct {
	Kind       pos.Kind
	IssuedFrom time.Time // included
	IssuedTo   time.Time // excluded
	Seller     string
	Terminal   string
	Text       string // start of the barcode number or of the temporary number
	Offset     int
	Limit      int
}

func parseDraftQuery(r *http.Request) (DraftQuery, error) {
	q := r.URL.Query()
	bad := func(what string) error {
		return pos.Errorf(pos.CodeInvalid, "error.search_invalid", "Reason", what)
	}
	dq := DraftQuery{Kind: pos.Kind(q.Get("kind")), Seller: q.Get("seller"), Terminal: q.Get("terminal"),
		Text: strings.TrimSpace(q.Get("q"))}
	if dq.Kind != "" && dq.Kind != pos.KindQuote && dq.Kind != pos.KindOrder {
		return dq, bad("kind")
	}
	if len(dq.Seller) > protocol.MaxIDLen || len(dq.Terminal) > protocol.MaxIDLen || len(dq.Text) > pos.MaxTextLen {
		return dq, bad("text too long")
	}
	for name, at := range map[string]*time.Time{"issued_from": &dq.IssuedFrom, "issued_to": &dq.IssuedTo} {
		if v := q.Get(name); v != "" {
			tm, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return dq, bad(name)
			}
			*at = tm.UTC()
		}
	}
	var err error
	if dq.Limit, err = parseLimit(q.Get("limit"), protocol.DefaultDrafts, protocol.MaxDrafts); err != nil {
		return dq, err
	}
	if o := q.Get("offset"); o != "" {
		if dq.Offset, err = strconv.Atoi(o); err != nil || dq.Offset < 0 || dq.Offset > 1_000_000 {
			return dq, bad("offset")
		}
	}
	return dq, nil
}

// Drafts lists the live drafts of t's center, newest modification first (R-D6).
// A whole barcode number finds its draft only; other text is a prefix of the
// barcode number or of the temporary number.
func (s *Service) Drafts(ctx context.Context, t pos.Terminal, dq DraftQuery) (protocol.DraftList, error) {
	now := s.now()
	where := []string{"center = ?", "deleted = 0"}
	args := []any{t.Center}
	add := func(cond string, vals ...any) {
		where = append(where, cond)
		args = append(args, vals...)
	}
	if dq.Kind != "" {
		add("kind = ?", string(dq.Kind))
	}
	if !dq.IssuedFrom.IsZero() {
		add("issued_at >= ?", formatTime(dq.IssuedFrom))
	}
	if !dq.IssuedTo.IsZero() {
		add("issued_at < ?", formatTime(dq.IssuedTo))
	}
	if dq.Seller != "" {
		add("seller = ?", dq.Seller)
	}
	if dq.Terminal != "" {
		add("terminal = ?", dq.Terminal)
	}
	switch {
	case pos.LooksLikeDocNumber(dq.Text):
		add("barcode_no = ?", dq.Text)
	case dq.Text != "":
		temp := strings.ToUpper(dq.Text)
		add("((barcode_no >= ? AND barcode_no < ?) OR (temp_number >= ? AND temp_number < ?))",
			dq.Text, dq.Text+"\U0010FFFF", temp, temp+"\U0010FFFF")
	}
	args = append(args, dq.Limit+1, dq.Offset)
	// The page is chosen by id first and its documents read after: in one
	// query, SQLite would compute draftDocFields before sorting every draft
	// the issue-date filter selects (it sorts whole result rows), and those
	// may be thousands. A subquery with LIMIT joined to a table is not
	// flattened into the outer query.
	rows, err := s.read.QueryContext(ctx, `SELECT d.id, d.kind, d.barcode_no, d.temp_number, d.issued_at,
		d.modified_at, d.gross, d.net, d.seller, d.terminal, d.version, d.lease_holder, d.lease_expires,
		d.lease_released, `+draftDocFields+`
		FROM (SELECT id FROM drafts WHERE `+strings.Join(where, " AND ")+`
			ORDER BY modified_at DESC, id DESC LIMIT ? OFFSET ?) AS page
		JOIN drafts d ON d.id = page.id ORDER BY d.modified_at DESC, d.id DESC`, args...)
	if err != nil {
		return protocol.DraftList{}, fmt.Errorf("list drafts: %w", err)
	}
	defer rows.Close()
	list := protocol.DraftList{Drafts: []protocol.DraftSummary{}}
	for rows.Next() {
		var d draft
		var issued, modified, expires string
		var fields []byte
		if err := rows.Scan(&d.ID, &d.Kind, &d.BarcodeNo, &d.TempNumber, &issued, &modified, &d.Gross, &d.Net,
			&d.Seller, &d.Terminal, &d.Version, &d.lease.holder, &expires, &d.lease.released, &fields); err != nil {
			return protocol.DraftList{}, fmt.Errorf("list drafts: %w", err)
		}
		if err := setDocFields(&d.DraftSummary, fields); err != nil {
			return protocol.DraftList{}, err
		}
		for _, p := range []struct {
			to *time.Time
			s  string
		}{{&d.IssuedAt, issued}, {&d.ModifiedAt, modified}, {&d.lease.expires, expires}} {
			if p.s == "" {
				continue
			}
			if *p.to, err = parseTime(p.s); err != nil {
				return protocol.DraftList{}, err
			}
		}
		list.Drafts = append(list.Drafts, d.summary(now))
	}
	if err := rows.Err(); err != nil {
		return protocol.DraftList{}, fmt.Errorf("list drafts: %w", err)
	}
	if len(list.Drafts) > dq.Limit {
		list.Drafts, list.More = list.Drafts[:dq.Limit], true
	}
	return list, nil
}

// checkOperator refuses a request without an operator.
func checkOperator(operator string) error {
	if operator == "" || len(operator) > protocol.MaxIDLen {
		return pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "operator")
	}
	return nil
}

// draftRequest decodes a draft request's body into v.
func draftRequest(r *http.Request, max int64, v any) error {
	data, err := readBody(r, max)
	if err != nil {
		return err
	}
	return decodeStrict(data, v)
}

func (s *Service) putDraft(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	var req protocol.DraftPut
	if err := draftRequest(r, protocol.MaxPayload, &req); err != nil {
		return err
	}
	if req.Document.ID != r.PathValue("id") {
		return pos.Errorf(pos.CodeInvalid, "error.request_invalid", "Reason", "the path and the document differ")
	}
	ans, err := s.PutDraft(r.Context(), t, req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ans)
	return nil
}

func (s *Service) openDraft(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	var req protocol.DraftOpen
	if err := draftRequest(r, 4096, &req); err != nil {
		return err
	}
	ans, err := s.OpenDraft(r.Context(), t, r.PathValue("id"), req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ans)
	return nil
}

func (s *Service) deleteDraft(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	var req protocol.DraftDelete
	if err := draftRequest(r, 4096, &req); err != nil {
		return err
	}
	if err := s.DeleteDraft(r.Context(), t, r.PathValue("id"), req); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Service) drafts(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	dq, err := parseDraftQuery(r)
	if err != nil {
		return err
	}
	list, err := s.Drafts(r.Context(), t, dq)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}
