package pos

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

var day0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// furnitureOrder is the order of the three-step scenario: a made-to-measure
// wardrobe (1,890.00 at 20%) and three cookbooks (3 × 24.90 at 5.5%), for
// customer C1: 1,964.70 in all.
func furnitureOrder() *Document {
	o := genOrderFor(VATFromGross, ln("Wardrobe", Units(1), 189000, 2000), ln("Cookbook", Units(3), 2490, 550))
	o.Customer = "C1"
	return o
}

// issued confirms a generated document and describes it as the order's rules
// see it, with an id and an issue date n days after day0.
func issued(t testingT, d *Document, id string, n int) Related {
	t.Helper()
	d.ID, d.Number, d.Status, d.IssuedAt = id, string(d.Kind)+"/"+id, StatusConfirmed, day0.AddDate(0, 0, n)
	require.NoError(t, d.Check())
	r, err := RelatedOf(d)
	require.NoError(t, err)
	return r
}

func totalsOf(t testingT, d *Document) Totals {
	t.Helper()
	tot, err := d.Totals()
	require.NoError(t, err)
	return tot
}

func TestShareOf(t *testing.T) {
	cases := []struct {
		name string
		s    Share
		base Money
		want Money
		key  string
	}{
		{"15% of 1,890.00", PercentShare(1500), 189000, 28350, ""},
		{"15% of 1,964.70 = 294.705, half away", PercentShare(1500), 196470, 29471, ""},
		{"33.33% of 0.10", PercentShare(3333), 10, 3, ""},
		{"100%", PercentShare(10000), 12345, 12345, ""},
		{"an amount is taken as it is", AmountShare(5000), 189000, 5000, ""},
		{"an amount may exceed the base: the caller says no", AmountShare(5000), 100, 5000, ""},
		{"nothing", Share{}, 189000, 0, ""},
		{"both", Share{Percent: 1000, Amount: 100}, 189000, 0, "error.amount_invalid"},
		{"negative percent", PercentShare(-1), 189000, 0, "error.percent_invalid"},
		{"over 100%", PercentShare(10001), 189000, 0, "error.percent_invalid"},
		{"negative amount", AmountShare(-1), 189000, 0, "error.amount_invalid"},
		{"absurd amount", AmountShare(MaxAmount + 1), 189000, 0, "error.amount_invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.s.Of(c.base)
			if c.key != "" {
				requireErrKey(t, err, CodeInvalid, c.key)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestSplitByWeight(t *testing.T) {
	cases := []struct {
		name    string
		total   Money
		weights []Money
		want    []Money
	}{
		{"exact", 300, []Money{100, 200}, []Money{100, 200}},
		{"one cent to the largest remainder", 29471, []Money{189000, 7470}, []Money{28350, 1121}},
		{"mixer and fan for 79.00", 7900, []Money{4999, 3499}, []Money{4647, 3253}},
		{"thirds: the first on a tie", 100, []Money{1, 1, 1}, []Money{34, 33, 33}},
		{"a zero weight takes nothing", 1000, []Money{0, 5, 5}, []Money{0, 500, 500}},
		{"all zero: equal parts", 10, []Money{0, 0, 0}, []Money{4, 3, 3}},
		{"nothing to split", 0, []Money{3, 4}, []Money{0, 0}},
		{"no weights", 10, nil, []Money{}},
		{"more than the weights", 1000, []Money{1, 2}, []Money{333, 667}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, SplitByWeight(c.total, c.weights))
		})
	}
}

// TestSplitByWeightProperty: the parts add up to the total exactly, and each
// is its exact share rounded down or up by one cent.
func TestSplitByWeightProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		total := Money(rapid.Int64Range(0, int64(MaxAmount)).Draw(t, "total"))
		weights := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Money {
			return Money(rapid.Int64Range(0, int64(MaxAmount)).Draw(t, "w"))
		}), 1, 8).Draw(t, "weights")
		parts := SplitByWeight(total, weights)
		require.Len(t, parts, len(weights))
		var sum Money
		wsum := new(big.Int)
		for _, w := range weights {
			wsum.Add(wsum, big.NewInt(int64(w)))
		}
		for i, p := range parts {
			sum += p
			assert.GreaterOrEqual(t, p, Money(0))
			if wsum.Sign() == 0 {
				continue
			}
			exact := new(big.Int).Mul(big.NewInt(int64(total)), big.NewInt(int64(weights[i])))
			floor := new(big.Int).Quo(exact, wsum).Int64()
			assert.True(t, int64(p) == floor || int64(p) == floor+1, "part %d: %d, exact floor %d", i, p, floor)
		}
		assert.Equal(t, total, sum)
	})
}

