package ui

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// paymentFor opens the payment window of a receipt for a new order of the
// given products, as the list does.
func paymentFor(tb testing.TB, products ...int) (*ordersFixture, *paymentWindow, pos.Document) {
	tb.Helper()
	store := newDocStore(tb)
	order := store.confirmedOrder(tb, "UNDEF", 1, products...)
	f := ordersOnTill(tb, store, manager, managerPIN)
	g, err := f.uc.Orders.Generate(context.Background(), order.ID, pos.KindReceipt, 0)
	require.NoError(tb, err)
	p := newPaymentWindow(context.Background(), f.deps(), f.w.Canvas(), g, func(bool) {})
	return f, p, order
}

// pay taps a payment method's button.
func pay(tb testing.TB, f *ordersFixture, p *paymentWindow, method string) {
	tb.Helper()
	tapIn(tb, f.w, p.methodBox, method)
}

func typeAmount(tb testing.TB, f *ordersFixture, keys ...string) {
	tb.Helper()
	for _, k := range keys {
		tapTop(tb, f.w, k)
	}
}

// Split payment: part by card, the rest in cash with change (only cash gives
// change back).
func TestSplitPaymentCardThenCash(t *testing.T) {
	newTestApp(t, "en")
	f, p, order := paymentFor(t, 10, 20) // 10.99 + 20.99 = 31.98
	assert.Equal(t, "31.98", p.dueLabel.Text)
	assert.True(t, p.confirm.Disabled())

	typeAmount(t, f, "2", "0")
	pay(t, f, p, "Card")
	assert.Equal(t, "11.98", p.rest.Text)
	assert.Equal(t, "Left to pay", p.restName.Text)

	typeAmount(t, f, "5", "0")
	pay(t, f, p, "Card")
	assert.Contains(t, topTexts(f.w), "Only cash can be given back: 38.02 too much on other methods.")
	assert.Len(t, p.tenders, 1, "refused, not added")

	pay(t, f, p, "Cash")
	assert.Equal(t, "Change", p.restName.Text)
	assert.Equal(t, "38.02", p.rest.Text)
	require.False(t, p.confirm.Disabled())
	tapTop(t, f.w, "Confirm payment")
	f.settle()

	assert.Contains(t, topTexts(f.w), "Give back 38.02")
	issued := f.store.issuedFor(order.Number)
	require.Len(t, issued, 1)
	assert.Equal(t, []pos.Payment{{Method: "CARD", Name: "Card", Amount: 2000}, {Method: "CASH", Name: "Cash", Amount: 1198, Tendered: 5000}}, issued[0].Payments)
}

// With nothing typed, a method pays what is left; a tender can be taken back.
func TestMethodPaysWhatIsLeftAndTendersCanBeRemoved(t *testing.T) {
	newTestApp(t, "en")
	f, p, _ := paymentFor(t, 3)
	pay(t, f, p, "Card")
	assert.Equal(t, []pos.Tender{{Method: "CARD", Name: "Card", Type: pos.PaymentCard, Amount: 399}}, p.tenders)
	assert.False(t, p.confirm.Disabled())

	p.removeTender(0)
	assert.Empty(t, p.tenders)
	assert.True(t, p.confirm.Disabled())
	assert.Equal(t, "3.99", p.rest.Text)
}

// Cancel abandons the document: nothing is issued, the order is unchanged.
func TestCancelPaymentIssuesNothing(t *testing.T) {
	newTestApp(t, "en")
	f, _, order := paymentFor(t, 3)
	tapTop(t, f.w, "Cancel")
	f.settle()

	assert.Nil(t, f.w.Canvas().Overlays().Top())
	assert.Empty(t, f.store.issuedFor(order.Number))
	assert.Equal(t, pos.StatusConfirmed, f.store.doc(t, order.ID).Status)
}

// When the document cannot be stored, the window says so and only closes:
// the generation is over, the cashier starts again from the list.
func TestPaymentFailureIsShownAndEndsTheWindow(t *testing.T) {
	newTestApp(t, "en")
	f, p, order := paymentFor(t, 3)
	f.store.failSave = pos.Errorf(pos.CodeConflict, "error.document_duplicate", "Number", "R/1/2025/KRKASA1")
	pay(t, f, p, "Cash")
	tapTop(t, f.w, "Confirm payment")
	f.settle()

	assert.Contains(t, topTexts(f.w), "The number R/1/2025/KRKASA1 is already used.")
	assert.True(t, p.confirm.Disabled())
	tapTop(t, f.w, "Close")
	assert.Nil(t, f.w.Canvas().Overlays().Top())
	f.store.failSave = nil
	assert.Empty(t, f.store.issuedFor(order.Number))

	// Anything else than a pos.Error reads as the generic message.
	f2, p2, _ := paymentFor(t, 4)
	f2.store.failSave = errors.New("disk I/O error")
	pay(t, f2, p2, "Cash")
	tapTop(t, f2.w, "Confirm payment")
	f2.settle()
	assert.Contains(t, topTexts(f2.w), "Something went wrong. The log has the details; please tell your IT support.")
}
