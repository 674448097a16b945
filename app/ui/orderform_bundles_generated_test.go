package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// A receipt for part of an order whose two duos were bundled on the order
// (R-G4, R-G2, R-O5): in its lines, a bundled line's quantity asks M7 (No
// changes nothing, Yes recalculates the bundles over the whole receipt); an
// item scanned beyond the order shows green and may be removed; the amount
// due follows, and once paid the order is In progress, the rest to deliver.
func TestGeneratedLinesPartialQuantityM7AndItemsBeyondTheOrder(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 2, 1, 2) // 2 × 1.99 and 2 × 2.99
	n, err := pos.ApplyBundles(&order, []pos.Bundle{duo})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.NoError(t, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &order))
	f := ordersOnTill(t, store, manager, managerPIN)
	orders := app.NewOrders(bundleStore{docStore: store, bundles: []pos.Bundle{duo}}, nil, f.uc.Session, fixedClock)
	deps := f.deps()
	deps.orders = orders
	g, err := orders.Generate(context.Background(), order.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	p := newPaymentWindow(context.Background(), deps, f.w.Canvas(), g, func(bool) {})
	assert.Equal(t, "8.00", p.dueLabel.Text, "two duos at 4.00, copied from the order")

	tapTop(t, f.w, "Lines")
	assert.Contains(t, topTexts(f.w), "Receipt for order "+order.Number+" — lines")
	tapTop(t, f.w, "Product 001 · bundle DUO")
	tapKeys(t, f.w, "1", "Set quantity")
	assert.Contains(t, topTexts(f.w), "This change will remove the bundle. Do you want to continue?")
	tapTop(t, f.w, "No")
	assert.Equal(t, pos.Units(2), g.Doc.Lines[0].Qty, "No changes nothing")
	tapKeys(t, f.w, "1", "Set quantity")
	tapTop(t, f.w, "Yes")
	assert.Equal(t, []linePrice{{"P001", pos.Units(1), 160}, {"P002", pos.Units(1), 240}, {"P002", pos.Units(1), 299}},
		prices(g.Doc), "one duo left, the other Product 002 at its price")

	scan(findTop(f.w, func(s *ScanField) bool { return true }), "P003")
	added := findTop(f.w, func(l *widget.Label) bool { return l.Text == "Product 003" })
	require.NotNil(t, added)
	assert.Equal(t, widget.SuccessImportance, added.Importance, "beyond the order: green")
	first := findTop(f.w, func(l *widget.Label) bool { return l.Text == "Product 001 · bundle DUO" })
	require.NotNil(t, first, "a bundled line says so")
	assert.Equal(t, widget.MediumImportance, first.Importance)
	remove := findTop(f.w, func(b *widget.Button) bool { return b.Importance == widget.DangerImportance })
	require.NotNil(t, remove)
	assert.False(t, remove.Disabled(), "a line beyond the order can be removed")
	assert.Len(t, g.Doc.Lines, 4)
	test.Tap(remove)
	assert.Len(t, g.Doc.Lines, 3)
	tapTop(t, f.w, "Product 001 · bundle DUO")
	assert.True(t, remove.Disabled(), "a line of the order delivers 0 instead")
	tapTop(t, f.w, "OK")
	assert.Equal(t, "6.99", p.dueLabel.Text, "1.60 + 2.40 + 2.99")

	pay(t, f, p, "Card")
	tapTop(t, f.w, "Confirm payment")
	f.settle()
	assert.Equal(t, pos.StatusInProgress, store.doc(t, order.ID).Status, "one Product 001 is left to deliver")
}

// "Copy quantity from COMC" off (R-G2): the receipt's lines come at zero and
// nothing is due; [Copy quantities from the order] fills what is left to
// deliver; the cashier then delivers less of one line, and the order stays
// In progress with the rest.
func TestZeroQuantitiesThenCopyFromTheOrderThenDeliverLess(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	store.params.CopyQtyFromOrder = false
	order := store.confirmedOrder(t, "UNDEF", 2, 1, 2) // 2 × 1.99 and 2 × 2.99
	f := ordersOnTill(t, store, manager, managerPIN)
	g, err := f.uc.Orders.Generate(context.Background(), order.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	p := newPaymentWindow(context.Background(), f.deps(), f.w.Canvas(), g, func(bool) {})
	assert.Equal(t, "0.00", p.dueLabel.Text)

	for _, l := range g.Doc.Lines {
		assert.Zero(t, l.Qty, "nothing delivered yet")
		assert.Equal(t, pos.Units(2), l.FromOrder, "two of each left to deliver")
	}
	tapTop(t, f.w, "Copy quantities from the order")
	assert.Equal(t, "9.96", p.dueLabel.Text)
	assert.True(t, p.copyQty.Hidden, "nothing left to copy")

	tapTop(t, f.w, "Lines")
	tapTop(t, f.w, "Product 002")
	tapKeys(t, f.w, "1", "Set quantity")
	tapTop(t, f.w, "OK")
	assert.Equal(t, "6.97", p.dueLabel.Text, "2 × 1.99 + 1 × 2.99")
	pay(t, f, p, "Card")
	tapTop(t, f.w, "Confirm payment")
	f.settle()
	assert.Equal(t, pos.StatusInProgress, store.doc(t, order.ID).Status)
	assert.Equal(t, []pos.Qty{0, pos.Units(1)}, pos.ToDeliver(ptr(store.doc(t, order.ID)), related(t, store, order.ID)))
}

func ptr[T any](v T) *T { return &v }

func related(tb testing.TB, store *docStore, orderID string) []pos.Related {
	tb.Helper()
	rel, err := store.RelatedDocuments(context.Background(), orderID)
	require.NoError(tb, err)
	return rel
}