// R-A5, the worked example of seed 002: 15% advance on a made-to-measure
// wardrobe; the customer is copied from the order; VAT from gross.
func TestNewAdvanceWorkedExample(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Made-to-measure wardrobe", Units(1), 189000, 2000))
	d, err := NewAdvance(o, nil, PercentShare(1500), true)
	require.NoError(t, err)
	assert.Equal(t, KindAdvanceInvoice, d.Kind)
	assert.Equal(t, StatusUnconfirmed, d.Status)
	assert.Equal(t, VATFromGross, d.VATMethod)
	assert.Equal(t, "C1", d.Customer, "copied from the order")
	assert.Equal(t, "R1", d.Recipient)
	assert.Equal(t, "SELLER1", d.HandledBy)
	assert.Equal(t, "order-42", d.SourceOrder)
	assert.Equal(t, "COMC/42/2026/KRKASA1", d.OrderRef)
	require.Len(t, d.Lines, 1)
	assert.Equal(t, "Advance on COMC/42/2026/KRKASA1", d.Lines[0].Name)
	tot := totalsOf(t, d)
	assert.Equal(t, Money(28350), tot.Gross, "15% of 1,890.00")
	assert.Equal(t, Money(4725), tot.VAT, "283.50 × 20/120")
	assert.Equal(t, Money(23625), tot.Net)
	assert.Equal(t, Money(28350), tot.Due)
}

// The advance is split over the order's rates in proportion to their gross,
// exactly; VAT is from gross even when the order is from net.
func TestNewAdvanceTwoRates(t *testing.T) {
	o := furnitureOrder()
	d, err := NewAdvance(o, nil, PercentShare(1500), true)
	require.NoError(t, err)
	require.Len(t, d.Lines, 2)
	assert.Equal(t, "Advance on COMC/42/2026/KRKASA1 (VAT 20%)", d.Lines[0].Name)
	assert.Equal(t, "Advance on COMC/42/2026/KRKASA1 (VAT 5.5%)", d.Lines[1].Name)
	tot := totalsOf(t, d)
	assert.Equal(t, Money(29471), tot.Gross, "15% of 1,964.70 = 294.705")
	r20, r55 := rateRow(t, tot, 2000), rateRow(t, tot, 550)
	assert.Equal(t, RateTotal{Rate: 2000, Gross: 28350, VAT: 4725, Net: 23625}, r20)
	assert.Equal(t, RateTotal{Rate: 550, Gross: 1121, VAT: 58, Net: 1063}, r55, "the cent left goes to the larger remainder")
	assert.Equal(t, Money(4783), tot.VAT)
	assert.Equal(t, Money(24688), tot.Net)

	// An amount is split the same way.
	d, err = NewAdvance(o, nil, AmountShare(50000), true)
	require.NoError(t, err)
	assert.Equal(t, []Money{48099, 1901}, prices(d))

	// From net: the order's gross per rate is net + VAT; the advance is from gross.
	n := genOrderFor(VATFromNet, ln("Desk", Units(1), 100000, 2000), ln("Book", Units(1), 10000, 550))
	d, err = NewAdvance(n, nil, PercentShare(10000), true)
	require.NoError(t, err)
	assert.Equal(t, VATFromGross, d.VATMethod)
	assert.Equal(t, []Money{120000, 10550}, prices(d))
	tot = totalsOf(t, d)
	assert.Equal(t, Money(20550), tot.VAT)
}

func TestNewAdvanceUnlinked(t *testing.T) {
	d, err := NewAdvance(furnitureOrder(), nil, PercentShare(1000), false)
	require.NoError(t, err)
	assert.True(t, d.Unlinked())
	assert.Equal(t, "COMC/42/2026/KRKASA1", d.OrderRef)
}

