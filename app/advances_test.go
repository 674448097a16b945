package app_test

import (
	"context"
	"encoding/json"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/store"
)

// furnitureOrder confirms an order for Martin Dubois (C0001): a made-to-measure
// wardrobe (1,890.00 at 20%) and, when books > 0, cookbooks (24.90 at 5.5%).
func furnitureOrder(tb testing.TB, o *app.Orders, books int64) *pos.Document {
	tb.Helper()
	ctx := context.Background()
	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(tb, err)
	require.NoError(tb, o.SetCustomer(ctx, d, "C0001"))
	require.NoError(tb, o.AddItem(ctx, d, "WARD-MTM", pos.Units(1)))
	if books > 0 {
		require.NoError(tb, o.AddItem(ctx, d, "BOOK-01", pos.Units(books)))
	}
	require.NoError(tb, o.Confirm(ctx, d))
	return d
}

// setParams changes the ERP parameters as a pull would.
func setParams(tb testing.TB, tl *till, change func(p *pos.Params)) {
	tb.Helper()
	p := demo.MasterData().Params
	p.VATMethods = maps.Clone(p.VATMethods)
	change(&p)
	require.NoError(tb, tl.db.ApplyMasterData(context.Background(), pos.MasterData{Params: p}))
}

func card(amount pos.Money) []pos.Tender {
	return []pos.Tender{{Method: "CARD", Type: pos.PaymentCard, Amount: amount}}
}

// totals reads a generation's summary.
func totals(tb testing.TB, g *app.Generation) pos.Totals {
	tb.Helper()
	t, err := g.Totals()
	require.NoError(tb, err)
	return t
}

// R-A5, the worked example of seed 002: a made-to-measure wardrobe, a 15%
// advance; the advance invoice copies the customer from the order; confirmed,
// paid; the order shows it and refuses a receipt from then on.
func TestAdvanceWorkedExample(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := furnitureOrder(t, o, 0)

	form, err := o.AdvanceForm(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, d.Number, form.Order.Number)
	assert.Equal(t, pos.Money(189000), form.Money.Gross, "order amount")
	assert.Zero(t, form.Money.Advances, "previous advances")
	assert.Equal(t, pos.Money(189000), form.Left)

	g, err := o.Advance(ctx, d.ID, pos.PercentShare(1500), false)
	require.NoError(t, err)
	assert.False(t, g.Unlinked())
	assert.Equal(t, pos.KindAdvanceInvoice, g.Doc.Kind)
	assert.Equal(t, "C0001", g.Doc.Customer, "copied from the order")
	assert.Equal(t, "CARD", g.Doc.PaymentMethod)
	tot := totals(t, g)
	assert.Equal(t, pos.Money(28350), tot.Gross)
	assert.Equal(t, pos.Money(4725), tot.VAT, "VAT from gross: 283.50 × 20/120")
	assert.Equal(t, pos.Money(23625), tot.Net)
	assert.Equal(t, pos.Money(28350), tot.Due)
	change, err := g.Pay(ctx, []pos.Tender{{Method: "CASH", Type: pos.PaymentCash, Amount: 30000}})
	require.NoError(t, err)
	assert.Equal(t, pos.Money(1650), change, "any payment method of the terminal, cash with change")
	assert.Equal(t, "FAC/1/2026/KRKASA1", g.Doc.Number)

	order, rel, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusConfirmed, order.Status, "an advance delivers nothing")
	assert.Equal(t, d.Revision, order.Revision, "nor changes the order")
	require.Len(t, rel, 1)
	assert.Equal(t, pos.KindAdvanceInvoice, rel[0].Kind)

	job, err := o.PrintJob(ctx, order)
	require.NoError(t, err)
	assert.Equal(t, []app.AdvancePaid{{Number: "FAC/1/2026/KRKASA1", IssuedAt: tl.clock.Now(), Amount: 28350}}, job.Advances,
		"the printed order's payment section (R-A3)")

	_, err = o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	assert.Equal(t, "error.receipt_after_advance", errKey(t, err), "R-O4")
	form, err = o.AdvanceForm(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.Money(28350), form.Money.Advances)
	assert.Equal(t, pos.Money(189000-28350), form.Left)
}

