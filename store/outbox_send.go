package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// The outbox as the sync agent drains it (R-S1): claim the oldest pending
// operations in order, then settle what the data service answered in one
// transaction. A crash between the two leaves the operations pending, and the
// service answers their second sending with its first answer.

var _ app.UnsentOperations = (*DB)(nil)

const outboxColumns = `seq, id, kind, doc_id, operator, lock_token, payload, attempts, created_at, state, code, last_error,
	message_key, message_args`

func scanOutbox(rows *sql.Rows) ([]app.OutboxOp, error) {
	defer rows.Close()
	var out []app.OutboxOp
	for rows.Next() {
		var op app.OutboxOp
		var created, state, code, key, args string
		if err := rows.Scan(&op.Seq, &op.ID, &op.Kind, &op.DocID, &op.Operator, &op.LockToken, &op.Payload,
			&op.Attempts, &created, &state, &code, &op.Reason, &key, &args); err != nil {
			return nil, fmt.Errorf("read outbox: %w", err)
		}
		if key != "" {
			op.Message = &pos.Error{Code: pos.Code(code), Key: key}
			if err := json.Unmarshal([]byte(args), &op.Message.Args); err != nil {
				return nil, fmt.Errorf("read outbox %s message: %w", op.ID, err)
			}
		}
		t, err := parseTime(sql.NullString{String: created, Valid: true})
		if err != nil {
			return nil, err
		}
		op.CreatedAt, op.Quarantined, op.Code = t, state == "quarantined", pos.Code(code)
		out = append(out, op)
	}
	return out, rows.Err()
}

// ClaimOutbox returns up to limit pending operations, oldest first, with
// this sending counted in their attempts. Quarantined operations are skipped:
// they do not block the others. It only reads (a claim costs no disk sync):
// one agent drains a till's outbox, and SettleOutbox records the attempt.
func (db *DB) ClaimOutbox(ctx context.Context, limit int) ([]app.OutboxOp, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE state = 'pending' ORDER BY seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("claim outbox: %w", err)
	}
	ops, err := scanOutbox(rows)
	for i := range ops {
		ops[i].Attempts++
	}
	return ops, err
}

// SettleOutbox writes what a push taught, in one transaction: acknowledged
// operations (applied or duplicate) are deleted and their documents marked
// synced (the service knows them: from now on they are handled online, R-N1),
// quarantined ones are set aside with the service's code and reason, failed
// ones stay pending with their last error and one more attempt.
func (db *DB) SettleOutbox(ctx context.Context, s app.Settlement, at time.Time) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if len(s.Acked) > 0 {
			ids, err := json.Marshal(s.Acked)
			if err != nil {
				return fmt.Errorf("acknowledge: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE documents SET synced = 1 WHERE id IN
				(SELECT doc_id FROM outbox WHERE id IN (SELECT value FROM json_each(?)))`, ids); err != nil {
				return fmt.Errorf("acknowledge: %w", err)
			}
			if err := settleDraftPuts(ctx, tx, ids); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))`,
				ids); err != nil {
				return fmt.Errorf("acknowledge: %w", err)
			}
		}
		for _, r := range s.Quarantined {
			key, args, err := messageColumns(r.Message)
			if err != nil {
				return fmt.Errorf("quarantine %s: %w", r.ID, err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'quarantined', code = ?, last_error = ?,
				message_key = ?, message_args = ?, quarantined_at = ?, attempts = attempts + 1 WHERE id = ?`,
				string(r.Code), r.Reason, key, args, formatTime(at), r.ID); err != nil {
				return fmt.Errorf("quarantine %s: %w", r.ID, err)
			}
		}
		for _, r := range s.Failed {
			key, args, err := messageColumns(r.Message)
			if err != nil {
				return fmt.Errorf("note failure of %s: %w", r.ID, err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET code = ?, last_error = ?, message_key = ?,
				message_args = ?, attempts = attempts + 1 WHERE id = ?`, string(r.Code), r.Reason, key, args, r.ID); err != nil {
				return fmt.Errorf("note failure of %s: %w", r.ID, err)
			}
		}
		return nil
	})
}

// messageColumns is how a refusal's message is stored: its key, and its
// arguments as a JSON object.
func messageColumns(m *pos.Error) (key, args string, err error) {
	if m == nil {
		return "", "{}", nil
	}
	b, err := json.Marshal(m.Args)
	if err != nil || m.Args == nil {
		return m.Key, "{}", err
	}
	return m.Key, string(b), nil
}

// OutboxCounts counts the pending and the quarantined operations.
func (db *DB) OutboxCounts(ctx context.Context) (app.OutboxCounts, error) {
	var c app.OutboxCounts
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE state = 'pending'),
		count(*) FILTER (WHERE state = 'quarantined') FROM outbox`).Scan(&c.Pending, &c.Quarantined)
	if err != nil {
		return c, fmt.Errorf("count outbox: %w", err)
	}
	return c, nil
}

// QuarantinedOperations lists the operations the data service refused, oldest
// first, for the "Unsent operations" screen.
func (db *DB) QuarantinedOperations(ctx context.Context) ([]app.OutboxOp, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE state = 'quarantined' ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("list quarantined: %w", err)
	}
	return scanOutbox(rows)
}

// RetryOperation puts a quarantined operation back in line, in its original
// place, with its attempts reset.
func (db *DB) RetryOperation(ctx context.Context, id string) error {
	return db.changeQuarantined(ctx, id, `UPDATE outbox SET state = 'pending', attempts = 0, code = '',
		last_error = '', quarantined_at = NULL WHERE id = ? AND state = 'quarantined'`)
}

// DiscardOperation deletes a quarantined operation for good: its change stays
// local and never reaches the data service. Only quarantined operations can be
// discarded.
func (db *DB) DiscardOperation(ctx context.Context, id string) error {
	return db.changeQuarantined(ctx, id, `DELETE FROM outbox WHERE id = ? AND state = 'quarantined'`)
}

func (db *DB) changeQuarantined(ctx context.Context, id, query string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, id)
		if err != nil {
			return fmt.Errorf("quarantined operation %s: %w", id, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("quarantined operation %s: %w", id, err)
		}
		if n == 0 {
			return notFound(sql.ErrNoRows, "operation", id)
		}
		return nil
	})
}