// R-A1: advances never exceed the order's gross; M5 when nothing is left, also
// when the ERP issued the advances; an error naming what is left otherwise.
func TestNewAdvanceLimits(t *testing.T) {
	o := furnitureOrder()
	first, err := NewAdvance(o, nil, PercentShare(6000), true)
	require.NoError(t, err)
	related := []Related{issued(t, first, "fac-1", 0)}

	_, err = NewAdvance(o, related, PercentShare(5000), true)
	requireErrKey(t, err, CodeConflict, "error.advances_exceed")
	e, _ := AsError(err)
	assert.Equal(t, "785.88", e.Args["Left"], "1,964.70 − 1,178.82")

	rest, err := NewAdvance(o, related, AmountShare(78588), true)
	require.NoError(t, err)
	related = append(related, issued(t, rest, "fac-2", 1))
	_, err = NewAdvance(o, related, AmountShare(1), true)
	requireErrKey(t, err, CodeConflict, MsgAdvancesFull)
	_, err = NewAdvance(o, related, PercentShare(1), false)
	requireErrKey(t, err, CodeConflict, MsgAdvancesFull)

	// Cancelling one frees its amount again.
	related[1].Status = StatusCancelled
	_, err = NewAdvance(o, related, AmountShare(78588), true)
	require.NoError(t, err)

	// Issued in the ERP for the whole amount: they arrive as related documents.
	erp := Related{ID: "erp-fac", Kind: KindAdvanceInvoice, Number: "FA/ERP/7", Status: StatusConfirmed, Customer: "C1", Gross: 196470}
	_, err = NewAdvance(o, []Related{erp}, PercentShare(1), true)
	requireErrKey(t, err, CodeConflict, MsgAdvancesFull)

	// What receipts and invoices took without advances is paid too.
	paid := Related{ID: "r-1", Kind: KindReceipt, Status: StatusConfirmed, Customer: "C1", Gross: 189000}
	_, err = NewAdvance(o, []Related{paid}, AmountShare(7471), true)
	requireErrKey(t, err, CodeConflict, "error.advances_exceed")
	_, err = NewAdvance(o, []Related{paid}, AmountShare(7470), true)
	require.NoError(t, err)

	for _, s := range []Share{{}, AmountShare(-5), PercentShare(20000), {Percent: 1, Amount: 1}} {
		_, err = NewAdvance(o, nil, s, true)
		require.Error(t, err, "%+v", s)
		assert.Equal(t, CodeInvalid, ErrorCode(err))
	}
	_, err = NewAdvance(genOrderFor(VATFromGross), nil, PercentShare(1000), true)
	requireErrKey(t, err, CodeConflict, MsgAdvancesFull)
	quote := furnitureOrder()
	quote.Kind = KindQuote
	_, err = NewAdvance(quote, nil, PercentShare(1000), true)
	requireErrKey(t, err, CodeInvalid, "error.not_an_order")
}

func TestNewAdvanceDoesNotMutate(t *testing.T) {
	o := furnitureOrder()
	before := *o
	before.Lines = slices.Clone(o.Lines)
	_, err := NewAdvance(o, nil, PercentShare(1500), true)
	require.NoError(t, err)
	assert.Equal(t, before, *o)
}

// advance is a live advance invoice of the order for customer c.
func advance(id, c string, gross Money, n int) Related {
	return Related{ID: id, Kind: KindAdvanceInvoice, Number: "FAC/" + id, Status: StatusConfirmed, Customer: c,
		Gross: gross, IssuedAt: day0.AddDate(0, 0, n)}
}

// invoiceDeducting is a live invoice that deducted amounts from advances.
func invoiceDeducting(id string, gross Money, ds ...Deduction) Related {
	r := Related{ID: id, Kind: KindInvoice, Number: "FC/" + id, Status: StatusConfirmed, Customer: "C1", Gross: gross,
		Deductions: ds}
	for _, d := range ds {
		r.Advances += d.Amount
	}
	return r
}

func TestAdvanceInvoices(t *testing.T) {
	related := []Related{
		advance("b", "C1", 5000, 2),
		advance("a", "C1", 10000, 1),
		advance("gone", "C1", 7000, 0),
		invoiceDeducting("i1", 20000, Deduction{AdvanceID: "a", Amount: 4000}),
		invoiceDeducting("i2", 20000, Deduction{AdvanceID: "b", Amount: 1000}),
		invoiceDeducting("i3", 20000, Deduction{AdvanceID: "a", Amount: 6000}),
	}
	related[2].Status = StatusCancelled
	related[5].Status = StatusCancelled // its deduction is free again
	draft := advance("draft", "C1", 9000, 0)
	draft.Status = StatusUnconfirmed // a draft from the ERP has taken no money
	related = append(related, draft)
	got := AdvanceInvoices(related)
	require.Len(t, got, 2)
	assert.Equal(t, AdvanceInvoice{ID: "a", Number: "FAC/a", Customer: "C1", IssuedAt: day0.AddDate(0, 0, 1),
		Amount: 10000, Deducted: 4000, Left: 6000}, got[0], "oldest first")
	assert.Equal(t, AdvanceInvoice{ID: "b", Number: "FAC/b", Customer: "C1", IssuedAt: day0.AddDate(0, 0, 2),
		Amount: 5000, Deducted: 1000, Left: 4000}, got[1])

	// An ERP invoice that deducted 7,000 without saying from which: oldest first.
	erp := Related{ID: "erp", Kind: KindInvoice, Status: StatusConfirmed, Customer: "C1", Gross: 50000, Advances: 7000}
	got = AdvanceInvoices(append(related, erp))
	require.Len(t, got, 2)
	assert.Equal(t, []Money{0, 3000}, []Money{got[0].Left, got[1].Left})
}

