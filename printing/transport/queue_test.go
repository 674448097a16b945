package transport

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeLPQueue points a Queue at this test binary acting as lp (see TestMain) and returns the file
// it records into.
func fakeLPQueue(tb testing.TB, mode string) (Queue, string) {
	tb.Helper()
	out := filepath.Join(tb.TempDir(), "lp.out")
	tb.Setenv(fakeLPEnv, out)
	tb.Setenv(fakeLPModeEnv, mode)
	return Queue{Name: "TICKETS", Command: os.Args[0]}, out
}

func TestQueueHandsTheBytesToLPRaw(t *testing.T) {
	q, out := fakeLPQueue(t, "")
	data := []byte("\x1b@Ciao\n\x00\xff")
	require.NoError(t, q.Send(t.Context(), data))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "-d TICKETS -o raw\n"+string(data), string(got))
}

func TestQueueLetsTheSpoolerConvertAPDF(t *testing.T) {
	q, out := fakeLPQueue(t, "")
	q.PDF = true
	data := []byte("%PDF-1.3\n%%EOF\n")
	require.NoError(t, q.Send(t.Context(), data))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "-d TICKETS\n"+string(data), string(got))
}

func TestQueueRejected(t *testing.T) {
	q, _ := fakeLPQueue(t, "reject")
	err := q.Send(t.Context(), []byte("x"))
	e := requireCode(t, err, QueueRejected)
	assert.Equal(t, "TICKETS", e.Target)
	assert.Contains(t, err.Error(), "lp: The printer or class does not exist.")
	assert.NotContains(t, err.Error(), "second line")
}

func TestQueueTimeout(t *testing.T) {
	q, _ := fakeLPQueue(t, "hang")
	q.Timeout = 200 * time.Millisecond
	requireCode(t, q.Send(t.Context(), []byte("x")), Timeout)
}

func TestQueueWithoutLP(t *testing.T) {
	q := Queue{Name: "TICKETS", Command: "comptoir-no-such-lp"}
	requireCode(t, q.Send(t.Context(), []byte("x")), QueueMissing)
}
