package e2e

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// TestRemoteSearchMergesTheServicesRows: with the demo's search method local +
// data service (R-M2), a number search on KRKASA1 finds the order KRPOS2 has
// just sent, which KRKASA1 has not pulled yet, marked Remote after the local
// rows; a scan of its barcode finds it too. The same search with the service
// stopped gives the local rows only, flagged, without an error (R-L4, R-X1).
func TestRemoteSearchMergesTheServicesRows(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	a := newTill(t, c, s, "KRKASA1", "ANNA")
	b := newTill(t, c, s, "KRPOS2", "PIOTR")
	a.sync(t)
	ctx := context.Background()
	p, err := a.db.Params(ctx)
	require.NoError(t, err)
	require.Equal(t, pos.SearchLocalAndERP, p.SearchMethod)

	d, err := b.orders.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, b.orders.AddItem(ctx, d, "FAN-01", pos.Units(2)))
	require.NoError(t, b.orders.Confirm(ctx, d))
	b.sync(t)

	local, err := a.orders.List(ctx, app.DocFilter{Limit: 50})
	require.NoError(t, err)
	require.NotEmpty(t, local, "KRKASA1 pulled the ERP's orders")
	for _, r := range local {
		require.NotEqual(t, d.ID, r.ID, "KRKASA1 has not pulled KRPOS2's order yet")
	}

	// "COMC/" is every order's prefix: the local ones, then the service's
	// others, KRPOS2's first (the service also reaches orders the pull does
	// not bring, such as cancelled ones).
	res, err := a.orders.Search(ctx, app.DocFilter{Number: "COMC/", Limit: 50})
	require.NoError(t, err)
	assert.False(t, res.LocalOnly)
	require.Greater(t, len(res.Rows), len(local))
	for i, r := range res.Rows {
		assert.Equal(t, i >= len(local), r.Remote, "%s", r.Number)
	}
	first := res.Rows[len(local)]
	assert.Equal(t, d.ID, first.ID)
	assert.Equal(t, d.Number, first.Number)
	assert.Equal(t, pos.StatusConfirmed, first.Status)
	assert.NotZero(t, first.Gross)

	res, err = a.orders.Search(ctx, app.DocFilter{Number: d.Number, Limit: 50})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1, "only the service has it")
	assert.True(t, res.Rows[0].Remote, "the service's row is marked")

	// Paging: past the local rows, the next page starts with the service's.
	res, err = a.orders.Search(ctx, app.DocFilter{Number: "COMC/", Offset: len(local), Limit: 1})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)
	assert.Equal(t, d.ID, res.Rows[0].ID)

	res, err = a.orders.Search(ctx, app.DocFilter{Number: string(d.BarcodeNo), Limit: 50})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1, "a scanned barcode finds exactly its document")
	assert.True(t, res.Rows[0].Remote)

	// Filters the service does not apply still hold on its rows.
	res, err = a.orders.Search(ctx, app.DocFilter{Number: string(d.BarcodeNo), Source: pos.SourceERP, Limit: 50})
	require.NoError(t, err)
	assert.Empty(t, res.Rows)

	s.stop()
	res, err = a.orders.Search(ctx, app.DocFilter{Number: "COMC/", Limit: 50})
	require.NoError(t, err, "offline, the search falls back to the local rows")
	assert.True(t, res.LocalOnly)
	assert.Equal(t, pos.CodeUnavailable, pos.ErrorCode(res.RemoteErr))
	require.Len(t, res.Rows, len(local))
	for _, r := range res.Rows {
		assert.False(t, r.Remote)
	}
}

// TestLocalSearchMethodAsksOnlyTheTill: with the search method local only,
// a number search gives the till's rows, none marked, LocalOnly unset.
func TestLocalSearchMethodAsksOnlyTheTill(t *testing.T) {
	c := &clock{now: day}
	s := startService(t, c, filepath.Join(t.TempDir(), "service.db"), "127.0.0.1:0")
	a := newTill(t, c, s, "KRKASA1", "ANNA")
	a.sync(t)
	ctx := context.Background()
	local := app.NewOrders(paramsOverride{a.db, pos.SearchLocal}, a.agent, a.session, c)

	res, err := local.Search(ctx, app.DocFilter{Number: "COMC/ERP/1001", Limit: 50})
	require.NoError(t, err)
	assert.False(t, res.LocalOnly)
	require.Len(t, res.Rows, 1)
	assert.False(t, res.Rows[0].Remote)
}

// paramsOverride is the till's store with another search method.
type paramsOverride struct {
	app.DocumentStore
	method pos.SearchMethod
}

func (p paramsOverride) Params(ctx context.Context) (pos.Params, error) {
	ps, err := p.DocumentStore.Params(ctx)
	ps.SearchMethod = p.method
	return ps, err
}
