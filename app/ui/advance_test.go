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

// furnitureStore is seed 002's worked example (R-A5) on the orders fixture:
// Martin Dubois (C0001) orders a made-to-measure wardrobe (1,890.00 at 20%)
// and three cookbooks (24.90 at 5.5%), 1,964.70 in all, confirmed.
func furnitureStore(tb testing.TB) (*docStore, pos.Document) {
	tb.Helper()
	store := newDocStore(tb)
	store.products[0] = pos.Product{Code: "WARD-MTM", EANs: []string{"5900000000007"}, Name: "Made-to-measure wardrobe",
		Unit: "pc", VATRate: 2000, Price: 189000, Active: true}
	store.products[1] = pos.Product{Code: "BOOK-01", EANs: []string{"5900000000014"}, Name: "Cookbook",
		Unit: "pc", VATRate: 550, Price: 2490, Active: true}
	order := pos.Document{Kind: pos.KindOrder, Status: pos.StatusConfirmed, Source: pos.SourceTerminal,
		Terminal: terminalCode, Center: "KRK", Operator: manager, HandledBy: manager, Customer: "C0001",
		VATMethod: pos.VATFromGross, PaymentMethod: "CARD", IssuedAt: fixedNow}
	for i, qty := range []int64{1, 3} {
		p := store.products[i]
		order.Lines = append(order.Lines, pos.Line{ProductCode: p.Code, Name: p.Name, Unit: p.Unit, Qty: pos.Units(qty),
			Price: p.Price, BasePrice: p.Price, VATRate: p.VATRate})
	}
	require.NoError(tb, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &order))
	return store, order
}

// tapKeys taps keys of the keypad on top: buttons showing exactly each text,
// not the same digits in a list of lines.
func tapKeys(tb testing.TB, w fyne.Window, keys ...string) {
	tb.Helper()
	for _, k := range keys {
		b := findTop(w, func(b *widget.Button) bool { return b.Text == k })
		require.NotNil(tb, b, "no key %q in %q", k, topTexts(w))
		test.Tap(b)
	}
}

// payOnTop pays the payment window on top with one method, for what is due,
// and closes it once the document is issued and printed.
func payOnTop(tb testing.TB, f *ordersFixture, method string) {
	tb.Helper()
	tapTop(tb, f.w, method)
	tapTop(tb, f.w, "Confirm payment")
	f.settle()
	tapTop(tb, f.w, "OK")
}

// advanceOnTill opens the advance invoice window of the order numbered
// number from the list, as a finger does.
func advanceOnTill(tb testing.TB, f *ordersFixture, number string) {
	tb.Helper()
	f.selectRow(tb, number)
	tapText(tb, f.w, "Generate document")
	tapTop(tb, f.w, "Advance invoice")
}

