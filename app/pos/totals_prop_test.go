package pos

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The rates a chain's documents carry (Poland 23/8/5/0, France 20/10/5.5/2.1, …).
var testRates = []Percent{2300, 2000, 1000, 800, 550, 500, 210, 0}

// genLine draws a valid line with quantities up to maxQty and prices up to maxPrice.
// Discounts and markups are mostly absent, as at a real till.
func genLine(maxQty Qty, maxPrice Money) *rapid.Generator[Line] {
	return rapid.Custom(func(t *rapid.T) Line {
		l := Line{
			Name:    "item",
			Unit:    "pc",
			Qty:     Qty(rapid.Int64Range(0, int64(maxQty)).Draw(t, "qty")),
			Price:   Money(rapid.Int64Range(0, int64(maxPrice)).Draw(t, "price")),
			VATRate: rapid.SampledFrom(testRates).Draw(t, "rate"),
		}
		if rapid.IntRange(0, 3).Draw(t, "has_discount") == 0 {
			l.Discount = Percent(rapid.Int64Range(0, int64(MaxRate)).Draw(t, "discount"))
		}
		if rapid.IntRange(0, 5).Draw(t, "has_markup") == 0 {
			l.Markup = Percent(rapid.Int64Range(0, int64(MaxRate)).Draw(t, "markup"))
		}
		return l
	})
}

var genMethod = rapid.SampledFrom([]VATMethod{VATFromGross, VATFromNet})

// bigTotals is the reference model of ComputeTotals on big integers: the exact
// per-line figures, the sums per rate and the VAT per rate rounded half away from
// zero on the exact rational. tooLarge reports a line or document beyond MaxAmount.
type bigTotals struct {
	lines    []LineAmounts
	rates    map[Percent][3]*big.Int // net, vat, gross
	net      *big.Int
	vat      *big.Int
	gross    *big.Int
	base     *big.Int
	tooLarge bool
}

func modelTotals(method VATMethod, lines []Line) bigTotals {
	m := bigTotals{lines: make([]LineAmounts, 0, len(lines)), rates: map[Percent][3]*big.Int{}, net: new(big.Int), vat: new(big.Int), gross: new(big.Int), base: new(big.Int)}
	maxAmount := big.NewInt(int64(MaxAmount))
	sums := map[Percent]*big.Int{}
	for _, l := range lines {
		base := mulDivBig(int64(l.Price), int64(l.Qty), QtyScale)
		if base.CmpAbs(maxAmount) > 0 {
			m.tooLarge = true
			return m
		}
		disc := roundHalfAway(new(big.Int).Mul(base, big.NewInt(int64(l.Discount))), big.NewInt(percentFull))
		mark := roundHalfAway(new(big.Int).Mul(base, big.NewInt(int64(l.Markup))), big.NewInt(percentFull))
		amount := new(big.Int).Sub(base, disc)
		amount.Add(amount, mark)
		m.lines = append(m.lines, LineAmounts{Base: Money(base.Int64()), Discount: Money(disc.Int64()),
			Markup: Money(mark.Int64()), Amount: Money(amount.Int64())})
		m.base.Add(m.base, base)
		if sums[l.VATRate] == nil {
			sums[l.VATRate] = new(big.Int)
		}
		sums[l.VATRate].Add(sums[l.VATRate], amount)
	}
	for rate, sum := range sums {
		var net, vat, gross *big.Int
		r := big.NewInt(int64(rate))
		if method == VATFromGross {
			gross = sum
			vat = roundHalfAway(new(big.Int).Mul(gross, r), big.NewInt(percentFull+int64(rate)))
			net = new(big.Int).Sub(gross, vat)
		} else {
			net = sum
			vat = roundHalfAway(new(big.Int).Mul(net, r), big.NewInt(percentFull))
			gross = new(big.Int).Add(net, vat)
		}
		m.rates[rate] = [3]*big.Int{net, vat, gross}
		m.net.Add(m.net, net)
		m.vat.Add(m.vat, vat)
		m.gross.Add(m.gross, gross)
	}
	if m.gross.Cmp(maxAmount) > 0 || m.base.Cmp(maxAmount) > 0 {
		m.tooLarge = true
	}
	return m
}

