package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

func TestPaymentMethodsOfThisTerminalCashFirst(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	o := app.NewOrders(tl.db, nil, tl.session, tl.clock)
	_, err := o.PaymentMethods(ctx)
	assert.Equal(t, "error.not_logged_in", errKey(t, err))
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))

	methods, err := o.PaymentMethods(ctx)
	require.NoError(t, err)
	var codes []string
	for _, m := range methods {
		codes = append(codes, m.Code)
	}
	assert.Equal(t, []string{"CASH", "CARD"}, codes, "bank transfer is not taken on KRKASA1")
}

func TestCustomerByCode(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	c, err := o.Customer(ctx, " C0001 ")
	require.NoError(t, err)
	assert.Equal(t, "Martin Dubois", c.Name)

	_, err = o.Customer(ctx, "C9999")
	assert.Equal(t, "error.customer_not_found", errKey(t, err))
	_, err = o.Customer(ctx, "  ")
	assert.Equal(t, "error.customer_code_invalid", errKey(t, err))

	tl.session.Logout()
	_, err = o.Customer(ctx, "C0001")
	assert.Equal(t, "error.not_logged_in", errKey(t, err))
}

// advanceFor stores an advance invoice of amount for order d, issued now on
// the till's clock; linked says whether it is associated with the order.
func advanceFor(tb testing.TB, tl *till, d *pos.Document, amount pos.Money, status pos.Status, linked bool) *pos.Document {
	tb.Helper()
	a := &pos.Document{Kind: pos.KindAdvanceInvoice, Status: status, Terminal: "KRKASA1",
		Operator: "ANNA", Customer: d.Customer, VATMethod: pos.VATFromGross, OrderRef: d.Number,
		Lines: []pos.Line{{Name: "Advance", Qty: pos.Units(1), Price: amount, VATRate: 2000}}}
	if linked {
		a.SourceOrder = d.ID
	}
	require.NoError(tb, tl.db.SaveDocument(context.Background(), a, tl.clock.Now()))
	return a
}

// The printed order lists the advances paid from its advance invoices, oldest
// first; cancelled and unlinked ones are not the order's (R-A3, R-X2).
func TestPrintJobOfAnOrderHasItsCustomerAndAdvancesPaid(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, o)
	require.NoError(t, o.SetCustomer(ctx, d, "C0001"))
	require.NoError(t, tl.db.SaveDocument(ctx, d, tl.clock.Now()))

	first := advanceFor(t, tl, d, 2000, pos.StatusConfirmed, true)
	tl.clock.Add(time.Hour)
	advanceFor(t, tl, d, 500, pos.StatusCancelled, true)
	advanceFor(t, tl, d, 700, pos.StatusConfirmed, false)
	tl.clock.Add(time.Hour)
	second := advanceFor(t, tl, d, 1500, pos.StatusConfirmed, true)

	require.NotEmpty(t, first.Number)
	job, err := o.PrintJob(ctx, *d)
	require.NoError(t, err)
	assert.Equal(t, d.ID, job.Document.ID)
	require.NotNil(t, job.Customer)
	assert.Equal(t, "Martin Dubois", job.Customer.Name)
	assert.Equal(t, []app.AdvancePaid{
		{Number: first.Number, IssuedAt: first.IssuedAt, Amount: 2000},
		{Number: second.Number, IssuedAt: second.IssuedAt, Amount: 1500},
	}, job.Advances)
	assert.False(t, job.Copy)
	assert.False(t, job.CashTaken)
}

// A receipt or a quote has no advances to list; a customer no longer known
// prints as the code the document holds.
func TestPrintJobOfOtherDocuments(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, o)
	advanceFor(t, tl, d, 2000, pos.StatusConfirmed, true)

	quote := *d
	quote.Kind, quote.ID = pos.KindQuote, ""
	job, err := o.PrintJob(ctx, quote)
	require.NoError(t, err)
	assert.Empty(t, job.Advances)
	require.NotNil(t, job.Customer)
	assert.Equal(t, pos.CustomerUndefined, job.Customer.Type)

	gone := *d
	gone.Customer = "C9999"
	job, err = o.PrintJob(ctx, gone)
	require.NoError(t, err)
	assert.Nil(t, job.Customer)
	assert.Len(t, job.Advances, 1)

	tl.session.Logout()
	_, err = o.PrintJob(ctx, *d)
	assert.Equal(t, "error.not_logged_in", errKey(t, err))
}
