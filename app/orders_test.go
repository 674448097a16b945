package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// ordersTill is a till with the orders use cases and no data service.
func ordersTill(tb testing.TB, operator string) (*till, *app.Orders) {
	tb.Helper()
	tl := newTill(tb)
	require.NoError(tb, tl.session.Login(context.Background(), operator, demo.PINs[operator]))
	return tl, app.NewOrders(tl.db, nil, tl.session, tl.clock)
}

func ean(tb testing.TB, tl *till, code string) string {
	tb.Helper()
	p, err := tl.db.ProductByCode(context.Background(), code)
	require.NoError(tb, err)
	return p.EANs[0]
}

// confirmedOrder scans a mixer twice and a fan, and confirms.
func confirmedOrder(tb testing.TB, tl *till, o *app.Orders) *pos.Document {
	tb.Helper()
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(tb, err)
	require.NoError(tb, o.AddItem(ctx, d, ean(tb, tl, "MIX-01"), pos.Units(1)))
	require.NoError(tb, o.AddItem(ctx, d, ean(tb, tl, "MIX-01"), pos.Units(1)))
	require.NoError(tb, o.AddItem(ctx, d, "FAN-01", pos.Units(1)))
	require.NoError(tb, o.Confirm(ctx, d))
	return d
}

func TestNewOrderScanConfirm(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	d := confirmedOrder(t, tl, o)
	assert.Equal(t, "COMC/1/2026/KRKASA1", d.Number)
	require.Len(t, d.Lines, 2, "the same product scanned twice adds to its line")
	assert.Equal(t, pos.Units(2), d.Lines[0].Qty)
	assert.Equal(t, app.UndefinedCustomer, d.Customer)
	assert.Equal(t, "CASH", d.PaymentMethod, "the undefined customer pays cash")
	tot, err := d.Totals()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(2*4999+3499), tot.Gross)

	stored, rel, err := o.Get(context.Background(), d.ID)
	require.NoError(t, err)
	assert.Empty(t, rel)
	assert.Equal(t, pos.StatusConfirmed, stored.Status)
	assert.False(t, stored.Synced)
}

func TestConfirmWithoutLinesIsM12AndStoresNothing(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	assert.Equal(t, pos.MsgNoLine, errKey(t, o.Confirm(ctx, d)))
	assert.Equal(t, pos.StatusUnconfirmed, d.Status)
	n, err := tl.db.PendingOperations(ctx)
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestBadItemInputChangesNothing(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, o.AddItem(ctx, d, "FAN-01", pos.Units(1)))
	before := append([]pos.Line(nil), d.Lines...)
	assert.Equal(t, "error.quantity_negative", errKey(t, o.AddItem(ctx, d, "FAN-01", -1)))
	assert.Equal(t, "error.quantity_too_large", errKey(t, o.AddItem(ctx, d, "FAN-01", pos.MaxQty+1)))
	assert.Equal(t, "error.product_not_found", errKey(t, o.AddItem(ctx, d, "NOPE", pos.Units(1))))
	assert.Equal(t, "error.product_inactive", errKey(t, o.AddItem(ctx, d, "OLD-KETTLE", pos.Units(1))))
	assert.Equal(t, "error.amount_negative", errKey(t, o.SetPrice(d, 0, -100)))
	assert.Equal(t, "error.right_missing", errKey(t, o.SetPrice(d, 0, 100)), "a cashier may not lower a price")
	assert.Equal(t, "error.line_unknown", errKey(t, o.SetQty(d, 5, pos.Units(1))))
	assert.Equal(t, before, d.Lines)
	_ = tl
}

func TestReceiptCompletesOrderWithChange(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, o)

	g, err := o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	assert.False(t, g.Unlinked())
	tot, err := g.Totals()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(13497), tot.Due)
	change, err := g.Pay(ctx, []pos.Tender{{Method: "CASH", Type: pos.PaymentCash, Amount: 15000}})
	require.NoError(t, err)
	assert.Equal(t, pos.Money(1503), change)
	assert.Equal(t, "R/1/2026/KRKASA1", g.Doc.Number)

	order, rel, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, order.Status, "nothing remains to deliver (R-O5)")
	require.Len(t, rel, 1)
	assert.Equal(t, g.Doc.ID, rel[0].ID)
	n, err := tl.db.PendingOperations(ctx)
	require.NoError(t, err)
	assert.Equal(t, 3, n, "the order, then the receipt and the order's new state")
}

