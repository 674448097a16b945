package pos

import (
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// genOrderFor builds a confirmed order to generate documents from.
func genOrderFor(method VATMethod, lines ...Line) *Document {
	d := order(method, lines...)
	d.ID, d.Number, d.Status = "order-42", "COMC/42/2026/KRKASA1", StatusConfirmed
	d.Recipient, d.HandledBy, d.DeliveryPoint, d.PaymentMethod = "R1", "SELLER1", "DP-KR", "CARD"
	d.DeliveryStatus, d.PaymentStatus, d.Reference = "ready", "unpaid", "REF-9"
	return d
}

func receiptParams(m VATMethod) Params {
	return Params{CopyQtyFromOrder: true, VATMethods: map[Kind]VATMethod{KindReceipt: m}}
}

func prices(d *Document) []Money {
	out := make([]Money, len(d.Lines))
	for i, l := range d.Lines {
		out[i] = l.Price
	}
	return out
}

func qtys(d *Document) []Qty {
	out := make([]Qty, len(d.Lines))
	for i, l := range d.Lines {
		out[i] = l.Qty
	}
	return out
}

// R-G3: the invoice copies the order's VAT method, whatever the invoice type's
// definition says; prices stay as they are.
func TestGenerateFromInvoiceCopiesOrderVATMethod(t *testing.T) {
	for _, m := range []VATMethod{VATFromGross, VATFromNet} {
		for _, def := range []VATMethod{VATFromGross, VATFromNet} {
			o := genOrderFor(m, ln("Table", Units(1), 123456, 2300), ln("Delivery", Units(1), 99, 800))
			p := Params{CopyQtyFromOrder: true, VATMethods: map[Kind]VATMethod{KindInvoice: def, KindReceipt: def}}
			d, err := GenerateFrom(o, nil, KindInvoice, p, true)
			require.NoError(t, err)
			assert.Equal(t, KindInvoice, d.Kind)
			assert.Equal(t, m, d.VATMethod, "order %s, invoice type %s", m, def)
			assert.Equal(t, []Money{123456, 99}, prices(d), "an invoice keeps the order's prices")
		}
	}
}

// R-G3: the receipt takes the Receipt type's VAT method, and prices are carried
// to that basis, rounded half away from zero, to the cent.
func TestGenerateFromReceiptTakesReceiptVATMethod(t *testing.T) {
	cases := []struct {
		name      string
		order     VATMethod
		params    Params
		want      VATMethod
		price     Money
		rate      Percent
		wantPrice Money
	}{
		{"net order, gross receipt: 10.00 + 23%", VATFromNet, receiptParams(VATFromGross), VATFromGross, 1000, 2300, 1230},
		{"net order, gross receipt: 0.99 + 23% = 1.2177", VATFromNet, receiptParams(VATFromGross), VATFromGross, 99, 2300, 122},
		{"net order, gross receipt: 0.10 + 5% = 0.105 half away", VATFromNet, receiptParams(VATFromGross), VATFromGross, 10, 500, 11},
		{"net order, gross receipt: 0.30 + 5% = 0.315 half away", VATFromNet, receiptParams(VATFromGross), VATFromGross, 30, 500, 32},
		{"net order, gross receipt: 0.65 + 5.5% = 0.68575", VATFromNet, receiptParams(VATFromGross), VATFromGross, 65, 550, 69},
		{"net order, gross receipt: 1.00 + 2.1% = 1.021", VATFromNet, receiptParams(VATFromGross), VATFromGross, 100, 210, 102},
		{"net order, gross receipt: 0% unchanged", VATFromNet, receiptParams(VATFromGross), VATFromGross, 4321, 0, 4321},
		{"net order, no receipt definition: gross", VATFromNet, Params{CopyQtyFromOrder: true}, VATFromGross, 1000, 2000, 1200},
		{"net order, invalid receipt definition: gross", VATFromNet, receiptParams("bogus"), VATFromGross, 1000, 2000, 1200},
		{"gross order, net receipt: 12.30 / 1.23", VATFromGross, receiptParams(VATFromNet), VATFromNet, 1230, 2300, 1000},
		{"gross order, net receipt: 1.00 / 1.23 = 0.813", VATFromGross, receiptParams(VATFromNet), VATFromNet, 100, 2300, 81},
		{"gross order, net receipt: 0.99 / 1.08 = 0.9167", VATFromGross, receiptParams(VATFromNet), VATFromNet, 99, 800, 92},
		{"gross order, net receipt: 0.05 / 2 = 0.025 half away", VATFromGross, receiptParams(VATFromNet), VATFromNet, 5, 10000, 3},
		{"gross order, net receipt: 0.01 / 1.23", VATFromGross, receiptParams(VATFromNet), VATFromNet, 1, 2300, 1},
		{"gross order, gross receipt: unchanged", VATFromGross, receiptParams(VATFromGross), VATFromGross, 99, 2300, 99},
		{"net order, net receipt: unchanged", VATFromNet, receiptParams(VATFromNet), VATFromNet, 99, 2300, 99},
		{"zero price stays zero (R-F5)", VATFromNet, receiptParams(VATFromGross), VATFromGross, 0, 2300, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := genOrderFor(c.order, ln("item", Units(2), c.price, c.rate))
			d, err := GenerateFrom(o, nil, KindReceipt, c.params, true)
			require.NoError(t, err)
			assert.Equal(t, KindReceipt, d.Kind)
			assert.Equal(t, c.want, d.VATMethod)
			require.Len(t, d.Lines, 1)
			assert.Equal(t, c.wantPrice, d.Lines[0].Price, "%s → %s", c.price, d.Lines[0].Price)
			assert.Equal(t, c.rate, d.Lines[0].VATRate, "the rate is kept")
			assert.Equal(t, c.price, o.Lines[0].Price, "the order is untouched")
		})
	}
}