func TestBalance(t *testing.T) {
	o := furnitureOrder()
	m, err := Balance(o, []Related{
		advance("a", "C1", 29471, 0),
		invoiceDeducting("i1", 189000, Deduction{AdvanceID: "a", Amount: 29471}),
		{ID: "x", Kind: KindInvoice, Status: StatusCancelled, Gross: 7470},
		{ID: "y", Kind: KindAdvanceInvoice, Status: StatusUnconfirmed, Gross: 100},
	})
	require.NoError(t, err)
	assert.Equal(t, OrderMoney{Gross: 196470, Advances: 29471, Invoiced: 189000, Deducted: 29471}, m)
	assert.Equal(t, Money(189000), m.Paid())
	assert.Equal(t, Money(7470), m.Unpaid())
	assert.Zero(t, m.AdvancesLeft())
}

// invoiceFor generates an invoice for the given quantities of the order's
// lines (all that remains when qty is nil).
func invoiceFor(t testingT, o *Document, related []Related, qty ...Qty) *Document {
	t.Helper()
	d, err := GenerateFrom(o, related, KindInvoice, Params{CopyQtyFromOrder: true}, true)
	require.NoError(t, err)
	if qty != nil {
		for i := range d.Lines {
			d.Lines[i].Qty = qty[d.Lines[i].OrderLine-1]
		}
		d.Lines = slices.DeleteFunc(d.Lines, func(l Line) bool { return l.Qty == 0 })
	}
	return d
}

// R-A4 on: every advance deducted, oldest first, as far as the gross allows.
func TestDeductAll(t *testing.T) {
	o := furnitureOrder()
	related := []Related{advance("a2", "C1", 5000, 2), advance("a1", "C1", 29471, 1)}
	d := invoiceFor(t, o, related, 0, Units(2)) // two cookbooks: 49.80
	require.NoError(t, DeductAll(o, d, related))
	assert.Equal(t, []Deduction{{AdvanceID: "a1", Number: "FAC/a1", Amount: 4980}}, d.Deductions)
	tot := totalsOf(t, d)
	assert.Equal(t, Money(4980), tot.Advances)
	assert.Zero(t, tot.Due)

	d = invoiceFor(t, o, related)
	require.NoError(t, DeductAll(o, d, related))
	assert.Equal(t, []Deduction{{AdvanceID: "a1", Number: "FAC/a1", Amount: 29471}, {AdvanceID: "a2", Number: "FAC/a2", Amount: 5000}}, d.Deductions)
	tot = totalsOf(t, d)
	assert.Equal(t, Money(34471), tot.Advances)
	assert.Equal(t, Money(196470-34471), tot.Due)
	require.NoError(t, CheckDeductions(o, d, related))

	// Unlinked (offline): nothing deducted.
	u, err := GenerateFrom(o, related, KindInvoice, Params{CopyQtyFromOrder: true}, false)
	require.NoError(t, err)
	u.Deductions, u.Advances = []Deduction{{AdvanceID: "a1", Amount: 1}}, 1
	require.NoError(t, DeductAll(o, u, related))
	assert.Empty(t, u.Deductions)
	assert.Zero(t, u.Advances)
}

// M6: an unsettled advance for another customer than the invoice's.
func TestDeductAllCustomerMismatchIsM6(t *testing.T) {
	o := furnitureOrder()
	related := []Related{advance("a1", "C1", 10000, 1), advance("a2", "C2", 5000, 2)}
	d := invoiceFor(t, o, related)
	before := slices.Clone(d.Lines)
	requireErrKey(t, DeductAll(o, d, related), CodeConflict, MsgAdvanceCustomer)
	assert.Empty(t, d.Deductions, "left as it was")
	assert.Equal(t, before, d.Lines)

	// The invoice's customer changed: every advance is another customer's.
	d.Customer = "C9"
	requireErrKey(t, DeductAll(o, d, related[:1]), CodeConflict, MsgAdvanceCustomer)

	// Once the other customer's advance is settled, there is no mismatch left.
	d.Customer = "C1"
	settled := append(slices.Clone(related), Related{ID: "erp", Kind: KindInvoice, Status: StatusConfirmed, Customer: "C2",
		Gross: 5000, Advances: 5000, Deductions: []Deduction{{AdvanceID: "a2", Amount: 5000}}})
	require.NoError(t, DeductAll(o, d, settled))
	assert.Equal(t, Money(10000), d.Advances)
}

