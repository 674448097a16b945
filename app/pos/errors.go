package pos

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code classifies an error for programs: the data service maps it to an HTTP status,
// the agent decides from it whether to retry. The set is closed on purpose.
type Code string

const (
	CodeInvalid      Code = "invalid"
	CodeUnauthorized Code = "unauthorized"
	CodeForbidden    Code = "forbidden"
	CodeNotFound     Code = "not_found"
	CodeLocked       Code = "locked"
	CodeConflict     Code = "conflict"
	CodeUnavailable  Code = "unavailable"
	CodeInternal     Code = "internal"
)

// Error is an error a person must read. Key names the message in the translation
// files (assets/translations); Args fill its {{.Name}} placeholders. The screen
// translates it; logs show the key and arguments, which never hold secrets.
type Error struct {
	Code Code
	Key  string
	Args map[string]any
}

// Errorf builds an Error; kv are name/value pairs for the message's placeholders.
func Errorf(code Code, key string, kv ...any) *Error {
	e := &Error{Code: code, Key: key}
	if len(kv) > 0 {
		e.Args = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			e.Args[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	return e
}

func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return string(e.Code) + ": " + e.Key
	}
	names := make([]string, 0, len(e.Args))
	for k := range e.Args {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(string(e.Code) + ": " + e.Key)
	for _, k := range names {
		fmt.Fprintf(&b, " %s=%v", k, e.Args[k])
	}
	return b.String()
}

// Is makes errors.Is match two Errors with the same code and key.
func (e *Error) Is(target error) bool {
	var t *Error
	if !errors.As(target, &t) {
		return false
	}
	return t.Code == e.Code && t.Key == e.Key
}

// ErrorCode returns the code of the first Error in err's chain, CodeInternal for any
// other error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// AsError returns the first Error in err's chain.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Message keys for the exact texts of SPEC section 16; the texts live in the
// translation files, word for word.
const (
	MsgLockedElsewhere      = "M1"
	MsgOfflineUnlinked      = "M2"
	MsgDraftSavedLocally    = "M3"
	MsgDraftDataMissing     = "M4"
	MsgAdvancesFull         = "M5"
	MsgAdvanceCustomer      = "M6"
	MsgBundleRemoved        = "M7"
	MsgFulfilmentChanged    = "M8"
	MsgWarehouseUnavailable = "M9"
	MsgSetWarehouses        = "M10"
	MsgPickedTooMuch        = "M11"
	MsgNoLine               = "M12"
)
