package ui

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// searchRemote is a data service that only answers searches, with docs.
type searchRemote struct {
	app.Remote // any other call panics: the list makes none
	docs       []app.RemoteDocument
}

func (r searchRemote) Search(context.Context, app.RemoteSearch) ([]app.RemoteDocument, bool, error) {
	return r.docs, false, nil
}

// TestOrdersListMarksTheServicesRows: with the search method local + data
// service, a number search shows the service's order marked with the cloud,
// and tapping it selects nothing (it is not stored here).
func TestOrdersListMarksTheServicesRows(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	store.params.SearchMethod = pos.SearchLocalAndERP
	d := pos.Document{ID: "remote-1", Kind: pos.KindOrder, Number: "COMC/7/2026/KRPOS2", Status: pos.StatusConfirmed,
		Source: pos.SourceTerminal, Customer: "C0001", VATMethod: pos.VATFromGross,
		Lines: []pos.Line{{ProductCode: "FAN-01", Name: "Fan", Unit: "pcs", Qty: pos.Units(1), Price: 3499, VATRate: 2000}}}
	f := ordersOnTill(t, store, manager, managerPIN)
	f.uc.Orders = app.NewOrders(store, searchRemote{docs: []app.RemoteDocument{{Document: d, Version: 1}}}, f.uc.Session, fixedClock)
	f.s.orders = f.uc.Orders

	f.s.findNumber("COMC/7")
	require.Len(t, f.s.list.rows, 1)
	assert.True(t, f.s.list.rows[0].Remote)
	requireText(t, f.w, remoteMark+"COMC/7/2026/KRPOS2")
	assert.Nil(t, f.s.sel, "a row only the service has is not selected")
}
