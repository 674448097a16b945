package pos

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorfArgs(t *testing.T) {
	e := Errorf(CodeInvalid, "error.amount_invalid", "Value", "12,345", "Max", 100)
	assert.Equal(t, CodeInvalid, e.Code)
	assert.Equal(t, "error.amount_invalid", e.Key)
	assert.Equal(t, map[string]any{"Value": "12,345", "Max": 100}, e.Args)

	assert.Nil(t, Errorf(CodeNotFound, "error.x").Args, "no pairs, no map")

	// A dangling name without value is dropped rather than panicking.
	odd := Errorf(CodeInvalid, "error.x", "A", 1, "B")
	assert.Equal(t, map[string]any{"A": 1}, odd.Args)

	// Non-string names are printed.
	assert.Equal(t, map[string]any{"7": "seven"}, Errorf(CodeInvalid, "k", 7, "seven").Args)
}

func TestErrorString(t *testing.T) {
	cases := []struct {
		name string
		err  *Error
		want string
	}{
		{"no args", Errorf(CodeNotFound, "error.order_missing"), "not_found: error.order_missing"},
		{"one arg", Errorf(CodeInvalid, "error.amount_invalid", "Value", "abc"), "invalid: error.amount_invalid Value=abc"},
		{"args sorted by name", Errorf(CodeConflict, "error.status_transition", "To", "closed", "From", "unconfirmed"),
			"conflict: error.status_transition From=unconfirmed To=closed"},
		{"message key", Errorf(CodeInvalid, MsgNoLine), "invalid: M12"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, c.err.Error())
			// Stable: map iteration order must not leak into the text.
			for range 20 {
				require.Equal(t, c.want, c.err.Error())
			}
		})
	}
}

func TestErrorIs(t *testing.T) {
	base := Errorf(CodeInvalid, "error.amount_invalid", "Value", "x")
	wrapped := fmt.Errorf("save line: %w", base)
	twice := fmt.Errorf("confirm: %w", wrapped)

	cases := []struct {
		name   string
		err    error
		target error
		want   bool
	}{
		{"same code and key, other args", base, Errorf(CodeInvalid, "error.amount_invalid"), true},
		{"through one wrap", wrapped, Errorf(CodeInvalid, "error.amount_invalid"), true},
		{"through two wraps", twice, Errorf(CodeInvalid, "error.amount_invalid", "Value", "y"), true},
		{"other key", wrapped, Errorf(CodeInvalid, "error.amount_too_large"), false},
		{"other code", wrapped, Errorf(CodeConflict, "error.amount_invalid"), false},
		{"plain target", wrapped, io.EOF, false},
		{"wrapped target", base, fmt.Errorf("ctx: %w", Errorf(CodeInvalid, "error.amount_invalid")), true},
		{"joined", errors.Join(io.EOF, base), Errorf(CodeInvalid, "error.amount_invalid"), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, errors.Is(c.err, c.target))
		})
	}
}

func TestErrorCode(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want Code
	}{
		{"nil", nil, ""},
		{"plain error is internal", io.EOF, CodeInternal},
		{"wrapped plain error is internal", fmt.Errorf("read: %w", io.EOF), CodeInternal},
		{"pos error", Errorf(CodeLocked, MsgLockedElsewhere), CodeLocked},
		{"wrapped pos error", fmt.Errorf("lock order: %w", Errorf(CodeLocked, MsgLockedElsewhere)), CodeLocked},
		{"first pos error in the chain wins", fmt.Errorf("a: %w", fmt.Errorf("b: %w", Errorf(CodeForbidden, "error.right"))), CodeForbidden},
		{"joined", errors.Join(io.EOF, Errorf(CodeUnavailable, MsgOfflineUnlinked)), CodeUnavailable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, ErrorCode(c.err))
		})
	}
}

func TestAsError(t *testing.T) {
	e, ok := AsError(fmt.Errorf("x: %w", Errorf(CodeInvalid, MsgNoLine)))
	require.True(t, ok)
	assert.Equal(t, MsgNoLine, e.Key)

	_, ok = AsError(io.EOF)
	assert.False(t, ok)
	_, ok = AsError(nil)
	assert.False(t, ok)
}

func TestMessageKeys(t *testing.T) {
	keys := []string{MsgLockedElsewhere, MsgOfflineUnlinked, MsgDraftSavedLocally, MsgDraftDataMissing,
		MsgAdvancesFull, MsgAdvanceCustomer, MsgBundleRemoved, MsgFulfilmentChanged,
		MsgWarehouseUnavailable, MsgSetWarehouses, MsgPickedTooMuch, MsgNoLine}
	for i, k := range keys {
		assert.Equal(t, fmt.Sprintf("M%d", i+1), k, "SPEC section 16 numbering")
	}
}