// The three-step scenario with "deduct advances at 100%" (the demo's
// parameter): a 15% advance on 1,964.70 (two VAT rates), a partial receipt
// refused, a partial invoice deducting the advance, a final invoice with the
// rest. Figures to the cent.
func TestThreeStepsDeductingAutomatically(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := furnitureOrder(t, o, 3)

	// Step 1: 15% advance = 294.71, split 283.50 at 20% and 11.21 at 5.5%.
	g, err := o.Advance(ctx, d.ID, pos.PercentShare(1500), false)
	require.NoError(t, err)
	tot := totals(t, g)
	assert.Equal(t, pos.Money(29471), tot.Gross)
	assert.Equal(t, []pos.RateTotal{{Rate: 2000, Net: 23625, VAT: 4725, Gross: 28350}, {Rate: 550, Net: 1063, VAT: 58, Gross: 1121}}, tot.Rates)
	_, err = g.Pay(ctx, card(29471))
	require.NoError(t, err)
	fac := g.Doc.ID

	// Step 2: a partial receipt is refused, an advance exists.
	_, err = o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	assert.Equal(t, "error.receipt_after_advance", errKey(t, err))

	// Step 3: the wardrobe on an invoice; the whole advance is deducted.
	g, err = o.Generate(ctx, d.ID, pos.KindInvoice, 0)
	require.NoError(t, err)
	assert.True(t, g.DeductsAutomatically())
	assert.Equal(t, pos.Money(29471), g.Doc.Advances, "deducted as soon as it is generated")
	require.NoError(t, o.RemoveLine(g.Doc, 1)) // the books come later
	tot = totals(t, g)
	assert.Equal(t, pos.Money(189000), tot.Gross)
	assert.Equal(t, pos.Money(29471), tot.Advances)
	assert.Equal(t, pos.Money(159529), tot.Due)
	assert.Equal(t, "error.deductions_automatic", errKey(t, g.Deduct(fac, pos.AmountShare(100))))
	_, err = g.Pay(ctx, card(159529))
	require.NoError(t, err)
	partial := g.Doc.ID

	order, rel, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusInProgress, order.Status)
	assert.Equal(t, []pos.Qty{0, pos.Units(3)}, pos.ToDeliver(&order, rel), "quantity to deliver: ordered − generated")

	// Step 4: the books, nothing left to deduct.
	g, err = o.Generate(ctx, d.ID, pos.KindInvoice, 0)
	require.NoError(t, err)
	tot = totals(t, g)
	assert.Equal(t, pos.Money(7470), tot.Gross)
	assert.Zero(t, tot.Advances)
	assert.Equal(t, pos.Money(7470), tot.Due)
	_, err = g.Pay(ctx, card(7470))
	require.NoError(t, err)

	order, rel, err = o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, order.Status)
	assert.Equal(t, []pos.Qty{0, 0}, pos.ToDeliver(&order, rel))
	m, err := pos.Balance(&order, rel)
	require.NoError(t, err)
	assert.Equal(t, pos.Money(196470), m.Paid(), "294.71 + 1,595.29 + 74.70")
	assert.Zero(t, m.AdvancesLeft())

	stored, _, err := o.Get(ctx, partial)
	require.NoError(t, err)
	assert.Equal(t, []pos.Deduction{{AdvanceID: fac, Number: "FAC/1/2026/KRKASA1", Amount: 29471}}, stored.Deductions,
		"the invoice keeps which advance it deducted")
	assert.Equal(t, pos.Money(29471), stored.Advances)

	// The order's print: the advance, what the invoices collected beyond it,
	// nothing left to pay; the payment method by its name.
	job, err := o.PrintJob(ctx, order)
	require.NoError(t, err)
	require.Len(t, job.Advances, 1)
	assert.Equal(t, pos.Money(159529+7470), job.Collected)
	orderTotals, err := order.Totals()
	require.NoError(t, err)
	advances, remaining := job.Paid(orderTotals)
	assert.Equal(t, pos.Money(29471), advances)
	assert.Zero(t, remaining, "a fully paid order owes nothing")
	assert.Equal(t, "Card", job.MethodName())
	_ = tl
}

