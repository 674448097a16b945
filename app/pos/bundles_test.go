package pos

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// mixFan is the demo's bundle: a hand mixer (49.99) and a fan (34.99) for 79.00.
var mixFan = Bundle{Code: "MIXFAN", Name: "Hand mixer + Fan", Price: 7900, Active: true,
	Items: []BundleItem{{ProductCode: "MIX-01", Qty: Units(1)}, {ProductCode: "FAN-01", Qty: Units(1)}}}

// item is a line of a product with its list price.
func item(code string, qty Qty, price Money, rate Percent) Line {
	return Line{ProductCode: code, Name: code, Unit: "pcs", Qty: qty, Price: price, BasePrice: price, VATRate: rate}
}

func mixer(qty Qty) Line { return item("MIX-01", qty, 4999, 2000) }
func fan(qty Qty) Line   { return item("FAN-01", qty, 3499, 2000) }

// bundleAmounts sums the amounts of each bundle's lines.
func bundleAmounts(t testingT, d *Document) map[string]Money {
	t.Helper()
	groups, err := Bundled(d)
	require.NoError(t, err)
	out := map[string]Money{}
	for _, g := range groups {
		out[g.ID] = g.Amount
	}
	return out
}

// qtyByProduct sums the quantities of each product.
func qtyByProduct(d *Document) map[string]Qty {
	out := map[string]Qty{}
	for _, l := range d.Lines {
		out[l.ProductCode] += l.Qty
	}
	return out
}

func TestBundleCheck(t *testing.T) {
	require.NoError(t, mixFan.Check())
	bad := func(mutate func(b *Bundle)) error {
		b := mixFan
		b.Items = slices.Clone(mixFan.Items)
		mutate(&b)
		return b.Check()
	}
	requireErrKey(t, bad(func(b *Bundle) { b.Code = "" }), CodeInvalid, "error.text_invalid")
	requireErrKey(t, bad(func(b *Bundle) { b.Items = nil }), CodeInvalid, "error.text_invalid")
	requireErrKey(t, bad(func(b *Bundle) { b.Items[1].ProductCode = "MIX-01" }), CodeInvalid, "error.text_invalid")
	requireErrKey(t, bad(func(b *Bundle) { b.Items[1].ProductCode = "" }), CodeInvalid, "error.text_invalid")
	requireErrKey(t, bad(func(b *Bundle) { b.Items[0].Qty = 5000 }), CodeInvalid, "error.quantity_invalid")
	requireErrKey(t, bad(func(b *Bundle) { b.Items[0].Qty = 0 }), CodeInvalid, "error.quantity_invalid")
	requireErrKey(t, bad(func(b *Bundle) { b.Price = -1 }), CodeInvalid, "error.amount_negative")
	assert.Equal(t, "MIXFAN", BundleCode("MIXFAN#3"))
	assert.Equal(t, "A#B", BundleCode("A#B#1"))
}

// [Apply bundles]: the mixer and the fan cost 79.00 together, split in
// proportion to their list prices.
func TestApplyBundlesMixerAndFan(t *testing.T) {
	d := order(VATFromGross, mixer(Units(1)), fan(Units(1)), item("BOOK", Units(1), 2490, 550))
	n, err := ApplyBundles(d, []Bundle{mixFan})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	require.Len(t, d.Lines, 3)
	assert.Equal(t, []Money{4647, 3253, 2490}, prices(d))
	assert.Equal(t, []string{"MIXFAN#1", "MIXFAN#1", ""}, []string{d.Lines[0].BundleID, d.Lines[1].BundleID, d.Lines[2].BundleID})
	assert.Equal(t, []Money{4999, 3499, 2490}, []Money{d.Lines[0].BasePrice, d.Lines[1].BasePrice, d.Lines[2].BasePrice}, "list prices kept")
	assert.Equal(t, map[string]Money{"MIXFAN#1": 7900}, bundleAmounts(t, d))
	assert.Equal(t, Money(7900+2490), totalsOf(t, d).Gross)
	assert.True(t, TouchesBundle(d, 0))
	assert.False(t, TouchesBundle(d, 2))
	assert.False(t, TouchesBundle(d, 3))

	// Applying again finds nothing free.
	n, err = ApplyBundles(d, []Bundle{mixFan})
	require.NoError(t, err)
	assert.Zero(t, n)

	// [Remove bundles] gives the prices back.
	require.NoError(t, RemoveBundles(d))
	assert.Equal(t, []Money{4999, 3499, 2490}, prices(d))
	assert.Equal(t, map[string]Money{}, bundleAmounts(t, d))
}

