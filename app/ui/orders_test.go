package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// The worked example on a till: an order is built by scanning two items,
// confirmed, and the customer pays its receipt in cash with change (R-G5).
func TestScanConfirmReceiptAndCashWithChange(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	tl := newOrdersTill(t, store)
	tl.logIn(t, managerName, managerPIN)

	tapText(t, tl.w, "Orders and quotes")
	require.Equal(t, "orders", tl.screen())
	tapText(t, tl.w, "Add")
	tapTop(t, tl.w, "Order")
	require.Equal(t, "order_form", tl.screen())
	requireText(t, tl.w, "New order")

	// The scanner types into the item field, which has the keyboard.
	field, ok := tl.w.Canvas().Focused().(*ScanField)
	require.True(t, ok, "the item field takes the scans")
	scan(field, "5900000000007")
	scan(field, "5900000000012")
	requireText(t, tl.w, "Product 007")
	requireText(t, tl.w, "Product 012")
	requireText(t, tl.w, "20.98") // 7.99 + 12.99

	tapText(t, tl.w, "Confirm")
	require.Equal(t, "orders", tl.screen(), "back on the list, the order selected")
	requireText(t, tl.w, "COMC/1/2025/KRKASA1")
	requireText(t, tl.w, "Order COMC/1/2025/KRKASA1 · Confirmed · Retail customer · 20.98")

	tapText(t, tl.w, "Generate document")
	tapTop(t, tl.w, "Receipt")
	tl.thread.settle(&tl.ui.tasks)
	shown := topTexts(tl.w)
	require.Contains(t, shown, "Receipt for order COMC/1/2025/KRKASA1")
	assert.Contains(t, shown, "20.98")

	tapTop(t, tl.w, "5")
	tapTop(t, tl.w, "0")
	tapTop(t, tl.w, "Cash")
	assert.Contains(t, topTexts(tl.w), "29.02", "the change shows before confirming")
	tapTop(t, tl.w, "Confirm payment")
	tl.thread.settle(&tl.ui.tasks)

	shown = topTexts(tl.w)
	assert.Contains(t, shown, "Give back 29.02")
	assert.Contains(t, shown, "Receipt R/1/2025/KRKASA1 issued.")
	assert.Contains(t, shown, "Order COMC/1/2025/KRKASA1 is now Completed.")
	tapTop(t, tl.w, "OK")
	assert.Nil(t, tl.w.Canvas().Overlays().Top(), "the payment window closed")

	receipts := store.issuedFor("COMC/1/2025/KRKASA1")
	require.Len(t, receipts, 1)
	r := receipts[0]
	assert.Equal(t, pos.KindReceipt, r.Kind)
	assert.NotEmpty(t, r.SourceOrder, "linked to the order")
	assert.Equal(t, []pos.Payment{{Method: "CASH", Name: "Cash", Amount: 2098, Tendered: 5000}}, r.Payments)
	assert.Equal(t, pos.StatusCompleted, store.doc(t, r.SourceOrder).Status)
	requireText(t, tl.w, "Order COMC/1/2025/KRKASA1 · Completed · Retail customer · 20.98")
}

func TestButtonsFollowTheRules(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 1, 3)
	f := ordersOnTill(t, store, manager, managerPIN)

	for _, b := range []*touchButton{f.s.preview, f.s.cancel, f.s.generate, f.s.pickup} {
		assert.True(t, b.Disabled(), "nothing selected yet")
	}
	assert.False(t, f.s.add.Disabled())

	f.selectRow(t, order.Number)
	for name, b := range map[string]*touchButton{"preview": f.s.preview, "cancel": f.s.cancel, "close": f.s.closeOrder,
		"open": f.s.open, "generate": f.s.generate, "pickup": f.s.pickup, "change status": f.s.changeStatus} {
		assert.False(t, b.Disabled(), "%s on a confirmed order", name)
	}
	assert.True(t, f.s.relatedDocs.Disabled(), "no document generated yet")
}

// A receipt not cancelled blocks Cancel, Close and Open (R-O1–R-O3).
func TestCancelDisabledOnAnOrderWithALiveReceipt(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 2, 3)
	f := ordersOnTill(t, store, manager, managerPIN)
	f.selectRow(t, order.Number)
	tapText(t, f.w, "Generate document")
	tapTop(t, f.w, "Receipt")
	f.settle()
	tapTop(t, f.w, "Card")
	tapTop(t, f.w, "Confirm payment")
	f.settle()
	tapTop(t, f.w, "OK")

	require.Equal(t, pos.StatusCompleted, f.s.sel.Status)
	assert.True(t, f.s.cancel.Disabled())
	assert.True(t, f.s.closeOrder.Disabled())
	assert.True(t, f.s.open.Disabled())
	assert.True(t, f.s.generate.Disabled(), "nothing left to deliver")
	assert.False(t, f.s.relatedDocs.Disabled())

	test.Tap(f.s.relatedDocs.button)
	shown := topTexts(f.w)
	assert.Contains(t, shown, "R/1/2025/KRKASA1")
	assert.Contains(t, shown, "Receipt")
}

