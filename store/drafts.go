package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// Drafts on this terminal (SPEC section 10): the ones parked while the data
// service was out of reach (R-D2), each with its draft.put in the outbox, and
// the transaction that confirms a draft here (R-D5).
//
// The draft code never deletes a queued operation: the sync agent reads the
// outbox without marking what it sends, so an operation that looks pending
// may be on its way, and the service applies it whatever happens here. A
// draft parked again, confirmed or deleted queues its next operation after
// the earlier ones, and the service applies them in order.

var _ app.DraftStore = (*DB)(nil)

// Outbox operations of the draft store; the same kinds and payloads as
// sync/protocol's OpDraftPut / DraftPut, OpDraftConfirm and OpDraftDelete /
// DraftConfirm.
const (
	OpDraftPut     = "draft.put"
	OpDraftConfirm = "draft.confirm"
	OpDraftDelete  = "draft.delete"
)

// draftPut is the payload of a draft.put.
type draftPut struct {
	Operator   string       `json:"operator"`
	LeaseToken int64        `json:"lease_token,omitempty"`
	Document   pos.Document `json:"document"`
}

// draftConfirm is the payload of a draft.confirm and of a draft.delete; the
// lease travels as the operation's lock token.
type draftConfirm struct {
	DraftID string `json:"draft_id"`
}

// NumberDraft gives d its permanent id and its barcode number when it has
// none, the barcode number from the counter of d's terminal in a transaction
// of its own: a number once given (and maybe printed) is never given again.
func (db *DB) NumberDraft(ctx context.Context, d *pos.Document) error {
	if d.Status != pos.StatusUnconfirmed {
		return pos.Errorf(pos.CodeConflict, "error.action_status", "Action", string(pos.ActionEdit), "Status", string(d.Status))
	}
	c := *d
	if c.ID == "" {
		c.ID = uuid.NewString()
	}
	if c.BarcodeNo == "" {
		if err := db.inTx(ctx, func(tx *sql.Tx) error { return assignNumbers(ctx, tx, &c) }); err != nil {
			return err
		}
	}
	*d = c
	return nil
}

