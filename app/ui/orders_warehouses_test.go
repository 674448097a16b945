package ui

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
)

// R-F8 on the list: before a receipt for an order with a line on a
// warehouse this center (KRK) may not use, M10 is asked word for word; No
// leaves everything as it was, Yes switches the line to the center's own
// warehouse and opens the payment window; paid, the order is stored
// switched.
func TestGenerateAsksM10BeforeSwitchingWarehouses(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 1, 3, 4)
	order.Lines[1].Warehouse = "WAW-MAIN"
	require.NoError(t, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &order))
	f := ordersOnTill(t, store, manager, managerPIN)
	f.uc.Orders.WithDeliveryPoints(newMemPoints())
	f.selectRow(t, order.Number)

	m10 := "Before fulfilling the order, set available warehouses for all its items. Do it now?"
	tapText(t, f.w, "Generate document")
	tapTop(t, f.w, "Receipt")
	f.settle()
	require.Contains(t, topTexts(f.w), m10)
	tapTop(t, f.w, "No")
	assert.Nil(t, f.w.Canvas().Overlays().Top())
	assert.Equal(t, "WAW-MAIN", store.doc(t, order.ID).Lines[1].Warehouse, "No stops there")

	tapText(t, f.w, "Generate document")
	tapTop(t, f.w, "Receipt")
	f.settle()
	tapTop(t, f.w, "Yes")
	f.settle()
	tapTop(t, f.w, "Card")
	tapTop(t, f.w, "Confirm payment")
	f.settle()
	require.Len(t, store.issuedFor(order.Number), 1)
	assert.Equal(t, "KRK-MAIN", store.doc(t, order.ID).Lines[1].Warehouse)
}
