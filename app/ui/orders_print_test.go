package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// Printing from the orders screens: the receipt or invoice as soon as it is
// paid, the list's quotes and orders through their preview, the documents
// generated from an order reprinted as copies, and the form's stored document.

// printouts returns what the layouts were asked to lay out, in order.
func (f *fakeTypesetter) printouts() []app.Printout {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]app.Printout(nil), f.outs...)
}

func (f *fakePrinters) printedNames() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.names...)
}

// drawerPrinter is the USB printer with a cash drawer hanging off it.
const drawerPrinter = `{"kind":"usb","target":"/dev/usb/lp0","paper":"80","code_page":"CP858","drawer":true}`

// advanceFor stores an advance invoice of amount, paid and linked to order.
func advanceFor(tb testing.TB, s *docStore, order pos.Document, amount pos.Money) pos.Document {
	tb.Helper()
	a := pos.Document{Kind: pos.KindAdvanceInvoice, Status: pos.StatusConfirmed, Source: pos.SourceTerminal,
		Terminal: terminalCode, Center: "KRK", Operator: manager, Customer: order.Customer, VATMethod: pos.VATFromGross,
		SourceOrder: order.ID, OrderRef: order.Number, IssuedAt: fixedNow,
		Lines:    []pos.Line{{Name: "Advance", Qty: pos.Units(1), Price: amount, VATRate: 2000}},
		Payments: []pos.Payment{{Method: "CARD", Amount: amount}}}
	require.NoError(tb, s.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &a))
	return a
}

// findButton returns the visible button showing text on what is on top.
func findButton(w fyne.Window, text string) *widget.Button {
	return findTop(w, func(b *widget.Button) bool { return b.Text == text })
}

// Paid in cash, the receipt prints at once, off the UI thread, with the
// drawer opened; [Print again] then prints a copy that opens nothing.
func TestPaidReceiptPrintsOnceThenPrintAgainMakesACopy(t *testing.T) {
	newTestApp(t, "en")
	f, p, order := paymentFor(t, 10, 20) // 31.98
	f.store.settings["printer"] = drawerPrinter
	typeAmount(t, f, "5", "0")
	pay(t, f, p, "Cash")
	tapTop(t, f.w, "Confirm payment")
	assert.Empty(t, f.store.printers.printed(), "nothing is sent from the tap itself: payment, then print, run off the UI thread")
	f.settle()

	issued := f.store.issuedFor(order.Number)
	require.Len(t, issued, 1)
	receipt := issued[0]
	require.Equal(t, "R/1/2025/KRKASA1", receipt.Number)
	assert.Equal(t, []string{"R/1/2025/KRKASA1 copy=false paper=80"}, f.store.printers.printed(),
		"the receipt's bytes, sent once")
	assert.Equal(t, []string{receipt.Number}, f.store.printers.printedNames())
	outs := f.store.types.printouts()
	require.Len(t, outs, 1)
	assert.Equal(t, receipt, outs[0].Document, "what is printed is what was stored")
	assert.True(t, outs[0].CashTaken)
	assert.True(t, outs[0].Kick, "cash taken: the drawer opens")
	require.NotNil(t, outs[0].Customer)
	assert.Equal(t, pos.CustomerUndefined, outs[0].Customer.Type)

	shown := topTexts(f.w)
	assert.Contains(t, shown, "Receipt R/1/2025/KRKASA1 issued.")
	assert.Contains(t, shown, "Give back 18.02")
	assert.Contains(t, shown, "Printed.")
	again := findButton(f.w, "Print again")
	require.NotNil(t, again)
	require.False(t, again.Disabled())

	tapTop(t, f.w, "Print again")
	f.settle()
	assert.Equal(t, []string{"R/1/2025/KRKASA1 copy=false paper=80", "R/1/2025/KRKASA1-copy copy=true paper=80"},
		f.store.printers.printed())
	outs = f.store.types.printouts()
	require.Len(t, outs, 2)
	assert.True(t, outs[1].Copy)
	assert.False(t, outs[1].Kick, "a copy never opens the drawer")
	assert.Contains(t, topTexts(f.w), "Duplicate printed.")
	assert.Len(t, f.store.issuedFor(order.Number), 1, "printing issues nothing more")

	tapTop(t, f.w, "OK")
	assert.Nil(t, f.w.Canvas().Overlays().Top())
}

