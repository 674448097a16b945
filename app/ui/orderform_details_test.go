package ui

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// R-F1, R-F3: the payment method defaults to Cash for the walk-in customer
// and is one of the till's; the delivery date takes today, +1, +7 or none
// with large keys; the statuses change with their rights (R-F4).
func TestFormPaymentMethodDeliveryDateAndStatuses(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTillWith(t, newDocStore(t), pos.KindOrder, newMemPoints(), nil)
	d := x.f.details
	assert.Equal(t, "Cash", d.paymentMethod.value.Text)
	assert.Equal(t, "—", d.deliveryDate.value.Text)

	tapText(t, x.w, "Payment method")
	assert.NotContains(t, topTexts(x.w), "Bank transfer", "not taken on this till")
	tapTop(t, x.w, "Card")
	assert.Equal(t, "CARD", x.f.doc.PaymentMethod)
	assert.Equal(t, "Card", d.paymentMethod.value.Text)

	today := fixedClock.Now()
	day := func(n int) time.Time {
		return time.Date(today.Year(), today.Month(), today.Day()+n, 0, 0, 0, 0, time.UTC)
	}
	tapText(t, x.w, "Delivery date")
	tapTop(t, x.w, "In 7 days")
	assert.Equal(t, day(7), x.f.doc.DeliveryDate)
	assert.Equal(t, day(7).Format("02/01/06"), d.deliveryDate.value.Text)
	tapText(t, x.w, "Delivery date")
	tapTop(t, x.w, "Tomorrow")
	assert.Equal(t, day(1), x.f.doc.DeliveryDate)
	tapText(t, x.w, "Due date")
	tapTop(t, x.w, "Today")
	assert.Equal(t, day(0), x.f.doc.DueDate)
	tapText(t, x.w, "Due date")
	tapTop(t, x.w, "No date")
	assert.True(t, x.f.doc.DueDate.IsZero())

	tapText(t, x.w, "Delivery status")
	tapTop(t, x.w, "Ready for pickup")
	assert.Equal(t, "ready", x.f.doc.DeliveryStatus)
	assert.Equal(t, "Ready for pickup", d.deliveryStatus.value.Text)
	assert.False(t, d.paymentStatus.button.Disabled(), "the manager has the payment status right")
	assert.True(t, x.f.dirty)
}

// R-F8: an order whose lines are on a warehouse this center may not use
// opens with M9; saving puts them on the center's own warehouse, and a
// warehouse made available to the center stays.
func TestFormWarnsM9AndSavingSwitchesWarehouses(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTillWith(t, newDocStore(t), pos.KindOrder, newMemPoints(), func(d *pos.Document) {
		d.Lines = []pos.Line{
			{ProductCode: "P001", Name: "Product 001", Unit: "pcs", Qty: pos.Units(1), Price: 100, BasePrice: 100, Warehouse: "WAW-MAIN"},
			{ProductCode: "P002", Name: "Product 002", Unit: "pcs", Qty: pos.Units(1), Price: 100, BasePrice: 100, Warehouse: "HUB"},
		}
	})
	assert.Contains(t, x.f.message.Text, "Some items have warehouses that are not available in this center")

	tapText(t, x.w, "Save")
	require.Equal(t, 1, x.store.saves)
	stored := x.store.doc(t, x.f.doc.ID)
	assert.Equal(t, "KRK-MAIN", stored.Lines[0].Warehouse)
	assert.Equal(t, "HUB", stored.Lines[1].Warehouse)
}

// Without delivery points behind the use cases the form still opens, its
// fields empty.
func TestFormDetailsWithoutDeliveryPoints(t *testing.T) {
	newTestApp(t, "en")
	x := formOnTill(t, newDocStore(t), pos.KindOrder)
	assert.Equal(t, "—", x.f.details.deliveryPoint.value.Text)
	tapText(t, x.w, "Delivery point")
	tapTop(t, x.w, "Store pickup")
	assert.Contains(t, topTexts(x.w), "No delivery point.")
}
