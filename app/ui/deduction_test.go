package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// paidAdvance issues and pays by card an advance of order for share, as the
// advance window does.
func paidAdvance(tb testing.TB, f *ordersFixture, orderID string, s pos.Share) pos.Document {
	tb.Helper()
	g, err := f.uc.Orders.Advance(context.Background(), orderID, s, false)
	require.NoError(tb, err)
	tot, err := g.Totals()
	require.NoError(tb, err)
	_, err = g.Pay(context.Background(), []pos.Tender{{Method: "CARD", Type: pos.PaymentCard, Amount: tot.Due}})
	require.NoError(tb, err)
	return *g.Doc
}

// erpAdvance stores an advance invoice issued in the ERP for order, for
// customer, of amount at 20%.
func erpAdvance(tb testing.TB, store *docStore, order pos.Document, customer, number string, amount pos.Money) pos.Document {
	tb.Helper()
	d := pos.Document{ID: "erp-" + number, Kind: pos.KindAdvanceInvoice, Status: pos.StatusConfirmed, Source: pos.SourceERP,
		Number: number, Terminal: "ERP", Center: "KRK", Customer: customer, VATMethod: pos.VATFromGross,
		SourceOrder: order.ID, IssuedAt: fixedNow,
		Lines: []pos.Line{{Name: "Advance", Qty: pos.Units(1), Price: amount, BasePrice: amount, VATRate: 2000, Service: true}}}
	require.NoError(tb, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &d))
	return d
}

// invoiceOnTill generates an invoice for the order numbered number from the
// list: its payment window opens on top.
func invoiceOnTill(tb testing.TB, f *ordersFixture, number string) {
	tb.Helper()
	f.selectRow(tb, number)
	tapText(tb, f.w, "Generate document")
	tapTop(tb, f.w, "Invoice")
	f.settle()
}

// The invoice of the last delivery, with "deduct advances at 100%" on (R-A4):
// the advance is deducted by itself and shown under the total as Advances;
// nothing to deduct by hand.
func TestAdvancesDeductedAutomaticallyShowUnderTheTotal(t *testing.T) {
	newTestApp(t, "en")
	store, order := furnitureStore(t)
	store.params.DeductAdvancesFull = true
	f := ordersOnTill(t, store, manager, managerPIN)
	fac := paidAdvance(t, f, order.ID, pos.PercentShare(1500))

	invoiceOnTill(t, f, order.Number)

	shown := topTexts(f.w)
	assert.Contains(t, shown, "Invoice for order "+order.Number)
	for _, text := range []string{"Total", "1964.70", "Advances", "− 294.71", "1669.99"} {
		assert.Contains(t, shown, text)
	}
	assert.NotContains(t, shown, "Advance invoices", "nothing to deduct by hand")
	payOnTop(t, f, "Card")

	inv := invoiceOf(t, store, order.ID)
	assert.Equal(t, pos.Money(29471), inv.Advances)
	assert.Equal(t, []pos.Deduction{{AdvanceID: fac.ID, Number: fac.Number, Amount: 29471}}, inv.Deductions)
	require.Len(t, inv.Payments, 1)
	assert.Equal(t, pos.Money(166999), inv.Payments[0].Amount)
}

// invoiceOf is the invoice issued for an order.
func invoiceOf(tb testing.TB, store *docStore, orderID string) pos.Document {
	tb.Helper()
	rel, err := store.RelatedDocuments(context.Background(), orderID)
	require.NoError(tb, err)
	for _, r := range rel {
		if r.Kind == pos.KindInvoice {
			return store.doc(tb, r.ID)
		}
	}
	require.Fail(tb, "no invoice for the order")
	return pos.Document{}
}

// M6: with deduction at 100%, an advance of the order paid by another customer
// than the invoice's stops the invoice, in a message of its own, as M5 does.
func TestAdvanceOfAnotherCustomerSaysM6(t *testing.T) {
	newTestApp(t, "en")
	store, order := furnitureStore(t)
	store.params.DeductAdvancesFull = true
	erpAdvance(t, store, order, "UNDEF", "FAC/9/2025/ERP", 5000)
	f := ordersOnTill(t, store, manager, managerPIN)

	invoiceOnTill(t, f, order.Number)

	m6 := "There are unsettled advances associated with the order. Check that the customer in the advance invoices matches the final invoice."
	shown := topTexts(f.w)
	assert.Contains(t, shown, m6)
	assert.Contains(t, shown, "Invoice", "titled by the document refused")
	assert.NotContains(t, shown, "Confirm payment", "no payment window")
	assert.False(t, f.s.message.Visible(), "not on the list's message line")
	tapTop(t, f.w, "OK")
	assert.Nil(t, f.w.Canvas().Overlays().Top())
	assert.Len(t, store.issuedFor(order.Number), 0, "nothing issued")
}

