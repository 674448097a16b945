package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// R-L4: the payment and delivery status filters offer the ERP's names and
// filter on their codes; the hidden Payment status and Fulfilled at pickup
// point columns show the names and the mark (R-L3); numbers read naturally.
func TestStatusFiltersByTheERPsNamesAndTheHiddenColumns(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	var orders []pos.Document
	for i := 1; i <= 10; i++ {
		orders = append(orders, store.confirmedOrder(t, "UNDEF", 1, i))
	}
	paid := orders[9]
	paid.PaymentStatus, paid.FulfilledAtPickup = "paid", true
	require.NoError(t, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &paid))
	store.settings["columns.orders"] = "number,payment_status,fulfilled"
	f := ordersOnTill(t, store, manager, managerPIN)
	// The list reads the dictionaries as it opens: opened again with them.
	f.uc.Orders.WithDeliveryPoints(newMemPoints())
	f.s = newOrdersScreen(context.Background(), f.deps(), ordersNav{back: func() {}}, "")
	f.w = showOnTill(t, f.s.view)
	require.Greater(t, len(f.s.list.rows), 2)
	assert.Equal(t, orders[1].Number, f.s.list.rows[1].Number, "COMC/2 second, not COMC/10")
	shown := texts(f.w)
	assert.Contains(t, shown, "Payment status")
	assert.Contains(t, shown, "At point")

	test.Tap(f.s.more)
	sel := findTop(f.w, func(s *widget.Select) bool { return slices.Contains(s.Options, "Any payment status") })
	require.NotNil(t, sel)
	assert.Equal(t, []string{"Any payment status", "Paid"}, sel.Options)
	delivery := findTop(f.w, func(s *widget.Select) bool { return slices.Contains(s.Options, "Any delivery status") })
	assert.Equal(t, []string{"Any delivery status", "Ready for pickup"}, delivery.Options)
	sel.SetSelected("Paid")
	tapTop(t, f.w, "OK")

	shown = texts(f.w)
	assert.Equal(t, "paid", f.s.filter.PaymentStatus)
	assert.Contains(t, shown, paid.Number)
	assert.NotContains(t, shown, orders[1].Number)
	assert.Contains(t, shown, "Paid", "the ERP's name, not the code")
	assert.Contains(t, shown, "Yes", "fulfilled at its pickup point")
	assert.Contains(t, shown, "Filters (1)")
}
