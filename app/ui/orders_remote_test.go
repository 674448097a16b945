package ui

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// searchRemote is a data service that answers searches with docs and
// fetches them; down, it answers nothing.
type searchRemote struct {
	app.Remote // any other call panics: the list makes none
	docs       []app.RemoteDocument
	down       bool
}

func (r searchRemote) Search(context.Context, app.RemoteSearch) ([]app.RemoteDocument, bool, error) {
	if r.down {
		return nil, false, pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	return r.docs, false, nil
}

func (r searchRemote) Fetch(_ context.Context, id string) (app.RemoteDocument, error) {
	for _, d := range r.docs {
		if d.Document.ID == id {
			return d, nil
		}
	}
	return app.RemoteDocument{}, pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "document", "Key", id)
}

// remoteOrder is an order of another terminal only the service has.
var remoteOrder = pos.Document{ID: "remote-1", Kind: pos.KindOrder, Number: "COMC/7/2026/KRPOS2",
	BarcodeNo: "11000200000000000071", Status: pos.StatusConfirmed, Source: pos.SourceTerminal, Customer: "C0001",
	VATMethod: pos.VATFromGross,
	Lines:     []pos.Line{{ProductCode: "FAN-01", Name: "Fan", Unit: "pcs", Qty: pos.Units(1), Price: 3499, VATRate: 2000}}}

// remoteList is the orders list with the search method local + data
// service, over r.
func remoteList(t *testing.T, r searchRemote) (*docStore, *ordersFixture) {
	t.Helper()
	newTestApp(t, "en")
	store := newDocStore(t)
	store.params.SearchMethod = pos.SearchLocalAndERP
	f := ordersOnTill(t, store, manager, managerPIN)
	f.uc.Orders = app.NewOrders(store, r, f.uc.Session, fixedClock)
	f.s.orders = f.uc.Orders
	return store, f
}

// R-L4: a number search shows the service's order marked with the cloud;
// tapping it (here: the one row found is taken at once) fetches it into
// this till, where it is selected and acted on like any other.
func TestOrdersListFetchesTheServicesRow(t *testing.T) {
	store, f := remoteList(t, searchRemote{docs: []app.RemoteDocument{{Document: remoteOrder, Version: 1}}})
	f.s.findNumber("COMC/7")
	require.Len(t, f.s.list.rows, 1)
	assert.True(t, f.s.list.rows[0].Remote)
	requireText(t, f.w, remoteMark+"COMC/7/2026/KRPOS2")

	f.settle()
	require.NotNil(t, f.s.sel, "fetched, then selected")
	assert.Equal(t, "remote-1", f.s.sel.ID)
	stored := store.doc(t, "remote-1")
	assert.True(t, stored.Synced, "stored as the service's, handled online")
	assert.False(t, f.s.list.rows[0].Remote, "now a local row")
	requireText(t, f.w, "COMC/7/2026/KRPOS2 was fetched from the data service.")
	assert.False(t, f.s.generate.Disabled(), "a confirmed order can be acted on")
}

// R-L4: when the service should be searched and does not answer, the list
// says its rows are this till's only; a search it answers takes the notice
// away.
func TestOrdersListSaysLocalResultsOnly(t *testing.T) {
	_, f := remoteList(t, searchRemote{down: true})
	f.s.findNumber("COMC/7")
	assert.True(t, f.s.localOnly.Visible())
	requireText(t, f.w, "Local results only: the data service does not answer, documents of other terminals are not shown.")

	f.s.orders = app.NewOrders(f.store, searchRemote{}, f.uc.Session, fixedClock)
	f.s.findNumber("COMC/8")
	assert.False(t, f.s.localOnly.Visible())
}
