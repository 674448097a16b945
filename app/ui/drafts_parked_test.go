package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// parkFor parks a document of kind for customer, delivered at point on
// delivery, as operator parked it on terminal at the given time.
func (x *draftsFixture) parkFor(tb testing.TB, k pos.Kind, operator, terminal, customer, point string,
	delivery, at time.Time, products ...int) pos.Document {
	tb.Helper()
	d := x.draftDoc(tb, k, operator, products...)
	d.Customer, d.DeliveryPoint, d.DeliveryDate, d.IssuedAt = customer, point, delivery, at
	x.service.park(tb, d, terminal, at)
	return d
}

// showParked opens the parked quotes and orders from the orders list, on a
// whole till whose orders use cases know the center's delivery points.
func showParked(tb testing.TB, x *draftsFixture) *till {
	tb.Helper()
	x.uc.Orders.WithDeliveryPoints(newMemPoints())
	tl := newTillWith(tb, x.uc)
	tl.logIn(tb, managerName, managerPIN)
	tapText(tb, tl.w, lang.L("tile.orders"))
	require.Equal(tb, "orders", tl.screen())
	tapText(tb, tl.w, lang.L("drafts.orders.open"))
	tl.thread.settle(&tl.ui.tasks)
	require.Equal(tb, "parked_orders", tl.screen())
	return tl
}

// R-D6's per-type list: from the orders list, the parked quotes and orders
// with that list's columns where they apply to a draft, the customer and
// the address named from the till's master data; Handled by, Seller and Net
// hidden until asked for, the choice kept apart from the list of all drafts.
func TestParkedOrdersShowTheOrdersListColumns(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	delivery := fixedNow.AddDate(0, 0, 3)
	order := x.parkFor(t, pos.KindOrder, manager, terminalCode, "C0001", "DP-KRK", delivery, fixedNow.Add(-time.Hour), 7)
	quote := x.parkFor(t, pos.KindQuote, consultant, otherTerminal, "C0001", "", time.Time{}, fixedNow, 12)
	tl := showParked(t, x)

	requireText(t, tl.w, "Parked quotes and orders")
	assert.Equal(t, []string{"", "Number", "Temp. no.", "Customer", "Address", "Gross", "Issued", "Delivery", "Terminal"},
		tl.columnTitles(t), "Handled by, Seller and Net hidden until asked for")
	shown := texts(tl.w)
	for _, want := range []string{
		string(order.BarcodeNo), "COMC/TMP/1", "Martin Dubois", "Floriańska 3, 31-019 Kraków", "7.99",
		formatDate(order.IssuedAt), formatDate(delivery), terminalCode,
		string(quote.BarcodeNo), "DEVC/TMP/1", "12 rue des Lilas, 69003 Lyon", "12.99", otherTerminal,
	} {
		assert.Contains(t, shown, want)
	}

	tapText(t, tl.w, "Columns")
	tapTop(t, tl.w, "Seller")
	tapTop(t, tl.w, "Handled by")
	tapTop(t, tl.w, "OK")
	tl.thread.settle(&tl.ui.tasks)
	assert.Equal(t, "number,temp_number,customer,address,gross,issued,delivery,terminal,handled_by,seller",
		x.store.settings["columns.parked_orders"])
	assert.Empty(t, x.store.settings["columns.drafts"], "the list of all drafts keeps its own")
	assert.Equal(t, []string{"", "Number", "Temp. no.", "Customer", "Address", "Gross", "Issued", "Delivery", "Terminal",
		"Handled by", "Seller"}, tl.columnTitles(t))
	assert.Contains(t, texts(tl.w), consultantName, "the quote's seller and handler")

	tapText(t, tl.w, lang.L("button.back"))
	assert.Equal(t, "orders", tl.screen(), "back where it was opened from")
}

// The per-type list filters as the list of all drafts (type, issue date,
// seller, terminal, text), a scanned barcode selects its draft and Continue
// opens it in the form; leaving the form comes back to this list.
func TestParkedOrdersFilterScanAndContinue(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	order := x.parkFor(t, pos.KindOrder, manager, terminalCode, "C0001", "", time.Time{}, fixedNow.Add(-time.Hour), 7)
	quote := x.parkFor(t, pos.KindQuote, consultant, otherTerminal, "C0001", "", time.Time{}, fixedNow, 12)
	tl := showParked(t, x)
	require.Len(t, tl.draftList(t).rows, 2)

	pick := func(current, option string) {
		t.Helper()
		sel := find(tl.w, func(s *widget.Select) bool { return s.Selected == current })
		require.NotNil(t, sel, "no drop-down showing %q", current)
		sel.SetSelected(option)
		tl.thread.settle(&tl.ui.tasks)
	}
	pick("All types", "Quote")
	assert.Equal(t, pos.KindQuote, x.service.lastAsked().Kind)
	require.Len(t, tl.draftList(t).rows, 1)
	assert.Equal(t, quote.ID, tl.draftList(t).rows[0].ID)
	pick("Quote", "All types")
	pick("All sellers", "Marc Dubois")
	assert.Equal(t, manager, x.service.lastAsked().Seller)
	pick("Marc Dubois", "All sellers")
	pick("All terminals", otherTerminal)
	assert.Equal(t, otherTerminal, x.service.lastAsked().Terminal)
	pick(otherTerminal, "All terminals")
	pick("Any date", "Today")
	assert.False(t, x.service.lastAsked().Day.IsZero())
	pick("Today", "Any date")
	require.Len(t, tl.draftList(t).rows, 2)

	field, ok := tl.w.Canvas().Focused().(*ScanField)
	require.True(t, ok, "the number field takes the scans")
	scan(field, string(order.BarcodeNo))
	tl.thread.settle(&tl.ui.tasks)
	assert.Equal(t, string(order.BarcodeNo), x.service.lastAsked().Text)
	requireText(t, tl.w, "COMC/TMP/1 · 7.99 · Marc Dubois")
	tapText(t, tl.w, lang.L("drafts.continue"))
	tl.thread.settle(&tl.ui.tasks)
	require.Equal(t, "order_form", tl.screen())
	requireText(t, tl.w, "Product 007")
	requireText(t, tl.w, "COMC/TMP/1")

	tapText(t, tl.w, lang.L("button.back"))
	tl.thread.settle(&tl.ui.tasks)
	assert.Equal(t, "parked_orders", tl.screen(), "the list it was continued from")
}

// draftList is the list of parked documents the till shows.
func (tl *till) draftList(tb testing.TB) *PagedList[app.DraftSummary] {
	tb.Helper()
	l := find(tl.w, func(*PagedList[app.DraftSummary]) bool { return true })
	require.NotNil(tb, l, "no draft list shown")
	return l
}

// columnTitles are the titles of the draft list's columns, the marker's
// first.
func (tl *till) columnTitles(tb testing.TB) []string {
	tb.Helper()
	var titles []string
	for _, c := range tl.draftList(tb).cols {
		titles = append(titles, c.Title)
	}
	return titles
}
