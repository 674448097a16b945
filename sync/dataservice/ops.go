package dataservice

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

func (s *Service) push(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	data, err := readBody(r, protocol.MaxBody)
	if err != nil {
		return err
	}
	req, err := decodePush(data)
	if err != nil {
		return err
	}
	// The batch is applied even if the till hangs up meanwhile: its answer is
	// kept with each operation, and a replay gets it.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
	defer cancel()
	results, err := s.Apply(ctx, t, req.Ops)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, protocol.PushAnswer{Results: results})
	return nil
}

// Apply applies a batch of operations pushed by terminal t, in order, each
// under its own savepoint: a rejected operation is rolled back alone and the
// others stand. Each applied operation's id and answer are written with its
// effect. On a fault of its own (not a rejection) the service stops at that
// operation: the answers cover the operations before it, and it and the rest
// were not applied.
//
// Group commit: batches pushed at the same time by several terminals are
// applied in one transaction, so they share one disk sync. The first to come
// leads: it applies every batch waiting, commits, hands the answers out, and
// passes the lead to the first batch that came meanwhile.
func (s *Service) Apply(ctx context.Context, t pos.Terminal, ops []protocol.Op) ([]protocol.OpResult, error) {
	req := &applyReq{t: t, ops: ops, wake: make(chan struct{}, 1)}
	s.gmu.Lock()
	s.gqueue = append(s.gqueue, req)
	lead := !s.grunning
	s.grunning = true
	s.gmu.Unlock()
	if !lead {
		<-req.wake
		if req.finished {
			return req.res, req.err
		}
		// Promoted: lead the next group, this batch in it.
	}
	s.gmu.Lock()
	group := s.gqueue
	s.gqueue = nil
	s.gmu.Unlock()
	func() {
		// A fault must not leave the batches waiting for ever.
		defer func() {
			if p := recover(); p != nil {
				s.log.Error().Interface("panic", p).Msg("applying pushed batches panicked")
				for _, r := range group {
					r.res, r.err, r.finished = nil, fmt.Errorf("apply: panic: %v", p), true
				}
			}
		}()
		s.applyGroup(ctx, group)
	}()
	for _, r := range group {
		if r != req {
			r.wake <- struct{}{}
		}
	}
	s.gmu.Lock()
	if len(s.gqueue) > 0 {
		next := s.gqueue[0]
		s.gmu.Unlock()
		next.wake <- struct{}{}
	} else {
		s.grunning = false
		s.gmu.Unlock()
	}
	return req.res, req.err
}

// applyReq is one pushed batch waiting for, or in, a group commit.
type applyReq struct {
	t        pos.Terminal
	ops      []protocol.Op
	res      []protocol.OpResult
	err      error
	finished bool
	wake     chan struct{} // answers are ready, or the lead is passed
}

// applyGroup applies batches in one transaction and sets their answers.
func (s *Service) applyGroup(ctx context.Context, group []*applyReq) {
	at := s.now()
	ctx = withGroups(ctx)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, r := range group {
			var err error
			if r.res, err = s.applyBatch(ctx, tx, r.t, r.ops, at); err != nil {
				return err
			}
		}
		return nil
	})
	for _, r := range group {
		if err != nil {
			r.res, r.err = nil, err
		}
		r.finished = true
	}
}

// applyBatch applies one terminal's batch inside the group's transaction.
func (s *Service) applyBatch(ctx context.Context, tx *sql.Tx, t pos.Terminal, ops []protocol.Op, at time.Time) ([]protocol.OpResult, error) {
	results := make([]protocol.OpResult, 0, len(ops))
	w := s.writer(tx)
	for _, op := range ops {
		if _, err := w.ExecContext(ctx, `SAVEPOINT op`); err != nil {
			return nil, fmt.Errorf("savepoint: %w", err)
		}
		res, err := s.applyOp(ctx, tx, t, op, at)
		if err != nil {
			if _, rerr := w.ExecContext(ctx, `ROLLBACK TO op`); rerr != nil {
				return nil, errors.Join(err, fmt.Errorf("rollback to savepoint: %w", rerr))
			}
		}
		if _, rerr := w.ExecContext(ctx, `RELEASE op`); rerr != nil {
			return nil, errors.Join(err, fmt.Errorf("release savepoint: %w", rerr))
		}
		if err != nil {
			e := protocol.ErrorOf(err)
			res = protocol.OpResult{ID: op.ID, Status: protocol.StatusRejected, Error: &e}
			if e.Code == pos.CodeInternal {
				s.log.Error().Err(err).Str("op", op.ID).Str("terminal", t.Code).Msg("operation failed; batch stopped")
				return append(results, res), nil
			}
			s.log.Info().Str("op", op.ID).Str("terminal", t.Code).Str("code", string(e.Code)).
				Str("key", e.Key).Msg("operation rejected")
		}
		results = append(results, res)
	}
	return results, nil
}

