package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// pointsTill is a till whose orders use cases read delivery points,
// warehouses and dictionaries from its database.
func pointsTill(tb testing.TB, operator string) (*till, *app.Orders) {
	tb.Helper()
	tl := newTill(tb)
	require.NoError(tb, tl.session.Login(context.Background(), operator, demo.PINs[operator]))
	return tl, app.NewOrders(tl.db, nil, tl.session, tl.clock).WithDeliveryPoints(tl.db)
}

func choiceCodes(cs []app.DeliveryChoice) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Code)
	}
	return out
}

// R-F2: the four kinds, own center first, the customer's own points, the
// filter on name and address.
func TestDeliveryChoicesOfEachKind(t *testing.T) {
	_, o := pointsTill(t, "ANNA")
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, o.SetCustomer(ctx, d, "C0002"))

	home, err := o.DeliveryChoices(ctx, d, pos.DeliveryHome, "")
	require.NoError(t, err)
	require.Len(t, home, 1)
	assert.Equal(t, "Atelier Bellini SRL", home[0].Name)
	assert.Equal(t, "Via Roma 8", home[0].Address.Street)

	stores, err := o.DeliveryChoices(ctx, d, pos.DeliveryStore, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"DP-XYZ", "DP-LYON"}, choiceCodes(stores), "own center first")
	assert.True(t, stores[0].Own)

	ws, err := o.DeliveryChoices(ctx, d, pos.DeliveryWarehouse, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"DP-CENTRAL"}, choiceCodes(ws))

	cust, err := o.DeliveryChoices(ctx, d, pos.DeliveryCustomer, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"DP-C0002"}, choiceCodes(cust), "only the customer's")

	for filter, want := range map[string][]string{"lyon": {"DP-LYON"}, "75011": {"DP-XYZ"}, "république": {"DP-XYZ", "DP-LYON"}, "nowhere": nil} {
		got, err := o.DeliveryChoices(ctx, d, pos.DeliveryStore, filter)
		require.NoError(t, err)
		assert.Equal(t, want, choiceCodes(got), filter)
	}
}

// R-F2: the recipient's addresses replace the customer's; changing the
// customer or removing the recipient clears the delivery point; confirmed,
// it no longer changes.
func TestDeliveryPointClearedByCustomerAndRecipientFixedOnceConfirmed(t *testing.T) {
	tl, o := pointsTill(t, "ANNA")
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, o.SetCustomer(ctx, d, "C0002"))
	require.NoError(t, o.SetRecipient(ctx, d, "R0002-1"))
	home, err := o.DeliveryChoices(ctx, d, pos.DeliveryHome, "")
	require.NoError(t, err)
	require.Len(t, home, 1)
	assert.Equal(t, "Cantiere Navigli", home[0].Name)

	require.NoError(t, o.SetDeliveryPoint(d, home[0].Code))
	c, ok, err := o.DeliveryPoint(ctx, d)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "Alzaia Naviglio Grande 40", c.Address.Street)

	require.NoError(t, o.SetRecipient(ctx, d, ""))
	assert.Empty(t, d.DeliveryPoint, "removing the recipient clears it")
	assert.Equal(t, "error.recipient_unknown", errKey(t, o.SetRecipient(ctx, d, "R9")))

	require.NoError(t, o.SetDeliveryPoint(d, "DP-LYON"))
	c, ok, err = o.DeliveryPoint(ctx, d)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "Magasin Lyon", c.Name)
	require.NoError(t, o.SetCustomer(ctx, d, "C0001"))
	assert.Empty(t, d.DeliveryPoint, "changing the customer clears it")

	require.NoError(t, o.SetDeliveryPoint(d, "DP-XYZ"))
	require.NoError(t, o.AddItem(ctx, d, "FAN-01", pos.Units(1)))
	require.NoError(t, o.SetAttribute(ctx, d, "FLOOR", "2"))
	require.NoError(t, o.Confirm(ctx, d))
	assert.Equal(t, "error.form_confirmed", errKey(t, o.SetDeliveryPoint(d, "")))
	stored, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "DP-XYZ", stored.DeliveryPoint)
	_ = tl
}

// R-F3 and R-F1: payment method among the terminal's, dates as days not
// before the document's; R-F4: statuses with their rights.
func TestPaymentMethodDatesAndStatuses(t *testing.T) {
	tl, o := pointsTill(t, "ANNA")
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, o.SetCustomer(ctx, d, "C0002"))
	assert.Equal(t, "CASH", d.PaymentMethod, "transfer is not taken here: Cash")
	assert.Equal(t, tl.clock.Now().AddDate(0, 0, 30), d.DueDate)

	require.NoError(t, o.SetPaymentMethod(ctx, d, "CARD"))
	assert.Equal(t, "CARD", d.PaymentMethod)
	assert.Equal(t, "error.payment_method_unavailable", errKey(t, o.SetPaymentMethod(ctx, d, "TRANSFER")))

	tomorrow := tl.clock.Now().AddDate(0, 0, 1)
	require.NoError(t, o.SetDeliveryDate(d, tomorrow.Add(5*time.Hour)))
	assert.Equal(t, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), d.DeliveryDate)
	assert.Equal(t, "error.date_past", errKey(t, o.SetDueDate(d, tl.clock.Now().AddDate(0, 0, -1))))
	require.NoError(t, o.SetDueDate(d, time.Time{}))
	assert.True(t, d.DueDate.IsZero())

	entries, err := o.DictEntries(ctx, pos.DictDeliveryStatus)
	require.NoError(t, err)
	assert.Len(t, entries, 3)
	require.NoError(t, o.SetDictStatus(ctx, d, pos.DictDeliveryStatus, "ready"))
	assert.Equal(t, "ready", d.DeliveryStatus)
	assert.Equal(t, "error.dict_value_unknown", errKey(t, o.SetDictStatus(ctx, d, pos.DictDeliveryStatus, "lost")))
	assert.Equal(t, "error.right_missing", errKey(t, o.SetDictStatus(ctx, d, pos.DictPaymentStatus, "paid")),
		"cashiers have no payment status right")
}

