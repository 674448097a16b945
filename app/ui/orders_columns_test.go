package ui

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// R-L4: the payment and delivery status filters offer the ERP's names and
// filter on their codes; the hidden Payment status and Fulfilled at pickup
// point columns show the names and the mark (R-L3); numbers read naturally.
func TestStatusFiltersByTheERPsNamesAndTheHiddenColumns(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	var orders []pos.Document
	for i := 1; i <= 10; i++ {
		orders = append(orders, store.confirmedOrder(t, "UNDEF", 1, i))
	}
	paid := orders[9]
	paid.PaymentStatus, paid.FulfilledAtPickup = "paid", true
	require.NoError(t, store.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &paid))
	store.settings["columns.orders"] = "number,payment_status,fulfilled"
	f := ordersOnTill(t, store, manager, managerPIN)
	// The list reads the dictionaries as it opens: opened again with them.
	f.uc.Orders.WithDeliveryPoints(newMemPoints())
	f.s = newOrdersScreen(context.Background(), f.deps(), ordersNav{back: func() {}}, "")
	f.w = showOnTill(t, f.s.view)
	require.Greater(t, len(f.s.list.rows), 2)
	assert.Equal(t, orders[1].Number, f.s.list.rows[1].Number, "COMC/2 second, not COMC/10")
	shown := texts(f.w)
	assert.Contains(t, shown, "Payment status")
	assert.Contains(t, shown, "At point")

	test.Tap(f.s.more)
	sel := findTop(f.w, func(s *widget.Select) bool { return slices.Contains(s.Options, "Any payment status") })
	require.NotNil(t, sel)
	assert.Equal(t, []string{"Any payment status", "Paid"}, sel.Options)
	delivery := findTop(f.w, func(s *widget.Select) bool { return slices.Contains(s.Options, "Any delivery status") })
	assert.Equal(t, []string{"Any delivery status", "Ready for pickup"}, delivery.Options)
	sel.SetSelected("Paid")
	tapTop(t, f.w, "OK")

	shown = texts(f.w)
	assert.Equal(t, "paid", f.s.filter.PaymentStatus)
	assert.Contains(t, shown, paid.Number)
	assert.NotContains(t, shown, orders[1].Number)
	assert.Contains(t, shown, "Paid", "the ERP's name, not the code")
	assert.Contains(t, shown, "Yes", "fulfilled at its pickup point")
	assert.Contains(t, shown, "Filters (1)")
}

// The default columns give the texts that matter their whole width: a
// document's number and its dates on either till, every status in every
// language on a 1280-pixel one, and on a 1024-pixel one all but French's
// longest (En cours de traitement), the customer and the address giving
// way.
func TestOrdersListColumnsShowTheirTextsWhole(t *testing.T) {
	statuses := []pos.Status{pos.StatusUnconfirmed, pos.StatusConfirmed, pos.StatusInProgress, pos.StatusCompleted,
		pos.StatusClosed, pos.StatusCancelled, pos.StatusAccepted, pos.StatusRejected}
	for _, code := range app.Languages {
		for _, size := range tillSizes {
			newTestApp(t, code)
			x := ordersOnTill(t, newDocStore(t), manager, managerPIN)
			x.w.Resize(size)
			column := headerCells(t, x.s.list)

			assertRoomFor(t, column["orders.col.number"], "COMC/14/2025/KRKASA1")
			for _, key := range []string{"orders.col.issued_short", "orders.col.delivery_short"} {
				assertRoomFor(t, column[key], formatDate(fixedNow))
			}
			for _, s := range statuses {
				if size.Width < 1280 && code == "fr" && s == pos.StatusInProgress {
					continue
				}
				assertRoomFor(t, column["orders.col.status"], statusName(s))
			}
		}
	}
}

// headerCells are the header's cells of the orders list, by the key of
// their title.
func headerCells(tb testing.TB, list *PagedList[app.DocSummary]) map[string]*widget.Label {
	tb.Helper()
	cells := map[string]*widget.Label{}
	walk(list.head, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			for _, c := range orderColumns {
				if c.shown && (l.Text == lang.L(c.key) || c.short != "" && l.Text == lang.L(c.short)) {
					cells[cmp.Or(c.short, c.key)] = l
				}
			}
		}
		return true
	})
	require.Len(tb, cells, 8, "the default columns")
	return cells
}

// assertRoomFor checks that a row's cell as wide as header cell shows text
// whole, padded as the cell's theme pads it.
func assertRoomFor(tb testing.TB, cell *widget.Label, text string) {
	tb.Helper()
	th := cell.Theme()
	need := fyne.MeasureText(text, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width + 2*th.Size(theme.SizeNameInnerPadding)
	assert.GreaterOrEqual(tb, cell.Size().Width, need, "%q under %q, in %s", text, cell.Text, lang.SystemLocale())
}

// The related documents window gives a generated document's kind and number
// their whole width on the 1024-pixel till, in every language.
func TestRelatedDocumentsShowKindsWhole(t *testing.T) {
	for _, code := range app.Languages {
		newTestApp(t, code)
		store := newDocStore(t)
		order := store.confirmedOrder(t, "UNDEF", 1, 3)
		x := ordersOnTill(t, store, manager, managerPIN)
		x.w.Resize(fyne.NewSize(1024, 768))
		g, err := x.uc.Orders.Generate(context.Background(), order.ID, pos.KindReceipt, 0)
		require.NoError(t, err)
		due, err := g.Totals()
		require.NoError(t, err)
		_, err = g.Pay(context.Background(), []pos.Tender{{Method: "CARD", Type: pos.PaymentCard, Amount: due.Due}})
		require.NoError(t, err)
		x.selectRow(t, order.Number)
		test.Tap(x.s.relatedDocs.button)

		list := findTop(x.w, func(*PagedList[pos.Related]) bool { return true })
		require.NotNil(t, list)
		column := map[string]*widget.Label{}
		walk(list.head, func(o fyne.CanvasObject) bool {
			if l, ok := o.(*widget.Label); ok {
				column[l.Text] = l
			}
			return true
		})
		assertRoomFor(t, column[lang.L("orders.col.number")], g.Doc.Number)
		for _, k := range []pos.Kind{pos.KindReceipt, pos.KindInvoice, pos.KindAdvanceInvoice} {
			assertRoomFor(t, column[lang.L("orders.col.type")], kindName(k))
		}
	}
}