// Discounts are not recalculated (R-G3): the percentages are copied, the
// amounts follow the converted price.
func TestGenerateFromKeepsDiscounts(t *testing.T) {
	o := genOrderFor(VATFromNet, withDiscount(ln("Sofa", Units(1), 100000, 2300), 1000), withMarkup(ln("Lamp", Units(1), 5000, 2300), 500))
	d, err := GenerateFrom(o, nil, KindReceipt, receiptParams(VATFromGross), true)
	require.NoError(t, err)
	assert.Equal(t, Percent(1000), d.Lines[0].Discount)
	assert.Equal(t, Percent(500), d.Lines[1].Markup)
	tot, err := d.Totals()
	require.NoError(t, err)
	// 1,230.00 − 10% = 1,107.00; 61.50 + 5% = 64.58 (64.575 half away).
	assert.Equal(t, Money(110700+6458), tot.Gross)
}

// The base price is the yardstick a later price change is measured against
// (app.Orders.SetPrice refuses a price below it without the discount right). It
// must be carried to the receipt's basis with the price, or an unchanged price
// looks like a discount (gross → net) and a real discount goes unnoticed
// (net → gross).
func TestGenerateFromConvertsBasePrice(t *testing.T) {
	cases := []struct {
		name       string
		order, doc VATMethod
		price      Money
		want       Money
	}{
		{"net order, gross receipt", VATFromNet, VATFromGross, 1000, 1230},
		{"gross order, net receipt", VATFromGross, VATFromNet, 1230, 1000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := genOrderFor(c.order, ln("item", Units(1), c.price, 2300))
			d, err := GenerateFrom(o, nil, KindReceipt, receiptParams(c.doc), true)
			require.NoError(t, err)
			assert.Equal(t, c.want, d.Lines[0].Price)
			assert.Equal(t, d.Lines[0].Price, d.Lines[0].BasePrice, "base price left on the order's basis")
		})
	}
}

// TestGenerateFromHeader: the customer and delivery are copied; the document
// is a new, unconfirmed one from this terminal.
func TestGenerateFromHeader(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Hand mixer", Units(1), 4999, 2300))
	o.Advances = 1000
	for _, k := range []Kind{KindReceipt, KindInvoice} {
		d, err := GenerateFrom(o, nil, k, Params{CopyQtyFromOrder: true}, true)
		require.NoError(t, err)
		assert.Equal(t, k, d.Kind)
		assert.Equal(t, StatusUnconfirmed, d.Status)
		assert.Equal(t, SourceTerminal, d.Source)
		assert.Equal(t, "C1", d.Customer)
		assert.Equal(t, "R1", d.Recipient)
		assert.Equal(t, "SELLER1", d.HandledBy)
		assert.Equal(t, "DP-KR", d.DeliveryPoint)
		assert.Equal(t, "CARD", d.PaymentMethod)
		assert.Empty(t, d.ID, "the caller gives the id")
		assert.Empty(t, d.Number, "numbered at confirmation")
		assert.Zero(t, d.Advances)
		assert.Empty(t, d.Payments)
		assert.NoError(t, d.Check())
	}
}

