package dataservice

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/internal/sqlitedb"
	"github.com/comptoir/comptoir/sync/protocol"
)

// TestDatabasesOfEitherMigration2Migrate: migration 00002 was first the index
// on the documents' source order, then the drafts table. A database of either
// time, built here by hand, opens and ends with both.
func TestDatabasesOfEitherMigration2Migrate(t *testing.T) {
	for name, back := range map[string][]string{
		"00002 was the source-order index": {`DROP TABLE drafts`, `DELETE FROM goose_db_version WHERE version_id > 2`},
		"00002 was the drafts":             {`DELETE FROM goose_db_version WHERE version_id > 3`},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "service.db")
			svc, err := Open(ctx, path, Options{Clock: newClock()})
			require.NoError(t, err)
			require.NoError(t, svc.Close())

			db, err := sql.Open("sqlite", sqlitedb.DSN(path, false))
			require.NoError(t, err)
			for _, stmt := range back {
				_, err := db.ExecContext(ctx, stmt)
				require.NoError(t, err, stmt)
			}
			var index int
			require.NoError(t, db.QueryRowContext(ctx,
				`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'documents_source_order'`).Scan(&index))
			require.Equal(t, 1, index, "the source-order index was made in both times")
			require.NoError(t, db.Close())

			svc, err = Open(ctx, path, Options{Clock: newClock()})
			require.NoError(t, err)
			defer func() { require.NoError(t, svc.Close()) }()
			list, err := svc.Drafts(ctx, pos.Terminal{Code: "KRPOS3", Center: demo.Center}, DraftQuery{Limit: protocol.DefaultDrafts})
			require.NoError(t, err, "the drafts table exists")
			assert.Empty(t, list.Drafts)
		})
	}
}