// An operator without the receipt right may still issue invoices: the
// chooser keeps Receipt disabled and says why.
func TestReceiptDisabledWithoutTheRight(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 1, 3)
	f := ordersOnTill(t, store, consultant, managerPIN)
	f.selectRow(t, order.Number)
	require.False(t, f.s.generate.Disabled(), "invoices are allowed")
	assert.True(t, f.s.cancel.Disabled(), "no right to cancel orders")
	assert.True(t, f.s.pickup.Disabled(), "no right to change the delivery status")

	tapText(t, f.w, "Generate document")

	assert.Contains(t, topTexts(f.w), "You are not allowed to do this (receipts).")
	tapTop(t, f.w, "Receipt")
	assert.NotNil(t, f.w.Canvas().Overlays().Top(), "a disabled Receipt does nothing")
	assert.Contains(t, topTexts(f.w), "Invoice")
}

// Why an option is refused shows each time its choice opens, when nothing
// went wrong: the log keeps it at debug, not among the errors the operator
// met.
func TestRefusedOptionsLogAtDebug(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 1, 3)
	f := ordersOnTill(t, store, consultant, managerPIN)
	var log bytes.Buffer
	deps := f.deps()
	deps.log = zerolog.New(&log).Level(zerolog.DebugLevel)
	s := newOrdersScreen(context.Background(), deps, ordersNav{back: func() {}}, order.ID)
	w := showOnTill(t, s.view)

	tapText(t, w, "Generate document")

	require.Contains(t, topTexts(w), "You are not allowed to do this (receipts).")
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	require.NotEmpty(t, lines)
	for _, line := range lines {
		var entry struct{ Level, Message string }
		require.NoError(t, json.Unmarshal([]byte(line), &entry))
		assert.Equal(t, "debug", entry.Level, line)
		assert.Equal(t, "option offered disabled", entry.Message, line)
	}
}

// A synced order without the data service: Generate asks M2 word for word;
// No leaves everything as it was; Yes issues the receipt unlinked, carrying
// the order's number (R-X2).
func TestSyncedOrderOfflineAsksM2(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 1, 3, 4)
	store.markSynced(order.ID)
	f := ordersOnTill(t, store, manager, managerPIN)
	f.selectRow(t, order.Number)

	tapText(t, f.w, "Generate document")
	tapTop(t, f.w, "Receipt")
	f.settle()
	m2 := "No connection to the data service! The document will not be associated with the order and advances will not be deducted from it. Do you want to continue?"
	require.Contains(t, topTexts(f.w), m2)
	tapTop(t, f.w, "No")
	assert.Nil(t, f.w.Canvas().Overlays().Top())
	assert.Empty(t, store.issuedFor(order.Number))

	tapText(t, f.w, "Generate document")
	tapTop(t, f.w, "Receipt")
	f.settle()
	tapTop(t, f.w, "Yes")
	f.settle()
	require.Contains(t, topTexts(f.w), "Not associated with the order: the document carries “Order: COMC/1/2025/KRKASA1” and no advance is deducted.")
	tapTop(t, f.w, "Card")
	tapTop(t, f.w, "Confirm payment")
	f.settle()
	assert.Contains(t, topTexts(f.w), "Order COMC/1/2025/KRKASA1 is unchanged; the document can be associated with it later.")

	issued := store.issuedFor(order.Number)
	require.Len(t, issued, 1)
	assert.True(t, issued[0].Unlinked())
	assert.Equal(t, order.Number, issued[0].OrderRef)
	assert.Equal(t, pos.StatusConfirmed, store.doc(t, order.ID).Status, "the order is unchanged")
}

// Pickup by customer sets the delivery status and says M8 (R-O6); it cannot
// be done twice.
func TestPickupShowsM8(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "C0001", 1, 5)
	f := ordersOnTill(t, store, manager, managerPIN)
	f.selectRow(t, order.Number)

	tapText(t, f.w, "Pickup by customer")
	f.settle()

	assert.Contains(t, topTexts(f.w), "The order fulfilment status has been changed.")
	assert.Equal(t, pos.DeliveryPickedUp, store.doc(t, order.ID).DeliveryStatus)
	tapTop(t, f.w, "OK")
	assert.True(t, f.s.pickup.Disabled(), "already picked up")
}