// The same scenario deducting by hand (parameter off): the operator deducts
// 80% of the advance on the wardrobe's invoice (50% is too little: the books
// could not absorb the rest), and what is left on the final invoice.
func TestThreeStepsDeductingByHand(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	setParams(t, tl, func(p *pos.Params) { p.DeductAdvancesFull = false })
	ctx := context.Background()
	d := furnitureOrder(t, o, 3)
	g, err := o.Advance(ctx, d.ID, pos.PercentShare(1500), false)
	require.NoError(t, err)
	_, err = g.Pay(ctx, card(29471))
	require.NoError(t, err)
	fac := g.Doc.ID

	g, err = o.Generate(ctx, d.ID, pos.KindInvoice, 0)
	require.NoError(t, err)
	assert.False(t, g.DeductsAutomatically())
	assert.Zero(t, g.Doc.Advances, "nothing deducted until the operator says so")
	require.NoError(t, o.RemoveLine(g.Doc, 1))
	list, err := g.Deductions()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(189000), list.Invoice)
	assert.Equal(t, pos.Money(29471), list.Available)
	assert.Zero(t, list.Deducted)
	assert.Equal(t, pos.Money(189000), list.After)
	assert.Equal(t, pos.Money(22001), list.Min)
	require.Len(t, list.Rows, 1)
	assert.Equal(t, "FAC/1/2026/KRKASA1", list.Rows[0].Number)
	assert.Equal(t, tl.clock.Now(), list.Rows[0].IssuedAt)
	assert.Equal(t, pos.Money(29471), list.Rows[0].Amount)
	assert.Equal(t, pos.Money(29471), list.Rows[0].Left, "maximum amount")

	require.NoError(t, g.Deduct(fac, pos.PercentShare(5000)))
	_, err = g.Pay(ctx, card(189000-14736))
	assert.Equal(t, "error.deduction_too_small", errKey(t, err))
	assert.Equal(t, "error.amount_too_large", errKey(t, g.Deduct(fac, pos.AmountShare(29472))))

	require.NoError(t, g.Deduct(fac, pos.PercentShare(8000)))
	list, err = g.Deductions()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(23577), list.Rows[0].Deducted, "80% of 294.71 = 235.768")
	assert.Equal(t, pos.Percent(8000), list.Rows[0].Percent)
	assert.Equal(t, pos.Money(165423), list.After)
	tot := totals(t, g)
	assert.Equal(t, pos.Money(23577), tot.Advances)
	assert.Equal(t, pos.Money(165423), tot.Due)
	_, err = g.Pay(ctx, card(165423))
	require.NoError(t, err)

	g, err = o.Generate(ctx, d.ID, pos.KindInvoice, 0)
	require.NoError(t, err)
	list, err = g.Deductions()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(5894), list.Rows[0].Left, "what earlier invoices did not deduct")
	assert.Equal(t, pos.Money(23577), list.Rows[0].AdvanceInvoice.Deducted, "by the first invoice")
	assert.Equal(t, pos.Money(5894), list.Min, "all of it must go now")
	require.NoError(t, g.Deduct(fac, pos.AmountShare(list.Rows[0].Left)))
	tot = totals(t, g)
	assert.Equal(t, pos.Money(7470), tot.Gross)
	assert.Equal(t, pos.Money(1576), tot.Due)
	_, err = g.Pay(ctx, card(1576))
	require.NoError(t, err)

	order, rel, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, order.Status)
	m, err := pos.Balance(&order, rel)
	require.NoError(t, err)
	assert.Equal(t, pos.Money(196470), m.Paid(), "294.71 + 1,654.23 + 15.76")
	assert.Zero(t, m.AdvancesLeft())
}

// R-A1: M5 when advances cover the order, also advances issued in the ERP;
// more than what is left is refused with what is left.
func TestAdvanceLimitsAndM5(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := furnitureOrder(t, o, 0)

	_, err := o.Advance(ctx, d.ID, pos.AmountShare(189001), false)
	assert.Equal(t, "error.advances_exceed", errKey(t, err))
	_, err = o.Advance(ctx, d.ID, pos.Share{}, false)
	assert.Equal(t, "error.amount_invalid", errKey(t, err))
	g, err := o.Advance(ctx, d.ID, pos.PercentShare(10000), false)
	require.NoError(t, err)
	_, err = g.Pay(ctx, card(189000))
	require.NoError(t, err)
	_, err = o.AdvanceForm(ctx, d.ID)
	assert.Equal(t, pos.MsgAdvancesFull, errKey(t, err))
	_, err = o.Advance(ctx, d.ID, pos.AmountShare(1), false)
	assert.Equal(t, pos.MsgAdvancesFull, errKey(t, err))

	// An order whose advances the ERP issued: they arrive as its documents.
	other := furnitureOrder(t, o, 0)
	erp := &pos.Document{Kind: pos.KindAdvanceInvoice, Status: pos.StatusConfirmed, Source: pos.SourceERP,
		Number: "FA/ERP/7", Terminal: "KRKASA1", Operator: "ANNA", Customer: "C0001", VATMethod: pos.VATFromGross,
		SourceOrder: other.ID, OrderRef: other.Number, Synced: true,
		Lines: []pos.Line{{Name: "Acompte", Qty: pos.Units(1), Price: 189000, VATRate: 2000}}}
	require.NoError(t, tl.db.SaveDocument(ctx, erp, tl.clock.Now()))
	_, err = o.AdvanceForm(ctx, other.ID)
	assert.Equal(t, pos.MsgAdvancesFull, errKey(t, err))
	_, err = o.Advance(ctx, other.ID, pos.PercentShare(1), false)
	assert.Equal(t, pos.MsgAdvancesFull, errKey(t, err))

	// Without the right, nothing.
	tl.session.Logout()
	require.NoError(t, tl.session.Login(ctx, "MARC", demo.PINs["MARC"]))
	_, err = o.Advance(ctx, furnitureOrder(t, o, 0).ID, pos.PercentShare(1000), false)
	assert.Equal(t, "error.right_missing", errKey(t, err))
}