// checkInvariants asserts the invariants documented on Totals, whatever the inputs.
func checkInvariants(t *rapid.T, tot Totals, lines []Line, advances Money) {
	t.Helper()
	require.Len(t, tot.Lines, len(lines))

	var sumAmount, sumBase, sumDisc, sumMark Money
	for _, a := range tot.Lines {
		assert.Equal(t, a.Base-a.Discount+a.Markup, a.Amount, "line amount = base − discount + markup")
		sumAmount += a.Amount
		sumBase += a.Base
		sumDisc += a.Discount
		sumMark += a.Markup
	}
	// The document total is the sum of its lines as printed (R-M3).
	if tot.Method == VATFromGross {
		assert.Equal(t, sumAmount, tot.Gross, "Σ line amounts = Gross (from gross)")
	} else {
		assert.Equal(t, sumAmount, tot.Net, "Σ line amounts = Net (from net)")
	}
	assert.Equal(t, sumBase, tot.Base)
	assert.Equal(t, sumDisc, tot.Discount)
	assert.Equal(t, sumMark, tot.Markup)
	assert.Equal(t, tot.Base-tot.Discount+tot.Markup, sumAmount)
	assert.Equal(t, tot.Gross, tot.Net+tot.VAT, "Net + VAT = Gross")

	var rn, rv, rg Money
	seen := map[Percent]bool{}
	for i, r := range tot.Rates {
		assert.False(t, seen[r.Rate], "one row per rate")
		seen[r.Rate] = true
		if i > 0 {
			assert.Greater(t, tot.Rates[i-1].Rate, r.Rate, "highest rate first")
		}
		assert.Equal(t, r.Gross, r.Net+r.VAT, "row %s: Net + VAT = Gross", r.Rate)
		assert.GreaterOrEqual(t, r.VAT, Money(0))
		assert.LessOrEqual(t, r.VAT, r.Gross)
		if r.Rate == 0 {
			assert.Zero(t, r.VAT)
		}
		rn += r.Net
		rv += r.VAT
		rg += r.Gross
	}
	for _, l := range lines {
		assert.True(t, seen[l.VATRate], "every line's rate has a row")
	}
	assert.Len(t, tot.Rates, len(seen))
	assert.Equal(t, tot.Net, rn, "rows add up to Net")
	assert.Equal(t, tot.VAT, rv, "rows add up to VAT")
	assert.Equal(t, tot.Gross, rg, "rows add up to Gross")
	assert.Equal(t, advances, tot.Advances)
	assert.Equal(t, tot.Gross-tot.Advances, tot.Due, "Due = Gross − Advances")
	assert.GreaterOrEqual(t, tot.Due, Money(0))
}

// checkAgainstModel asserts that tot is exactly the big-integer model.
func checkAgainstModel(t *rapid.T, tot Totals, m bigTotals) {
	t.Helper()
	require.Equal(t, m.lines, tot.Lines, "line figures")
	require.Len(t, tot.Rates, len(m.rates))
	for _, r := range tot.Rates {
		want, ok := m.rates[r.Rate]
		require.True(t, ok, "rate %s", r.Rate)
		assert.Equal(t, want[0].String(), big.NewInt(int64(r.Net)).String(), "net at %s", r.Rate)
		assert.Equal(t, want[1].String(), big.NewInt(int64(r.VAT)).String(), "VAT at %s", r.Rate)
		assert.Equal(t, want[2].String(), big.NewInt(int64(r.Gross)).String(), "gross at %s", r.Rate)
	}
	assert.Equal(t, m.net.String(), big.NewInt(int64(tot.Net)).String(), "net")
	assert.Equal(t, m.vat.String(), big.NewInt(int64(tot.VAT)).String(), "VAT")
	assert.Equal(t, m.gross.String(), big.NewInt(int64(tot.Gross)).String(), "gross")
	assert.Equal(t, m.base.String(), big.NewInt(int64(tot.Base)).String(), "base")
}

// drawAdvances draws advances that are mostly within the gross, sometimes equal to
// it and sometimes above it.
func drawAdvances(t *rapid.T, gross *big.Int) Money {
	g := gross.Int64()
	switch rapid.IntRange(0, 4).Draw(t, "advances_kind") {
	case 0:
		return 0
	case 1:
		return Money(g)
	case 2:
		return Money(g + rapid.Int64Range(1, 1_000_000).Draw(t, "advances_over"))
	default:
		return Money(rapid.Int64Range(0, max(g, 0)).Draw(t, "advances"))
	}
}

