package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// SyncCursor returns the cursor of the last page of a stream applied here, ""
// before the first.
func (db *DB) SyncCursor(ctx context.Context, stream string) (string, error) {
	var c string
	err := db.read.QueryRowContext(ctx, `SELECT cursor FROM sync_cursors WHERE stream = ?`, stream).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read cursor %s: %w", stream, err)
	}
	return c, nil
}

// ApplyPulled applies one page of changes and its cursor in one transaction
// (R-S2): a crash leaves either the whole page and its cursor, or neither.
// The page is refused with a conflict when the stored cursor is no longer the
// one it was asked with (another pull got there first).
//
// Master data records are upserted as ApplyMasterData does. A pulled document
// replaces the local one unless the local one has operations waiting in the
// outbox: the till's own change wins until it is sent, and the service's
// version arrives again after that. A document that cannot be stored is left
// out and reported, so that one bad record does not stop the pull for good.
func (db *DB) ApplyPulled(ctx context.Context, page app.PulledPage, at time.Time) (app.PullResult, error) {
	var res app.PullResult
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res = app.PullResult{}
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT cursor FROM sync_cursors WHERE stream = ?`, page.Stream).Scan(&cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read cursor %s: %w", page.Stream, err)
		}
		if cur != page.After {
			return pos.Errorf(pos.CodeConflict, "error.cursor_moved", "Stream", page.Stream)
		}
		if err := applyMasterData(ctx, tx, page.Master); err != nil {
			return err
		}
		for i := range page.Documents {
			d := &page.Documents[i]
			waiting, err := hasOutbox(ctx, tx, d.ID)
			if err != nil {
				return err
			}
			if waiting {
				res.Kept = append(res.Kept, d.ID)
				continue
			}
			ok, err := writePulled(ctx, tx, d, at)
			if err != nil {
				return err
			}
			if ok {
				res.Documents++
			} else {
				res.Refused = append(res.Refused, d.ID)
			}
		}
		for _, id := range page.Removed {
			waiting, err := hasOutbox(ctx, tx, id)
			if err != nil {
				return err
			}
			if waiting {
				res.Kept = append(res.Kept, id)
				continue
			}
			r, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id)
			if err != nil {
				return fmt.Errorf("remove document %s: %w", id, err)
			}
			n, _ := r.RowsAffected()
			res.Removed += int(n)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_cursors (stream, cursor) VALUES (?, ?)
			ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor`, page.Stream, page.Cursor); err != nil {
			return fmt.Errorf("write cursor %s: %w", page.Stream, err)
		}
		return nil
	})
	return res, err
}

func hasOutbox(ctx context.Context, tx *sql.Tx, docID string) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM outbox WHERE doc_id = ? LIMIT 1`, docID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("outbox of %s: %w", docID, err)
	}
	return true, nil
}

// writePulled stores one pulled document under a savepoint; false when the
// document is refused (bad data, or a number this database already gives to
// another document), with nothing of it written.
func writePulled(ctx context.Context, tx *sql.Tx, d *pos.Document, at time.Time) (bool, error) {
	if d.ID == "" || d.Check() != nil {
		return false, nil
	}
	tot, err := d.Totals()
	if err != nil {
		return false, nil
	}
	d.Synced = true // it comes from the service
	if _, err := tx.ExecContext(ctx, `SAVEPOINT pulled`); err != nil {
		return false, fmt.Errorf("savepoint: %w", err)
	}
	werr := writeDocument(ctx, tx, d, tot, at)
	if werr != nil {
		if _, err := tx.ExecContext(ctx, `ROLLBACK TO pulled`); err != nil {
			return false, errors.Join(werr, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `RELEASE pulled`); err != nil {
		return false, errors.Join(werr, err)
	}
	switch {
	case werr == nil:
		return true, nil
	case pos.ErrorCode(werr) == pos.CodeConflict, strings.Contains(werr.Error(), "constraint failed"):
		return false, nil
	}
	return false, werr
}