// M6: with "deduct advances at 100%", an unsettled advance for another
// customer than the invoice's stops the invoice, when generated or when its
// customer is changed before payment; nothing is stored.
func TestInvoiceCustomerMismatchIsM6(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	d := furnitureOrder(t, o, 0)
	g, err := o.Advance(ctx, d.ID, pos.PercentShare(1500), false)
	require.NoError(t, err)
	_, err = g.Pay(ctx, card(28350))
	require.NoError(t, err)

	g, err = o.Generate(ctx, d.ID, pos.KindInvoice, 0)
	require.NoError(t, err)
	require.NoError(t, o.SetCustomer(ctx, g.Doc, "C0002"))
	_, err = g.Totals()
	assert.Equal(t, pos.MsgAdvanceCustomer, errKey(t, err))
	pending, err := tl.db.PendingOperations(ctx)
	require.NoError(t, err)
	_, err = g.Pay(ctx, card(189000))
	assert.Equal(t, pos.MsgAdvanceCustomer, errKey(t, err))
	after, err := tl.db.PendingOperations(ctx)
	require.NoError(t, err)
	assert.Equal(t, pending, after, "nothing stored")

	// An advance the ERP issued for another customer.
	other := furnitureOrder(t, o, 0)
	erp := &pos.Document{Kind: pos.KindAdvanceInvoice, Status: pos.StatusConfirmed, Source: pos.SourceERP,
		Number: "FA/ERP/8", Terminal: "KRKASA1", Operator: "ANNA", Customer: "C0002", VATMethod: pos.VATFromGross,
		SourceOrder: other.ID, OrderRef: other.Number, Synced: true,
		Lines: []pos.Line{{Name: "Acconto", Qty: pos.Units(1), Price: 10000, VATRate: 2000}}}
	require.NoError(t, tl.db.SaveDocument(ctx, erp, tl.clock.Now()))
	_, err = o.Generate(ctx, other.ID, pos.KindInvoice, 0)
	assert.Equal(t, pos.MsgAdvanceCustomer, errKey(t, err))

	// Deducting by hand, the list holds only the invoice's customer's advances.
	setParams(t, tl, func(p *pos.Params) { p.DeductAdvancesFull = false })
	g, err = o.Generate(ctx, other.ID, pos.KindInvoice, 0)
	require.NoError(t, err)
	list, err := g.Deductions()
	require.NoError(t, err)
	assert.Empty(t, list.Rows)
	assert.Equal(t, "error.not_found", errKey(t, g.Deduct(erp.ID, pos.AmountShare(100))))
	g.Abort(ctx)
}

