package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// draftFormFixture is the form on a draft continued from the draft list,
// with the notices it leaves for the next screen.
type draftFormFixture struct {
	f    *orderForm
	w    fyne.Window
	told []string
}

// continuedForm continues draft id as the operator code and shows it in the
// form; the draft's lease is given back when the test ends.
func continuedForm(tb testing.TB, x *draftsFixture, id, code, pin string) *draftFormFixture {
	tb.Helper()
	loginAs(tb, x.uc, code, pin)
	open, err := x.uc.Drafts.Continue(context.Background(), id)
	require.NoError(tb, err)
	x.continued = append(x.continued, open)
	deps := ordersDeps{orders: x.uc.Orders, settings: x.uc.Settings, session: x.uc.Session,
		printing: x.uc.Printing, clock: fixedClock, tasks: x.work, log: zerolog.Nop()}
	y := &draftFormFixture{}
	y.f = newOrderForm(context.Background(), deps, open.Document, func(*pos.Document) {})
	y.f.offerDrafts(x.uc.Drafts, open, func(text string) { y.told = append(y.told, text) })
	y.w = showOnTill(tb, y.f.view)
	return y
}

// registeredCustomerDraft parks an order for the retail customer, sold to
// from gross, in a shop whose order type follows the customer's VAT status
// when byStatus; C0002 is a business with a VAT number, found by the
// customer window.
func registeredCustomerDraft(tb testing.TB, x *draftsFixture, byStatus bool) pos.Document {
	tb.Helper()
	x.store.params.ByCustomerStatus = byStatus
	x.store.customers["C0002"] = pos.Customer{Code: "C0002", Name: "Atelier Bellini SRL", Type: pos.CustomerCompany,
		TaxID: "IT01234567890", Active: true, PaymentMethod: "CARD", VATStatus: pos.VATStatusRegistered}
	x.uc.Orders.WithDeliveryPoints(customerPoints(x.store.docStore))
	d := x.draftDoc(tb, pos.KindOrder, manager, 7)
	x.service.park(tb, d, otherTerminal, fixedNow)
	return d
}

// R-D8: on a COMC following the customer's VAT status, a customer of the
// other status asks whether to recalculate the VAT. Yes moves the document
// to the customer's method, its prices with it; No changes the customer and
// keeps the method as parked.
func TestChangingADraftsCustomerAsksToRecalculateVAT(t *testing.T) {
	for _, yes := range []bool{true, false} {
		newTestApp(t, "en")
		x := newDraftsFixture(t)
		d := registeredCustomerDraft(t, x, true)
		y := continuedForm(t, x, d.ID, manager, managerPIN)

		tapText(t, y.w, "Retail customer")
		submit(t, y.w, "C0002")

		require.Contains(t, topTexts(y.w),
			"Atelier Bellini SRL buys with a VAT number. Recalculate the VAT of the document from net prices?")
		assert.Equal(t, "C0002", y.f.doc.Customer, "the customer changes whatever the answer")
		if !yes {
			tapTop(t, y.w, "No")
			assert.Equal(t, pos.VATFromGross, y.f.doc.VATMethod, "the method stays as parked")
			assert.Equal(t, pos.Money(799), y.f.doc.Lines[0].Price)
			assert.Equal(t, "Total", y.f.baseName.Text)
			continue
		}
		tapTop(t, y.w, "Yes")
		assert.Nil(t, y.w.Canvas().Overlays().Top())
		assert.Equal(t, pos.VATFromNet, y.f.doc.VATMethod)
		assert.Equal(t, pos.Money(650), y.f.doc.Lines[0].Price, "7.99 gross is 6.50 net at 23 %")
		assert.Equal(t, "Net total", y.f.baseName.Text, "the summary follows the method")
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject
		// Its VAT row is laid out between the discount and the grand total.
		assert.Positive(t, y.f.vat.Size().Width)
		assert.Greater(t, at(y.f.vat).Y, at(y.f.discount).Y)
		assert.Less(t, at(y.f.vat).Y, at(y.f.grandTotal).Y)
		assert.Equal(t, "Atelier Bellini SRL", y.f.customer.value.Text)
	}
}

// R-D8: a draft whose type has a fixed VAT method keeps it when its
// customer changes; nothing is asked.
func TestADraftsFixedVATMethodStaysAsParked(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	d := registeredCustomerDraft(t, x, false)
	y := continuedForm(t, x, d.ID, manager, managerPIN)

	tapText(t, y.w, "Retail customer")
	submit(t, y.w, "C0002")

	assert.Nil(t, y.w.Canvas().Overlays().Top(), "nothing to ask")
	assert.Equal(t, "C0002", y.f.doc.Customer)
	assert.Equal(t, pos.VATFromGross, y.f.doc.VATMethod)
	assert.Equal(t, pos.Money(799), y.f.doc.Lines[0].Price)
}

// A form that pre-registers has no Save (R-F6): a document saved here would
// reach the service as this till's and could no longer be parked. Print
// numbers the new document and prints it as the form shows it, with the
// barcode it is then parked with; the screen the form returns to names the
// draft, until the next screen.
func TestAFormThatPreRegistersHasNoSaveAndNamesTheDraftParked(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	tl := newTillWith(t, x.uc)
	tl.logIn(t, managerName, managerPIN)
	tapText(t, tl.w, "Orders and quotes")
	tapText(t, tl.w, "Add")
	tapTop(t, tl.w, "Order")
	assert.NotContains(t, texts(tl.w), "Save")
	requireText(t, tl.w, "Pre-register")
	scan(tl.w.Canvas().Focused().(*ScanField), "5900000000007")

	tapText(t, tl.w, "Print")
	tl.thread.settle(&tl.ui.tasks)
	requireText(t, tl.w, "Sent to the printer.")
	printed := lastPrinted(t, x.store)
	require.True(t, pos.LooksLikeDocNumber(string(printed.BarcodeNo)))
	assert.Empty(t, x.store.docs, "printed, not stored")

	tapText(t, tl.w, "Pre-register")
	tl.thread.settle(&tl.ui.tasks)

	require.Equal(t, "orders", tl.screen())
	parked, ok := x.service.draft(t, printed.ID)
	require.True(t, ok, "parked under the id it was printed with")
	assert.Equal(t, printed.BarcodeNo, parked.BarcodeNo)
	requireText(t, tl.w, "Parked: COMC/TMP/1 — "+string(printed.BarcodeNo))
	notice := find(tl.w, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "Parked: ") })
	assert.Positive(t, notice.Size().Height, "the screen is laid out again to give it room")

	tapText(t, tl.w, "Back")
	assert.Equal(t, "menu", tl.screen())
	assert.NotContains(t, texts(tl.w), "Parked: COMC/TMP/1 — "+string(printed.BarcodeNo), "the next screen takes it away")
}

// The notice is translated, the temporary number first.
func TestParkedNoticeIsTranslated(t *testing.T) {
	newTestApp(t, "fr")
	x := newDraftsFixture(t)
	d := x.park(t, pos.KindQuote, manager, otherTerminal, fixedNow, 7)
	y := continuedForm(t, x, d.ID, manager, managerPIN)

	tapText(t, y.w, lang.L("drafts.pre_register"))
	x.settle()

	assert.Equal(t, []string{"Préenregistré : DEVC/TMP/1 — " + string(d.BarcodeNo)}, y.told)
}