// Paid by card, the drawer stays shut.
func TestPaidByCardPrintsWithoutTheDrawer(t *testing.T) {
	newTestApp(t, "en")
	f, p, _ := paymentFor(t, 3)
	f.store.settings["printer"] = drawerPrinter
	pay(t, f, p, "Card")
	tapTop(t, f.w, "Confirm payment")
	f.settle()
	outs := f.store.types.printouts()
	require.Len(t, outs, 1)
	assert.False(t, outs[0].CashTaken)
	assert.False(t, outs[0].Kick)
}

// A printer that fails leaves the document issued and stored (R-PR5): the
// window says what went wrong and what to check, and [Print again] sends
// the original, since none came out.
func TestAFailingPrinterAfterPaymentSaysWhatToCheckAndPrintsAgain(t *testing.T) {
	newTestApp(t, "en")
	f, p, order := paymentFor(t, 3)
	f.store.printers.fail(transportError("device_missing"))
	pay(t, f, p, "Cash")
	tapTop(t, f.w, "Confirm payment")
	f.settle()

	shown := topTexts(f.w)
	assert.Contains(t, shown, "Receipt R/1/2025/KRKASA1 issued.")
	assert.Contains(t, shown, "Printer not found (/dev/usb/lp0).")
	assert.Contains(t, shown, "Check that the printer is switched on and its USB cable is plugged in, and that the device path in the printer settings is right (for example /dev/usb/lp0).")
	assert.NotContains(t, shown, "Printed.")
	issued := f.store.issuedFor(order.Number)
	require.Len(t, issued, 1, "the receipt is stored whatever the printer does")
	assert.Equal(t, pos.StatusConfirmed, issued[0].Status)
	assert.Equal(t, pos.StatusCompleted, f.store.doc(t, order.ID).Status)
	assert.Empty(t, f.store.printers.printed())

	f.store.printers.fail(nil)
	tapTop(t, f.w, "Print again")
	f.settle()
	assert.Equal(t, []string{"R/1/2025/KRKASA1 copy=false paper=80"}, f.store.printers.printed(),
		"nothing came out before: the original, not a copy")
	shown = topTexts(f.w)
	assert.Contains(t, shown, "Printed.")
	assert.NotContains(t, shown, "Printer not found (/dev/usb/lp0).", "the failure is gone")
	outs := f.store.types.printouts()
	last := outs[len(outs)-1]
	assert.False(t, last.Copy)
	assert.True(t, last.CashTaken, "the original still knows cash was taken")
	assert.False(t, last.Kick, "this printer has no drawer")
}

// An unlinked receipt (R-X2) prints with the order's number and no link:
// the layout prints "Order: <number>" from it.
func TestAnUnlinkedReceiptPrintsTheOrderNumber(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 1, 3)
	store.markSynced(order.ID)
	f := ordersOnTill(t, store, manager, managerPIN)
	g, err := f.uc.Orders.Generate(context.Background(), order.ID, pos.KindReceipt, app.ConsentUnlinked)
	require.NoError(t, err)
	p := newPaymentWindow(context.Background(), f.deps(), f.w.Canvas(), g, func(bool) {})
	pay(t, f, p, "Card")
	tapTop(t, f.w, "Confirm payment")
	f.settle()

	outs := store.types.printouts()
	require.Len(t, outs, 1)
	assert.Equal(t, order.Number, outs[0].Document.OrderRef)
	assert.Empty(t, outs[0].Document.SourceOrder)
	assert.Len(t, store.printers.printed(), 1)
	assert.Contains(t, topTexts(f.w), "Printed.")
}

