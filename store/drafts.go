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

var _ app.DraftStore = (*DB)(nil)

// Outbox operations of the draft store; the same kinds and payloads as
// sync/protocol's OpDraftPut / DraftPut and OpDraftConfirm / DraftConfirm.
const (
	OpDraftPut     = "draft.put"
	OpDraftConfirm = "draft.confirm"
)

// draftPut is the payload of a draft.put.
type draftPut struct {
	Operator   string       `json:"operator"`
	LeaseToken int64        `json:"lease_token,omitempty"`
	Document   pos.Document `json:"document"`
}

// draftConfirm is the payload of a draft.confirm; the lease travels as the
// operation's lock token.
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

// ParkDraft keeps d as a local draft of terminal with its draft.put, in one
// transaction.
// A document stored here under d's id (saved with Orders.Save, never sent)
// leaves the documents in the same transaction; one the service already
// knows is refused. A draft.put of d still waiting is replaced: only the
// latest state needs to reach the service.
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
		if err := dropDocument(ctx, tx, d.ID); err != nil {
			return err
		}
		if err := dropPendingPuts(ctx, tx, d.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO local_drafts (id, barcode_no, kind, data, updated_at,
			seller, terminal, issued_at, gross, net) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET barcode_no = excluded.barcode_no, kind = excluded.kind,
			data = excluded.data, updated_at = excluded.updated_at, seller = excluded.seller,
			terminal = excluded.terminal, issued_at = excluded.issued_at, gross = excluded.gross,
			net = excluded.net`, d.ID, string(d.BarcodeNo), string(d.Kind), data, formatTime(at), d.Operator,
			terminal, formatTime(d.IssuedAt), int64(tot.Gross), int64(tot.Net)); err != nil {
			return fmt.Errorf("park draft %s: %w", d.ID, err)
		}
		return enqueueAs(ctx, tx, OpDraftPut, d.ID, draftPut{Operator: meta.Operator, LeaseToken: lease, Document: *d},
			at, app.OpMeta{Operator: meta.Operator, LockToken: lease})
	})
}

// dropDocument removes the Unconfirmed document id, never acknowledged by the
// service, with its document.save operations; nothing stored is fine. A
// document the service knows (or one past Unconfirmed) is refused: it is
// handled online, and removing it here would not remove it there.
func dropDocument(ctx context.Context, tx *sql.Tx, id string) error {
	var synced bool
	var status, barcode string
	err := tx.QueryRowContext(ctx, `SELECT synced, status, barcode_no FROM documents WHERE id = ?`, id).
		Scan(&synced, &status, &barcode)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read document %s: %w", id, err)
	}
	if synced || pos.Status(status) != pos.StatusUnconfirmed {
		return pos.Errorf(pos.CodeConflict, "drafts.document_synced", "Number", barcode)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE doc_id = ? AND kind = ?`, id, OpDocumentSave); err != nil {
		return fmt.Errorf("drop operations of %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
		return fmt.Errorf("drop document %s: %w", id, err)
	}
	return nil
}

// dropPendingPuts removes the draft.put operations of a draft still waiting
// to be sent; one the service refused stays in Unsent operations.
func dropPendingPuts(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE doc_id = ? AND kind = ? AND state = 'pending'`,
		id, OpDraftPut); err != nil {
		return fmt.Errorf("drop draft.put of %s: %w", id, err)
	}
	return nil
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
	q := `SELECT id, kind, barcode_no, issued_at, updated_at, gross, net, seller, terminal FROM local_drafts`
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
		if err := rows.Scan(&s.ID, &kind, &barcode, &issued, &updated, &s.Gross, &s.Net, &s.Seller,
			&s.Terminal); err != nil {
			return nil, fmt.Errorf("read local draft: %w", err)
		}
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

// DeleteLocalDraft removes a local draft and its draft.put still waiting.
func (db *DB) DeleteLocalDraft(ctx context.Context, id string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM local_drafts WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete draft %s: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, notFound(sql.ErrNoRows, "draft", id))
		}
		return dropPendingPuts(ctx, tx, id)
	})
}

// ConfirmDraft stores the confirmed draft d as SaveDocuments does (numbered
// in its terminal's series, with its document.save) and, in the same
// transaction, queues the draft.confirm that removes it from the service's
// store under lease, and removes the local draft with its draft.put still
// waiting. The document.save is queued first: the service has the confirmed
// document before the draft leaves its store. A local draft (lease 0) gets
// its draft.confirm too: the service applies it as a no-op when the draft
// never reached it, and removes it when a draft.put dropped here was already
// on its way.
func (db *DB) ConfirmDraft(ctx context.Context, at time.Time, meta app.OpMeta, lease int64, d *pos.Document) error {
	if d.Status == pos.StatusUnconfirmed {
		return pos.Errorf(pos.CodeConflict, "error.action_status", "Action", string(pos.ActionConfirm), "Status", string(d.Status))
	}
	return db.saveDocuments(ctx, at, meta, []*pos.Document{d}, func(tx *sql.Tx, stored []pos.Document) error {
		id := stored[0].ID
		if err := enqueueAs(ctx, tx, OpDraftConfirm, id, draftConfirm{DraftID: id}, at,
			app.OpMeta{Operator: meta.Operator, LockToken: lease}); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM local_drafts WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("remove draft %s: %w", id, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("remove draft %s: %w", id, err)
		}
		if lease == 0 && n == 0 {
			// Pushed meanwhile: the service holds it now, maybe leased elsewhere.
			return pos.Errorf(pos.CodeConflict, "drafts.lease_lost")
		}
		return dropPendingPuts(ctx, tx, id)
	})
}

// Terminals lists the terminals of the chain, by code.
func (db *DB) Terminals(ctx context.Context) ([]pos.Terminal, error) {
	return listJSON[pos.Terminal](ctx, db.read, `SELECT data FROM terminals ORDER BY code`)
}

// settleDraftPuts removes the local drafts whose draft.put the service
// acknowledged (ids, a JSON list of operation ids): the draft store holds them
// now. It runs in SettleOutbox's transaction, before the operations go. A
// draft parked again since keeps its local copy: its newer put still waits.
func settleDraftPuts(ctx context.Context, tx *sql.Tx, ids []byte) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM local_drafts WHERE id IN
		(SELECT doc_id FROM outbox WHERE kind = ? AND id IN (SELECT value FROM json_each(?)))
		AND id NOT IN (SELECT doc_id FROM outbox WHERE kind = ? AND id NOT IN (SELECT value FROM json_each(?)))`,
		OpDraftPut, ids, OpDraftPut, ids); err != nil {
		return fmt.Errorf("settle parked drafts: %w", err)
	}
	return nil
}