// ParkDraft keeps d as a local draft of terminal with a draft.put, in one
// transaction. Parked again, the local copy is replaced and one more put is
// queued after the earlier ones, which stay (see the top of this file): the
// service applies them in order, so the last state wins. The local draft
// keeps the largest lease token it was parked with, and each put carries it:
// tokens only grow on the service, and a draft opened there once is replaced
// under its latest token only (a put without one is refused).
func (db *DB) ParkDraft(ctx context.Context, at time.Time, terminal string, meta app.OpMeta, lease int64, d *pos.Document) error {
	if d.ID == "" || d.BarcodeNo == "" {
		return pos.Errorf(pos.CodeInvalid, "error.docnumber_invalid", "Value", string(d.BarcodeNo))
	}
	if err := d.Check(); err != nil {
		return err
	}
	tot, err := d.Totals()
	if err != nil {
		return err
	}
	data, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encode draft %s: %w", d.ID, err)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var token int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO local_drafts (id, barcode_no, kind, data, updated_at,
			seller, terminal, issued_at, gross, net, lease_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET barcode_no = excluded.barcode_no, kind = excluded.kind,
			data = excluded.data, updated_at = excluded.updated_at, seller = excluded.seller,
			terminal = excluded.terminal, issued_at = excluded.issued_at, gross = excluded.gross,
			net = excluded.net, lease_token = max(local_drafts.lease_token, excluded.lease_token)
			RETURNING lease_token`, d.ID, string(d.BarcodeNo), string(d.Kind), data, formatTime(at), d.Operator,
			terminal, formatTime(d.IssuedAt), int64(tot.Gross), int64(tot.Net), lease).Scan(&token); err != nil {
			return fmt.Errorf("park draft %s: %w", d.ID, err)
		}
		return enqueueAs(ctx, tx, OpDraftPut, d.ID, draftPut{Operator: meta.Operator, LeaseToken: token, Document: *d},
			at, app.OpMeta{Operator: meta.Operator, LockToken: token})
	})
}

// LocalDrafts lists the local drafts matching f, most recently parked first,
// at most f.Limit, marked Local; Text matches the start of the barcode number.
func (db *DB) LocalDrafts(ctx context.Context, f app.DraftFilter) ([]app.DraftSummary, error) {
	var where []string
	var args []any
	if f.Kind != "" {
		where, args = append(where, `kind = ?`), append(args, string(f.Kind))
	}
	if !f.Day.IsZero() {
		// The day in its own time zone, as the agent asks the service.
		y, m, d := f.Day.Date()
		from := time.Date(y, m, d, 0, 0, 0, 0, f.Day.Location())
		where = append(where, `issued_at >= ? AND issued_at < ?`)
		args = append(args, formatTime(from), formatTime(from.AddDate(0, 0, 1)))
	}
	if f.Seller != "" {
		where, args = append(where, `seller = ?`), append(args, f.Seller)
	}
	if f.Terminal != "" {
		where, args = append(where, `terminal = ?`), append(args, f.Terminal)
	}
	if text := strings.TrimSpace(f.Text); text != "" {
		where, args = append(where, `substr(barcode_no, 1, length(?)) = ?`), append(args, text, text)
	}
	// The document itself too, for the per-type list's fields (app.DraftParties):
	// local drafts are the handful parked here while offline, decoded whole.
	q := `SELECT id, kind, barcode_no, issued_at, updated_at, gross, net, seller, terminal, data FROM local_drafts`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = -1 // no limit
	}
	rows, err := db.read.QueryContext(ctx, q+` ORDER BY updated_at DESC, id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list local drafts: %w", err)
	}
	defer rows.Close()
	var out []app.DraftSummary
	for rows.Next() {
		s := app.DraftSummary{Local: true}
		var kind, barcode, issued, updated string
		var data []byte
		if err := rows.Scan(&s.ID, &kind, &barcode, &issued, &updated, &s.Gross, &s.Net, &s.Seller,
			&s.Terminal, &data); err != nil {
			return nil, fmt.Errorf("read local draft: %w", err)
		}
		var doc pos.Document
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("decode local draft %s: %w", s.ID, err)
		}
		s.DraftParties = app.PartiesOf(&doc)
		s.Kind, s.BarcodeNo = pos.Kind(kind), pos.DocNumber(barcode)
		if s.IssuedAt, err = parseTime(sql.NullString{String: issued, Valid: true}); err != nil {
			return nil, err
		}
		if s.ModifiedAt, err = parseTime(sql.NullString{String: updated, Valid: true}); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// LocalDraft reads one local draft.
func (db *DB) LocalDraft(ctx context.Context, id string) (pos.Document, error) {
	var d pos.Document
	err := db.getJSON(ctx, &d, "draft", id, `SELECT data FROM local_drafts WHERE id = ?`, id)
	return d, err
}

// LocalDraftLease returns the lease token the puts of local draft id carry (0
// for a draft created here).
func (db *DB) LocalDraftLease(ctx context.Context, id string) (int64, error) {
	var token int64
	err := db.read.QueryRowContext(ctx, `SELECT lease_token FROM local_drafts WHERE id = ?`, id).Scan(&token)
	if err != nil {
		return 0, notFound(err, "draft", id)
	}
	return token, nil
}

// DeleteLocalDraft removes local draft id and queues its draft.delete, in one
// transaction. Its puts stay queued (one may be on its way); the draft.delete
// follows them and removes whatever they create on the service. It carries
// the local draft's lease token and meta's operator, whose right the service
// checks (R-D4).
func (db *DB) DeleteLocalDraft(ctx context.Context, at time.Time, meta app.OpMeta, id string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		token, err := removeLocalDraft(ctx, tx, id)
		if err != nil {
			return err
		}
		return enqueueAs(ctx, tx, OpDraftDelete, id, draftConfirm{DraftID: id}, at,
			app.OpMeta{Operator: meta.Operator, LockToken: token})
	})
}

// removeLocalDraft deletes local draft id and returns its lease token; a
// draft not here is CodeNotFound.
func removeLocalDraft(ctx context.Context, tx *sql.Tx, id string) (int64, error) {
	var token int64
	err := tx.QueryRowContext(ctx, `DELETE FROM local_drafts WHERE id = ? RETURNING lease_token`, id).Scan(&token)
	if err != nil {
		return 0, notFound(err, "draft", id)
	}
	return token, nil
}

