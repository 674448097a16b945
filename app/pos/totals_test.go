package pos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLineAmounts(t *testing.T) {
	cases := []struct {
		name string
		line Line
		want LineAmounts
	}{
		{"2 × 3.69", ln("bread", Units(2), 369, 550), LineAmounts{Base: 738, Amount: 738}},
		{"0.9814 kg × 25.00 = 24.535 → 24.54", ln("cheese", 9814, 2500, 800), LineAmounts{Base: 2454, Amount: 2454}},
		{"0.0001 × 0.01 rounds to zero", ln("dust", 1, 1, 2300), LineAmounts{}},
		{"0.5 × 0.01 is half a cent → 0.01", ln("half", 5000, 1, 2300), LineAmounts{Base: 1, Amount: 1}},
		{"zero price", ln("gift", Units(1), 0, 2300), LineAmounts{}},
		{"zero quantity", ln("none", 0, 999, 2300), LineAmounts{}},
		{"10% discount on 50.00", withDiscount(ln("service", Units(1), 5000, 2300), 1000),
			LineAmounts{Base: 5000, Discount: 500, Amount: 4500}},
		{"12.5% discount on 9.99 = 1.24875 → 1.25", withDiscount(ln("x", Units(3), 333, 2300), 1250),
			LineAmounts{Base: 999, Discount: 125, Amount: 874}},
		{"100% discount", withDiscount(ln("free", Units(2), 1000, 2300), 10000),
			LineAmounts{Base: 2000, Discount: 2000, Amount: 0}},
		{"5% markup on 10.00", withMarkup(ln("delivery", Units(1), 1000, 2300), 500),
			LineAmounts{Base: 1000, Markup: 50, Amount: 1050}},
		{"15% markup on 0.10 = 1.5 cents → 0.02", withMarkup(ln("m", Units(1), 10, 2300), 1500),
			LineAmounts{Base: 10, Markup: 2, Amount: 12}},
		{"discount and markup together", withMarkup(withDiscount(ln("both", Units(1), 1000, 2300), 1000), 500),
			LineAmounts{Base: 1000, Discount: 100, Markup: 50, Amount: 950}},
		{"the largest line amount", ln("max", MaxQty, 1_000_000_000, 2300),
			LineAmounts{Base: MaxAmount, Amount: MaxAmount}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.NoError(t, c.line.Check())
			got, err := c.line.Amounts()
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestLineAmountsTooLarge(t *testing.T) {
	// Both inputs are within their own limits, but their product is not.
	l := ln("too much", MaxQty, MaxPrice, 2300)
	require.NoError(t, l.Check())
	_, err := l.Amounts()
	requireErrKey(t, err, CodeInvalid, "error.amount_too_large")

	_, err = ComputeTotals(VATFromGross, []Line{l}, 0)
	requireErrKey(t, err, CodeInvalid, "error.amount_too_large")

	// One cent above the limit.
	l = ln("just above", Units(1), MaxAmount+1, 2300)
	_, err = l.Amounts()
	requireErrKey(t, err, CodeInvalid, "error.amount_too_large")
}

func TestTotalsSingleLine(t *testing.T) {
	t.Run("123.00 from gross at 23%", func(t *testing.T) {
		tot, err := ComputeTotals(VATFromGross, []Line{ln("wine", Units(1), 12300, 2300)}, 0)
		require.NoError(t, err)
		assert.Equal(t, Money(12300), tot.Gross)
		assert.Equal(t, Money(2300), tot.VAT)
		assert.Equal(t, Money(10000), tot.Net)
		assert.Equal(t, Money(12300), tot.Due)
		assert.Equal(t, []RateTotal{{Rate: 2300, Net: 10000, VAT: 2300, Gross: 12300}}, tot.Rates)
	})
	t.Run("100.00 from net at 5.5%", func(t *testing.T) {
		tot, err := ComputeTotals(VATFromNet, []Line{ln("book", Units(1), 10000, 550)}, 0)
		require.NoError(t, err)
		assert.Equal(t, Money(10000), tot.Net)
		assert.Equal(t, Money(550), tot.VAT)
		assert.Equal(t, Money(10550), tot.Gross)
		assert.Equal(t, []RateTotal{{Rate: 550, Net: 10000, VAT: 550, Gross: 10550}}, tot.Rates)
	})
}

// mixedLines is a document with four rates, a weighed article, a discount, a
// markup and a zero-price line; its totals were computed by hand.
func mixedLines() []Line {
	return []Line{
		ln("bread", Units(2), 369, 550),                         // 7.38
		ln("wine", Units(1), 1230, 2300),                        // 12.30
		ln("cheese", 9814, 2500, 800),                           // 24.535 → 24.54
		withDiscount(ln("service", Units(1), 5000, 2300), 1000), // 50.00 − 5.00
		ln("gift wrap", Units(1), 0, 0),                         // 0.00 (R-F5)
		ln("stamp", Units(3), 120, 0),                           // 3.60
		withMarkup(ln("delivery", Units(1), 1000, 2300), 500),   // 10.00 + 0.50
	}
}

func TestTotalsMixedRatesFromGross(t *testing.T) {
	tot, err := ComputeTotals(VATFromGross, mixedLines(), 0)
	require.NoError(t, err)

	assert.Equal(t, []Money{738, 1230, 2454, 4500, 0, 360, 1050}, amounts(tot))
	// 23%: 12.30 + 45.00 + 10.50 = 67.80; VAT 67.80·23/123 = 12.678… → 12.68
	// 8%: 24.54; VAT 24.54·8/108 = 1.8178 → 1.82
	// 5.5%: 7.38; VAT 7.38·5.5/105.5 = 0.3847 → 0.38
	// 0%: 3.60 + 0.00
	assert.Equal(t, []RateTotal{
		{Rate: 2300, Gross: 6780, VAT: 1268, Net: 5512},
		{Rate: 800, Gross: 2454, VAT: 182, Net: 2272},
		{Rate: 550, Gross: 738, VAT: 38, Net: 700},
		{Rate: 0, Gross: 360, VAT: 0, Net: 360},
	}, tot.Rates)
	assert.Equal(t, Money(10332), tot.Gross)
	assert.Equal(t, Money(1488), tot.VAT)
	assert.Equal(t, Money(8844), tot.Net)
	assert.Equal(t, Money(10782), tot.Base)
	assert.Equal(t, Money(500), tot.Discount)
	assert.Equal(t, Money(50), tot.Markup)
	assert.Equal(t, Money(10332), tot.Due)
	assert.Equal(t, VATFromGross, tot.Method)
}

func TestTotalsMixedRatesFromNet(t *testing.T) {
	tot, err := ComputeTotals(VATFromNet, mixedLines(), 0)
	require.NoError(t, err)

	// The same figures are now net: 67.80·0.23 = 15.594 → 15.59; 24.54·0.08 =
	// 1.9632 → 1.96; 7.38·0.055 = 0.4059 → 0.41.
	assert.Equal(t, []RateTotal{
		{Rate: 2300, Net: 6780, VAT: 1559, Gross: 8339},
		{Rate: 800, Net: 2454, VAT: 196, Gross: 2650},
		{Rate: 550, Net: 738, VAT: 41, Gross: 779},
		{Rate: 0, Net: 360, VAT: 0, Gross: 360},
	}, tot.Rates)
	assert.Equal(t, Money(10332), tot.Net)
	assert.Equal(t, Money(1796), tot.VAT)
	assert.Equal(t, Money(12128), tot.Gross)
	assert.Equal(t, Money(12128), tot.Due)
}

// VAT is computed once per rate over the document, not per line and summed: four
// lines of 0.04 at 23% hold 0.16·23/123 = 0.0299 → 0.03, where per-line rounding
// would give 4 × 0.01.
func TestTotalsVATPerRateNotPerLine(t *testing.T) {
	l := ln("sweet", Units(1), 4, 2300)
	tot, err := ComputeTotals(VATFromGross, []Line{l, l, l, l}, 0)
	require.NoError(t, err)
	assert.Equal(t, Money(16), tot.Gross)
	assert.Equal(t, Money(3), tot.VAT)
	assert.Equal(t, Money(13), tot.Net)
	assert.Equal(t, Money(1), VATOf(VATFromGross, 4, 2300), "per line it would be 0.01 each")
}

func TestTotalsZeroPriceAndEmpty(t *testing.T) {
	for _, m := range []VATMethod{VATFromGross, VATFromNet} {
		t.Run(string(m), func(t *testing.T) {
			tot, err := ComputeTotals(m, []Line{ln("gift", Units(1), 0, 2300)}, 0)
			require.NoError(t, err)
			assert.Equal(t, Totals{Method: m, Lines: []LineAmounts{{}}, Rates: []RateTotal{{Rate: 2300}}}, tot)

			tot, err = ComputeTotals(m, nil, 0)
			require.NoError(t, err)
			assert.Zero(t, tot.Gross)
			assert.Empty(t, tot.Rates)
			assert.Empty(t, tot.Lines)
		})
	}
}

func TestTotalsAdvances(t *testing.T) {
	lines := mixedLines() // gross 103.32 from gross
	cases := []struct {
		name     string
		advances Money
		wantDue  Money
		wantKey  string
	}{
		{"none", 0, 10332, ""},
		{"part", 5000, 5332, ""},
		{"one cent left", 10331, 1, ""},
		{"all of it", 10332, 0, ""},
		{"more than the gross", 10333, 0, "error.advances_exceed"},
		{"far more", 1_000_000, 0, "error.advances_exceed"},
		{"negative", -1, 0, "error.advances_exceed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tot, err := ComputeTotals(VATFromGross, lines, c.advances)
			if c.wantKey != "" {
				requireErrKey(t, err, CodeInvalid, c.wantKey)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.advances, tot.Advances)
			assert.Equal(t, c.wantDue, tot.Due)
			assert.Equal(t, Money(10332), tot.Gross, "advances do not change the gross")
		})
	}

	t.Run("zero total takes no advance", func(t *testing.T) {
		_, err := ComputeTotals(VATFromGross, []Line{ln("gift", Units(1), 0, 2300)}, 1)
		requireErrKey(t, err, CodeInvalid, "error.advances_exceed")
	})
	t.Run("from net, advances are compared with the gross", func(t *testing.T) {
		tot, err := ComputeTotals(VATFromNet, lines, 12128)
		require.NoError(t, err)
		assert.Zero(t, tot.Due)
		_, err = ComputeTotals(VATFromNet, lines, 12129)
		requireErrKey(t, err, CodeInvalid, "error.advances_exceed")
	})
	t.Run("document carries its advances", func(t *testing.T) {
		d := order(VATFromGross, lines...)
		d.Advances = 2000
		tot, err := d.Totals()
		require.NoError(t, err)
		assert.Equal(t, Money(8332), tot.Due)
	})
}

func TestTotalsRefuses(t *testing.T) {
	good := ln("ok", Units(1), 100, 2300)
	cases := []struct {
		name   string
		method VATMethod
		lines  []Line
		key    string
	}{
		{"unknown method", "", []Line{good}, "error.vat_method_invalid"},
		{"bad line", VATFromGross, []Line{good, ln("neg", -1, 100, 2300)}, "error.quantity_negative"},
		{"too many lines", VATFromGross, make([]Line, MaxLines+1), "error.too_many_lines"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ComputeTotals(c.method, c.lines, 0)
			requireErrKey(t, err, CodeInvalid, c.key)
		})
	}
}

func TestTotalsMaxLines(t *testing.T) {
	lines := make([]Line, MaxLines)
	for i := range lines {
		lines[i] = ln("item", Units(1), 199, 2300)
	}
	tot, err := ComputeTotals(VATFromGross, lines, 0)
	require.NoError(t, err)
	assert.Equal(t, Money(199*MaxLines), tot.Gross)
}

// A document whose sum goes past the document limit must be refused, not wrap
// around int64. Each line is valid on its own (Base = MaxAmount exactly), but
// MaxLines × MaxAmount = 10^19 > MaxInt64.
func TestTotalsDocumentSumNeverWraps(t *testing.T) {
	big := ln("max", MaxQty, 1_000_000_000, 0) // 10^6 × 10,000,000.00 = 10^15 cents
	a, err := big.Amounts()
	require.NoError(t, err)
	require.Equal(t, MaxAmount, a.Base)

	cases := []struct {
		name  string
		line  Line
		count int
	}{
		{"max lines of the max amount", big, MaxLines},
		{"half as many with a 100% markup", withMarkup(big, 10000), MaxLines / 2},
		{"100% discount: zero gross but an absurd base", withDiscount(big, 10000), MaxLines},
		{"just past the limit", big, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := make([]Line, c.count)
			for i := range lines {
				lines[i] = c.line
			}
			for _, m := range []VATMethod{VATFromGross, VATFromNet} {
				tot, err := ComputeTotals(m, lines, 0)
				requireErrKey(t, err, CodeInvalid, "error.amount_too_large")
				if err == nil {
					t.Logf("%s: got Base %s Gross %s", m, tot.Base, tot.Gross)
				}
			}
		})
	}
}

func amounts(t Totals) []Money {
	out := make([]Money, len(t.Lines))
	for i, a := range t.Lines {
		out[i] = a.Amount
	}
	return out
}
