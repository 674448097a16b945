package dataservice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// lockRow is the lock state of one document.
type lockRow struct {
	token    int64
	holder   string
	operator string
	expires  time.Time
	released bool
}

// heldAt tells whether the lock holds at now: granted, not released, lease
// still running.
func (l *lockRow) heldAt(now time.Time) bool {
	return l != nil && !l.released && now.Before(l.expires)
}

func loadLock(ctx context.Context, q queryer, id string) (*lockRow, error) {
	var l lockRow
	var expires string
	err := q.QueryRowContext(ctx, `SELECT token, holder, operator, expires_at, released FROM locks WHERE doc_id = ?`, id).
		Scan(&l.token, &l.holder, &l.operator, &expires, &l.released)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read lock of %s: %w", id, err)
	}
	if l.expires, err = parseTime(expires); err != nil {
		return nil, err
	}
	return &l, nil
}

func saveLock(ctx context.Context, tx cachedQ, id string, l *lockRow) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO locks (doc_id, token, holder, operator, expires_at, released)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET token = excluded.token, holder = excluded.holder,
		operator = excluded.operator, expires_at = excluded.expires_at, released = excluded.released`,
		id, l.token, l.holder, l.operator, formatTime(l.expires), l.released)
	if err != nil {
		return fmt.Errorf("write lock of %s: %w", id, err)
	}
	return nil
}

// errLocked says who holds the lock, and until when (R-N3: the till shows M1).
func errLocked(l *lockRow) error {
	return pos.Errorf(pos.CodeLocked, pos.MsgLockedElsewhere, "Holder", l.holder, "Until", l.expires)
}

// reachable reads a document terminal t may fetch or lock; not_found otherwise,
// so a terminal learns nothing of documents outside its center.
func reachable(ctx context.Context, q queryer, t pos.Terminal, id string) (pos.Document, int64, error) {
	var data []byte
	var version int64
	args := append(visArgs(t), id)
	err := q.QueryRowContext(ctx, `SELECT data, version FROM documents WHERE id = ?4 AND `+reachableSQL, args...).
		Scan(&data, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return pos.Document{}, 0, notFound("document", id)
	}
	if err != nil {
		return pos.Document{}, 0, fmt.Errorf("read document %s: %w", id, err)
	}
	var d pos.Document
	if err := decodeStrict(data, &d); err != nil {
		return pos.Document{}, 0, fmt.Errorf("decode document %s: %w", id, err)
	}
	return d, version, nil
}

// Lock locks document id for terminal t: granted when nobody holds it (or t
// itself does: a restarted till takes its lock back under a new token), with a
// token one above the last one ever given for the document and a lease on the
// service's clock. It returns the document's latest version.
//
// A refusal is decided on the read pool first, so that terminals racing for a
// held lock do not queue on the one writer; a grant is decided again in the
// write transaction.
func (s *Service) Lock(ctx context.Context, t pos.Terminal, id string, req protocol.LockRequest) (protocol.LockAnswer, error) {
	var rights []pos.Right
	if req.Right != "" {
		rights = append(rights, req.Right)
	}
	now := s.now()
	check := func(q queryer) (*lockRow, error) {
		if err := isReachable(ctx, q, t, id); err != nil {
			return nil, err
		}
		if err := s.checkRights(ctx, q, req.Operator, rights); err != nil {
			return nil, err
		}
		l, err := loadLock(ctx, q, id)
		if err != nil {
			return nil, err
		}
		if l.heldAt(now) && l.holder != t.Code {
			return nil, errLocked(l)
		}
		return l, nil
	}
	if _, err := check(s.reader()); err != nil {
		return protocol.LockAnswer{}, err
	}
	var ans protocol.LockAnswer
	err := s.inTxSync(ctx, false, func(tx *sql.Tx) error {
		l, err := check(s.writer(tx))
		if err != nil {
			return err
		}
		next := &lockRow{token: 1, holder: t.Code, operator: req.Operator, expires: now.Add(s.lease)}
		if l != nil {
			next.token = l.token + 1
		}
		if err := saveLock(ctx, s.writer(tx), id, next); err != nil {
			return err
		}
		d, version, err := reachable(ctx, s.writer(tx), t, id)
		if err != nil {
			return err
		}
		ans = protocol.LockAnswer{DocID: id, Token: next.token, Expires: next.expires, LeaseMS: s.lease.Milliseconds(),
			Version: version, Document: &d}
		return nil
	})
	return ans, err
}

// isReachable is reachable without reading the document.
func isReachable(ctx context.Context, q queryer, t pos.Terminal, id string) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ?4 AND `+reachableSQL, append(visArgs(t), id)...).
		Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("document", id)
	}
	if err != nil {
		return fmt.Errorf("read document %s: %w", id, err)
	}
	return nil
}