// CheckDraftNotConfirmed refuses draft id (CodeConflict,
// drafts.already_confirmed with its Number) when this till confirmed it
// already: a document of that id is stored here past Unconfirmed, or its
// draft.confirm is still queued (also if the document went back to
// Unconfirmed since). Until that draft.confirm reaches the service, the
// service still lists the draft and lets this till open it.
func (db *DB) CheckDraftNotConfirmed(ctx context.Context, id string) error {
	var number string
	err := db.read.QueryRowContext(ctx, `SELECT coalesce((SELECT number FROM documents WHERE id = ?1), '')
		WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1 AND status <> ?2)
		OR EXISTS (SELECT 1 FROM outbox WHERE doc_id = ?1 AND kind = ?3)`,
		id, string(pos.StatusUnconfirmed), OpDraftConfirm).Scan(&number)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("read confirmation of draft %s: %w", id, err)
	}
	return pos.Errorf(pos.CodeConflict, "drafts.already_confirmed", "Number", number)
}

// ConfirmDraft stores the confirmed draft d as SaveDocuments does (numbered
// in its terminal's series, with its document.save) and, in the same
// transaction, queues the draft.confirm that removes it from the service's
// store and removes the local draft. The document.save is queued first: the
// service has the confirmed document before the draft leaves its store. The
// draft's puts still queued stay ahead of both (one may be on its way).
//
// A draft this till confirmed already is refused before anything is written
// (CheckDraftNotConfirmed): stored again, the confirmed order would take a
// second number. A confirmation racing this one cannot pass that check
// unseen: a draft from the service needs the lease its confirmation renewed
// just before, which only one open draft holds, and a local draft needs its
// local copy, which the first confirmation removes.
//
// The draft.confirm carries lease, or for a local draft (lease 0) the token
// its local copy keeps (0 for one created here: the service applies it as a
// no-op when the draft never reached it). A local draft must still be here:
// once its newest put is acknowledged it lives on the service, where another
// terminal may hold it (drafts.lease_lost).
func (db *DB) ConfirmDraft(ctx context.Context, at time.Time, meta app.OpMeta, lease int64, d *pos.Document) error {
	if d.Status == pos.StatusUnconfirmed {
		return pos.Errorf(pos.CodeConflict, "error.action_status", "Action", string(pos.ActionConfirm), "Status", string(d.Status))
	}
	if err := db.CheckDraftNotConfirmed(ctx, d.ID); err != nil {
		return err
	}
	return db.saveDocuments(ctx, at, meta, []*pos.Document{d}, func(tx *sql.Tx, stored []pos.Document) error {
		id := stored[0].ID
		kept, err := removeLocalDraft(ctx, tx, id)
		switch {
		case pos.ErrorCode(err) == pos.CodeNotFound && lease == 0:
			return pos.Errorf(pos.CodeConflict, "drafts.lease_lost")
		case pos.ErrorCode(err) == pos.CodeNotFound:
		case err != nil:
			return err
		case lease == 0:
			lease = kept
		}
		return enqueueAs(ctx, tx, OpDraftConfirm, id, draftConfirm{DraftID: id}, at,
			app.OpMeta{Operator: meta.Operator, LockToken: lease})
	})
}

// Terminals lists the terminals of the chain, by code.
func (db *DB) Terminals(ctx context.Context) ([]pos.Terminal, error) {
	return listJSON[pos.Terminal](ctx, db.read, `SELECT data FROM terminals ORDER BY code`)
}

// settleDraftPuts removes the local drafts whose draft.put the service
// acknowledged (ids, a JSON list of operation ids): the draft store holds
// them now. It runs in SettleOutbox's transaction, before the operations go.
// A draft parked again keeps its local copy while any other put of it is
// still in the outbox: until the newest is acknowledged, the service may not
// have the last state (and a refused one waits in Unsent operations with the
// copy it carries kept here).
func settleDraftPuts(ctx context.Context, tx *sql.Tx, ids []byte) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM local_drafts WHERE id IN
		(SELECT doc_id FROM outbox WHERE kind = ? AND id IN (SELECT value FROM json_each(?)))
		AND id NOT IN (SELECT doc_id FROM outbox WHERE kind = ? AND id NOT IN (SELECT value FROM json_each(?)))`,
		OpDraftPut, ids, OpDraftPut, ids); err != nil {
		return fmt.Errorf("settle parked drafts: %w", err)
	}
	return nil
}
