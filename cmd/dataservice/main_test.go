package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/comptoir/comptoir/sync/protocol"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func cli(t *testing.T, db string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestAdministrationThenServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ds.db")
	out, _, err := cli(t, db, "", "init", "--demo")
	require.NoError(t, err)
	assert.Contains(t, out, "demo chain loaded")

	out, logs, err := cli(t, db, "", "terminal", "add", "KRPOS9", "--center", "XYZ")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	secret := lines[len(lines)-1]
	assert.True(t, strings.HasPrefix(secret, "cpt_"), out)
	assert.NotContains(t, logs, secret, "the secret is never logged")

	_, _, err = cli(t, db, "", "terminal", "add", "KRPOS8", "--center", "NOWHERE")
	assert.Error(t, err, "the center must exist")
	_, _, err = cli(t, db, "", "terminal", "add", "KRPOS8")
	var u usageError
	assert.ErrorAs(t, err, &u)

	_, _, err = cli(t, db, "", "group", "add", "auditors", "--name", "Auditors", "--rights", "orders,products")
	require.NoError(t, err)
	_, _, err = cli(t, db, "", "group", "add", "bad", "--rights", "fly")
	assert.Error(t, err)
	_, logs, err = cli(t, db, "9876\n", "operator", "add", "ZOE", "--name", "Zoé", "--group", "auditors")
	require.NoError(t, err)
	assert.NotContains(t, logs, "9876")
	_, _, err = cli(t, db, "12\n", "operator", "add", "ZED", "--name", "Zed", "--group", "auditors")
	assert.Error(t, err, "a PIN is 4 to 8 digits")

	// serve, on a free port, until the context ends.
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--db", db, "--log-level", "warn", "serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err)
	base := strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
	go io.Copy(io.Discard, pr) //nolint:errcheck // drains the rest until the pipe closes

	get := func(secret string) (int, protocol.Health) {
		req, err := http.NewRequest(http.MethodGet, base+protocol.PathHealth, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var h protocol.Health
		_ = json.NewDecoder(resp.Body).Decode(&h)
		return resp.StatusCode, h
	}
	status, h := get(secret)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "KRPOS9", h.Terminal)
	resp, err := http.Get(base + protocol.PathHealthz)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	// Revoking while it serves (another process on the same database).
	_, _, err = cli(t, db, "", "terminal", "revoke", "KRPOS9")
	require.NoError(t, err)
	status, _ = get(secret)
	assert.Equal(t, http.StatusUnauthorized, status)

	cancel()
	require.NoError(t, <-done, "graceful shutdown")
	http.DefaultClient.CloseIdleConnections()
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ds.db")
	for _, args := range [][]string{{}, {"fly"}, {"terminal"}, {"terminal", "revoke"}, {"serve", "extra"},
		{"--log-level", "loud", "init"}} {
		_, _, err := cli(t, db, "", args...)
		var u usageError
		assert.ErrorAs(t, err, &u, "%v", args)
	}
}
