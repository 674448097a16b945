package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/demo"
)

func TestListColumnsPersistPerTerminal(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	cols, err := tl.settings.ListColumns(ctx, "orders")
	require.NoError(t, err)
	assert.Nil(t, cols, "never chosen: the screen shows its defaults")
	assert.Equal(t, "error.not_logged_in", errKey(t, tl.settings.SetListColumns(ctx, "orders", []string{"number"})))

	// A cashier may choose columns: no settings right is needed.
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))
	require.NoError(t, tl.settings.SetListColumns(ctx, "orders", []string{"number", "net", "status"}))
	tl.session.Logout()

	// Kept for whoever logs in next, also after a restart.
	restarted := openTill(t, tl.db, tl.path, tl.clock)
	cols, err = restarted.settings.ListColumns(ctx, "orders")
	require.NoError(t, err)
	assert.Equal(t, []string{"number", "net", "status"}, cols)
	other, err := restarted.settings.ListColumns(ctx, "drafts")
	require.NoError(t, err)
	assert.Nil(t, other, "each list has its own choice")
}

func TestBadListColumnsChangeNothing(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))
	require.NoError(t, tl.settings.SetListColumns(ctx, "orders", []string{"number"}))
	for _, bad := range [][]string{nil, {}, {"number", "number"}, {"Number"}, {"a,b"}, {""}, make([]string, 41)} {
		assert.Equal(t, "error.columns_invalid", errKey(t, tl.settings.SetListColumns(ctx, "orders", bad)), "%q", bad)
	}
	assert.Equal(t, "error.columns_invalid", errKey(t, tl.settings.SetListColumns(ctx, "or ders", []string{"number"})))
	_, err := tl.settings.ListColumns(ctx, "../x")
	assert.Equal(t, "error.columns_invalid", errKey(t, err))
	cols, err := tl.settings.ListColumns(ctx, "orders")
	require.NoError(t, err)
	assert.Equal(t, []string{"number"}, cols)
}