// R-X2: linked documents point at the order and carry its number; unlinked ones
// (offline) carry only the number.
func TestGenerateFromLinkedAndUnlinked(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Hand mixer", Units(1), 4999, 2300))
	for _, k := range []Kind{KindReceipt, KindInvoice} {
		d, err := GenerateFrom(o, nil, k, Params{CopyQtyFromOrder: true}, true)
		require.NoError(t, err)
		assert.Equal(t, "order-42", d.SourceOrder)
		assert.Equal(t, "COMC/42/2026/KRKASA1", d.OrderRef)
		assert.False(t, d.Unlinked())

		u, err := GenerateFrom(o, nil, k, Params{CopyQtyFromOrder: true}, false)
		require.NoError(t, err)
		assert.Empty(t, u.SourceOrder)
		assert.Equal(t, "COMC/42/2026/KRKASA1", u.OrderRef, "the number is printed \"Order: …\"")
		assert.True(t, u.Unlinked())
		assert.Zero(t, u.Advances, "advances not deducted")
		assert.Equal(t, d.Lines, u.Lines, "the lines do not depend on the link")
	}
}

// R-G2 on: the lines still to deliver, with what remains.
func TestGenerateFromCopyQuantityOn(t *testing.T) {
	o := genOrderFor(VATFromGross,
		ln("Table", Units(3), 10000, 2300), ln("Chair", Units(2), 2500, 2300), ln("Apples", 9814, 399, 500))
	related := []Related{
		relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1)), delivered(2, Units(2))),
		relDoc(KindReceipt, StatusCancelled, delivered(1, Units(2)), delivered(3, 9814)),
		relDoc(KindAdvanceInvoice, StatusConfirmed, delivered(3, 9814)),
	}
	d, err := GenerateFrom(o, related, KindInvoice, Params{CopyQtyFromOrder: true}, true)
	require.NoError(t, err)
	require.Len(t, d.Lines, 2, "the chair is fully delivered")
	assert.Equal(t, "Table", d.Lines[0].Name)
	assert.Equal(t, 1, d.Lines[0].OrderLine)
	assert.Equal(t, Units(2), d.Lines[0].Qty)
	assert.Equal(t, Units(2), d.Lines[0].FromOrder)
	assert.Equal(t, "Apples", d.Lines[1].Name)
	assert.Equal(t, 3, d.Lines[1].OrderLine)
	assert.Equal(t, Qty(9814), d.Lines[1].Qty)
	assert.Equal(t, Qty(9814), d.Lines[1].FromOrder)
	for _, l := range d.Lines {
		assert.Zero(t, l.No, "numbered when saved")
		assert.Equal(t, "pc", l.Unit)
	}
	assert.NoError(t, d.CheckGenerated())
}

// R-G2 off: zero quantities, [Copy quantity from COMC] fills them, and a
// document needs one non-zero line (M12).
func TestGenerateFromCopyQuantityOff(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Table", Units(3), 10000, 2300), ln("Chair", Units(2), 2500, 2300))
	related := []Related{relDoc(KindInvoice, StatusConfirmed, delivered(1, Units(1)))}
	d, err := GenerateFrom(o, related, KindReceipt, Params{CopyQtyFromOrder: false}, true)
	require.NoError(t, err)
	assert.Equal(t, []Qty{0, 0}, qtys(d))
	assert.Equal(t, []Qty{Units(2), Units(2)}, []Qty{d.Lines[0].FromOrder, d.Lines[1].FromOrder})
	requireErrKey(t, d.CheckGenerated(), CodeInvalid, MsgNoLine)

	// One line typed by the operator is enough.
	d.Lines[1].Qty = Units(1)
	assert.NoError(t, d.CheckGenerated())

	// An item added beyond the order (green) is left alone by the button.
	extra := ln("Cushion", Units(4), 900, 2300)
	d.Lines = append(d.Lines, extra)
	CopyQuantities(d)
	assert.Equal(t, []Qty{Units(2), Units(2), Units(4)}, qtys(d))
	assert.NoError(t, d.CheckGenerated())

	// Pressing it twice changes nothing more.
	CopyQuantities(d)
	assert.Equal(t, []Qty{Units(2), Units(2), Units(4)}, qtys(d))
}