func TestPartialReceiptsThenComplete(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, o)

	g, err := o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	g.Doc.Lines[0].Qty = pos.Units(1) // one mixer of two, the fan another day
	g.Doc.Lines[1].Qty = 0
	_, err = g.Pay(ctx, []pos.Tender{{Method: "CARD", Type: pos.PaymentCard, Amount: 4999}})
	require.NoError(t, err)
	issued, _, err := o.Get(ctx, g.Doc.ID)
	require.NoError(t, err)
	require.Len(t, issued.Lines, 1, "the fan left at zero is not on the receipt")
	assert.Equal(t, pos.Units(1), issued.Lines[0].Qty)
	order, rel, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusInProgress, order.Status)
	assert.Equal(t, []pos.Qty{pos.Units(1), pos.Units(1)}, pos.ToDeliver(&order, rel))

	// The second receipt takes what remains; card over-payment is refused.
	g, err = o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	require.Len(t, g.Doc.Lines, 2)
	_, err = g.Pay(ctx, []pos.Tender{{Method: "CARD", Type: pos.PaymentCard, Amount: 9000}})
	assert.Equal(t, "error.change_not_cash", errKey(t, err))
	g, err = o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	_, err = g.Pay(ctx, []pos.Tender{{Method: "CARD", Type: pos.PaymentCard, Amount: 4999 + 3499}})
	require.NoError(t, err)
	order, _, err = o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, order.Status)

	_, err = o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	assert.Equal(t, "error.action_status", errKey(t, err), "a completed order generates nothing more")
}

func TestCancelCloseOpenFollowTheRulesAndRights(t *testing.T) {
	tl, cashier := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, cashier)
	assert.Equal(t, "error.right_missing", errKey(t, cashier.Cancel(ctx, d.ID)), "cashiers may not cancel")

	g, err := cashier.Generate(ctx, d.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	g.Doc.Lines = g.Doc.Lines[:1]
	_, err = g.Pay(ctx, []pos.Tender{{Method: "CASH", Type: pos.PaymentCash, Amount: 10000}})
	require.NoError(t, err)

	tl.session.Logout()
	require.NoError(t, tl.session.Login(ctx, "GIULIA", demo.PINs["GIULIA"]))
	manager := app.NewOrders(tl.db, nil, tl.session, tl.clock)
	assert.Equal(t, "error.action_status", errKey(t, manager.Cancel(ctx, d.ID)), "In progress cannot be cancelled")
	assert.Equal(t, "error.action_has_documents", errKey(t, manager.Close(ctx, d.ID)), "a live receipt blocks closing")

	other := confirmedOrder(t, tl, manager)
	require.NoError(t, manager.Open(ctx, other.ID))
	reopened, _, err := manager.Get(ctx, other.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusUnconfirmed, reopened.Status)
	assert.Equal(t, other.Number, reopened.Number, "reopening keeps the number")
	require.NoError(t, manager.Confirm(ctx, &reopened))
	require.NoError(t, manager.Cancel(ctx, other.ID))
	cancelled, _, err := manager.Get(ctx, other.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCancelled, cancelled.Status)
	assert.Equal(t, "error.action_status", errKey(t, manager.Close(ctx, other.ID)))
}

