package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// searchRemote is a data service that answers searches with its docs whose
// number starts with the one asked, and fetches them; down, it answers
// nothing. A search for a number in held waits until its channel closes: a
// slow service.
type searchRemote struct {
	app.Remote // any other call panics: the list makes none
	docs       []app.RemoteDocument
	down       bool
	held       map[string]chan struct{}
}

func (r searchRemote) Search(_ context.Context, q app.RemoteSearch) ([]app.RemoteDocument, bool, error) {
	if wait, ok := r.held[q.Number]; ok {
		<-wait
	}
	if r.down {
		return nil, false, pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	var out []app.RemoteDocument
	for _, d := range r.docs {
		if strings.HasPrefix(d.Document.Number, q.Number) {
			out = append(out, d)
		}
	}
	return out, false, nil
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

// R-L4: a number search that finds only the service's order takes it, once
// the service's answer is in: it is fetched into this till, where it is
// selected and acted on like any other.
func TestOrdersListFetchesTheServicesRow(t *testing.T) {
	store, f := remoteList(t, searchRemote{docs: []app.RemoteDocument{{Document: remoteOrder, Version: 1}}})
	f.s.findNumber("COMC/7")
	assert.Empty(t, f.s.list.rows, "nothing here, the service not answered yet")

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
	requireText(t, f.w, "Searching the data service too…")
	f.settle()
	assert.True(t, f.s.localOnly.Visible())
	requireText(t, f.w, "Local results only: the data service does not answer, documents of other terminals are not shown.")

	f.s.orders = app.NewOrders(f.store, searchRemote{}, f.uc.Session, fixedClock)
	f.s.findNumber("COMC/8")
	f.settle()
	assert.False(t, f.s.localOnly.Visible())
}

// R-L4: the list does not wait for a slow service. The local rows show at
// once and may be selected; the service's join them, marked, when they come,
// and the selection stays.
func TestOrdersListShowsLocalRowsWhileTheServiceSearches(t *testing.T) {
	slow := make(chan struct{})
	store, f := remoteList(t, searchRemote{docs: []app.RemoteDocument{{Document: remoteOrder, Version: 1}},
		held: map[string]chan struct{}{"COMC/": slow}})
	local := store.confirmedOrder(t, "C0001", 1, 1)
	f.s.findNumber("COMC/")

	require.Len(t, f.s.list.rows, 1, "the local row, at once")
	requireText(t, f.w, "Searching the data service too…")
	f.selectRow(t, local.Number)

	close(slow)
	f.settle()
	require.Len(t, f.s.list.rows, 2)
	assert.Equal(t, local.Number, f.s.list.rows[0].Number)
	assert.True(t, f.s.list.rows[1].Remote)
	requireText(t, f.w, remoteMark+remoteOrder.Number)
	assert.False(t, f.s.localOnly.Visible(), "the service answered")
	require.NotNil(t, f.s.sel)
	assert.Equal(t, local.ID, f.s.sel.ID, "still the row tapped")
}

// R-L4: the service's answer to a number no longer searched for is dropped,
// even when it comes after the answer to the number searched now.
func TestOrdersListDropsTheAnswerToAnOlderSearch(t *testing.T) {
	older := make(chan struct{})
	other := remoteOrder
	other.ID, other.Number, other.BarcodeNo = "remote-2", "COMC/8/2026/KRPOS2", "11000200000000000088"
	_, f := remoteList(t, searchRemote{docs: []app.RemoteDocument{{Document: remoteOrder, Version: 1}, {Document: other, Version: 1}},
		held: map[string]chan struct{}{"COMC/7": older}})
	// Each answer is known to be queued for the UI thread before the next step.
	posted := make(chan struct{}, 2)
	f.work.post = func(fn func()) {
		f.thread.post(fn)
		posted <- struct{}{}
	}

	f.s.findNumber("COMC/7")
	f.s.findNumber("COMC/8")
	<-posted // COMC/8's answer
	close(older)
	<-posted // then COMC/7's
	f.settle()

	require.Len(t, f.s.list.rows, 1)
	assert.Equal(t, other.Number, f.s.list.rows[0].Number)
}
