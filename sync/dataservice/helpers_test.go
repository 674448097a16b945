package dataservice

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/protocol"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// testClock is the service's clock in tests: it moves only when told.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *testClock {
	return &testClock{now: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// secretOf is the secret tests give each demo terminal.
func secretOf(code string) string { return "test-secret-" + code + "-0123456789" }

// env is a data service with the demo data, serving on a free loopback port.
type env struct {
	svc   *Service
	clock *testClock
	url   string
}

func startService(tb testing.TB) *env {
	tb.Helper()
	ctx := context.Background()
	clock := newClock()
	svc, err := Open(ctx, filepath.Join(tb.TempDir(), "service.db"), Options{Clock: clock, Log: testLog(tb)})
	require.NoError(tb, err)
	require.NoError(tb, svc.LoadMasterData(ctx, demo.MasterData()))
	for _, term := range demo.MasterData().Terminals {
		require.NoError(tb, svc.SetTerminalSecret(ctx, term.Code, secretOf(term.Code)))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- svc.Serve(sctx, ln) }()
	tb.Cleanup(func() {
		stop()
		require.NoError(tb, <-done)
		http.DefaultClient.CloseIdleConnections()
		require.NoError(tb, svc.Close())
	})
	return &env{svc: svc, clock: clock, url: "http://" + ln.Addr().String()}
}

func testLog(tb testing.TB) zerolog.Logger {
	if os.Getenv("COMPTOIR_TEST_LOG") != "" {
		return zerolog.New(zerolog.NewTestWriter(tb))
	}
	return zerolog.Nop()
}

// call sends one request as terminal term ("" for no secret) and decodes a 2xx
// answer into out; it returns the status and, for an error answer, its body.
func (e *env) call(tb testing.TB, method, path, term string, body, out any) (int, protocol.Error) {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		require.NoError(tb, err)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	require.NoError(tb, err)
	if term != "" {
		req.Header.Set("Authorization", "Bearer "+secretOf(term))
	}
	return e.send(tb, req, out)
}

func (e *env) send(tb testing.TB, req *http.Request, out any) (int, protocol.Error) {
	tb.Helper()
	resp, err := http.DefaultClient.Do(req)
	require.NoError(tb, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(tb, err)
	if resp.StatusCode/100 != 2 {
		var ea protocol.ErrorAnswer
		require.NoError(tb, json.Unmarshal(data, &ea), "error body: %s", data)
		return resp.StatusCode, ea.Error
	}
	if out != nil {
		require.NoError(tb, json.Unmarshal(data, out), "body: %s", data)
	}
	return resp.StatusCode, protocol.Error{}
}

// push sends ops as term and returns the results.
func (e *env) push(tb testing.TB, term string, ops ...protocol.Op) []protocol.OpResult {
	tb.Helper()
	var ans protocol.PushAnswer
	status, perr := e.call(tb, http.MethodPost, protocol.PathOps, term, protocol.PushRequest{Ops: ops}, &ans)
	require.Equal(tb, http.StatusOK, status, perr)
	require.Len(tb, ans.Results, len(ops))
	return ans.Results
}

// order builds a confirmed order of KRKASA1 with one line.
func order(terminal string) pos.Document {
	return pos.Document{ID: uuid.NewString(), Kind: pos.KindOrder, Status: pos.StatusConfirmed, Source: pos.SourceTerminal,
		Terminal: terminal, Center: demo.Center, Operator: "ANNA", Customer: "C0001", VATMethod: pos.VATFromGross,
		IssuedAt: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC),
		Lines:    []pos.Line{{ProductCode: "MIX-01", Name: "Hand mixer", Unit: "pcs", Qty: pos.Units(1), Price: 4999, VATRate: 2000}}}
}

// saveOp wraps a document in a document.save operation.
func saveOp(tb testing.TB, operator string, d pos.Document, token int64) protocol.Op {
	tb.Helper()
	data, err := json.Marshal(d)
	require.NoError(tb, err)
	return protocol.Op{ID: uuid.NewString(), Kind: protocol.OpDocumentSave, Operator: operator, Payload: data, LockToken: token}
}

func head(tb testing.TB, svc *Service) int64 {
	tb.Helper()
	h, err := svc.Head(context.Background())
	require.NoError(tb, err)
	return h
}

// isCode tells whether err carries code.
func isCode(err error, code pos.Code) bool {
	var pe *pos.Error
	return errors.As(err, &pe) && pe.Code == code
}