// R-G3 through the use cases: an inactive item of an order is sold only for
// the quantity copied from it.
func TestInactiveItemOnlyUpToTheOrderedQuantity(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	erp := &pos.Document{Kind: pos.KindOrder, Status: pos.StatusConfirmed, Source: pos.SourceERP, Number: "COMC/ERP/3",
		Terminal: "KRKASA1", Operator: "ANNA", Customer: "C0001", VATMethod: pos.VATFromGross,
		Lines: []pos.Line{{ProductCode: "OLD-KETTLE", Name: "Kettle (discontinued)", Unit: "pcs", Qty: pos.Units(2),
			Price: 1999, BasePrice: 1999, VATRate: 2000}}}
	require.NoError(t, tl.db.SaveDocument(ctx, erp, tl.clock.Now()))

	g, err := o.Generate(ctx, erp.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	require.NoError(t, o.SetQty(g.Doc, 0, pos.Units(3)))
	_, err = g.Pay(ctx, card(3*1999))
	assert.Equal(t, "error.product_inactive", errKey(t, err))
	require.NoError(t, o.SetQty(g.Doc, 0, pos.Units(2)))
	_, err = g.Pay(ctx, card(2*1999))
	require.NoError(t, err)
	order, _, err := o.Get(ctx, erp.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, order.Status)
}

// Bundles through the use cases: apply on the form, M7 with No and Yes,
// remove, copy to the receipt, stored with the lines.
func TestBundlesOnTheFormAndTheReceipt(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	defs, err := o.Bundles(ctx)
	require.NoError(t, err)
	require.Len(t, defs, 1)
	assert.Equal(t, "MIXFAN", defs[0].Code)

	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, o.AddItem(ctx, d, "MIX-01", pos.Units(1)))
	require.NoError(t, o.AddItem(ctx, d, "FAN-01", pos.Units(2)))
	n, err := o.ApplyBundles(ctx, d)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	tot, err := d.Totals()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(7900+3499), tot.Gross, "mixer + fan for 79.00, and a fan")

	// M7, No: nothing changes.
	before := append([]pos.Line(nil), d.Lines...)
	assert.Equal(t, pos.MsgBundleRemoved, errKey(t, o.SetQty(d, 0, pos.Units(2))))
	assert.Equal(t, pos.MsgBundleRemoved, errKey(t, o.RemoveLine(d, 1)))
	assert.Equal(t, before, d.Lines)
	require.NoError(t, o.SetQty(d, 0, d.Lines[0].Qty), "the same quantity is no change")

	// M7, Yes: two mixers, the bundles recalculated on the whole document.
	require.NoError(t, o.SetQtyRebundle(ctx, d, 0, pos.Units(2)))
	tot, err = d.Totals()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(2*7900), tot.Gross, "two bundles now")
	groups, err := pos.Bundled(d)
	require.NoError(t, err)
	require.Len(t, groups, 1)
	assert.Equal(t, pos.Money(2*7900), groups[0].Amount)

	// M7, Yes on removing the fan: one bundle and a mixer left.
	fanLine := -1
	for i, l := range d.Lines {
		if l.ProductCode == "FAN-01" {
			fanLine = i
		}
	}
	require.NoError(t, o.SetQtyRebundle(ctx, d, fanLine, pos.Units(1)))
	tot, err = d.Totals()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(7900+4999), tot.Gross)

	require.NoError(t, o.RemoveBundles(d))
	tot, err = d.Totals()
	require.NoError(t, err)
	assert.Equal(t, pos.Money(2*4999+3499), tot.Gross)
	_, err = o.ApplyBundles(ctx, d)
	require.NoError(t, err)

	// Confirmed with its bundle, then a receipt: the bundle is copied.
	require.NoError(t, o.Confirm(ctx, d))
	stored, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, d.Lines, stored.Lines, "bundle ids and prices are stored with the lines")
	_, err = o.ApplyBundles(ctx, &stored)
	assert.Equal(t, "error.action_status", errKey(t, err), "a confirmed order is opened first")

	g, err := o.Generate(ctx, d.ID, pos.KindReceipt, 0)
	require.NoError(t, err)
	assert.Equal(t, pos.Money(7900+4999), totals(t, g).Due)
	bundled := -1
	for i, l := range g.Doc.Lines {
		if l.BundleID != "" {
			bundled = i
			break
		}
	}
	require.GreaterOrEqual(t, bundled, 0)
	assert.Equal(t, pos.MsgBundleRemoved, errKey(t, o.RemoveLine(g.Doc, bundled)))
	_, err = g.Pay(ctx, card(7900+4999))
	require.NoError(t, err)
	order, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, order.Status)
	_ = tl
}

// fakeRemote is the data service as the orders use cases see it: it grants
// locks on the till's own copy of a document, with increasing tokens, or
// answers unreachable.
type fakeRemote struct {
	db *store.DB

	mu      sync.Mutex
	offline bool
	token   int64
	held    int
}

func (r *fakeRemote) setOffline(v bool) { r.mu.Lock(); r.offline = v; r.mu.Unlock() }

func (r *fakeRemote) Lock(ctx context.Context, req app.LockRequest) (app.Lock, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.offline {
		return app.Lock{}, pos.Errorf(pos.CodeUnavailable, "error.service_unreachable")
	}
	d, err := r.db.Document(ctx, req.DocID)
	if err != nil {
		return app.Lock{}, err
	}
	r.token++
	r.held++
	return app.Lock{DocID: req.DocID, Operator: req.Operator, Token: r.token, Lease: time.Hour, Document: d}, nil
}