func TestCopyQuantitiesOverwritesTypedQuantities(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Table", Units(3), 10000, 2300))
	d, err := GenerateFrom(o, nil, KindReceipt, Params{}, true)
	require.NoError(t, err)
	d.Lines[0].Qty = Units(1)
	CopyQuantities(d)
	assert.Equal(t, Units(3), d.Lines[0].Qty)
}

func TestCheckGenerated(t *testing.T) {
	cases := []struct {
		name  string
		lines []Line
		code  Code
		key   string
	}{
		{"no lines", nil, CodeInvalid, MsgNoLine},
		{"only zero lines", []Line{ln("a", 0, 100, 2300), ln("b", 0, 0, 0)}, CodeInvalid, MsgNoLine},
		{"one non-zero line", []Line{ln("a", 0, 100, 2300), ln("b", 1, 100, 2300)}, "", ""},
		{"a zero price is fine (R-F5)", []Line{ln("free", Units(1), 0, 2300)}, "", ""},
		{"a non-zero line does not excuse a bad one", []Line{ln("a", Units(1), 100, 2300), ln("b", 0, -1, 2300)}, CodeInvalid, "error.amount_negative"},
		{"a nameless line", []Line{ln("a", Units(1), 100, 2300), {Qty: Units(1), Price: 1}}, CodeInvalid, "error.text_invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &Document{Kind: KindReceipt, VATMethod: VATFromGross, Lines: c.lines}
			err := d.CheckGenerated()
			if c.code == "" {
				assert.NoError(t, err)
				return
			}
			requireErrKey(t, err, c.code, c.key)
		})
	}
}

func TestGenerateFromNothingToDeliver(t *testing.T) {
	full := genOrderFor(VATFromGross, ln("Table", Units(1), 10000, 2300), ln("Chair", Units(2), 2500, 2300))
	done := []Related{
		relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1))),
		relDoc(KindInvoice, StatusConfirmed, delivered(2, Units(1)), delivered(2, Units(1))),
	}
	cases := []struct {
		name    string
		o       *Document
		related []Related
	}{
		{"everything delivered", full, done},
		{"more than ordered delivered", full, append(slices.Clone(done), relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(5))))},
		{"only zero quantities ordered", genOrderFor(VATFromGross, ln("Table", 0, 10000, 2300)), nil},
		{"no lines", genOrderFor(VATFromGross), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, k := range []Kind{KindReceipt, KindInvoice} {
				for _, copyQty := range []bool{true, false} {
					d, err := GenerateFrom(c.o, c.related, k, Params{CopyQtyFromOrder: copyQty}, true)
					requireErrKey(t, err, CodeConflict, "error.nothing_to_deliver")
					assert.Nil(t, d)
				}
			}
		})
	}
	// Cancelling the last receipt makes its quantity deliverable again.
	again := slices.Clone(done)
	again[1].Status = StatusCancelled
	d, err := GenerateFrom(full, again, KindReceipt, Params{CopyQtyFromOrder: true}, true)
	require.NoError(t, err)
	assert.Equal(t, []Qty{Units(2)}, qtys(d))
	assert.Equal(t, 2, d.Lines[0].OrderLine)
}

// Only receipts and invoices are generated this way (R-G1); advance invoices
// have their own form (R-A2).
func TestGenerateFromKinds(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Table", Units(1), 10000, 2300))
	for _, k := range []Kind{KindAdvanceInvoice, KindOrder, KindQuote, "", "r"} {
		d, err := GenerateFrom(o, nil, k, Params{CopyQtyFromOrder: true}, true)
		requireErrKey(t, err, CodeInvalid, "error.kind_invalid")
		assert.Nil(t, d)
	}
}

func TestGenerateFromDoesNotMutate(t *testing.T) {
	o := genOrderFor(VATFromNet, ln("Table", Units(3), 10000, 2300), ln("Chair", Units(2), 2500, 800))
	related := []Related{relDoc(KindReceipt, StatusConfirmed, delivered(1, Units(1)))}
	oBefore := *o
	oBefore.Lines = slices.Clone(o.Lines)
	relBefore := slices.Clone(related)
	relBefore[0].Lines = slices.Clone(related[0].Lines)
	d, err := GenerateFrom(o, related, KindReceipt, receiptParams(VATFromGross), true)
	require.NoError(t, err)
	d.Lines[0].Qty, d.Lines[0].Price, d.Lines[0].Name = 1, 1, "changed"
	CopyQuantities(d)
	assert.Equal(t, oBefore, *o)
	assert.Equal(t, relBefore, related)
}

