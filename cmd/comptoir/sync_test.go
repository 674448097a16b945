package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
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