// R-A4 off: the operator deducts, per advance, a percentage of it or an
// amount; never more than what is left of it nor than the invoice.
func TestSetDeduction(t *testing.T) {
	o := furnitureOrder()
	related := []Related{advance("a1", "C1", 29471, 1), advance("a2", "C1", 10000, 2), advance("other", "C2", 5000, 3)}
	d := invoiceFor(t, o, related, Units(1), 0) // the wardrobe: 1,890.00

	require.NoError(t, SetDeduction(o, d, related, "a1", PercentShare(8000)))
	assert.Equal(t, []Deduction{{AdvanceID: "a1", Number: "FAC/a1", Amount: 23577}}, d.Deductions, "80% of 294.71 = 235.768")
	require.NoError(t, SetDeduction(o, d, related, "a2", AmountShare(2500)))
	require.NoError(t, SetDeduction(o, d, related, "a1", AmountShare(29471)), "changing one replaces it")
	assert.Equal(t, []Deduction{{AdvanceID: "a1", Number: "FAC/a1", Amount: 29471}, {AdvanceID: "a2", Number: "FAC/a2", Amount: 2500}}, d.Deductions)
	assert.Equal(t, Money(31971), d.Advances)

	err := SetDeduction(o, d, related, "a2", AmountShare(10001))
	requireErrKey(t, err, CodeInvalid, "error.amount_too_large")
	e, _ := AsError(err)
	assert.Equal(t, "100.00", e.Args["Max"])
	requireErrKey(t, SetDeduction(o, d, related, "other", AmountShare(100)), CodeNotFound, "error.not_found")
	requireErrKey(t, SetDeduction(o, d, related, "nope", AmountShare(100)), CodeNotFound, "error.not_found")
	requireErrKey(t, SetDeduction(o, d, related, "a1", PercentShare(-1)), CodeInvalid, "error.percent_invalid")
	assert.Equal(t, Money(31971), d.Advances, "refused changes change nothing")

	require.NoError(t, SetDeduction(o, d, related, "a2", Share{}), "zero removes")
	assert.Len(t, d.Deductions, 1)

	// Not more than the invoice: two cookbooks, 49.80.
	small := invoiceFor(t, o, related, 0, Units(2))
	err = SetDeduction(o, small, related, "a1", AmountShare(5000))
	requireErrKey(t, err, CodeInvalid, "error.advances_exceed")
	e, _ = AsError(err)
	assert.Equal(t, "49.80", e.Args["Max"])

	// What earlier invoices deducted is no longer there.
	later := append(slices.Clone(related), invoiceDeducting("i1", 100000, Deduction{AdvanceID: "a2", Amount: 9000}))
	requireErrKey(t, SetDeduction(o, d, later, "a2", AmountShare(1001)), CodeInvalid, "error.amount_too_large")
	require.NoError(t, SetDeduction(o, d, later, "a2", PercentShare(1000)), "10% of the advance: the 100.00 left")

	u, err := GenerateFrom(o, related, KindInvoice, Params{CopyQtyFromOrder: true}, false)
	require.NoError(t, err)
	requireErrKey(t, SetDeduction(o, u, related, "a1", AmountShare(1)), CodeUnavailable, "error.offline_required")
}

// The deduction list of R-A4: header figures and, per advance invoice of the
// invoice's customer, number, date, advance, maximum, deducted and advance %.
func TestDeductionsList(t *testing.T) {
	o := furnitureOrder()
	related := []Related{advance("a1", "C1", 29471, 1), advance("other", "C2", 5000, 2)}
	d := invoiceFor(t, o, related, Units(1), 0)
	require.NoError(t, SetDeduction(o, d, related, "a1", PercentShare(8000)))
	l, err := Deductions(o, d, related)
	require.NoError(t, err)
	assert.Equal(t, Money(189000), l.Invoice)
	assert.Equal(t, Money(29471), l.Available, "only the invoice's customer's advances")
	assert.Equal(t, Money(23577), l.Deducted)
	assert.Equal(t, Money(189000-23577), l.After)
	assert.Equal(t, Money(29471+5000-7470), l.Min, "what the cookbooks (74.70) could not absorb")
	require.Len(t, l.Rows, 1)
	r := l.Rows[0]
	assert.Equal(t, "FAC/a1", r.Number)
	assert.Equal(t, day0.AddDate(0, 0, 1), r.IssuedAt)
	assert.Equal(t, Money(29471), r.Amount)
	assert.Equal(t, Money(29471), r.Left)
	assert.Equal(t, Money(23577), r.Deducted)
	assert.Equal(t, Percent(8000), r.Percent)

	u, err := GenerateFrom(o, related, KindInvoice, Params{CopyQtyFromOrder: true}, false)
	require.NoError(t, err)
	l, err = Deductions(o, u, related)
	require.NoError(t, err)
	assert.Empty(t, l.Rows, "an unlinked invoice deducts nothing")
	assert.Zero(t, l.Min)
}

