package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Setting reads a terminal setting; ok is false when it was never set.
func (db *DB) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, err
}

// SetSetting writes a terminal setting.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// LoginFailures returns an operator's consecutive wrong PINs and the time of the
// last one.
func (db *DB) LoginFailures(ctx context.Context, operator string) (int, time.Time, error) {
	var n int
	var last sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT failures, last_at FROM login_failures WHERE operator = ?`,
		operator).Scan(&n, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, err
	}
	t, err := parseTime(last)
	return n, t, err
}

// RecordLoginFailure counts one more wrong PIN.
func (db *DB) RecordLoginFailure(ctx context.Context, operator string, at time.Time) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO login_failures (operator, failures, last_at) VALUES (?, 1, ?)
		ON CONFLICT (operator) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at`,
		operator, formatTime(at))
	return err
}

// ClearLoginFailures forgets an operator's wrong PINs after a good one.
func (db *DB) ClearLoginFailures(ctx context.Context, operator string) error {
	_, err := db.write.ExecContext(ctx, `DELETE FROM login_failures WHERE operator = ?`, operator)
	return err
}