// digest identifies what an operation asks: the same id with another digest is
// another operation and is refused.
func digest(terminal string, op protocol.Op) string {
	var payload bytes.Buffer
	if err := json.Compact(&payload, op.Payload); err != nil {
		payload.Reset()
		payload.Write(op.Payload)
	}
	h := sha256.New()
	for _, part := range []string{terminal, op.Kind, op.Operator, strconv.FormatInt(op.LockToken, 10)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	h.Write(payload.Bytes())
	return hex.EncodeToString(h.Sum(nil))
}

func (s *Service) applyOp(ctx context.Context, tx *sql.Tx, t pos.Terminal, op protocol.Op, at time.Time) (protocol.OpResult, error) {
	if err := checkOp(op); err != nil {
		return protocol.OpResult{}, err
	}
	dg := digest(t.Code, op)
	var firstDigest string
	var answer []byte
	w := s.writer(tx)
	err := w.QueryRowContext(ctx, `SELECT digest, answer FROM ops WHERE id = ?`, op.ID).Scan(&firstDigest, &answer)
	switch {
	case err == nil:
		if firstDigest != dg {
			return protocol.OpResult{}, pos.Errorf(pos.CodeConflict, "error.op_conflict", "ID", op.ID)
		}
		var first protocol.OpResult
		if err := json.Unmarshal(answer, &first); err != nil {
			return protocol.OpResult{}, fmt.Errorf("decode first answer of %s: %w", op.ID, err)
		}
		return protocol.OpResult{ID: op.ID, Status: protocol.StatusDuplicate, DocID: first.DocID,
			Version: first.Version, First: &first}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return protocol.OpResult{}, fmt.Errorf("read operation %s: %w", op.ID, err)
	}

	var res protocol.OpResult
	switch op.Kind {
	case protocol.OpDocumentSave:
		res, err = s.saveDocument(ctx, tx, t, op, at)
	case protocol.OpDraftPut:
		res, err = s.applyDraftPut(ctx, tx, t, op, at)
	case protocol.OpDraftConfirm:
		res, err = s.applyDraftConfirm(ctx, tx, t, op, at)
	case protocol.OpDraftDelete:
		res, err = s.applyDraftDelete(ctx, tx, t, op, at)
	}
	if err != nil {
		return protocol.OpResult{}, err
	}
	if answer, err = json.Marshal(res); err != nil {
		return protocol.OpResult{}, fmt.Errorf("encode answer: %w", err)
	}
	if _, err := w.ExecContext(ctx, `INSERT INTO ops (id, terminal, kind, digest, answer, applied_at)
		VALUES (?, ?, ?, ?, ?, ?)`, op.ID, t.Code, op.Kind, dg, answer, formatTime(at)); err != nil {
		return protocol.OpResult{}, fmt.Errorf("record operation %s: %w", op.ID, err)
	}
	return res, nil
}

// errFenced refuses a write made without the lock, or under a lock that has
// been taken since: the document was modified elsewhere (M1).
func errFenced(reason string) error {
	return pos.Errorf(pos.CodeConflict, pos.MsgLockedElsewhere, "Reason", reason)
}

// saveDocument applies document.save: the document's whole new state.
//
// A new document must be the pushing terminal's own; a lock token it carries
// (its order's, when generated under the order's lock) is not checked; one
// whose id is a draft's is that draft confirmed, under R-D4
// (checkDraftConfirmation). An existing one may be written without a token
// only by its own terminal and only until it was first locked; after that (it
// is then handled online, R-N1) every write needs the token of the latest
// lock, held by this terminal. A write with an older token is refused:
// fencing.
func (s *Service) saveDocument(ctx context.Context, tx *sql.Tx, t pos.Terminal, op protocol.Op, at time.Time) (protocol.OpResult, error) {
	var d pos.Document
	if err := decodeStrict(op.Payload, &d); err != nil {
		return protocol.OpResult{}, err
	}
	if err := checkCode("document", d.ID); err != nil {
		return protocol.OpResult{}, err
	}
	if err := d.Check(); err != nil {
		return protocol.OpResult{}, err
	}
	w := s.writer(tx)
	prev, err := loadHead(ctx, w, d.ID)
	if err != nil {
		return protocol.OpResult{}, err
	}
	var before *pos.Document
	if prev != nil {
		before = &prev.doc
	}
	if err := s.checkRights(ctx, w, op.Operator, requiredRights(before, &d)); err != nil {
		return protocol.OpResult{}, err
	}
	lk, err := loadLock(ctx, w, d.ID)
	if err != nil {
		return protocol.OpResult{}, err
	}
	if prev == nil {
		// A new document's token is its order's (a receipt generated under the
		// order's lock): nothing to fence, and a printed receipt must arrive.
		if d.Terminal != t.Code {
			return protocol.OpResult{}, pos.Errorf(pos.CodeForbidden, "error.terminal_mismatch", "Terminal", d.Terminal)
		}
		if err := s.checkDraftConfirmation(ctx, w, t, op.Operator, d.ID); err != nil {
			return protocol.OpResult{}, err
		}
	} else {
		if d.Kind != prev.doc.Kind || d.Terminal != prev.terminal {
			return protocol.OpResult{}, pos.Errorf(pos.CodeInvalid, "error.document_immutable", "ID", d.ID)
		}
		switch {
		case op.LockToken == 0 && prev.terminal != t.Code:
			return protocol.OpResult{}, errFenced("another terminal's document needs its lock")
		case op.LockToken == 0 && lk != nil:
			return protocol.OpResult{}, errFenced("the document is handled online: it needs its lock")
		case op.LockToken != 0 && (lk == nil || lk.token != op.LockToken || lk.holder != t.Code):
			return protocol.OpResult{}, errFenced("stale lock token")
		}
		if d.Revision < prev.doc.Revision {
			// An older state sent late (an operation retried after later ones
			// were applied) must not undo them.
			return protocol.OpResult{}, pos.Errorf(pos.CodeConflict, "error.revision_old",
				"Revision", d.Revision, "Current", prev.doc.Revision)
		}
		if prev.doc.Status != d.Status && !pos.CanTransition(d.Kind, prev.doc.Status, d.Status) {
			return protocol.OpResult{}, pos.Errorf(pos.CodeConflict, "error.status_transition",
				"From", string(prev.doc.Status), "To", string(d.Status))
		}
		if err := checkUnchanged(ctx, w, prev, &d); err != nil {
			return protocol.OpResult{}, err
		}
	}
	if err := checkOrderMoney(ctx, tx, w, before, &d); err != nil { // R-A1, R-A4: see advances.go
		return protocol.OpResult{}, err
	}
	version, err := writeDoc(ctx, w, &d, prev, t.Code, at)
	if err != nil {
		return protocol.OpResult{}, err
	}
	return protocol.OpResult{ID: op.ID, Status: protocol.StatusApplied, DocID: d.ID, Version: version}, nil
}

// checkUnchanged refuses, on a document the service holds, a change of what
// stays once issued (conflict, error.document_immutable, Field saying what):
//   - its number, once it has one: a till renumbering a confirmed document
//     would give one sale two numbers, or one number to two sales (R-S3);
//   - anything but the status and revision of an issued receipt, invoice or
//     advance invoice (Confirmed or Cancelled), which may only be cancelled.
//     The till issues them once, Confirmed and paid (app.Generation.Pay), and
//     never saves them again; a later save that changed their amounts,
//     customer, order or deductions would also undo the advance rules checked
//     when they were issued (checkOrderMoney), and a document that cannot
//     leave Unconfirmed (pos.CanTransition) is never counted by those rules.
func checkUnchanged(ctx context.Context, q queryer, prev *storedDoc, d *pos.Document) error {
	if prev.doc.Number != "" && d.Number != prev.doc.Number {
		return pos.Errorf(pos.CodeConflict, "error.document_immutable", "ID", d.ID, "Field", "number")
	}
	if !prev.doc.Kind.Commercial() || prev.doc.Status == pos.StatusUnconfirmed {
		return nil
	}
	was, err := loadDoc(ctx, q, d.ID) // prev is the head only
	if err != nil {
		return err
	}
	now := *d
	now.Status, now.Revision = was.doc.Status, was.doc.Revision
	a, err := json.Marshal(&was.doc)
	if err != nil {
		return fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	b, err := json.Marshal(&now)
	if err != nil {
		return fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	if !bytes.Equal(a, b) {
		return pos.Errorf(pos.CodeConflict, "error.document_immutable", "ID", d.ID, "Field", "content")
	}
	return nil
}

// requiredRights are the rights a save of d needs (R-SEC2): the right to edit or
// issue its kind; for an order or quote, the right to cancel, close or open it
// when its status goes that way, and the delivery and payment status rights when
// those change (R-F4).
func requiredRights(prev, d *pos.Document) []pos.Right {
	var rs []pos.Right
	switch d.Kind {
	case pos.KindQuote:
		rs = append(rs, pos.RightQuoteEdit)
	case pos.KindOrder:
		rs = append(rs, pos.RightOrderEdit)
	case pos.KindReceipt:
		rs = append(rs, pos.RightReceipt)
	case pos.KindInvoice:
		rs = append(rs, pos.RightInvoice)
	case pos.KindAdvanceInvoice:
		rs = append(rs, pos.RightAdvanceInvoice)
	}
	if prev == nil || d.Kind.Commercial() {
		return rs
	}
	if prev.Status != d.Status && (d.Status == pos.StatusCancelled || d.Status == pos.StatusClosed ||
		(prev.Status == pos.StatusConfirmed && d.Status == pos.StatusUnconfirmed)) {
		rs = append(rs, pos.RightOrderCancel)
	}
	if prev.DeliveryStatus != d.DeliveryStatus {
		rs = append(rs, pos.RightDeliveryStatus)
	}
	if prev.PaymentStatus != d.PaymentStatus {
		rs = append(rs, pos.RightPaymentStatus)
	}
	return rs
}

// groupsKey carries, through one batch, the groups of the operators already
// read: a batch of 100 operations by one cashier reads her group once.
type groupsKey struct{}

func withGroups(ctx context.Context) context.Context {
	return context.WithValue(ctx, groupsKey{}, map[string]*pos.Group{})
}

// checkRights refuses an unknown or inactive operator, or one whose group lacks
// one of the rights.
func (s *Service) checkRights(ctx context.Context, q queryer, operator string, rights []pos.Right) error {
	memo, _ := ctx.Value(groupsKey{}).(map[string]*pos.Group)
	g, known := memo[operator]
	if !known {
		var err error
		if g, err = operatorGroup(ctx, q, operator); err != nil {
			return err
		}
		if memo != nil {
			memo[operator] = g
		}
	}
	if g == nil {
		return pos.Errorf(pos.CodeForbidden, "error.operator_unknown")
	}
	for _, r := range rights {
		if !g.Has(r) {
			return pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", string(r))
		}
	}
	return nil
}

// operatorGroup reads an operator's group; nil for an unknown or inactive
// operator, and an empty group when the operator's group is gone.
func operatorGroup(ctx context.Context, q queryer, operator string) (*pos.Group, error) {
	var o pos.Operator
	if err := getRecord(ctx, q, entOperator, operator, &o); err != nil {
		if pos.ErrorCode(err) == pos.CodeNotFound {
			return nil, nil
		}
		return nil, err
	}
	if !o.Active {
		return nil, nil
	}
	g := &pos.Group{Code: o.Group}
	if err := getRecord(ctx, q, entGroup, o.Group, g); err != nil && pos.ErrorCode(err) != pos.CodeNotFound {
		return nil, err
	}
	return g, nil
}
