package dataservice

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// MinSecretLen is the shortest terminal secret SetTerminalSecret accepts.
const MinSecretLen = 16

// NewSecret returns a fresh terminal secret: 256 random bits, URL-safe.
func NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "cpt_" + base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret is what the database keeps of a secret. A secret is 256 random
// bits, so a fast hash is enough: there is nothing to guess.
func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

func checkCode(field, code string) error {
	if code == "" || len(code) > protocol.MaxIDLen || !utf8.ValidString(code) {
		return pos.Errorf(pos.CodeInvalid, "error.text_invalid", "Field", field)
	}
	return nil
}

// AddTerminal registers a terminal of an existing center, or changes the center
// of a registered one, and gives it a new secret, returned once: the service
// keeps only its hash. A zero Number takes the next free one.
func (s *Service) AddTerminal(ctx context.Context, t pos.Terminal) (string, error) {
	secret := NewSecret()
	if err := s.putTerminal(ctx, t, secret); err != nil {
		return "", err
	}
	return secret, nil
}

// SetTerminalSecret gives a registered terminal the secret chosen by the caller
// (the demo registers its tills this way) and lifts a revocation.
func (s *Service) SetTerminalSecret(ctx context.Context, code, secret string) error {
	if len(secret) < MinSecretLen {
		return pos.Errorf(pos.CodeInvalid, "error.secret_short", "Min", MinSecretLen)
	}
	at := formatTime(s.now())
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var t pos.Terminal
		if err := getRecord(ctx, tx, entTerminal, code, &t); err != nil {
			return err
		}
		return putSecret(ctx, tx, code, secret, at)
	})
}

func (s *Service) putTerminal(ctx context.Context, t pos.Terminal, secret string) error {
	if err := checkCode("terminal", t.Code); err != nil {
		return err
	}
	if t.Number < 0 || t.Number > pos.MaxTerminalNo {
		return pos.Errorf(pos.CodeInvalid, "error.terminal_number", "Value", t.Number)
	}
	at := formatTime(s.now())
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var c pos.Center
		if err := getRecord(ctx, tx, entCenter, t.Center, &c); err != nil {
			return err
		}
		var old pos.Terminal
		err := getRecord(ctx, tx, entTerminal, t.Code, &old)
		switch {
		case err == nil && t.Number == 0:
			t.Number = old.Number
		case err == nil || pos.ErrorCode(err) == pos.CodeNotFound:
		default:
			return err
		}
		if t.Number == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(data ->> '$.number'), 0) + 1
				FROM records WHERE entity = 'terminal'`).Scan(&t.Number); err != nil {
				return fmt.Errorf("next terminal number: %w", err)
			}
		}
		var taken string
		err = tx.QueryRowContext(ctx, `SELECT key FROM records WHERE entity = 'terminal'
			AND data ->> '$.number' = ? AND key != ?`, t.Number, t.Code).Scan(&taken)
		if err == nil {
			return pos.Errorf(pos.CodeConflict, "error.terminal_number_taken", "Value", t.Number, "Terminal", taken)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("terminal number: %w", err)
		}
		recs, err := masterRecords(pos.MasterData{Terminals: []pos.Terminal{t}})
		if err != nil {
			return err
		}
		if err := putRecords(ctx, tx, recs, at); err != nil {
			return err
		}
		return putSecret(ctx, tx, t.Code, secret, at)
	})
}

func putSecret(ctx context.Context, tx *sql.Tx, code, secret, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO terminal_secrets (code, secret_hash, created_at, revoked_at)
		VALUES (?, ?, ?, NULL) ON CONFLICT (code) DO UPDATE SET secret_hash = excluded.secret_hash,
		created_at = excluded.created_at, revoked_at = NULL`, code, hashSecret(secret), at)
	if err != nil {
		return fmt.Errorf("store secret of %s: %w", code, err)
	}
	return nil
}

// RevokeTerminal refuses the terminal's secret from now on; its locks run out by
// their lease.
func (s *Service) RevokeTerminal(ctx context.Context, code string) error {
	at := formatTime(s.now())
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE terminal_secrets SET revoked_at = ? WHERE code = ?`, at, code)
		if err != nil {
			return fmt.Errorf("revoke %s: %w", code, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("terminal", code)
		}
		return nil
	})
}

// AddGroup creates or replaces an operator group.
func (s *Service) AddGroup(ctx context.Context, g pos.Group) error {
	if err := checkCode("group", g.Code); err != nil {
		return err
	}
	for _, r := range g.Rights {
		if !knownRight(r) {
			return pos.Errorf(pos.CodeInvalid, "error.right_unknown", "Right", string(r))
		}
	}
	return s.LoadMasterData(ctx, pos.MasterData{Groups: []pos.Group{g}})
}

func knownRight(r pos.Right) bool {
	for _, x := range pos.AllRights {
		if x == r {
			return true
		}
	}
	return false
}

// AddOperator creates or replaces an operator of an existing group with the
// given PIN; only a salted hash of the PIN is kept (R-SEC1).
func (s *Service) AddOperator(ctx context.Context, op pos.Operator, pin string) error {
	if err := checkCode("operator", op.Code); err != nil {
		return err
	}
	if err := pos.CheckPINFormat(pin); err != nil {
		return err
	}
	if op.Name == "" || utf8.RuneCountInString(op.Name) > pos.MaxTextLen {
		return pos.Errorf(pos.CodeInvalid, "error.text_invalid", "Field", "name")
	}
	var g pos.Group
	if err := getRecord(ctx, s.read, entGroup, op.Group, &g); err != nil {
		return err
	}
	salt := make([]byte, pos.SaltLen)
	_, _ = rand.Read(salt)
	op.PINHash = pos.HashPIN(pin, salt)
	return s.LoadMasterData(ctx, pos.MasterData{Operators: []pos.Operator{op}})
}