func (r *fakeRemote) Renew(_ context.Context, l app.Lock) (app.Lock, error) { return l, nil }

func (r *fakeRemote) Unlock(context.Context, app.Lock) error {
	r.mu.Lock()
	r.held--
	r.mu.Unlock()
	return nil
}

func (r *fakeRemote) WithLock(ctx context.Context, req app.LockRequest, fn func(context.Context, app.Lock) error) error {
	l, err := r.Lock(ctx, req)
	if err != nil {
		return err
	}
	defer r.Unlock(ctx, l)
	return fn(ctx, l)
}

func (r *fakeRemote) Fetch(context.Context, string) (app.RemoteDocument, error) {
	return app.RemoteDocument{}, pos.Errorf(pos.CodeUnavailable, "error.service_unreachable")
}

func (r *fakeRemote) Search(context.Context, app.RemoteSearch) ([]app.RemoteDocument, bool, error) {
	return nil, false, pos.Errorf(pos.CodeUnavailable, "error.service_unreachable")
}

// R-X2 for advances: offline, an advance and an invoice for a synced order ask
// M2 and are issued unlinked (order number on them, nothing deducted); back
// online, the invoice deducts only the advances linked to the order, and
// every effect carries the lock's token.
func TestOfflineAdvanceUnlinkedThenOnlineInvoiceDeductsOnlyLinked(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))
	remote := &fakeRemote{db: tl.db, offline: true}
	o := app.NewOrders(tl.db, remote, tl.session, tl.clock)
	d := furnitureOrder(t, o, 3)
	d.Synced = true // the data service knows it
	require.NoError(t, tl.db.SaveDocument(ctx, d, tl.clock.Now()))

	_, err := o.Advance(ctx, d.ID, pos.PercentShare(1000), false)
	assert.Equal(t, pos.MsgOfflineUnlinked, errKey(t, err))
	g, err := o.Advance(ctx, d.ID, pos.PercentShare(1000), true)
	require.NoError(t, err)
	assert.True(t, g.Unlinked())
	assert.Equal(t, d.Number, g.Doc.OrderRef, "the order number is on it")
	_, err = g.Pay(ctx, card(19647))
	require.NoError(t, err)
	unlinkedFAC := g.Doc.ID

	g, err = o.Generate(ctx, d.ID, pos.KindInvoice, app.ConsentUnlinked)
	require.NoError(t, err)
	assert.True(t, g.Unlinked())
	assert.Zero(t, totals(t, g).Advances, "advances are not deducted offline")
	g.Abort(ctx)

	_, rel, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Empty(t, rel, "the unlinked advance is not the order's")

	tl.clock.Add(time.Hour)
	remote.setOffline(false)
	g, err = o.Advance(ctx, d.ID, pos.PercentShare(1500), false)
	require.NoError(t, err)
	assert.False(t, g.Unlinked())
	_, err = g.Pay(ctx, card(29471))
	require.NoError(t, err)
	linkedFAC := g.Doc.ID
	facToken := remote.token

	g, err = o.Generate(ctx, d.ID, pos.KindInvoice, 0)
	require.NoError(t, err)
	tot := totals(t, g)
	assert.Equal(t, pos.Money(29471), tot.Advances, "only the linked advance")
	assert.Equal(t, []pos.Deduction{{AdvanceID: linkedFAC, Number: "FAC/2/2026/KRKASA1", Amount: 29471}}, g.Doc.Deductions)
	_, err = g.Pay(ctx, card(196470-29471))
	require.NoError(t, err)
	invoiceToken := remote.token
	assert.Zero(t, remote.held, "every lock released")

	order, rel, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, pos.StatusCompleted, order.Status)
	assert.Len(t, rel, 2)

	ops, err := tl.db.ClaimOutbox(ctx, 100)
	require.NoError(t, err)
	tokens := map[string]int64{}
	for _, op := range ops {
		var doc pos.Document
		require.NoError(t, json.Unmarshal(op.Payload, &doc))
		if doc.Kind != pos.KindOrder || op.LockToken != 0 {
			tokens[op.DocID] = op.LockToken
		}
	}
	assert.Equal(t, int64(0), tokens[unlinkedFAC], "unlinked: no lock")
	assert.Equal(t, facToken, tokens[linkedFAC], "the advance travels under the order's lock")
	assert.Equal(t, invoiceToken, tokens[d.ID], "the order's new status too")
}