// R-F8: lines on a warehouse the center may not use are found, and switched
// to the center's own warehouse; CENTRAL is available to XYZ and stays.
func TestUnavailableWarehousesSwitchToTheCentersOwn(t *testing.T) {
	_, o := pointsTill(t, "ANNA")
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, o.AddItem(ctx, d, "FAN-01", pos.Units(1)))
	require.NoError(t, o.AddItem(ctx, d, "MIX-01", pos.Units(1)))
	d.Lines = append(d.Lines, d.Lines[0])
	d.Lines[0].Warehouse = "CENTRAL"
	d.Lines[1].Warehouse = "GONE"
	d.Lines[2].Warehouse = "LYON-STOCK"

	bad, err := o.UnavailableWarehouses(ctx, d)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, bad)

	n, err := o.SwitchWarehouses(ctx, d)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, "CENTRAL", d.Lines[0].Warehouse)
	assert.Equal(t, "XYZ-BACK", d.Lines[1].Warehouse)
	assert.Equal(t, "XYZ-BACK", d.Lines[2].Warehouse)
	bad, err = o.UnavailableWarehouses(ctx, d)
	require.NoError(t, err)
	assert.Empty(t, bad)

}

// R-F8: before a receipt, an order with a line on a warehouse the center may
// not use is refused with M10; with the operator's consent the receipt and
// the order, stored together when paid, are on available warehouses.
func TestGenerateAsksM10ThenSwitchesTheOrdersWarehouses(t *testing.T) {
	tl, o := pointsTill(t, "ANNA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, app.NewOrders(tl.db, nil, tl.session, tl.clock))
	d.Lines[1].Warehouse = "LYON-STOCK"
	require.NoError(t, tl.db.SaveDocument(ctx, d, tl.clock.Now()))

	_, err := o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	assert.Equal(t, pos.MsgSetWarehouses, errKey(t, err))
	stored, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "LYON-STOCK", stored.Lines[1].Warehouse, "No changes nothing")

	g, err := o.Generate(ctx, d.ID, pos.KindReceipt, app.ConsentSwitchWarehouses)
	require.NoError(t, err)
	assert.Equal(t, "XYZ-BACK", g.Doc.Lines[1].Warehouse)
	_, err = g.Pay(ctx, []pos.Tender{{Method: "CASH", Type: pos.PaymentCash, Amount: 13497}})
	require.NoError(t, err)
	stored, _, err = o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, "XYZ-BACK", stored.Lines[1].Warehouse, "the order is stored switched with its receipt")
	assert.Equal(t, pos.StatusCompleted, stored.Status)
}

// R-F2 [Add address]: an address added on the form is the recipient's (or
// the customer's) home delivery choice on this document only, chosen at
// once; another point, recipient or customer drops it. R-F1: fulfilled at
// the pickup point, until confirmation.
func TestAddedAddressStaysOnTheDocument(t *testing.T) {
	_, o := pointsTill(t, "ANNA")
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, o.SetCustomer(ctx, d, "C0002"))
	require.NoError(t, o.SetRecipient(ctx, d, "R0002-1"))
	assert.Equal(t, "error.address_incomplete", errKey(t, o.AddDeliveryAddress(ctx, d, pos.Address{Street: "Via Roma 1"})))
	require.NoError(t, o.AddDeliveryAddress(ctx, d, pos.Address{Street: " Via Roma 1 ", Postcode: "20121", City: "Milano"}))

	c, ok, err := o.DeliveryPoint(ctx, d)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "Cantiere Navigli", c.Name)
	assert.Equal(t, "Via Roma 1", c.Address.Street)
	home, err := o.DeliveryChoices(ctx, d, pos.DeliveryHome, "")
	require.NoError(t, err)
	assert.Len(t, home, 2, "the added address, then the recipient's own")

	require.NoError(t, o.SetDeliveryPoint(d, home[1].Code))
	assert.Nil(t, d.DeliveryAddress, "another point drops it")
	require.NoError(t, o.AddDeliveryAddress(ctx, d, pos.Address{Street: "Via Roma 1", City: "Milano"}))
	require.NoError(t, o.SetCustomer(ctx, d, "C0001"))
	assert.Nil(t, d.DeliveryAddress, "another customer drops it")

	require.NoError(t, o.SetFulfilledAtPickup(d, true))
	require.NoError(t, o.SetDeliveryPoint(d, "DP-XYZ"))
	require.NoError(t, o.AddItem(ctx, d, "FAN-01", pos.Units(1)))
	require.NoError(t, o.SetAttribute(ctx, d, "FLOOR", "0"))
	require.NoError(t, o.Confirm(ctx, d))
	assert.Equal(t, "error.form_confirmed", errKey(t, o.SetFulfilledAtPickup(d, false)))
	stored, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.True(t, stored.FulfilledAtPickup)
}