func TestCheckDeductions(t *testing.T) {
	o := furnitureOrder()
	related := []Related{advance("a1", "C1", 29471, 1)}
	d := invoiceFor(t, o, related, Units(1), 0)

	// The rest of the order (74.70) cannot absorb 294.71: at least 220.01 now.
	require.NoError(t, SetDeduction(o, d, related, "a1", PercentShare(5000)))
	err := CheckDeductions(o, d, related)
	requireErrKey(t, err, CodeInvalid, "error.deduction_too_small")
	e, _ := AsError(err)
	assert.Equal(t, "220.01", e.Args["Min"])
	require.NoError(t, SetDeduction(o, d, related, "a1", AmountShare(22001)))
	require.NoError(t, CheckDeductions(o, d, related))

	bad := *d
	bad.Deductions = []Deduction{{AdvanceID: "a1", Amount: 22001}, {AdvanceID: "a1", Amount: 1}}
	bad.Advances = 22002
	requireErrKey(t, CheckDeductions(o, &bad, related), CodeNotFound, "error.not_found")
	bad.Deductions, bad.Advances = []Deduction{{AdvanceID: "ghost", Amount: 22001}}, 22001
	requireErrKey(t, CheckDeductions(o, &bad, related), CodeNotFound, "error.not_found")
	bad.Deductions, bad.Advances = []Deduction{{AdvanceID: "a1", Amount: 29472}}, 29472
	requireErrKey(t, CheckDeductions(o, &bad, related), CodeInvalid, "error.amount_too_large")
	bad.Deductions, bad.Advances = []Deduction{{AdvanceID: "a1", Amount: 22001}}, 22000
	requireErrKey(t, CheckDeductions(o, &bad, related), CodeInvalid, "error.amount_invalid")
	bad.Deductions, bad.Advances = nil, 22001
	requireErrKey(t, CheckDeductions(o, &bad, related), CodeInvalid, "error.amount_invalid")

	u, err := GenerateFrom(o, related, KindInvoice, Params{CopyQtyFromOrder: true}, false)
	require.NoError(t, err)
	require.NoError(t, CheckDeductions(o, u, related), "unlinked, nothing deducted")
	u.Advances, u.Deductions = 100, []Deduction{{AdvanceID: "a1", Amount: 100}}
	requireErrKey(t, CheckDeductions(o, u, related), CodeUnavailable, "error.offline_required")
}

func TestFitDeductions(t *testing.T) {
	d := &Document{Advances: 300, Deductions: []Deduction{{AdvanceID: "a", Amount: 200}, {AdvanceID: "b", Amount: 100}}}
	FitDeductions(d, 1000)
	assert.Equal(t, Money(300), d.Advances, "within the gross: unchanged")
	FitDeductions(d, 250)
	assert.Equal(t, []Deduction{{AdvanceID: "a", Amount: 200}, {AdvanceID: "b", Amount: 50}}, d.Deductions, "the latest shrinks first")
	FitDeductions(d, 150)
	assert.Equal(t, []Deduction{{AdvanceID: "a", Amount: 150}}, d.Deductions)
	assert.Equal(t, Money(150), d.Advances)
	FitDeductions(d, 0)
	assert.Empty(t, d.Deductions)
	assert.Zero(t, d.Advances)
	erp := &Document{Advances: 500}
	FitDeductions(erp, 120)
	assert.Equal(t, Money(120), erp.Advances)
}

func TestDocumentCheckDeductions(t *testing.T) {
	d := order(VATFromGross, ln("Table", Units(1), 10000, 2000))
	d.Kind = KindInvoice
	d.Deductions, d.Advances = []Deduction{{AdvanceID: "a", Amount: 600}, {AdvanceID: "b", Amount: 400}}, 1000
	require.NoError(t, d.Check())
	d.Advances = 999
	requireErrKey(t, d.Check(), CodeInvalid, "error.amount_invalid")
	d.Deductions, d.Advances = []Deduction{{AdvanceID: "", Amount: 1}}, 1
	requireErrKey(t, d.Check(), CodeInvalid, "error.text_invalid")
	d.Deductions, d.Advances = []Deduction{{AdvanceID: "a", Amount: 0}}, 0
	requireErrKey(t, d.Check(), CodeInvalid, "error.amount_invalid")
	d.Deductions, d.Advances = []Deduction{{AdvanceID: "a", Amount: 10001}}, 10001
	requireErrKey(t, d.Check(), CodeInvalid, "error.advances_exceed")
}

