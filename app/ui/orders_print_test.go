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
// paid.

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
	g, err := f.uc.Orders.Generate(context.Background(), order.ID, pos.KindReceipt, true)
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
