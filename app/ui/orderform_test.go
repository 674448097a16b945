package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// formFixture is the form on a new document, with what it handed back.
type formFixture struct {
	store *docStore
	uc    UseCases
	f     *orderForm
	w     fyne.Window
	done  []*pos.Document
	left  int
	// thread and work run the form's prints as the UI would, settled by hand.
	thread *uiThread
	work   *tasks
}

func formOnTill(tb testing.TB, store *docStore, k pos.Kind) *formFixture {
	tb.Helper()
	return formOnTillWith(tb, store, k, nil, nil)
}

// formOnTillWith is formOnTill with delivery points, warehouses and
// dictionaries behind the use cases, and prepare to change the new document
// before the form opens it.
func formOnTillWith(tb testing.TB, store *docStore, k pos.Kind, points app.DeliveryPointStore, prepare func(*pos.Document)) *formFixture {
	tb.Helper()
	x := &formFixture{store: store, uc: ordersUseCases(tb, store), thread: &uiThread{}}
	if points != nil {
		x.uc.Orders.WithDeliveryPoints(points)
	}
	x.work = &tasks{post: x.thread.post}
	tb.Cleanup(x.work.wait)
	loginAs(tb, x.uc, manager, managerPIN)
	d, err := x.uc.Orders.New(context.Background(), k)
	require.NoError(tb, err)
	if prepare != nil {
		prepare(d)
	}
	deps := ordersDeps{orders: x.uc.Orders, settings: x.uc.Settings, session: x.uc.Session,
		printing: x.uc.Printing, clock: fixedClock, tasks: x.work, log: zerolog.Nop()}
	x.f = newOrderForm(context.Background(), deps, d, func(c *pos.Document) {
		if c == nil {
			x.left++
			return
		}
		x.done = append(x.done, c)
	})
	x.w = showOnTill(tb, x.f.view)
	return x
}

// settle lets the prints in flight finish and show their outcome.
func (x *formFixture) settle() { x.thread.settle(x.work) }

func TestConfirmWithoutALineSaysM12(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)

	tapText(t, x.w, "Confirm")

	requireText(t, x.w, "No line entered. Update impossible.")
	assert.Empty(t, x.done, "the form stays")
	assert.Zero(t, x.store.saves, "nothing stored")
}

func TestScannedLineWithPlusMinusKeypadPriceAndRemove(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	scan(x.f.scan, "5900000000004")
	scan(x.f.scan, "P010")
	require.Equal(t, 1, x.f.current, "the line just scanned is selected")
	assert.Equal(t, "Product 010", x.f.lineName.Text)
	assert.True(t, x.f.minus.Disabled(), "one is the least − goes to")

	tapText(t, x.w, "Product 004")
	test.Tap(x.f.plus)
	test.Tap(x.f.plus)
	assert.Equal(t, "3", x.f.qty.Text)
	test.Tap(x.f.minus)
	assert.Equal(t, pos.Units(2), x.f.doc.Lines[0].Qty)
	assert.Equal(t, "20.97", x.f.grandTotal.Text) // 2 × 4.99 + 10.99

	// A weighed quantity on the keypad: the first key replaces the quantity
	// shown.
	test.Tap(x.f.qtyButton)
	for _, k := range []string{"1", ".", "5"} {
		tapTop(t, x.w, k)
	}
	tapTop(t, x.w, "OK")
	assert.Equal(t, pos.Qty(15000), x.f.doc.Lines[0].Qty)
	assert.Equal(t, "1.5", x.f.qty.Text)

	// A manager may lower a price (discount right).
	test.Tap(x.f.price)
	tapTop(t, x.w, "Clear")
	for _, k := range []string{"3", ".", "5", "0"} {
		tapTop(t, x.w, k)
	}
	tapTop(t, x.w, "OK")
	assert.Equal(t, pos.Money(350), x.f.doc.Lines[0].Price)
	assert.Equal(t, "16.24", x.f.grandTotal.Text) // 1.5 × 3.50 + 10.99

	test.Tap(x.f.remove)
	require.Len(t, x.f.doc.Lines, 1)
	assert.Equal(t, "Product 010", x.f.doc.Lines[0].Name)
	assert.Equal(t, "10.99", x.f.grandTotal.Text)
}

func TestBadQuantityStaysInTheKeypad(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	scan(x.f.scan, "P004")

	test.Tap(x.f.qtyButton)
	tapTop(t, x.w, "Clear")
	tapTop(t, x.w, ".")
	tapTop(t, x.w, "OK")

	assert.Contains(t, topTexts(x.w), "“.” is not a valid quantity.")
	assert.Equal(t, pos.Units(1), x.f.doc.Lines[0].Qty, "nothing changed")
}

func TestUnknownItemSaysSo(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindQuote)
	requireText(t, x.w, "New quote")

	scan(x.f.scan, "4006381333931")

	requireText(t, x.w, "No product with code 4006381333931.")
	assert.Empty(t, x.f.doc.Lines)
}

func TestHandledByAndReference(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	assert.Equal(t, managerName, x.f.handledBy.value.Text)

	tapText(t, x.w, managerName)
	tapTop(t, x.w, cashierName)
	test.Type(x.f.reference, "PO-4471")
	scan(x.f.scan, "P001")
	tapText(t, x.w, "Save")

	requireText(t, x.w, "Saved, not confirmed yet.")
	saved := x.store.doc(t, x.f.doc.ID)
	assert.Equal(t, cashier, saved.HandledBy)
	assert.Equal(t, "PO-4471", saved.Reference)
	assert.Equal(t, pos.StatusUnconfirmed, saved.Status)
}

// Leaving with changes asks first; without changes it just leaves.
func TestLeavingAsksWhenChangesWouldBeLost(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	tapText(t, x.w, "Back")
	assert.Equal(t, 1, x.left)

	x = formOnTill(t, newDocStore(t), pos.KindOrder)
	scan(x.f.scan, "P001")
	tapText(t, x.w, "Back")
	require.Contains(t, topTexts(x.w), "The changes not saved will be lost. Leave anyway?")
	tapTop(t, x.w, "No")
	assert.Zero(t, x.left)
	tapText(t, x.w, "Back")
	tapTop(t, x.w, "Yes")
	assert.Equal(t, 1, x.left)
}

// The hidden New order tile: once shown on the terminal, it opens the form;
// the confirmed order then shows selected in the list.
func TestNewOrderTileLeadsToTheList(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	store.settings["tile.new_order"] = "1"
	tl := newOrdersTill(t, store)
	tl.logIn(t, managerName, managerPIN)

	tapText(t, tl.w, "New order")
	require.Equal(t, "order_form", tl.screen())
	scan(tl.w.Canvas().Focused().(*ScanField), "P002")
	tapText(t, tl.w, "Confirm")

	assert.Equal(t, "orders", tl.screen())
	requireText(t, tl.w, "Order COMC/1/2025/KRKASA1 · Confirmed · Retail customer · 2.99")
}
