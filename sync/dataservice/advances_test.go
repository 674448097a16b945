package dataservice

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// advanceOf is an advance invoice of amount (at 20%) for order o, issued on
// o's terminal for customer.
func advanceOf(o pos.Document, customer string, amount pos.Money) pos.Document {
	return pos.Document{ID: uuid.NewString(), Kind: pos.KindAdvanceInvoice, Status: pos.StatusConfirmed, Source: pos.SourceTerminal,
		Terminal: o.Terminal, Center: o.Center, Operator: "ANNA", Customer: customer, VATMethod: pos.VATFromGross,
		SourceOrder: o.ID, IssuedAt: o.IssuedAt,
		Lines: []pos.Line{{Name: "Advance", Qty: pos.Units(1), Price: amount, BasePrice: amount, VATRate: 2000, Service: true}}}
}

// invoiceOf is the invoice of all of order o for its customer, deducting
// the given advances.
func invoiceOf(o pos.Document, deductions ...pos.Deduction) pos.Document {
	d := o
	d.ID, d.Kind, d.Number, d.SourceOrder, d.Deductions, d.Advances = uuid.NewString(), pos.KindInvoice, "", o.ID, deductions, 0
	for _, x := range deductions {
		d.Advances += x.Amount
	}
	return d
}

// pushOne pushes one document as ANNA of KRKASA1 and returns its result.
func (e *env) pushOne(tb testing.TB, d pos.Document) protocol.OpResult {
	tb.Helper()
	return e.push(tb, "KRKASA1", saveOp(tb, "ANNA", d, 0))[0]
}

// requireRefused checks that a result is a rejection with code and key, and
// that the document was not stored.
func (e *env) requireRefused(tb testing.TB, r protocol.OpResult, d pos.Document, code pos.Code, key string) {
	tb.Helper()
	require.Equal(tb, protocol.StatusRejected, r.Status)
	require.NotNil(tb, r.Error)
	assert.Equal(tb, code, r.Error.Code)
	assert.Equal(tb, key, r.Error.Key)
	_, _, err := e.svc.Document(context.Background(), d.ID)
	assert.True(tb, isCode(err, pos.CodeNotFound), "nothing stored")
}

// R-A1 on the service: advance invoices of an order, the ERP's included, may
// add up to its gross amount and no more (M5, conflict); an unlinked one
// (issued offline, R-X2) is not the order's.
func TestServiceRefusesAnAdvanceAboveTheOrdersGross(t *testing.T) {
	e := startService(t)
	o := order("KRKASA1") // 49.99
	require.Equal(t, protocol.StatusApplied, e.pushOne(t, o).Status)

	first := advanceOf(o, "C0001", 2000)
	r := e.pushOne(t, first)
	require.Equal(t, protocol.StatusApplied, r.Status, r.Error)
	erp := advanceOf(o, "C0001", 1000)
	erp.Source, erp.Terminal = pos.SourceERP, "ERP"
	_, err := e.svc.PutDocument(context.Background(), erp)
	require.NoError(t, err)

	over := advanceOf(o, "C0001", 2000)
	e.requireRefused(t, e.pushOne(t, over), over, pos.CodeConflict, pos.MsgAdvancesFull)

	unlinked := advanceOf(o, "C0001", 4999)
	unlinked.SourceOrder, unlinked.OrderRef = "", "COMC/1/2026/KRKASA1"
	assert.Equal(t, protocol.StatusApplied, e.pushOne(t, unlinked).Status, "an unlinked advance is not the order's")

	rest := advanceOf(o, "C0001", 1999)
	assert.Equal(t, protocol.StatusApplied, e.pushOne(t, rest).Status, "exactly what is left")
	cent := advanceOf(o, "C0001", 1)
	e.requireRefused(t, e.pushOne(t, cent), cent, pos.CodeConflict, pos.MsgAdvancesFull)

	// The answer to a replay is the first one, the rule is not run again.
	op := saveOp(t, "ANNA", first, 0)
	op.ID = r.ID
	assert.Equal(t, protocol.StatusDuplicate, e.push(t, "KRKASA1", op)[0].Status)
}