// "Deduct advances at 100%" off (R-A4): [Advance invoices] lists the order's
// advance invoices of the invoice's customer only, with the header figures;
// the filters narrow it; the operator deducts a percentage of one, then an
// amount, then the most of another, and pays what is left.
func TestDeductionListByPercentAndAmount(t *testing.T) {
	newTestApp(t, "en")
	store, order := furnitureStore(t)
	f := ordersOnTill(t, store, manager, managerPIN)
	fac1 := paidAdvance(t, f, order.ID, pos.PercentShare(1500))  // 294.71
	fac2 := paidAdvance(t, f, order.ID, pos.AmountShare(10000))  // 100.00
	erpAdvance(t, store, order, "UNDEF", "FAC/9/2025/ERP", 5000) // another customer's

	invoiceOnTill(t, f, order.Number)
	assert.Contains(t, topTexts(f.w), "1964.70", "nothing deducted yet")
	tapTop(t, f.w, "Advance invoices")

	shown := topTexts(f.w)
	assert.Contains(t, shown, "Advance invoices of order "+order.Number)
	for _, text := range []string{"Invoice", "Available advances", "Deducted advances", "Invoice after deduction",
		"1964.70", "394.71", "0.00", "Deduct at least", "Number", "Issued", "Advance", "Max.", "Deducted", "%",
		fac1.Number, "294.71", fac2.Number, "100.00", "0%"} {
		assert.Contains(t, shown, text)
	}
	assert.NotContains(t, shown, "FAC/9/2025/ERP", "the same customer's advance invoices only")
	warning := func() *widget.Label {
		return findTop(f.w, func(l *widget.Label) bool { return l.Importance == widget.WarningImportance })
	}
	require.NotNil(t, warning(), "the least to deduct stands out")
	assert.Equal(t, "394.71", warning().Text, "what the rest of the order cannot absorb")

	amounts := findTop(f.w, func(s *widget.Select) bool { return s.Selected == "Any amount" })
	require.NotNil(t, amounts)
	amounts.SetSelected("50 to 200")
	assert.NotContains(t, topTexts(f.w), fac1.Number)
	assert.Contains(t, topTexts(f.w), fac2.Number)
	amounts.SetSelected("Any amount")
	number := findTop(f.w, func(e *widget.Entry) bool { return e.PlaceHolder == "Number" })
	require.NotNil(t, number)
	test.Type(number, fac1.Number)
	assert.Contains(t, topTexts(f.w), fac1.Number)
	assert.NotContains(t, topTexts(f.w), fac2.Number)
	number.SetText("")

	tapTop(t, f.w, fac1.Number)
	assert.Contains(t, topTexts(f.w), "▶")
	tapKeys(t, f.w, "5", "0", "Deduct")
	shown = topTexts(f.w)
	assert.Contains(t, shown, "147.36", "50% of 294.71, half away from zero")
	assert.Contains(t, shown, "50%")
	assert.Contains(t, shown, "1817.34", "the invoice after deduction")
	tapKeys(t, f.w, "Amount")
	tapKeys(t, f.w, "2", "9", "4", ".", "7", "1", "Deduct")
	shown = topTexts(f.w)
	assert.Contains(t, shown, "100%")
	assert.Contains(t, shown, "1669.99")

	tapTop(t, f.w, fac2.Number)
	tapKeys(t, f.w, "Maximum", "Deduct")
	shown = topTexts(f.w)
	assert.Contains(t, shown, "394.71")
	assert.Contains(t, shown, "1569.99")
	assert.Nil(t, warning(), "the least is deducted")
	tapTop(t, f.w, "OK")

	shown = topTexts(f.w)
	assert.Contains(t, shown, "− 394.71")
	assert.Contains(t, shown, "1569.99", "what is left to pay")
	payOnTop(t, f, "Card")
	inv := invoiceOf(t, store, order.ID)
	assert.Equal(t, pos.Money(39471), inv.Advances)
	assert.Equal(t, []pos.Deduction{{AdvanceID: fac1.ID, Number: fac1.Number, Amount: 29471},
		{AdvanceID: fac2.ID, Number: fac2.Number, Amount: 10000}}, inv.Deductions)
	require.Len(t, inv.Payments, 1)
	assert.Equal(t, pos.Money(156999), inv.Payments[0].Amount)
}

// On a 1024×768 till the deduction list shows an advance invoice's number
// whole: its column gives the amounts' titles the room it needs.
func TestDeductionListShowsTheNumberWholeOnTheSmallTill(t *testing.T) {
	newTestApp(t, "en")
	store, order := furnitureStore(t)
	f := ordersOnTill(t, store, manager, managerPIN)
	f.w.Resize(fyne.NewSize(1024, 768))
	fac := paidAdvance(t, f, order.ID, pos.PercentShare(1500))
	fac.Number = "FAC/12/2025/KRKASA1" // a number a digit longer than the first
	require.NoError(t, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &fac))

	invoiceOnTill(t, f, order.Number)
	tapTop(t, f.w, "Advance invoices")

	number := findTop(f.w, func(l *widget.Label) bool { return l.Text == fac.Number })
	require.NotNil(t, number)
	assert.GreaterOrEqual(t, number.Size().Width, uncutWidth(number), "not cut")
}