// Cancelling asks first; the answer Yes cancels and says so.
func TestCancelAsksThenCancels(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 1, 5)
	f := ordersOnTill(t, store, manager, managerPIN)
	f.selectRow(t, order.Number)

	tapText(t, f.w, "Cancel")
	require.Contains(t, topTexts(f.w), "Cancel COMC/1/2025/KRKASA1? This cannot be undone.")
	tapTop(t, f.w, "Yes")
	f.settle()

	assert.Equal(t, pos.StatusCancelled, store.doc(t, order.ID).Status)
	requireText(t, f.w, "COMC/1/2025/KRKASA1 is cancelled.")
	assert.True(t, f.s.cancel.Disabled())
}

// A scanned document barcode finds its document and selects it (R-L4).
func TestScannedBarcodeFindsTheDocument(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	var orders []pos.Document
	for i := 1; i <= 5; i++ {
		orders = append(orders, store.confirmedOrder(t, "UNDEF", 1, i))
	}
	f := ordersOnTill(t, store, manager, managerPIN)
	requireText(t, f.w, orders[4].Number)

	scan(f.s.scan, string(orders[2].BarcodeNo))

	shown := texts(f.w)
	assert.Contains(t, shown, orders[2].Number)
	assert.NotContains(t, shown, orders[1].Number)
	require.NotNil(t, f.s.sel)
	assert.Equal(t, orders[2].ID, f.s.sel.ID, "the one document found is selected")
	assert.Contains(t, shown, string(orders[2].BarcodeNo), "the filter shows, with its clear button")

	tapText(t, f.w, string(orders[2].BarcodeNo))
	assert.Contains(t, texts(f.w), orders[4].Number, "cleared")
}

func TestStatusAndTypeFilters(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	a := store.confirmedOrder(t, "UNDEF", 1, 1)
	b := store.confirmedOrder(t, "UNDEF", 1, 2)
	f := ordersOnTill(t, store, manager, managerPIN)
	f.selectRow(t, b.Number)
	tapText(t, f.w, "Cancel")
	tapTop(t, f.w, "Yes")
	f.settle()

	filter := func(label, value string) {
		t.Helper()
		test.Tap(f.s.more)
		sel := findTop(f.w, func(s *widget.Select) bool { return slices.Contains(s.Options, label) })
		require.NotNil(t, sel, "a %s drop-down", label)
		sel.SetSelected(value)
		tapTop(t, f.w, "OK")
	}
	filter("All statuses", "Cancelled")
	shown := texts(f.w)
	assert.Contains(t, shown, b.Number)
	assert.NotContains(t, shown, a.Number)
	assert.Nil(t, f.s.sel, "a new filter drops the selection")
	assert.Contains(t, shown, "Filters (1)")

	filter("All statuses", "All statuses")
	filter("All types", "Quote")
	assert.Contains(t, texts(f.w), "Nothing to show.")
	test.Tap(f.s.more)
	tapTop(t, f.w, "Clear filters")
	tapTop(t, f.w, "OK")
	shown = texts(f.w)
	assert.Contains(t, shown, a.Number)
	assert.Contains(t, shown, b.Number)
}

// The column choice persists for the terminal (R-L3).
func TestColumnChoicePersists(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	store.confirmedOrder(t, "UNDEF", 1, 1)
	f := ordersOnTill(t, store, manager, managerPIN)
	assert.NotContains(t, texts(f.w), "Net")

	tapText(t, f.w, "Columns")
	tapTop(t, f.w, "Net")
	tapTop(t, f.w, "Address")
	tapTop(t, f.w, "OK")

	shown := texts(f.w)
	assert.Contains(t, shown, "Net")
	assert.NotContains(t, shown, "Address")
	assert.Equal(t, "number,status,customer,gross,issued,delivery,related,net", store.settings["columns.orders"])

	again := ordersOnTill(t, store, manager, managerPIN)
	assert.Contains(t, texts(again.w), "Net", "kept for the next time the list opens")
}

// Preview shows what remains to deliver after a partial receipt (R-L6).
func TestPreviewShowsQuantityToDeliver(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 3, 6)
	// The customer took one of the three.
	partial := pos.Document{Kind: pos.KindReceipt, Status: pos.StatusConfirmed, Terminal: terminalCode,
		Customer: "UNDEF", VATMethod: pos.VATFromGross, SourceOrder: order.ID, OrderRef: order.Number,
		Lines: []pos.Line{{Name: "Product 006", Qty: pos.Units(1), Price: 699, VATRate: 2300, OrderLine: 1}}}
	require.NoError(t, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &partial))
	f := ordersOnTill(t, store, manager, managerPIN)
	f.selectRow(t, order.Number)

	tapText(t, f.w, "Preview")

	shown := topTexts(f.w)
	assert.Contains(t, shown, "Quantity to deliver")
	assert.Contains(t, shown, "Product 006")
	assert.Contains(t, shown, "3", "ordered")
	assert.Contains(t, shown, "2", "left to deliver")
	tapTop(t, f.w, "Close")
	assert.Nil(t, f.w.Canvas().Overlays().Top())
}