// The worked example R-G5 in the domain: a customer collects an order; a
// receipt with the order's quantities; paid in cash; the order is Completed.
func TestGenerateReceiptAndCompleteOrder(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Hand mixer", Units(1), 4999, 2300), ln("Fan", Units(2), 2550, 2300))
	require.NoError(t, Allowed(ActionReceipt, o, nil, Group{Rights: []Right{RightReceipt}}))
	d, err := GenerateFrom(o, nil, KindReceipt, Params{CopyQtyFromOrder: true}, true)
	require.NoError(t, err)
	require.NoError(t, d.CheckGenerated())
	tot, err := d.Totals()
	require.NoError(t, err)
	assert.Equal(t, Money(4999+5100), tot.Due)
	pays, change, err := Settle(tot.Due, []Tender{{Method: "CASH", Type: PaymentCash, Amount: 11000}})
	require.NoError(t, err)
	assert.Equal(t, Money(901), change)
	d.Payments, d.Status, d.ID = pays, StatusConfirmed, "receipt-1"
	require.NoError(t, d.Check())
	rel, err := RelatedOf(d)
	require.NoError(t, err)
	assert.Equal(t, StatusCompleted, StatusAfterDocument(o, []Related{rel}))
	require.NoError(t, o.SetStatus(StatusAfterDocument(o, []Related{rel})))

	// A second receipt has nothing left to deliver.
	_, err = GenerateFrom(o, []Related{rel}, KindReceipt, Params{CopyQtyFromOrder: true}, true)
	requireErrKey(t, err, CodeConflict, "error.nothing_to_deliver")
}

// R-O5 with two partial receipts: In progress, then Completed.
func TestGeneratePartialThenRest(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Table", Units(3), 10000, 2300), ln("Chair", Units(2), 2500, 2300))
	first, err := GenerateFrom(o, nil, KindReceipt, Params{}, true)
	require.NoError(t, err)
	first.Lines[0].Qty = Units(1)
	require.NoError(t, first.CheckGenerated())
	rel1, err := RelatedOf(first)
	require.NoError(t, err)
	assert.Equal(t, StatusInProgress, StatusAfterDocument(o, []Related{rel1}))

	rest, err := GenerateFrom(o, []Related{rel1}, KindInvoice, Params{}, true)
	require.NoError(t, err)
	assert.Equal(t, []Qty{Units(2), Units(2)}, []Qty{rest.Lines[0].FromOrder, rest.Lines[1].FromOrder})
	CopyQuantities(rest)
	rel2, err := RelatedOf(rest)
	require.NoError(t, err)
	assert.Equal(t, StatusCompleted, StatusAfterDocument(o, []Related{rel1, rel2}))
}

// convertReference is the price carried from one basis to the other, exactly,
// rounded half away from zero.
func convertReference(price Money, rate Percent, from, to VATMethod) *big.Int {
	switch {
	case from == to:
		return big.NewInt(int64(price))
	case to == VATFromGross:
		return mulDivBig(int64(price), percentFull+int64(rate), percentFull)
	default:
		return mulDivBig(int64(price), percentFull, percentFull+int64(rate))
	}
}

// TestConvertPriceProperty: to the cent, half away from zero, over every valid
// price and rate; net → gross → net gives the net price back.
func TestConvertPriceProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		price := Money(rapid.Int64Range(0, int64(MaxPrice)).Draw(t, "price"))
		rate := Percent(rapid.Int64Range(0, int64(MaxRate)).Draw(t, "rate"))
		from, to := genMethod.Draw(t, "from"), genMethod.Draw(t, "to")
		got := convertPrice(price, rate, from, to)
		assert.Equal(t, convertReference(price, rate, from, to).Int64(), int64(got))
		back := convertPrice(convertPrice(price, rate, VATFromNet, VATFromGross), rate, VATFromGross, VATFromNet)
		assert.Equal(t, price, back, "net %s → gross → net", price)
	})
}

// genOrderLine draws a valid order line.
var genOrderLine = rapid.Custom(func(t *rapid.T) Line {
	l := genLine(Units(50), 1_000_000_00).Draw(t, "line")
	l.Name, l.ProductCode = "item", "P"
	l.BasePrice = l.Price
	return l
})