// The list's [Print] shows the selected order as it prints — its customer
// and the advances paid — and the preview's [Print] sends exactly the bytes
// it shows, then [Reprint] a copy (R-L5, R-A3, R-PR3, R-PR5). Back returns
// to the list as it was.
func TestListPrintPreviewsTheOrderWithCustomerAndAdvances(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "C0001", 1, 3, 4)
	adv := advanceFor(t, store, order, 1000)
	tl := newOrdersTill(t, store)
	tl.logIn(t, managerName, managerPIN)
	tapText(t, tl.w, "Orders and quotes")
	tapText(t, tl.w, order.Number)
	selection := "Order " + order.Number + " · Confirmed · Martin Dubois · 8.98"
	requireText(t, tl.w, selection)

	tapText(t, tl.w, "Print")
	tl.thread.settle(&tl.ui.tasks)
	require.Equal(t, "preview", tl.screen())
	outs := store.types.printouts()
	require.Len(t, outs, 1)
	assert.Equal(t, store.doc(t, order.ID), outs[0].Document)
	require.NotNil(t, outs[0].Customer)
	assert.Equal(t, "Martin Dubois", outs[0].Customer.Name)
	assert.Equal(t, []app.AdvancePaid{{Number: adv.Number, IssuedAt: fixedNow, Amount: 1000}}, outs[0].Advances)
	assert.False(t, outs[0].Copy)
	requireText(t, tl.w, order.Number)
	imgs := previewImages(tl.w)
	require.Len(t, imgs, 1)
	shownHeight := imgs[0].Image.Bounds().Dy()
	assert.Empty(t, store.printers.printed(), "a preview prints nothing")

	tapText(t, tl.w, "Print")
	tl.thread.settle(&tl.ui.tasks)
	printed := store.printers.printed()
	require.Len(t, printed, 1)
	assert.Equal(t, order.Number+" copy=false paper=80", printed[0])
	assert.Equal(t, len(printed[0]), shownHeight, "the bytes sent are the bytes the preview showed")
	assert.Len(t, store.types.printouts(), 2, "printed as laid out, then the copy laid out for [Reprint]")

	tapText(t, tl.w, "Reprint")
	tl.thread.settle(&tl.ui.tasks)
	assert.Equal(t, []string{order.Number + " copy=false paper=80", order.Number + "-copy copy=true paper=80"},
		store.printers.printed())

	tapText(t, tl.w, "Back")
	assert.Equal(t, "orders", tl.screen())
	requireText(t, tl.w, selection)
}

// [Print] waits for a selection, and never prints on a till without a printer.
func TestListPrintFollowsTheSelection(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 1, 3)
	f := ordersOnTill(t, store, manager, managerPIN)
	assert.True(t, f.s.print.Disabled(), "nothing selected")
	f.selectRow(t, order.Number)
	require.False(t, f.s.print.Disabled())

	tapText(t, f.w, "Print")
	assert.True(t, f.s.print.Disabled(), "one action at a time")
	f.settle()
	require.Len(t, f.previews, 1)
	assert.Equal(t, order.ID, f.previews[0].Document.ID)
	assert.False(t, f.previews[0].Copy)
	assert.Empty(t, f.previews[0].Advances)

	f.s.printing = nil
	f.s.updateButtons()
	assert.True(t, f.s.print.Disabled(), "no printer: no Print")
}