func TestDeductionFilter(t *testing.T) {
	row := DeductionRow{AdvanceInvoice: AdvanceInvoice{Number: "FAC/3/2026/KRKASA1", Amount: 29471, IssuedAt: day0}}
	assert.True(t, DeductionFilter{}.Match(row))
	assert.True(t, DeductionFilter{Number: "fac/3"}.Match(row))
	assert.False(t, DeductionFilter{Number: "FAC/4"}.Match(row))
	assert.True(t, DeductionFilter{MinAmount: 29471, MaxAmount: 29471}.Match(row))
	assert.False(t, DeductionFilter{MinAmount: 29472}.Match(row))
	assert.False(t, DeductionFilter{MaxAmount: 29470}.Match(row))
	assert.True(t, DeductionFilter{IssuedFrom: day0, IssuedTo: day0.Add(time.Hour)}.Match(row))
	assert.False(t, DeductionFilter{IssuedTo: day0}.Match(row))
	assert.False(t, DeductionFilter{IssuedFrom: day0.Add(time.Second)}.Match(row))
}

// The three-step scenario in the domain, both ways of deducting: a 15%
// advance, a receipt refused, a partial invoice with deduction, a final
// invoice with the rest. Figures to the cent, two VAT rates.
func TestThreeStepScenario(t *testing.T) {
	cashier := Group{Rights: []Right{RightReceipt, RightInvoice, RightAdvanceInvoice}}
	for _, full := range []bool{true, false} {
		t.Run(fmt.Sprintf("deduct at 100%%: %v", full), func(t *testing.T) {
			o := furnitureOrder()
			fac, err := NewAdvance(o, nil, PercentShare(1500), true)
			require.NoError(t, err)
			assert.Equal(t, Money(29471), totalsOf(t, fac).Due)
			related := []Related{issued(t, fac, "fac-1", 0)}

			requireErrKey(t, Allowed(ActionReceipt, o, related, cashier), CodeConflict, "error.receipt_after_advance")
			require.NoError(t, Allowed(ActionInvoice, o, related, cashier))

			partial := invoiceFor(t, o, related, Units(1), 0)
			if full {
				require.NoError(t, DeductAll(o, partial, related))
			} else {
				require.NoError(t, SetDeduction(o, partial, related, "fac-1", PercentShare(8000)))
			}
			require.NoError(t, CheckDeductions(o, partial, related))
			tot := totalsOf(t, partial)
			assert.Equal(t, Money(189000), tot.Gross)
			wantDeducted := map[bool]Money{true: 29471, false: 23577}[full]
			assert.Equal(t, wantDeducted, tot.Advances)
			assert.Equal(t, 189000-wantDeducted, tot.Due, "1,595.29 or 1,654.23")
			related = append(related, issued(t, partial, "fc-1", 1))
			require.NoError(t, o.SetStatus(StatusAfterDocument(o, related)))
			assert.Equal(t, StatusInProgress, o.Status)
			assert.Equal(t, []Qty{0, Units(3)}, ToDeliver(o, related))

			final := invoiceFor(t, o, related)
			if full {
				require.NoError(t, DeductAll(o, final, related))
			} else {
				l, err := Deductions(o, final, related)
				require.NoError(t, err)
				assert.Equal(t, Money(5894), l.Min, "what is left of the advance must go now")
				requireErrKey(t, CheckDeductions(o, final, related), CodeInvalid, "error.deduction_too_small")
				require.NoError(t, SetDeduction(o, final, related, "fac-1", AmountShare(l.Rows[0].Left)))
			}
			require.NoError(t, CheckDeductions(o, final, related))
			tot = totalsOf(t, final)
			assert.Equal(t, Money(7470), tot.Gross)
			assert.Equal(t, 29471-wantDeducted, tot.Advances)
			assert.Equal(t, 7470-(29471-wantDeducted), tot.Due, "74.70 or 15.76")
			related = append(related, issued(t, final, "fc-2", 2))
			assert.Equal(t, StatusCompleted, StatusAfterDocument(o, related))

			m, err := Balance(o, related)
			require.NoError(t, err)
			assert.Equal(t, Money(196470), m.Paid(), "294.71 + the two invoices' dues = 1,964.70")
			assert.Zero(t, m.AdvancesLeft())
		})
	}
}

