package pos

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// testingT is what the helpers need of a test: testing.TB, and also *rapid.T,
// which does not implement testing.TB.
type testingT interface {
	require.TestingT
	Helper()
}

var (
	_ testingT = testing.TB(nil)
	_ testingT = (*rapid.T)(nil)
)

// requireErrKey checks that err is a *pos.Error (anywhere in its chain) with the
// given code and message key.
func requireErrKey(t testingT, err error, code Code, key string) {
	t.Helper()
	require.Error(t, err)
	e, ok := AsError(err)
	require.Truef(t, ok, "want a *pos.Error, got %T: %v", err, err)
	assert.Equal(t, code, e.Code, "code of %v", err)
	assert.Equal(t, key, e.Key, "key of %v", err)
}

// ln builds a valid line: qty in ten-thousandths, price in cents.
func ln(name string, qty Qty, price Money, rate Percent) Line {
	return Line{Name: name, ProductCode: "P-" + name, Unit: "pc", Qty: qty, Price: price, BasePrice: price, VATRate: rate}
}

// withDiscount and withMarkup return a copy of l with a discount or markup.
func withDiscount(l Line, p Percent) Line { l.Discount = p; return l }
func withMarkup(l Line, p Percent) Line   { l.Markup = p; return l }

// order builds an unconfirmed customer order with the given lines.
func order(method VATMethod, lines ...Line) *Document {
	return &Document{
		ID: "doc-1", Kind: KindOrder, Status: StatusUnconfirmed, Source: SourceTerminal,
		Terminal: "KRKASA1", Center: "KR", Operator: "OP1", Customer: "C1",
		VATMethod: method, Lines: lines,
	}
}

// rateRow finds the row of one rate in t, failing the test when it is missing.
func rateRow(t testing.TB, tot Totals, rate Percent) RateTotal {
	t.Helper()
	for _, r := range tot.Rates {
		if r.Rate == rate {
			return r
		}
	}
	require.Failf(t, "missing rate row", "rate %s not in %+v", rate, tot.Rates)
	return RateTotal{}
}

// roundHalfAway returns num/den rounded half away from zero, computed exactly.
// It is the reference the int64 code is checked against.
func roundHalfAway(num, den *big.Int) *big.Int {
	n, d := new(big.Int).Abs(num), new(big.Int).Abs(den)
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if new(big.Int).Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if (num.Sign() < 0) != (den.Sign() < 0) && q.Sign() != 0 {
		q.Neg(q)
	}
	return q
}

// mulDivBig is a·b/c rounded half away from zero, on big integers.
func mulDivBig(a, b, c int64) *big.Int {
	p := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	return roundHalfAway(p, big.NewInt(c))
}

func TestRoundHalfAwayReference(t *testing.T) {
	// The reference itself, on hand-checked values, so the properties stand on it.
	cases := []struct{ num, den, want int64 }{
		{5, 2, 3}, {-5, 2, -3}, {5, -2, -3}, {-5, -2, 3},
		{7, 2, 4}, {4, 3, 1}, {5, 3, 2}, {-4, 3, -1}, {-5, 3, -2},
		{1, 2, 1}, {-1, 2, -1}, {1, 3, 0}, {-1, 3, 0}, {0, 7, 0},
	}
	for _, c := range cases {
		got := roundHalfAway(big.NewInt(c.num), big.NewInt(c.den))
		assert.Equalf(t, c.want, got.Int64(), "%d/%d", c.num, c.den)
	}
}