// A document generated from the order is reprinted from Related documents
// through its preview, as a copy (R-PR5).
func TestRelatedDocumentReprintsAsACopy(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	order := store.confirmedOrder(t, "UNDEF", 2, 3)
	tl := newOrdersTill(t, store)
	tl.logIn(t, managerName, managerPIN)
	ctx := context.Background()
	g, err := tl.ui.uc.Orders.Generate(ctx, order.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	tot, err := g.Totals()
	require.NoError(t, err)
	_, err = g.Pay(ctx, []pos.Tender{{Method: "CARD", Type: pos.PaymentCard, Amount: tot.Due}})
	require.NoError(t, err)
	receipt := g.Doc.Number
	require.Equal(t, "R/1/2025/KRKASA1", receipt)

	tapText(t, tl.w, "Orders and quotes")
	tapText(t, tl.w, order.Number)
	tapText(t, tl.w, "Related documents")
	reprint := findButton(tl.w, "Reprint")
	require.NotNil(t, reprint)
	assert.True(t, reprint.Disabled(), "choose a document first")
	tapTop(t, tl.w, receipt)
	require.False(t, reprint.Disabled())
	tapTop(t, tl.w, "Reprint")
	tl.thread.settle(&tl.ui.tasks)

	require.Equal(t, "preview", tl.screen())
	assert.Nil(t, tl.w.Canvas().Overlays().Top(), "the related documents window closed")
	outs := store.types.printouts()
	require.Len(t, outs, 1)
	assert.True(t, outs[0].Copy, "a reprint is a copy")
	assert.Equal(t, receipt, outs[0].Document.Number)
	assert.False(t, outs[0].Kick)
	requireText(t, tl.w, receipt+" · DUPLICATE")

	tapText(t, tl.w, "Reprint")
	tl.thread.settle(&tl.ui.tasks)
	assert.Equal(t, []string{receipt + "-copy copy=true paper=80"}, store.printers.printed())
	assert.Equal(t, []string{receipt + "-copy"}, store.printers.printedNames())
	tapText(t, tl.w, "Back")
	assert.Equal(t, "orders", tl.screen())
}

// The form prints what is stored: [Print] waits for the document to be
// saved, and again after each change. A failure says what to check.
func TestFormPrintsTheStoredDocument(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindQuote)
	print := find(x.w, func(b *widget.Button) bool { return b.Text == "Print" })
	require.NotNil(t, print)
	assert.True(t, print.Disabled(), "nothing stored yet")
	scan(x.f.scan, "5900000000004")
	assert.True(t, print.Disabled())

	tapText(t, x.w, "Save")
	require.False(t, print.Disabled())
	tapText(t, x.w, "Print")
	requireText(t, x.w, "Printing…")
	assert.True(t, print.Disabled(), "one print at a time")
	x.settle()

	requireText(t, x.w, "Sent to the printer.")
	stored := x.store.doc(t, x.f.doc.ID)
	outs := x.store.types.printouts()
	require.Len(t, outs, 1)
	assert.Equal(t, stored, outs[0].Document)
	assert.False(t, outs[0].Copy)
	name := string(stored.BarcodeNo)
	assert.Equal(t, []string{name + " copy=false paper=80"}, x.store.printers.printed(), "unnumbered: named by its barcode number")
	assert.False(t, print.Disabled())

	scan(x.f.scan, "5900000000004")
	assert.True(t, print.Disabled(), "a change not saved is not what is stored")
	tapText(t, x.w, "Save")
	require.False(t, print.Disabled())
	tapText(t, x.w, "Print")
	x.settle()
	outs = x.store.types.printouts()
	require.Len(t, outs, 2)
	assert.Equal(t, pos.Units(2), outs[1].Document.Lines[0].Qty, "the version saved last")
	assert.False(t, outs[1].Copy)

	x.store.printers.fail(transportError("timeout"))
	tapText(t, x.w, "Print")
	x.settle()
	shown := topTexts(x.w)
	assert.Contains(t, shown, "The printer did not answer in time (/dev/usb/lp0).")
	assert.Contains(t, shown, "Check that the printer has paper, its cover is closed and no error light is on, then print again.")
	tapTop(t, x.w, "OK")
	assert.Nil(t, x.w.Canvas().Overlays().Top())
	assert.NotContains(t, texts(x.w), "Sent to the printer.", "the last print failed")
	assert.False(t, print.Disabled(), "try again")
	assert.Len(t, x.store.printers.printed(), 2)
}
