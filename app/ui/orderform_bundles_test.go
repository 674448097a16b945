package ui

import (
	"context"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// bundleStore is the orders fixture with the ERP's bundle definitions
// (app.BundleSource).
type bundleStore struct {
	*docStore
	bundles []pos.Bundle
}

func (s bundleStore) Bundles(context.Context) ([]pos.Bundle, error) { return s.bundles, nil }

// duo is a bundle of Product 001 (1.99) and Product 002 (2.99) for 4.00.
var duo = pos.Bundle{Code: "DUO", Name: "Duo", Price: 400, Active: true,
	Items: []pos.BundleItem{{ProductCode: "P001", Qty: pos.Units(1)}, {ProductCode: "P002", Qty: pos.Units(1)}}}

// bundleForm is the form on a new order of one Product 001 and one Product
// 002, with the duo bundle defined.
func bundleForm(tb testing.TB) *formFixture {
	tb.Helper()
	store := newDocStore(tb)
	x := &formFixture{store: store, uc: ordersUseCases(tb, store), thread: &uiThread{}}
	x.uc.Orders = app.NewOrders(bundleStore{docStore: store, bundles: []pos.Bundle{duo}}, nil, x.uc.Session, fixedClock)
	x.work = &tasks{post: x.thread.post}
	tb.Cleanup(x.work.wait)
	loginAs(tb, x.uc, manager, managerPIN)
	d, err := x.uc.Orders.New(context.Background(), pos.KindOrder)
	require.NoError(tb, err)
	deps := ordersDeps{orders: x.uc.Orders, settings: x.uc.Settings, session: x.uc.Session,
		printing: x.uc.Printing, clock: fixedClock, tasks: x.work, log: zerolog.Nop()}
	x.f = newOrderForm(context.Background(), deps, d, func(c *pos.Document) { x.done = append(x.done, c) })
	x.w = showOnTill(tb, x.f.view)
	scan(x.f.scan, "P001")
	scan(x.f.scan, "P002")
	return x
}

// prices are the lines' product codes, quantities and unit prices.
type linePrice struct {
	code  string
	qty   pos.Qty
	price pos.Money
}

func prices(d *pos.Document) []linePrice {
	out := make([]linePrice, len(d.Lines))
	for i, l := range d.Lines {
		out[i] = linePrice{l.ProductCode, l.Qty, l.Price}
	}
	return out
}

// [Apply bundles] reprices the two lines to the bundle's 4.00; the key then
// reads [Remove bundles], which gives them their prices back (R-F6).
func TestApplyAndRemoveBundlesOnTheForm(t *testing.T) {
	newTestApp(t, "en")
	x := bundleForm(t)
	requireText(t, x.w, "4.98")

	tapText(t, x.w, "Apply bundles")
	requireText(t, x.w, "Bundles applied: 1.")
	assert.Equal(t, []linePrice{{"P001", pos.Units(1), 160}, {"P002", pos.Units(1), 240}}, prices(x.f.doc),
		"4.00 split in proportion to 1.99 and 2.99")
	assert.Equal(t, "4.00", x.f.grandTotal.Text)
	requireText(t, x.w, "Product 001 · bundle DUO")

	tapText(t, x.w, "Remove bundles")
	requireText(t, x.w, "Bundles removed: the lines are at their prices again.")
	assert.Equal(t, []linePrice{{"P001", pos.Units(1), 199}, {"P002", pos.Units(1), 299}}, prices(x.f.doc))
	assert.Equal(t, "4.98", x.f.grandTotal.Text)
	for _, l := range x.f.doc.Lines {
		assert.Empty(t, l.BundleID)
	}

	x.f.selectLine(1)
	x.f.remove.OnTapped()
	tapText(t, x.w, "Apply bundles")
	requireText(t, x.w, "No bundle applies to these lines.")
	assert.Equal(t, []linePrice{{"P001", pos.Units(1), 199}}, prices(x.f.doc))
}

// M7 on changing the quantity of a bundled line (R-G4): No leaves everything
// as it was, Yes changes it and calculates the bundles again over the whole
// document.
func TestBundledLineQuantityAsksM7(t *testing.T) {
	newTestApp(t, "en")
	x := bundleForm(t)
	tapText(t, x.w, "Apply bundles")
	bundled := prices(x.f.doc)
	x.f.selectLine(0)

	x.f.plus.OnTapped()
	assert.Contains(t, topTexts(x.w), "This change will remove the bundle. Do you want to continue?")
	tapTop(t, x.w, "No")
	assert.Equal(t, bundled, prices(x.f.doc), "No changes nothing")
	assert.Nil(t, x.w.Canvas().Overlays().Top())

	x.f.plus.OnTapped()
	tapTop(t, x.w, "Yes")
	assert.Equal(t, []linePrice{{"P001", pos.Units(1), 160}, {"P001", pos.Units(1), 199}, {"P002", pos.Units(1), 240}},
		prices(x.f.doc), "two of Product 001: one in the bundle again, one at its price")
	assert.Equal(t, "5.99", x.f.grandTotal.Text)

	// The quantity keypad asks the same.
	x.f.selectLine(2)
	x.f.qtyButton.OnTapped()
	tapKeys(t, x.w, "3")
	tapTop(t, x.w, "OK")
	assert.Contains(t, topTexts(x.w), "This change will remove the bundle. Do you want to continue?")
	tapTop(t, x.w, "No")
	assert.Equal(t, pos.Units(1), x.f.doc.Lines[2].Qty, "No changes nothing")
}

// M7 on removing a bundled line: No keeps it, Yes removes it and the bundle
// it broke gives the other line its price back.
func TestRemovingABundledLineAsksM7(t *testing.T) {
	newTestApp(t, "en")
	x := bundleForm(t)
	tapText(t, x.w, "Apply bundles")
	x.f.selectLine(1)
	tapText(t, x.w, "Save")
	require.False(t, x.f.dirty)

	x.f.remove.OnTapped()
	tapTop(t, x.w, "No")
	assert.Len(t, x.f.doc.Lines, 2, "No keeps the line")
	assert.False(t, x.f.dirty, "nor marks the form changed")

	x.f.remove.OnTapped()
	tapTop(t, x.w, "Yes")
	assert.Equal(t, []linePrice{{"P001", pos.Units(1), 199}}, prices(x.f.doc))
	assert.Equal(t, "1.99", x.f.grandTotal.Text)
}