// R-A5 on the screens, then a second advance by amount: the window shows the
// order's figures (R-A2), the advance typed and its split over the order's
// two VAT rates; the payment window takes any method and prints; the order's
// related documents list both advances, stored to the cent.
func TestAdvanceByPercentThenByAmountThroughPayment(t *testing.T) {
	newTestApp(t, "en")
	store, order := furnitureStore(t)
	f := ordersOnTill(t, store, manager, managerPIN)

	advanceOnTill(t, f, order.Number)
	shown := topTexts(f.w)
	assert.Contains(t, shown, "Advance invoice for order "+order.Number)
	for _, text := range []string{"Order amount", "Previous advances", "Left to advance", "1964.70", "0.00",
		"Marc Dubois", "Martin Dubois", "Made-to-measure wardrobe", "Cookbook", "24.90", "74.70"} {
		assert.Contains(t, shown, text)
	}
	confirm := findTop(f.w, func(b *widget.Button) bool { return b.Text == "Confirm and pay" })
	require.NotNil(t, confirm)
	assert.True(t, confirm.Disabled(), "nothing typed yet")

	tapKeys(t, f.w, "1", "5")
	shown = topTexts(f.w)
	assert.Contains(t, shown, "294.71", "15% of 1,964.70")
	assert.Contains(t, shown, "VAT 20%: 283.50 incl. VAT 47.25")
	assert.Contains(t, shown, "VAT 5.5%: 11.21 incl. VAT 0.58")
	assert.False(t, confirm.Disabled())
	tapTop(t, f.w, "Confirm and pay")
	f.settle()
	assert.Contains(t, topTexts(f.w), "Advance invoice for order "+order.Number, "the payment window")
	assert.Contains(t, topTexts(f.w), "294.71")
	printed := len(store.printers.sent)
	payOnTop(t, f, "Card")
	assert.Len(t, store.printers.sent, printed+1, "printed as the other documents are")

	advanceOnTill(t, f, order.Number)
	shown = topTexts(f.w)
	assert.Contains(t, shown, "294.71", "previous advances")
	assert.Contains(t, shown, "1669.99", "left to advance")
	tapKeys(t, f.w, "Amount")
	tapKeys(t, f.w, "2", "0", "0", "0")
	assert.Contains(t, topTexts(f.w), "The advances (2294.71) exceed the document total (1964.70).")
	assert.True(t, findTop(f.w, func(b *widget.Button) bool { return b.Text == "Confirm and pay" }).Disabled())
	tapKeys(t, f.w, "Clear", "1", "0", "0")
	shown = topTexts(f.w)
	assert.Contains(t, shown, "100.00")
	assert.Contains(t, shown, "VAT 20%: 96.20 incl. VAT 16.03", "100.00 split in proportion to each rate's gross")
	assert.Contains(t, shown, "VAT 5.5%: 3.80 incl. VAT 0.20")
	tapTop(t, f.w, "Confirm and pay")
	f.settle()
	payOnTop(t, f, "Cash")

	rel, err := store.RelatedDocuments(context.Background(), order.ID)
	require.NoError(t, err)
	require.Len(t, rel, 2)
	want := []struct {
		number        string
		gross         pos.Money
		rates         []pos.RateTotal
		paidBy, label string
	}{
		{"FAC/1/2025/KRKASA1", 29471, []pos.RateTotal{{Rate: 2000, Net: 23625, VAT: 4725, Gross: 28350}, {Rate: 550, Net: 1063, VAT: 58, Gross: 1121}}, "CARD", "15%"},
		{"FAC/2/2025/KRKASA1", 10000, []pos.RateTotal{{Rate: 2000, Net: 8017, VAT: 1603, Gross: 9620}, {Rate: 550, Net: 360, VAT: 20, Gross: 380}}, "CASH", "100.00"},
	}
	for i, w := range want {
		assert.Equal(t, pos.KindAdvanceInvoice, rel[i].Kind, w.label)
		assert.Equal(t, w.number, rel[i].Number, w.label)
		assert.Equal(t, w.gross, rel[i].Gross, w.label)
		assert.Equal(t, "C0001", rel[i].Customer, "copied from the order")
		doc := store.doc(t, rel[i].ID)
		tot, err := doc.Totals()
		require.NoError(t, err)
		assert.Equal(t, w.rates, tot.Rates, w.label)
		assert.Equal(t, pos.VATFromGross, doc.VATMethod, "advances are always from gross")
		require.Len(t, doc.Payments, 1)
		assert.Equal(t, w.paidBy, doc.Payments[0].Method, w.label)
		assert.Equal(t, w.gross, doc.Payments[0].Amount, w.label)
	}
	assert.Equal(t, pos.StatusConfirmed, store.doc(t, order.ID).Status, "an advance delivers nothing")

	tapText(t, f.w, "Related documents")
	shown = topTexts(f.w)
	for _, text := range []string{"FAC/1/2025/KRKASA1", "294.71", "FAC/2/2025/KRKASA1", "100.00"} {
		assert.Contains(t, shown, text)
	}
}