// Lines holding more than the bundles take are split; a share that does not
// divide by the quantity is split one cent apart; the total is exact.
func TestApplyBundlesSplitsLines(t *testing.T) {
	threeTowels := Bundle{Code: "TOWELS3", Name: "3 towels", Price: 2500, Active: true,
		Items: []BundleItem{{ProductCode: "TOWEL", Qty: Units(3)}}}
	d := order(VATFromGross, mixer(Units(3)), item("TOWEL", Units(7), 1000, 1000), fan(Units(2)))
	n, err := ApplyBundles(d, []Bundle{mixFan, threeTowels})
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, map[string]Money{"MIXFAN#1": 2 * 7900, "TOWELS3#2": 2 * 2500}, bundleAmounts(t, d))
	type row struct {
		code   string
		qty    Qty
		price  Money
		bundle string
	}
	var rows []row
	for _, l := range d.Lines {
		rows = append(rows, row{l.ProductCode, l.Qty, l.Price, l.BundleID})
	}
	// Six towels for 50.00: 5000 / 6 = 833 rem 2 → four at 8.33, two at 8.34.
	assert.Equal(t, []row{
		{"MIX-01", Units(2), 4647, "MIXFAN#1"},
		{"MIX-01", Units(1), 4999, ""},
		{"TOWEL", Units(4), 833, "TOWELS3#2"},
		{"TOWEL", Units(2), 834, "TOWELS3#2"},
		{"TOWEL", Units(1), 1000, ""},
		{"FAN-01", Units(2), 3253, "MIXFAN#1"},
	}, rows)
	assert.Equal(t, map[string]Qty{"MIX-01": Units(3), "TOWEL": Units(7), "FAN-01": Units(2)}, qtyByProduct(d))

	// Removing joins the split lines again.
	require.NoError(t, RemoveBundles(d))
	assert.Equal(t, []Line{mixer(Units(3)), item("TOWEL", Units(7), 1000, 1000), fan(Units(2))}, d.Lines)
}

// A price the operator set, a discount, a markup, a fractional quantity or a
// line already bundled keep a line out of bundles; inactive and invalid
// definitions are skipped.
func TestApplyBundlesLeavesSomeLinesAlone(t *testing.T) {
	cut := mixer(Units(1))
	cut.Price = 4500
	cases := map[string][]Line{
		"price changed":   {cut, fan(Units(1))},
		"discount":        {withDiscount(mixer(Units(1)), 500), fan(Units(1))},
		"markup":          {withMarkup(mixer(Units(1)), 500), fan(Units(1))},
		"fractional":      {mixer(5000), fan(Units(1))},
		"missing an item": {mixer(Units(2))},
		"no product code": {{Name: "misc", Qty: Units(1), Price: 4999, BasePrice: 4999, VATRate: 2000}, fan(Units(1))},
		"zero quantity":   {mixer(0), fan(Units(1))},
	}
	for name, lines := range cases {
		t.Run(name, func(t *testing.T) {
			d := order(VATFromGross, lines...)
			n, err := ApplyBundles(d, []Bundle{mixFan})
			require.NoError(t, err)
			assert.Zero(t, n)
			assert.Equal(t, lines, d.Lines)
		})
	}
	inactive := mixFan
	inactive.Active = false
	invalid := mixFan
	invalid.Items = nil
	d := order(VATFromGross, mixer(Units(1)), fan(Units(1)))
	n, err := ApplyBundles(d, []Bundle{inactive, invalid})
	require.NoError(t, err)
	assert.Zero(t, n)
}

