package main

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/dataservice"
)

// TestDemoTillsShareOneDataService starts two demo tills on one data folder:
// the first serves the demo data service, the second finds it, and both pull
// the ERP orders their store may see (R-L2).
func TestDemoTillsShareOneDataService(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	clock := app.ClockFunc(time.Now)
	var tills []*syncing
	t.Cleanup(func() {
		cancel()
		for _, s := range tills {
			s.stop()
		}
	})
	for _, code := range []string{"KRKASA1", "KRPOS3"} {
		cfg := config{Demo: true, Terminal: code, DataDir: dir, LogLevel: "info"}
		db, err := openStore(ctx, cfg, zerolog.Nop())
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		s, err := startSync(ctx, cfg, zerolog.Nop(), db, clock)
		require.NoError(t, err)
		tills = append(tills, s)
		require.NotNil(t, s.agent)
		require.NoError(t, s.agent.Sync(ctx), "%s reaches the demo service", code)
		assert.True(t, s.agent.Online())

		rows, err := db.ListDocuments(ctx, app.DocFilter{Kinds: []pos.Kind{pos.KindOrder}, Limit: 50})
		require.NoError(t, err)
		var numbers []string
		for _, r := range rows {
			numbers = append(numbers, r.Number)
			assert.True(t, r.Synced, "pulled orders are handled online")
		}
		assert.Contains(t, numbers, "COMC/ERP/1001/"+time.Now().Format("2006"), "an order owned by XYZ")
		assert.NotContains(t, numbers, "COMC/ERP/1006/"+time.Now().Format("2006"), "another center's order")
	}
	assert.FileExists(t, filepath.Join(dir, "demo", "dataservice.addr"))
}

// TestNewTillPullsItsTerminalBeforeLogin: a till registered with the chain's
// data service starts from an empty database; its first sync brings the master
// data, its own terminal included, so the session opens.
func TestNewTillPullsItsTerminalBeforeLogin(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	svc, err := dataservice.Open(ctx, filepath.Join(dir, "service.db"), dataservice.Options{Clock: dataservice.ClockFunc(time.Now)})
	require.NoError(t, err)
	require.NoError(t, svc.LoadMasterData(ctx, demo.MasterData()))
	secret, err := svc.AddTerminal(ctx, pos.Terminal{Code: "KRPOS4", Center: demo.Center})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- svc.Serve(ctx, ln) }()
	secretFile := filepath.Join(dir, "krpos4.secret")
	require.NoError(t, os.WriteFile(secretFile, []byte(secret+"\n"), 0o600))

	cfg := config{Terminal: "KRPOS4", DataDir: dir, LogLevel: "info", Service: "http://" + ln.Addr().String(),
		SecretFile: secretFile}
	db, err := openStore(ctx, cfg, zerolog.Nop())
	require.NoError(t, err)
	sy, err := startSync(ctx, cfg, zerolog.Nop(), db, app.ClockFunc(time.Now))
	require.NoError(t, err)
	t.Cleanup(func() {
		cancel()
		sy.stop()
		require.NoError(t, <-served)
		require.NoError(t, errors.Join(db.Close(), svc.Close()))
	})
	_, err = app.NewSession(ctx, db, app.ClockFunc(time.Now), "KRPOS4")
	require.Equal(t, pos.CodeNotFound, pos.ErrorCode(err), "an empty database does not know the terminal")
	session, err := openSession(ctx, cfg, zerolog.Nop(), db, sy, app.ClockFunc(time.Now))
	require.NoError(t, err)
	assert.Equal(t, "KRPOS4", session.Terminal().Code)
	require.NoError(t, session.Login(ctx, "ANNA", demo.PINs["ANNA"]), "operators arrive with the first pull")
}
