package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// The items of seed 001's worked example, in the master data of every till.
var (
	handMixer = pos.Product{Code: "MIX", EANs: []string{"5901234000017"}, Name: "Hand mixer", Unit: "pc",
		VATRate: 2300, Price: 149_00, Active: true}
	fan = pos.Product{Code: "FAN", EANs: []string{"5901234000024"}, Name: "Fan", Unit: "pc",
		VATRate: 2300, Price: 89_90, Active: true}
)

// seedTill is one till of the shop in seed 001, on the shared draft service.
func seedTill(tb testing.TB, terminal pos.Terminal, service *draftService) (*till, *draftStore) {
	tb.Helper()
	store := newDraftStore(tb)
	store.terminal = terminal
	// The tills' permanent ids never meet, as the real store's UUIDs.
	store.ids = int(terminal.Number) * 1000
	// Sorted by name, as the catalog lists them.
	store.products = append([]pos.Product{fan, handMixer}, store.products...)
	// The cashiers of this shop take orders too, and finish any consultant's.
	store.groups["cashiers"] = pos.Group{Code: "cashiers", Name: "Cashiers", Rights: []pos.Right{pos.RightOrders,
		pos.RightOrderEdit, pos.RightReceipt, pos.RightOthersDocuments}}
	return newTillWith(tb, draftsUseCases(tb, store, service)), store
}

// lastPrinted is the document the till last sent to its printer.
func lastPrinted(tb testing.TB, store *draftStore) pos.Document {
	tb.Helper()
	outs := store.types.outs
	require.NotEmpty(tb, outs, "nothing printed")
	return outs[len(outs)-1].PrintJob.Document
}

// Seed 001's worked example through the screens of three tills of one
// center (R-D10): a consultant on KRPOS3 builds an order with a hand mixer,
// prints it and parks it; on KRPOS2 the order's barcode is scanned on the
// draft list, the order continued, a fan added, printed and parked again; at
// the till KRKASA1 the cashier scans it, continues it, confirms it with the
// till's own number and issues its receipt.
func TestSeed001ParkContinueConfirm(t *testing.T) {
	newTestApp(t, "en")
	service := newDraftService()

	consultantTill, consultantStore := seedTill(t, pos.Terminal{Code: otherTerminal, Number: 3, Center: "KRK"}, service)
	consultantTill.logIn(t, consultantName, managerPIN)
	tapText(t, consultantTill.w, "Orders and quotes")
	tapText(t, consultantTill.w, "Add")
	tapTop(t, consultantTill.w, "Order")
	scan(consultantTill.w.Canvas().Focused().(*ScanField), handMixer.EANs[0])
	tapText(t, consultantTill.w, "Print") // numbered as it prints: no Save on a form that pre-registers
	consultantTill.thread.settle(&consultantTill.ui.tasks)
	barcode := lastPrinted(t, consultantStore).BarcodeNo
	require.True(t, pos.LooksLikeDocNumber(string(barcode)), "the print carries the document barcode")
	tapText(t, consultantTill.w, "Pre-register")
	consultantTill.thread.settle(&consultantTill.ui.tasks)
	assert.Equal(t, "orders", consultantTill.screen())
	require.Len(t, service.drafts, 1)

	secondTill, secondStore := seedTill(t, pos.Terminal{Code: "KRPOS2", Number: 2, Center: "KRK"}, service)
	secondTill.logIn(t, managerName, managerPIN)
	tapText(t, secondTill.w, "Continue a document")
	secondTill.thread.settle(&secondTill.ui.tasks)
	continueScanned(t, secondTill, barcode)
	requireText(t, secondTill.w, "Hand mixer")
	scan(secondTill.w.Canvas().Focused().(*ScanField), fan.EANs[0])
	tapText(t, secondTill.w, "Print")
	secondTill.thread.settle(&secondTill.ui.tasks)
	printed := lastPrinted(t, secondStore)
	assert.Equal(t, barcode, printed.BarcodeNo, "the same document, the same barcode")
	assert.Len(t, printed.Lines, 2)
	tapText(t, secondTill.w, "Pre-register")
	secondTill.thread.settle(&secondTill.ui.tasks)
	assert.Equal(t, "drafts", secondTill.screen())

	cashierTill, cashierStore := seedTill(t, pos.Terminal{Code: terminalCode, Number: 1, Center: "KRK"}, service)
	cashierTill.logIn(t, cashierName, cashierPIN)
	tapText(t, cashierTill.w, "Continue a document")
	cashierTill.thread.settle(&cashierTill.ui.tasks)
	requireText(t, cashierTill.w, "KRPOS2") // where it was last modified
	continueScanned(t, cashierTill, barcode)
	requireText(t, cashierTill.w, "Fan")
	tapText(t, cashierTill.w, "Confirm")
	cashierTill.thread.settle(&cashierTill.ui.tasks)
	require.Equal(t, "orders", cashierTill.screen())
	requireText(t, cashierTill.w, "Order COMC/1/2025/KRKASA1 · Confirmed · Retail customer · 238.90")

	tapText(t, cashierTill.w, "Generate document")
	tapTop(t, cashierTill.w, "Receipt")
	cashierTill.thread.settle(&cashierTill.ui.tasks)
	tapTop(t, cashierTill.w, "Cash")
	tapTop(t, cashierTill.w, "Confirm payment")
	cashierTill.thread.settle(&cashierTill.ui.tasks)
	assert.Contains(t, topTexts(cashierTill.w), "Order COMC/1/2025/KRKASA1 is now Completed.")

	order := cashierStore.doc(t, cashierStore.confirmedOrderID(t, "COMC/1/2025/KRKASA1"))
	assert.Equal(t, pos.StatusCompleted, order.Status)
	receipts, err := cashierStore.RelatedDocuments(t.Context(), order.ID)
	require.NoError(t, err)
	require.Len(t, receipts, 1)
	assert.Equal(t, pos.KindReceipt, receipts[0].Kind)
	assert.Equal(t, barcode, order.BarcodeNo, "the confirmed order keeps the draft's barcode")
	assert.Equal(t, terminalCode, order.Terminal)
	assert.Len(t, cashierStore.confirmed, 1, "its draft.confirm is queued")
}