// R-A1: advances issued in the ERP that cover the order's gross amount leave
// nothing to advance: M5, and no window to type in.
func TestAdvanceCoveredByTheERPSaysM5(t *testing.T) {
	newTestApp(t, "en")
	store, order := furnitureStore(t)
	erp := pos.Document{ID: "erp-fac-1", Kind: pos.KindAdvanceInvoice, Status: pos.StatusConfirmed, Source: pos.SourceERP,
		Number: "FAC/77/2025/ERP", Terminal: "ERP", Center: "KRK", Customer: "C0001", VATMethod: pos.VATFromGross,
		SourceOrder: order.ID, IssuedAt: fixedNow,
		Lines: []pos.Line{{Name: "Advance", Qty: pos.Units(1), Price: 196470, BasePrice: 196470, VATRate: 2000, Service: true}}}
	require.NoError(t, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &erp))
	f := ordersOnTill(t, store, manager, managerPIN)

	advanceOnTill(t, f, order.Number)

	shown := topTexts(f.w)
	assert.Contains(t, shown, "Cannot create an advance invoice. Advances have been issued for the full amount of the order.")
	assert.NotContains(t, shown, "Confirm and pay")
	tapTop(t, f.w, "OK")
	assert.Nil(t, f.w.Canvas().Overlays().Top())
	assert.Len(t, store.issuedFor(order.Number), 0, "nothing issued")
}

// [Confirm and create advance invoice] on the form (R-F6): the order is
// confirmed first, then its advance is typed and paid over the form, which is
// left afterwards with the order confirmed.
func TestConfirmAndCreateAdvanceInvoiceFromTheForm(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	scan(x.f.scan, "5900000000010") // Product 010, 10.99

	tapText(t, x.w, "Confirm and create advance invoice")
	require.NotEmpty(t, x.f.doc.Number, "confirmed first")
	assert.Equal(t, pos.StatusConfirmed, x.store.doc(t, x.f.doc.ID).Status)
	assert.Empty(t, x.done, "the form stays under the advance window")
	assert.Contains(t, topTexts(x.w), "Advance invoice for order "+x.f.doc.Number)

	tapKeys(t, x.w, "1", "0")
	assert.Contains(t, topTexts(x.w), "1.10", "10% of 10.99")
	tapTop(t, x.w, "Confirm and pay")
	x.settle()
	tapTop(t, x.w, "Card")
	tapTop(t, x.w, "Confirm payment")
	x.settle()
	tapTop(t, x.w, "OK")

	require.Len(t, x.done, 1, "the form is left once the advance window closes")
	fac := x.store.issuedFor(x.f.doc.Number)
	require.Len(t, fac, 1)
	assert.Equal(t, pos.KindAdvanceInvoice, fac[0].Kind)
	assert.Equal(t, x.f.doc.ID, fac[0].SourceOrder)
	tot, err := fac[0].Totals()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(110), tot.Gross)
}

// The button is only on orders, and only for an operator with the right.
func TestConfirmAndCreateAdvanceOnlyOnOrders(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindQuote)
	assert.NotContains(t, texts(x.w), "Confirm and create advance invoice")
}

// Offline, for an order the data service knows (R-X2): M2 word for word; Yes
// issues the advance unlinked, carrying the order's number, and it is not one
// of the order's advances.
func TestAdvanceOfflineAsksM2AndIssuesItUnlinked(t *testing.T) {
	newTestApp(t, "en")
	store, order := furnitureStore(t)
	store.markSynced(order.ID)
	f := ordersOnTill(t, store, manager, managerPIN)

	advanceOnTill(t, f, order.Number)
	tapKeys(t, f.w, "1", "0")
	tapTop(t, f.w, "Confirm and pay")
	f.settle()
	assert.Contains(t, topTexts(f.w), "No connection to the data service! The document will not be associated with the order and advances will not be deducted from it. Do you want to continue?")
	tapTop(t, f.w, "Yes")
	f.settle()
	assert.Contains(t, topTexts(f.w), "Not associated with the order: the document carries “Order: "+order.Number+"” and no advance is deducted.")
	payOnTop(t, f, "Card")

	issued := store.issuedFor(order.Number)
	require.Len(t, issued, 1)
	assert.Equal(t, pos.KindAdvanceInvoice, issued[0].Kind)
	assert.Empty(t, issued[0].SourceOrder, "unlinked")
	rel, err := store.RelatedDocuments(context.Background(), order.ID)
	require.NoError(t, err)
	assert.Empty(t, rel, "not one of the order's advances")
}
