package transport

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// The Queue tests run this test binary as a stand-in for lp: with fakeLPEnv set, it records its
// arguments and standard input in that file and behaves as fakeLPModeEnv says.
const (
	fakeLPEnv     = "COMPTOIR_FAKE_LP"
	fakeLPModeEnv = "COMPTOIR_FAKE_LP_MODE"
)

func TestMain(m *testing.M) {
	if out := os.Getenv(fakeLPEnv); out != "" {
		os.Exit(fakeLP(out, os.Getenv(fakeLPModeEnv)))
	}
	goleak.VerifyTestMain(m)
}

func fakeLP(out, mode string) int {
	switch mode {
	case "reject":
		_, _ = io.WriteString(os.Stderr, "lp: The printer or class does not exist.\nsecond line\n")
		return 1
	case "hang":
		time.Sleep(time.Hour) // a wedged spooler; the test's deadline ends it
		return 0
	}
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		return 3
	}
	args := strings.Join(os.Args[1:], " ")
	if err := os.WriteFile(out, append([]byte(args+"\n"), data...), 0o644); err != nil {
		return 4
	}
	_, _ = io.WriteString(os.Stdout, "request id is FAKE-1 (1 file(s))\n")
	return 0
}

// requireCode checks that err is an *Error of the given code, with its translation keys and hint.
func requireCode(tb testing.TB, err error, code Code) *Error {
	tb.Helper()
	var e *Error
	require.ErrorAs(tb, err, &e)
	require.Equal(tb, code, e.Code, "%v", err)
	assert.NotEmpty(tb, e.MessageKey())
	assert.NotEmpty(tb, e.HintKey())
	assert.NotEmpty(tb, e.Hint())
	return e
}

func TestEveryCodeHasWords(t *testing.T) {
	for _, c := range []Code{DeviceMissing, PermissionDenied, Unreachable, Timeout, QueueMissing, QueueRejected, WriteFailed} {
		w, ok := words[c]
		require.True(t, ok, c)
		assert.Equal(t, "print.error."+string(c), w.key)
		assert.Equal(t, "print.hint."+string(c), w.hintKey)
		assert.NotEmpty(t, w.message)
		assert.NotEmpty(t, w.hint)
	}
}

func TestErrorReadsAndUnwraps(t *testing.T) {
	cause := errors.New("boom")
	err := error(&Error{Code: PermissionDenied, Target: "/dev/usb/lp0", Err: cause})
	assert.Equal(t, "not allowed to use the printer (/dev/usb/lp0): boom", err.Error())
	assert.ErrorIs(t, err, cause)
	e := requireCode(t, err, PermissionDenied)
	assert.Equal(t, KeyPermissionDenied, e.MessageKey())
	assert.Equal(t, HintKeyPermissionDenied, e.HintKey())
	assert.Contains(t, e.Hint(), "sudo usermod -aG lp $USER")
}