// Realistic documents: every invariant of Totals holds and the figures are the
// exact big-integer result.
func TestTotalsPropertiesRealistic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := genMethod.Draw(t, "method")
		lines := rapid.SliceOfN(genLine(Units(1000), 1_000_000_00), 0, 60).Draw(t, "lines")
		m := modelTotals(method, lines)
		require.False(t, m.tooLarge)
		advances := drawAdvances(t, m.gross)

		tot, err := ComputeTotals(method, lines, advances)
		if advances > Money(m.gross.Int64()) {
			requireErrKey(t, err, CodeInvalid, "error.advances_exceed")
			return
		}
		require.NoError(t, err)
		checkInvariants(t, tot, lines, advances)
		checkAgainstModel(t, tot, m)
	})
}

// Any quantity up to MaxQty and any price up to MaxPrice: ComputeTotals either
// gives the exact big-integer result with every invariant, or refuses with
// amount_too_large exactly when the model goes past MaxAmount. Never a wrapped sum.
func TestTotalsPropertiesFullRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := genMethod.Draw(t, "method")
		lines := rapid.SliceOfN(genLine(MaxQty, MaxPrice), 1, 20).Draw(t, "lines")
		m := modelTotals(method, lines)

		tot, err := ComputeTotals(method, lines, 0)
		if m.tooLarge {
			requireErrKey(t, err, CodeInvalid, "error.amount_too_large")
			return
		}
		require.NoError(t, err)
		checkInvariants(t, tot, lines, 0)
		checkAgainstModel(t, tot, m)
	})
}

// Line amounts up to 10^12 cents (10 billion) on documents of up to 200 lines:
// nothing overflows and every figure is the exact one.
func TestTotalsPropertiesLargeAmounts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := genMethod.Draw(t, "method")
		gen := rapid.Custom(func(t *rapid.T) Line {
			l := genLine(0, 0).Draw(t, "shape") // rate, discount, markup
			// Up to MaxPrice (10^11) × 10 units = 10^12 cents per line.
			l.Price = Money(rapid.Int64Range(0, int64(MaxPrice)).Draw(t, "price"))
			l.Qty = Qty(rapid.Int64Range(0, int64(Units(10))).Draw(t, "qty"))
			return l
		})
		lines := rapid.SliceOfN(gen, 1, 200).Draw(t, "lines")
		m := modelTotals(method, lines)
		require.False(t, m.tooLarge, "200 × 2·10^12 stays below MaxAmount")
		advances := drawAdvances(t, m.gross)

		tot, err := ComputeTotals(method, lines, advances)
		if advances > Money(m.gross.Int64()) {
			requireErrKey(t, err, CodeInvalid, "error.advances_exceed")
			return
		}
		require.NoError(t, err)
		checkInvariants(t, tot, lines, advances)
		checkAgainstModel(t, tot, m)
	})
}

// The VAT of one rate is the exact rational rounded half away from zero, on any
// amount up to MaxAmount, negative ones (returns) included.
func TestVATOfMatchesBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := genMethod.Draw(t, "method")
		amount := Money(rapid.Int64Range(-int64(MaxAmount), int64(MaxAmount)).Draw(t, "amount"))
		rate := rapid.OneOf(rapid.SampledFrom(testRates), rapid.Map(rapid.Int64Range(0, int64(MaxRate)),
			func(v int64) Percent { return Percent(v) })).Draw(t, "rate")

		den := int64(percentFull)
		if method == VATFromGross {
			den += int64(rate)
		}
		want := roundHalfAway(new(big.Int).Mul(big.NewInt(int64(amount)), big.NewInt(int64(rate))), big.NewInt(den))
		assert.Equal(t, want.Int64(), int64(VATOf(method, amount, rate)))
	})
}

// Reordering the lines changes neither the totals nor the rows.
func TestTotalsOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := genMethod.Draw(t, "method")
		lines := rapid.SliceOfN(genLine(Units(100), 100_000_00), 0, 30).Draw(t, "lines")
		shuffled := rapid.Permutation(lines).Draw(t, "shuffled")

		a, err := ComputeTotals(method, lines, 0)
		require.NoError(t, err)
		b, err := ComputeTotals(method, shuffled, 0)
		require.NoError(t, err)
		assert.Equal(t, a.Rates, b.Rates)
		assert.Equal(t, a.Gross, b.Gross)
		assert.Equal(t, a.Net, b.Net)
		assert.Equal(t, a.VAT, b.VAT)
	})
}
