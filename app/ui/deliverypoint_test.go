package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// memPoints is app.DeliveryPointStore in memory: the fixture's center KRK
// with its store and warehouse, another center's, and C0001's own point.
// Its attributes and customers are empty unless a test sets them.
type memPoints struct {
	points     []pos.DeliveryPoint
	warehouses []pos.Warehouse
	dicts      []pos.DictEntry
	attributes []pos.Attribute
	customers  []pos.Customer
}

var _ app.DeliveryPointStore = (*memPoints)(nil)

func newMemPoints() *memPoints {
	return &memPoints{
		points: []pos.DeliveryPoint{
			{Code: "DP-WAW", Kind: pos.DeliveryStore, Name: "Store Warsaw", Center: "WAW",
				Address: pos.Address{Street: "Marszałkowska 1", Postcode: "00-001", City: "Warszawa"}},
			{Code: "DP-KRK", Kind: pos.DeliveryStore, Name: "Store Kraków", Center: "KRK",
				Address: pos.Address{Street: "Floriańska 3", Postcode: "31-019", City: "Kraków"}},
			{Code: "DP-HUB", Kind: pos.DeliveryWarehouse, Name: "Hub", Center: "HQ", Warehouse: "HUB",
				Address: pos.Address{Street: "Magazynowa 9", Postcode: "32-050", City: "Skawina"}},
			{Code: "DP-C0001", Kind: pos.DeliveryCustomer, Name: "Dubois workshop", Customer: "C0001",
				Address: pos.Address{Street: "3 rue du Port", Postcode: "69007", City: "Lyon"}},
		},
		warehouses: []pos.Warehouse{
			{Code: "KRK-MAIN", Name: "Kraków", Center: "KRK"},
			{Code: "HUB", Name: "Hub", Center: "HQ", Available: []string{"KRK"}},
			{Code: "WAW-MAIN", Name: "Warsaw", Center: "WAW"},
		},
		dicts: []pos.DictEntry{
			{Dict: pos.DictDeliveryStatus, Code: "ready", Name: "Ready for pickup"},
			{Dict: pos.DictPaymentStatus, Code: "paid", Name: "Paid"},
		},
	}
}

func (m *memPoints) DeliveryPoints(context.Context) ([]pos.DeliveryPoint, error) {
	return m.points, nil
}
func (m *memPoints) Warehouses(context.Context) ([]pos.Warehouse, error) { return m.warehouses, nil }
func (m *memPoints) DictEntries(_ context.Context, dict string) ([]pos.DictEntry, error) {
	var out []pos.DictEntry
	for _, e := range m.dicts {
		if e.Dict == dict {
			out = append(out, e)
		}
	}
	return out, nil
}

func (m *memPoints) Attributes(context.Context) ([]pos.Attribute, error) { return m.attributes, nil }

// SearchCustomers finds as the store does: active customers by name prefix
// (any case), code or tax id, by name.
func (m *memPoints) SearchCustomers(_ context.Context, text string, offset, limit int) ([]pos.Customer, error) {
	var out []pos.Customer
	for _, c := range m.customers {
		if c.Active && (strings.HasPrefix(strings.ToLower(c.Name), strings.ToLower(text)) || c.Code == text || c.TaxID == text) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b pos.Customer) int { return strings.Compare(a.Name, b.Name) })
	return out[min(offset, len(out)):min(offset+limit, len(out))], nil
}

