package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/comptoir/comptoir/app"
)

// enqueue adds an operation to the outbox inside the caller's transaction, so the
// change and the promise to send it are committed together or not at all. The
// operation's id, its idempotency key on the data service, is made here once and
// never changes.
func enqueue(ctx context.Context, tx *sql.Tx, kind, docID string, payload any, at time.Time) error {
	data, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("encode %s: %w", kind, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (id, kind, doc_id, payload, created_at)
		VALUES (?, ?, ?, ?, ?)`, uuid.NewString(), kind, docID, data, formatTime(at)); err != nil {
		return fmt.Errorf("enqueue %s: %w", kind, err)
	}
	return nil
}

// PendingOperations counts the operations waiting to be sent, quarantined ones
// included: they wait for a person.
func (db *DB) PendingOperations(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n)
	return n, err
}

// enqueueAs is enqueue for a change made by an operator, possibly under a lock:
// both travel with the operation to the data service.
func enqueueAs(ctx context.Context, tx *sql.Tx, kind, docID string, payload any, at time.Time, meta app.OpMeta) error {
	data, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("encode %s: %w", kind, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (id, kind, doc_id, payload, created_at, operator, lock_token)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, uuid.NewString(), kind, docID, data, formatTime(at), meta.Operator,
		meta.LockToken); err != nil {
		return fmt.Errorf("enqueue %s: %w", kind, err)
	}
	return nil
}