// TestGenerateFromProperty: for any order and deliveries, the generated
// document holds exactly the lines still to deliver, with their remaining
// quantity (or zero), converted prices, a valid document; delivering it
// entirely completes the order.
func TestGenerateFromProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lines := rapid.SliceOfN(genOrderLine, 0, 6).Draw(t, "lines")
		o := genOrderFor(genMethod.Draw(t, "order_method"), lines...)
		ordered := make([]Qty, len(lines))
		for i, l := range lines {
			ordered[i] = l.Qty
		}
		related, _ := drawDeliveries(t, ordered)
		k := rapid.SampledFrom([]Kind{KindReceipt, KindInvoice}).Draw(t, "kind")
		p := Params{CopyQtyFromOrder: rapid.Bool().Draw(t, "copy"),
			VATMethods: map[Kind]VATMethod{KindReceipt: genMethod.Draw(t, "receipt_method")}}
		linked := rapid.Bool().Draw(t, "linked")

		left := ToDeliver(o, related)
		d, err := GenerateFrom(o, related, k, p, linked)
		if !slices.ContainsFunc(left, func(q Qty) bool { return q > 0 }) {
			requireErrKey(t, err, CodeConflict, "error.nothing_to_deliver")
			return
		}
		require.NoError(t, err)
		wantMethod := o.VATMethod
		if k == KindReceipt {
			wantMethod = p.VATMethods[KindReceipt]
		}
		assert.Equal(t, wantMethod, d.VATMethod)
		assert.Equal(t, linked, !d.Unlinked())
		j := 0
		for i, q := range left {
			if q == 0 {
				continue
			}
			require.Greater(t, len(d.Lines), j, "line %d missing", i+1)
			l := d.Lines[j]
			j++
			assert.Equal(t, i+1, l.OrderLine)
			assert.Equal(t, q, l.FromOrder)
			if p.CopyQtyFromOrder {
				assert.Equal(t, q, l.Qty)
			} else {
				assert.Zero(t, l.Qty)
			}
			assert.Equal(t, convertReference(lines[i].Price, lines[i].VATRate, o.VATMethod, wantMethod).Int64(), int64(l.Price))
			assert.Equal(t, lines[i].VATRate, l.VATRate)
			assert.Equal(t, lines[i].Discount, l.Discount)
		}
		assert.Len(t, d.Lines, j, "lines with nothing to deliver were copied")
		if p.CopyQtyFromOrder {
			assert.NoError(t, d.CheckGenerated())
		} else {
			requireErrKey(t, d.CheckGenerated(), CodeInvalid, MsgNoLine)
			CopyQuantities(d)
		}
		require.NoError(t, d.CheckGenerated())
		d.Status = StatusConfirmed
		rel, err := RelatedOf(d)
		require.NoError(t, err)
		all := append(slices.Clone(related), rel)
		assert.Equal(t, make([]Qty, len(lines)), ToDeliver(o, all), "delivered everything")
		assert.Equal(t, StatusCompleted, StatusAfterDocument(o, all))
	})
}

func ExampleGenerateFrom() {
	o := order(VATFromNet, Line{Name: "Table", Unit: "pc", Qty: Units(1), Price: 1000_00, VATRate: 2300})
	o.ID, o.Number, o.Status = "o1", "COMC/1/2026/KRKASA1", StatusConfirmed
	r, _ := GenerateFrom(o, nil, KindReceipt, Params{CopyQtyFromOrder: true}, false)
	fmt.Println(r.VATMethod, r.Lines[0].Price, r.Lines[0].Qty, r.Unlinked(), r.OrderRef)
	// Output: gross 1230.00 1 true COMC/1/2026/KRKASA1
}

func TestDeliveredLinesLeaveTheZeroesOff(t *testing.T) {
	lines := []Line{{No: 1, Name: "Mixer", Qty: Units(1), OrderLine: 1}, {No: 2, Name: "Fan", Qty: 0, OrderLine: 2},
		{No: 3, Name: "Apples", Qty: 9814, OrderLine: 3}}
	got := DeliveredLines(lines)
	require.Len(t, got, 2)
	assert.Equal(t, "Mixer", got[0].Name)
	assert.Equal(t, 3, got[1].OrderLine, "each line keeps the order line it fulfils")
	assert.Len(t, lines, 3, "the caller's lines are left as they were")
	assert.Empty(t, DeliveredLines([]Line{{Qty: 0}}))
}
