package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// customerPoints are memPoints whose customer search finds the fixture's
// customers, C0001 with a tax id and a recipient.
func customerPoints(store *docStore) *memPoints {
	c := store.customers["C0001"]
	c.TaxID = "FR40303265045"
	c.Recipients = []pos.Recipient{{Code: "R1", Name: "Atelier Dubois",
		Addresses: []pos.Address{{Street: "3 rue du Port", Postcode: "69007", City: "Lyon"}}}}
	store.customers["C0001"] = c
	points := newMemPoints()
	for _, c := range store.customers {
		points.customers = append(points.customers, c)
	}
	return points
}

// submit types text into the customer window's search and presses Enter,
// as a person or a card scanner does.
func submit(tb testing.TB, w fyne.Window, text string) {
	tb.Helper()
	e := findTop(w, func(*widget.Entry) bool { return true })
	require.NotNil(tb, e)
	e.SetText("")
	test.Type(e, text)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// R-F1: a code typed or scanned, then Enter, chooses the customer; an
// unknown one says so; the walk-in customer is one tap away.
func TestCustomerByCodeThenWalkIn(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	x := formOnTillWith(t, store, pos.KindOrder, customerPoints(store), nil)
	assert.Equal(t, "Retail customer", x.f.customer.value.Text)

	tapText(t, x.w, "Retail customer")
	submit(t, x.w, "C9999")
	assert.Contains(t, topTexts(x.w), "No customer with code C9999.")
	submit(t, x.w, "C0001")

	assert.Nil(t, x.w.Canvas().Overlays().Top())
	assert.Equal(t, "Martin Dubois", x.f.customer.value.Text)
	assert.Equal(t, "C0001", x.f.doc.Customer)
	assert.Equal(t, "CARD", x.f.doc.PaymentMethod, "the customer's own method (R-F3)")

	tapText(t, x.w, "Martin Dubois")
	tapTop(t, x.w, "Retail customer (no account)")
	assert.Equal(t, app.UndefinedCustomer, x.f.doc.Customer)
	assert.Equal(t, "CASH", x.f.doc.PaymentMethod)
}

// R-F1: the list follows the start of a name or a tax id, a row tapped is
// chosen; then one of its recipients, shown with the customer.
func TestCustomerFoundByNameOrTaxIDThenRecipient(t *testing.T) {
	newTestApp(t, "en")
	store := newDocStore(t)
	x := formOnTillWith(t, store, pos.KindOrder, customerPoints(store), nil)

	tapText(t, x.w, "Retail customer")
	rows := topTexts(x.w)
	assert.Contains(t, rows, "Martin Dubois")
	assert.Contains(t, rows, "Retail customer", "every active customer before anything is typed")
	e := findTop(x.w, func(*widget.Entry) bool { return true })
	test.Type(e, "mart")
	assert.NotContains(t, topTexts(x.w), "UNDEF")
	e.SetText("FR40303265045")
	tapTop(t, x.w, "Martin Dubois")
	assert.Equal(t, "C0001", x.f.doc.Customer)

	tapText(t, x.w, "Martin Dubois")
	tapTop(t, x.w, "Recipient")
	tapTop(t, x.w, "Atelier Dubois")
	assert.Equal(t, "R1", x.f.doc.Recipient)
	assert.Equal(t, "Martin Dubois → Atelier Dubois", x.f.customer.value.Text)

	tapText(t, x.w, "Martin Dubois → Atelier Dubois")
	tapTop(t, x.w, "Recipient")
	tapTop(t, x.w, "No recipient")
	assert.Empty(t, x.f.doc.Recipient)
}