func TestReceiptRefusedOnceAnAdvanceExists(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, o)
	advance := &pos.Document{Kind: pos.KindAdvanceInvoice, Status: pos.StatusConfirmed, Terminal: "KRKASA1",
		Operator: "ANNA", Customer: d.Customer, VATMethod: pos.VATFromGross, SourceOrder: d.ID, OrderRef: d.Number,
		Lines: []pos.Line{{Name: "Advance", Qty: pos.Units(1), Price: 2000, VATRate: 2000}}}
	require.NoError(t, tl.db.SaveDocument(ctx, advance, tl.clock.Now()))

	_, err := o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	assert.Equal(t, "error.receipt_after_advance", errKey(t, err))
	g, err := o.Generate(ctx, d.ID, pos.KindInvoice, 0)
	require.NoError(t, err, "an invoice is still possible")
	assert.Equal(t, pos.VATFromGross, g.Doc.VATMethod, "the invoice copies the order's VAT method")
	g.Abort(ctx)
}

func TestSyncedOrderOfflineAsksM2ThenIssuesUnlinked(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, o)
	d.Synced = true // as if the data service had acknowledged it
	require.NoError(t, tl.db.SaveDocument(ctx, d, tl.clock.Now()))

	_, err := o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	assert.Equal(t, pos.MsgOfflineUnlinked, errKey(t, err))

	g, err := o.Generate(ctx, d.ID, pos.KindReceipt, app.ConsentUnlinked)
	require.NoError(t, err)
	assert.True(t, g.Unlinked())
	assert.Equal(t, d.Number, g.Doc.OrderRef, "the receipt carries the order number")
	_, err = g.Pay(ctx, []pos.Tender{{Method: "CASH", Type: pos.PaymentCash, Amount: 13497}})
	require.NoError(t, err)

	order, rel, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusConfirmed, order.Status, "the order is not touched offline")
	assert.Empty(t, rel, "the receipt is not associated with the order")
	receipt, _, err := o.Get(ctx, g.Doc.ID)
	require.NoError(t, err)
	assert.Equal(t, d.Number, receipt.OrderRef)
	assert.Empty(t, receipt.SourceOrder)

	assert.Equal(t, "error.offline_required", errKey(t, o.Pickup(ctx, d.ID)), "status changes of synced orders need the service")
}

func TestPickupSetsDeliveryStatusOnce(t *testing.T) {
	tl, o := ordersTill(t, "GIULIA")
	ctx := context.Background()
	d := confirmedOrder(t, tl, o)
	require.NoError(t, o.Pickup(ctx, d.ID))
	got, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.DeliveryPickedUp, got.DeliveryStatus)
	assert.Equal(t, "error.already_picked_up", errKey(t, o.Pickup(ctx, d.ID)))
}

func TestListFiltersByStatusAndNumber(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	first := confirmedOrder(t, tl, o)
	confirmedOrder(t, tl, o)
	q, err := o.New(ctx, pos.KindQuote)
	assert.Equal(t, "error.right_missing", errKey(t, err), "cashiers make no quotes")
	assert.Nil(t, q)

	rows, err := o.List(ctx, app.DocFilter{Limit: 50})
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, "Retail customer", rows[0].Customer)
	assert.Equal(t, pos.Money(13497), rows[0].Gross)

	rows, err = o.List(ctx, app.DocFilter{Number: string(first.BarcodeNo), Limit: 50})
	require.NoError(t, err)
	require.Len(t, rows, 1, "a scanned barcode finds its document")
	assert.Equal(t, first.ID, rows[0].ID)

	_, err = o.List(ctx, app.DocFilter{Limit: 0})
	assert.Equal(t, "error.search_invalid", errKey(t, err))
}

func TestChangeStatusCannotBypassCancelRules(t *testing.T) {
	tl, o := ordersTill(t, "MARC") // a consultant edits orders but may not cancel them
	ctx := context.Background()
	d := confirmedOrder(t, tl, o)
	assert.Equal(t, "error.right_missing", errKey(t, o.ChangeStatus(ctx, d.ID, pos.StatusCancelled)))
	assert.Equal(t, "error.status_by_documents", errKey(t, o.ChangeStatus(ctx, d.ID, pos.StatusCompleted)))
	require.NoError(t, o.ChangeStatus(ctx, d.ID, pos.StatusUnconfirmed))
	got, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusUnconfirmed, got.Status)
}