// Renew extends the lease of the latest lock of id when t holds it with token:
// also after its lease ran out, as long as nobody locked since (the token is
// still the latest). Otherwise conflict: the lock is lost.
func (s *Service) Renew(ctx context.Context, t pos.Terminal, id string, token int64) (protocol.LockAnswer, error) {
	var ans protocol.LockAnswer
	now := s.now()
	err := s.inTxSync(ctx, false, func(tx *sql.Tx) error {
		w := s.writer(tx)
		l, err := loadLock(ctx, w, id)
		if err != nil {
			return err
		}
		if l == nil || l.token != token || l.holder != t.Code || l.released {
			return errFenced("lock lost")
		}
		l.expires = now.Add(s.lease)
		if err := saveLock(ctx, w, id, l); err != nil {
			return err
		}
		var version int64
		if err := w.QueryRowContext(ctx, `SELECT version FROM documents WHERE id = ?`, id).Scan(&version); err != nil {
			return fmt.Errorf("read version of %s: %w", id, err)
		}
		ans = protocol.LockAnswer{DocID: id, Token: token, Expires: l.expires, LeaseMS: s.lease.Milliseconds(), Version: version}
		return nil
	})
	return ans, err
}

// Unlock releases the lock of id when token is its latest and t holds it, and
// tells whether it did. Any other unlock changes nothing: it is always safe.
// A write under the released token is still accepted until someone locks the
// document again, so a till may unlock before its outbox has sent the
// operation's effects.
func (s *Service) Unlock(ctx context.Context, t pos.Terminal, id string, token int64) (bool, error) {
	released := false
	err := s.inTxSync(ctx, false, func(tx *sql.Tx) error {
		w := s.writer(tx)
		l, err := loadLock(ctx, w, id)
		if err != nil || l == nil || l.token != token || l.holder != t.Code || l.released {
			return err
		}
		l.released = true
		released = true
		return saveLock(ctx, w, id, l)
	})
	return released, err
}

func (s *Service) lock(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	data, err := readBody(r, 4096)
	if err != nil {
		return err
	}
	req, err := decodeLock(data)
	if err != nil {
		return err
	}
	ans, err := s.Lock(r.Context(), t, r.PathValue("id"), req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ans)
	return nil
}

// byToken serves a request whose body is a TokenRequest on the document or
// draft in the path: renewing or giving back a lock or an edit lease.
func byToken[A any](call func(ctx context.Context, t pos.Terminal, id string, token int64) (A, error)) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
		data, err := readBody(r, 4096)
		if err != nil {
			return err
		}
		req, err := decodeToken(data)
		if err != nil {
			return err
		}
		ans, err := call(r.Context(), t, r.PathValue("id"), req.Token)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, ans)
		return nil
	}
}

// released answers a give-back (unlock, release) with whether it released.
func released(give func(ctx context.Context, t pos.Terminal, id string, token int64) (bool, error)) func(
	context.Context, pos.Terminal, string, int64) (protocol.UnlockAnswer, error) {
	return func(ctx context.Context, t pos.Terminal, id string, token int64) (protocol.UnlockAnswer, error) {
		ok, err := give(ctx, t, id, token)
		return protocol.UnlockAnswer{Released: ok}, err
	}
}