// On a document from net the shares are carried to net, line by line.
func TestApplyBundlesFromNet(t *testing.T) {
	net := func(l Line) Line {
		l.Price = convertPrice(l.Price, l.VATRate, VATFromGross, VATFromNet)
		l.BasePrice = l.Price
		return l
	}
	d := order(VATFromNet, net(mixer(Units(1))), net(fan(Units(1))))
	n, err := ApplyBundles(d, []Bundle{mixFan})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, []Money{3873, 2711}, prices(d), "46.47 and 32.53 less 20% VAT")
	assert.Equal(t, Money(7901), totalsOf(t, d).Gross, "from net the gross follows the VAT per rate")
}

// M7 then Yes: the quantity changes and the bundles are calculated again over
// the whole document; No is to change nothing.
func TestRecalculateBundles(t *testing.T) {
	d := order(VATFromGross, mixer(Units(1)), fan(Units(1)))
	_, err := ApplyBundles(d, []Bundle{mixFan})
	require.NoError(t, err)
	require.True(t, TouchesBundle(d, 1))
	before := slices.Clone(d.Lines)

	d.Lines[1].Qty = Units(2) // a second fan
	require.NoError(t, RecalculateBundles(d, []Bundle{mixFan}))
	assert.Equal(t, []Money{4647, 3253, 3499}, prices(d))
	assert.Equal(t, map[string]Money{"MIXFAN#1": 7900}, bundleAmounts(t, d))
	assert.Equal(t, Money(7900+3499), totalsOf(t, d).Gross)

	// Removing the mixer: nothing to bundle any more.
	d.Lines = before
	d.Lines = slices.Delete(slices.Clone(d.Lines), 0, 1)
	require.NoError(t, RecalculateBundles(d, []Bundle{mixFan}))
	assert.Equal(t, []Line{fan(Units(1))}, d.Lines)
}

// R-G4: bundles computed on the order are copied to the receipt or invoice;
// quantities copied from the order follow a split.
func TestBundlesCopiedToGeneratedDocuments(t *testing.T) {
	o := genOrderFor(VATFromGross, mixer(Units(2)), fan(Units(1)))
	_, err := ApplyBundles(o, []Bundle{mixFan})
	require.NoError(t, err)
	require.Len(t, o.Lines, 3)
	for _, copyQty := range []bool{true, false} {
		d, err := GenerateFrom(o, nil, KindInvoice, Params{CopyQtyFromOrder: copyQty}, true)
		require.NoError(t, err)
		if !copyQty {
			CopyQuantities(d)
		}
		assert.Equal(t, map[string]Money{"MIXFAN#1": 7900}, bundleAmounts(t, d))
		assert.Equal(t, Money(7900+4999), totalsOf(t, d).Gross)
	}

	// A generated document bundles what was added beyond the order, and keeps
	// what it copied; the quantity copied from the order is spread over a split.
	g, err := GenerateFrom(genOrderFor(VATFromGross, mixer(Units(3))), nil, KindReceipt, Params{CopyQtyFromOrder: true}, true)
	require.NoError(t, err)
	g.Lines[0].Qty = Units(2)
	g.Lines = append(g.Lines, fan(Units(1)))
	_, err = ApplyBundles(g, []Bundle{mixFan})
	require.NoError(t, err)
	require.Len(t, g.Lines, 3)
	assert.Equal(t, []Qty{Units(1), Units(1), Units(1)}, qtys(g))
	assert.Equal(t, []Qty{Units(1), Units(2), 0}, []Qty{g.Lines[0].FromOrder, g.Lines[1].FromOrder, g.Lines[2].FromOrder})
	assert.Equal(t, []int{1, 1, 0}, []int{g.Lines[0].OrderLine, g.Lines[1].OrderLine, g.Lines[2].OrderLine})
	assert.True(t, g.BeyondOrder(2))
}