// TestOrderMoneyBalancesProperty: for any sequence of advances and partial
// receipts and invoices, deducting automatically or by hand, the order's
// money balances: advances deducted never exceed advances paid (each advance
// and in all), no total or amount due is ever negative, nothing is paid
// beyond the order's gross, and once everything is delivered every advance is
// deducted and the money taken is exactly the order's gross.
func TestOrderMoneyBalancesProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "lines")
		var lines []Line
		for i := range n {
			lines = append(lines, ln(fmt.Sprintf("item%d", i), Units(rapid.Int64Range(1, 5).Draw(t, "qty")),
				Money(rapid.Int64Range(0, 200000).Draw(t, "price")), rapid.SampledFrom([]Percent{2000, 550}).Draw(t, "rate")))
		}
		o := genOrderFor(VATFromGross, lines...)
		gross := totalsOf(t, o).Gross
		var related []Related
		var taken Money // what the customer paid: advances, and the dues of receipts and invoices
		check := func() {
			m, err := Balance(o, related)
			require.NoError(t, err)
			assert.LessOrEqual(t, m.Deducted, m.Advances, "deducted more than advanced")
			assert.LessOrEqual(t, m.Paid(), gross, "paid beyond the order")
			assert.Equal(t, taken, m.Paid())
			for _, a := range AdvanceInvoices(related) {
				assert.GreaterOrEqual(t, a.Left, Money(0))
				assert.LessOrEqual(t, a.Deducted, a.Amount)
			}
		}
		deduct := func(d *Document, full bool) {
			if full {
				require.NoError(t, DeductAll(o, d, related))
				return
			}
			l, err := Deductions(o, d, related)
			require.NoError(t, err)
			need, room := l.Min, l.Invoice
			for _, r := range l.Rows {
				hi := min(r.Left, room)
				lo := min(hi, need)
				amount := Money(rapid.Int64Range(int64(lo), int64(hi)).Draw(t, "deduct"))
				require.NoError(t, SetDeduction(o, d, related, r.ID, AmountShare(amount)))
				need, room = max(need-amount, 0), room-amount
			}
		}
		steps := rapid.IntRange(0, 6).Draw(t, "steps")
		for step := range steps {
			left := ToDeliver(o, related)
			if !slices.ContainsFunc(left, func(q Qty) bool { return q > 0 }) {
				break
			}
			switch rapid.IntRange(0, 2).Draw(t, "action") {
			case 0: // an advance, as a percentage or an amount
				var s Share
				if rapid.Bool().Draw(t, "by_percent") {
					s = PercentShare(Percent(rapid.Int64Range(1, 10000).Draw(t, "percent")))
				} else {
					s = AmountShare(Money(rapid.Int64Range(1, int64(gross)+100).Draw(t, "amount")))
				}
				fac, err := NewAdvance(o, related, s, true)
				if err != nil {
					require.Contains(t, []string{MsgAdvancesFull, "error.advances_exceed", "error.amount_invalid"}, errKeyOf(err))
					continue
				}
				tot := totalsOf(t, fac)
				assert.Positive(t, tot.Gross)
				taken += tot.Due
				related = append(related, issued(t, fac, fmt.Sprintf("fac-%d", step), step))
			default: // a partial receipt (if no advance) or invoice
				k := KindInvoice
				if !HasAdvance(related) && rapid.Bool().Draw(t, "receipt") {
					k = KindReceipt
				}
				d, err := GenerateFrom(o, related, k, Params{}, true)
				require.NoError(t, err)
				for i := range d.Lines {
					d.Lines[i].Qty = Units(rapid.Int64Range(0, int64(d.Lines[i].FromOrder/QtyScale)).Draw(t, "qty"))
				}
				if d.CheckGenerated() != nil {
					continue
				}
				deduct(d, rapid.Bool().Draw(t, "full"))
				require.NoError(t, CheckDeductions(o, d, related))
				tot := totalsOf(t, d)
				assert.GreaterOrEqual(t, tot.Due, Money(0))
				taken += tot.Due
				related = append(related, issued(t, d, fmt.Sprintf("doc-%d", step), step))
			}
			check()
		}
		// The final invoice takes the rest.
		if slices.ContainsFunc(ToDeliver(o, related), func(q Qty) bool { return q > 0 }) {
			d, err := GenerateFrom(o, related, KindInvoice, Params{CopyQtyFromOrder: true}, true)
			require.NoError(t, err)
			deduct(d, rapid.Bool().Draw(t, "full_final"))
			require.NoError(t, CheckDeductions(o, d, related))
			tot := totalsOf(t, d)
			assert.GreaterOrEqual(t, tot.Due, Money(0))
			taken += tot.Due
			related = append(related, issued(t, d, "final", 99))
			check()
		}
		m, err := Balance(o, related)
		require.NoError(t, err)
		assert.Equal(t, gross, m.Invoiced, "the receipts and invoices hold the order's gross")
		assert.Zero(t, m.AdvancesLeft(), "every advance deducted")
		assert.Equal(t, gross, taken, "the customer paid exactly the order's gross")
	})
}

func errKeyOf(err error) string {
	if e, ok := AsError(err); ok {
		return e.Key
	}
	return err.Error()
}