// R-F2: the four kinds, own center first, the filter, the current selection
// on the form's button and in the window, and Clear.
func TestDeliveryPointWindowKindsFilterSelectionAndClear(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTillWith(t, newDocStore(t), pos.KindOrder, newMemPoints(), nil)
	require.NoError(t, x.uc.Orders.SetCustomer(context.Background(), x.f.doc, "C0001"))
	x.f.showDetails()

	tapText(t, x.w, "Delivery point")
	assert.Contains(t, topTexts(x.w), "Selected delivery point: none")
	assert.Contains(t, topTexts(x.w), "Martin Dubois — 12 rue des Lilas, 69003 Lyon", "home: the customer's address")

	tapTop(t, x.w, "Store pickup")
	stores := topTexts(x.w)
	krk, waw := indexOf(stores, "Store Kraków — Floriańska 3, 31-019 Kraków"), indexOf(stores, "Store Warsaw — Marszałkowska 1, 00-001 Warszawa")
	require.True(t, krk >= 0 && waw >= 0, "%q", stores)
	assert.Less(t, krk, waw, "own center first")

	entry := x.f.details.deliveryPoint // the form's button shows the choice once made
	tapTop(t, x.w, "Customer's points")
	assert.Contains(t, topTexts(x.w), "Dubois workshop — 3 rue du Port, 69007 Lyon")
	tapTop(t, x.w, "Store pickup")
	require.NotNil(t, x.f.pointWindow)
	x.f.pointWindow.filter.SetText("warsz")
	assert.NotContains(t, topTexts(x.w), "Store Kraków — Floriańska 3, 31-019 Kraków")
	tapTop(t, x.w, "Store Warsaw — Marszałkowska 1, 00-001 Warszawa")

	assert.Equal(t, "DP-WAW", x.f.doc.DeliveryPoint)
	assert.Equal(t, "Store Warsaw", entry.value.Text)
	assert.True(t, x.f.dirty)

	tapText(t, x.w, "Store Warsaw")
	assert.Contains(t, topTexts(x.w), "Selected delivery point: Store Warsaw — Marszałkowska 1, 00-001 Warszawa")
	tapTop(t, x.w, "Clear")
	assert.Empty(t, x.f.doc.DeliveryPoint)
	assert.Equal(t, "—", entry.value.Text)
}

func indexOf(texts []string, text string) int {
	for i, t := range texts {
		if t == text {
			return i
		}
	}
	return -1
}

// R-F2 [Add address] on Home delivery: a street and a city at least, then
// the address is the document's delivery point; R-F1: Fulfilled at pickup
// point is ticked in the same window and shows on the form's field.
func TestDeliveryPointWindowAddsAnAddressAndFulfilment(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTillWith(t, newDocStore(t), pos.KindOrder, newMemPoints(), nil)
	require.NoError(t, x.uc.Orders.SetCustomer(context.Background(), x.f.doc, "C0001"))
	x.f.showDetails()

	tapText(t, x.w, "Delivery point")
	tapTop(t, x.w, "Add address")
	entries := findAllTop[*widget.Entry](x.w)
	require.Len(t, entries, 3, "street, postcode, city")
	test.Type(entries[0], "8 quai Perrache")
	tapTop(t, x.w, "OK")
	assert.Contains(t, topTexts(x.w), "Enter at least the street and the city.")
	test.Type(entries[2], "Lyon")
	tapTop(t, x.w, "OK")
	assert.Nil(t, x.w.Canvas().Overlays().Top(), "both windows close")
	assert.Equal(t, "8 quai Perrache", x.f.doc.DeliveryAddress.Street)
	assert.Equal(t, "Martin Dubois", x.f.details.deliveryPoint.value.Text)

	tapText(t, x.w, "Martin Dubois")
	assert.Contains(t, topTexts(x.w), "Selected delivery point: Martin Dubois — 8 quai Perrache, Lyon")
	tapTop(t, x.w, "Fulfilled at pickup point")
	assert.True(t, x.f.doc.FulfilledAtPickup)
	tapTop(t, x.w, "Back")
	assert.Equal(t, "Martin Dubois (fulfilled there)", x.f.details.deliveryPoint.value.Text)
}

// findAllTop returns every visible object of type T on top, in drawing order.
func findAllTop[T fyne.CanvasObject](w fyne.Window) []T {
	var out []T
	walk(onTop(w), func(o fyne.CanvasObject) bool {
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
		return true
	})
	return out
}