// Bundling lowers the gross: the advances deducted shrink with it.
func TestApplyBundlesKeepsDeductionsWithinTheGross(t *testing.T) {
	d := order(VATFromGross, mixer(Units(1)), fan(Units(1)))
	d.Kind = KindInvoice
	d.Deductions, d.Advances = []Deduction{{AdvanceID: "a", Amount: 8498}}, 8498
	_, err := ApplyBundles(d, []Bundle{mixFan})
	require.NoError(t, err)
	assert.Equal(t, Money(7900), d.Advances)
	require.NoError(t, d.Check())
}

func TestApplyBundlesRefusesAbsurdTotals(t *testing.T) {
	huge := Bundle{Code: "HUGE", Name: "huge", Price: MaxPrice, Active: true, Items: []BundleItem{{ProductCode: "MIX-01", Qty: Units(1)}}}
	d := order(VATFromGross, mixer(MaxQty))
	before := slices.Clone(d.Lines)
	_, err := ApplyBundles(d, []Bundle{huge})
	requireErrKey(t, err, CodeInvalid, "error.amount_too_large")
	assert.Equal(t, before, d.Lines, "unchanged")
}

// TestBundlesProperty: applying bundles keeps every product's quantity, makes
// each applied bundle cost exactly its price times how many times it was
// applied, leaves the other lines' prices alone; removing them gives back
// the original amounts.
func TestBundlesProperty(t *testing.T) {
	codes := []string{"A", "B", "C", "D"}
	rapid.Check(t, func(t *rapid.T) {
		price := map[string]Money{}
		for _, c := range codes {
			price[c] = Money(rapid.Int64Range(0, 50000).Draw(t, "price_"+c))
		}
		var lines []Line
		for range rapid.IntRange(0, 6).Draw(t, "lines") {
			c := rapid.SampledFrom(codes).Draw(t, "code")
			lines = append(lines, item(c, Units(rapid.Int64Range(1, 6).Draw(t, "qty")), price[c],
				rapid.SampledFrom([]Percent{2000, 1000, 550, 0}).Draw(t, "rate")))
		}
		var bundles []Bundle
		for i := range rapid.IntRange(1, 3).Draw(t, "bundles") {
			picked := rapid.SliceOfNDistinct(rapid.SampledFrom(codes), 1, 3, func(s string) string { return s }).Draw(t, "items")
			b := Bundle{Code: fmt.Sprintf("B%d", i), Name: "b", Active: true, Price: Money(rapid.Int64Range(0, 100000).Draw(t, "bprice"))}
			for _, c := range picked {
				b.Items = append(b.Items, BundleItem{ProductCode: c, Qty: Units(rapid.Int64Range(1, 3).Draw(t, "iqty"))})
			}
			bundles = append(bundles, b)
		}
		d := order(VATFromGross, lines...)
		orig := order(VATFromGross, slices.Clone(lines)...)
		n, err := ApplyBundles(d, bundles)
		require.NoError(t, err)
		assert.Equal(t, qtyByProduct(orig), qtyByProduct(d))
		groups, err := Bundled(d)
		require.NoError(t, err)
		assert.Len(t, groups, n)
		for _, g := range groups {
			b := bundles[slices.IndexFunc(bundles, func(b Bundle) bool { return b.Code == g.Code })]
			// How many times: the quantity of its first item in the group over the item's quantity.
			var q Qty
			for _, i := range g.Lines {
				if d.Lines[i].ProductCode == b.Items[0].ProductCode {
					q += d.Lines[i].Qty
				}
			}
			assert.Equal(t, Money(q/b.Items[0].Qty)*b.Price, g.Amount, "bundle %s", g.ID)
		}
		for _, l := range d.Lines {
			if l.BundleID == "" {
				assert.Equal(t, l.BasePrice, l.Price)
			}
			assert.GreaterOrEqual(t, l.Price, Money(0))
		}
		require.NoError(t, RemoveBundles(d))
		assert.Equal(t, totalsOf(t, orig).Gross, totalsOf(t, d).Gross)
		assert.Equal(t, qtyByProduct(orig), qtyByProduct(d))
		assert.LessOrEqual(t, len(d.Lines), len(orig.Lines), "split lines joined again")
	})
}