// R-A4 on the service: an invoice deducts only the order's advance invoices
// of its own customer, each for at most what is left of it (M6, conflict).
func TestServiceRefusesDeductionsBeyondTheAdvancesOrOfAnotherCustomer(t *testing.T) {
	e := startService(t)
	o := order("KRKASA1") // 49.99 for C0001
	require.Equal(t, protocol.StatusApplied, e.pushOne(t, o).Status)
	mine := advanceOf(o, "C0001", 2000)
	require.Equal(t, protocol.StatusApplied, e.pushOne(t, mine).Status)
	theirs := advanceOf(o, "C0002", 1000)
	theirs.Source, theirs.Terminal = pos.SourceERP, "ERP"
	_, err := e.svc.PutDocument(context.Background(), theirs)
	require.NoError(t, err)

	for name, d := range map[string]pos.Document{
		"more than the advance":  invoiceOf(o, pos.Deduction{AdvanceID: mine.ID, Amount: 2001}),
		"twice the same advance": invoiceOf(o, pos.Deduction{AdvanceID: mine.ID, Amount: 1500}, pos.Deduction{AdvanceID: mine.ID, Amount: 1500}),
		"another customer's":     invoiceOf(o, pos.Deduction{AdvanceID: theirs.ID, Amount: 1000}),
		"an advance of no order": invoiceOf(o, pos.Deduction{AdvanceID: uuid.NewString(), Amount: 100}),
		"advances from nowhere":  func() pos.Document { d := invoiceOf(o); d.Advances = 2500; return d }(),
		"for another customer": func() pos.Document {
			d := invoiceOf(o, pos.Deduction{AdvanceID: mine.ID, Amount: 2000})
			d.Customer = "C0002"
			return d
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			e.requireRefused(t, e.pushOne(t, d), d, pos.CodeConflict, pos.MsgAdvanceCustomer)
		})
	}

	first := invoiceOf(o, pos.Deduction{AdvanceID: mine.ID, Number: mine.Number, Amount: 1200})
	r := e.pushOne(t, first)
	require.Equal(t, protocol.StatusApplied, r.Status, r.Error)
	// What the first invoice deducted is gone: 8.00 of the advance is left.
	again := invoiceOf(o, pos.Deduction{AdvanceID: mine.ID, Amount: 801})
	e.requireRefused(t, e.pushOne(t, again), again, pos.CodeConflict, pos.MsgAdvanceCustomer)
	rest := invoiceOf(o, pos.Deduction{AdvanceID: mine.ID, Amount: 800})
	assert.Equal(t, protocol.StatusApplied, e.pushOne(t, rest).Status)
	none := invoiceOf(o)
	assert.Equal(t, protocol.StatusApplied, e.pushOne(t, none).Status, "an invoice that deducts nothing is not checked")
}

// An issued advance invoice, receipt or invoice can only be cancelled: a save
// that changes it (here an advance raised to 9,000.00, an invoice deducting
// 40.00 of a 10.00 advance) would undo the advance rules checked when it came
// (conflict, error.document_immutable).
func TestServiceRefusesChangesToAnIssuedAdvanceOrInvoice(t *testing.T) {
	e := startService(t)
	o := order("KRKASA1") // 49.99
	require.Equal(t, protocol.StatusApplied, e.pushOne(t, o).Status)
	adv := advanceOf(o, "C0001", 1000)
	adv.Number = "FAC/1/2026/KRKASA1"
	require.Equal(t, protocol.StatusApplied, e.pushOne(t, adv).Status)
	inv := invoiceOf(o, pos.Deduction{AdvanceID: adv.ID, Amount: 1000})
	inv.Number = "FC/1/2026/KRKASA1"
	require.Equal(t, protocol.StatusApplied, e.pushOne(t, inv).Status)

	raised := adv
	raised.Revision++
	raised.Lines = []pos.Line{adv.Lines[0]}
	raised.Lines[0].Price, raised.Lines[0].BasePrice = 900000, 900000
	overDeducting := inv
	overDeducting.Revision++
	overDeducting.Deductions = []pos.Deduction{{AdvanceID: adv.ID, Amount: 4000}}
	overDeducting.Advances = 4000
	for name, d := range map[string]pos.Document{"the advance raised": raised, "the invoice deducting more": overDeducting} {
		t.Run(name, func(t *testing.T) {
			r := e.pushOne(t, d)
			require.Equal(t, protocol.StatusRejected, r.Status)
			assert.Equal(t, pos.CodeConflict, r.Error.Code)
			assert.Equal(t, "error.document_immutable", r.Error.Key)
			stored, _, err := e.svc.Document(context.Background(), d.ID)
			require.NoError(t, err)
			assert.Zero(t, stored.Revision, "unchanged")
		})
	}

	// Sent again as it was, or cancelled, it is accepted.
	again := adv
	again.Revision++
	assert.Equal(t, protocol.StatusApplied, e.pushOne(t, again).Status)
	cancelled := inv
	cancelled.Status, cancelled.Revision = pos.StatusCancelled, 1
	r := e.pushOne(t, cancelled)
	assert.Equal(t, protocol.StatusApplied, r.Status, r.Error)
}
