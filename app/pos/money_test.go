package pos

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestParseMoney(t *testing.T) {
	cases := []struct {
		in   string
		want Money
	}{
		{"12.34", 1234},
		{"12,34", 1234},
		{"-3", -300},
		{"+3", 300},
		{"1 234,5", 123450},
		{"1\u00a0234,50", 123450}, // non-breaking space, as fr-FR formats it
		{"1\u202f234.5", 123450},  // narrow non-breaking space
		{" 12.34 ", 1234},
		{"0", 0},
		{"-0", 0},
		{"0.00", 0},
		{"0.01", 1},
		{"-0.01", -1},
		{".5", 50},
		{"5.", 500},
		{"007.10", 710},
		{"0000000000000001.00", 100},  // leading zeros do not make an amount large
		{"10000000000000", MaxAmount}, // 10^13 units: the limit itself
		{"-10000000000000.00", -MaxAmount},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseMoney(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestParseMoneyRejects(t *testing.T) {
	cases := []struct {
		in  string
		key string
	}{
		{"", "error.amount_invalid"},
		{"   ", "error.amount_invalid"},
		{"abc", "error.amount_invalid"},
		{"12a", "error.amount_invalid"},
		{"1e5", "error.amount_invalid"},
		{"1.234", "error.amount_invalid"}, // three decimals: not money (and not a thousands separator)
		{"0.001", "error.amount_invalid"},
		{"1,234.56", "error.amount_invalid"}, // mixed separators are ambiguous
		{"1.2.3", "error.amount_invalid"},
		{".", "error.amount_invalid"},
		{",", "error.amount_invalid"},
		{"-", "error.amount_invalid"},
		{"--3", "error.amount_invalid"},
		{"+-3", "error.amount_invalid"},
		{"3-", "error.amount_invalid"},
		{"0x10", "error.amount_invalid"},
		{"١٢", "error.amount_invalid"}, // Arabic-Indic digits
		{"12€", "error.amount_invalid"},
		{"NaN", "error.amount_invalid"},
		{"Inf", "error.amount_invalid"},
		{"10000000000000.01", "error.amount_too_large"},
		{"-10000000000000.01", "error.amount_too_large"},
		{"999999999999999", "error.amount_too_large"}, // 15 digits
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			_, err := ParseMoney(c.in)
			requireErrKey(t, err, CodeInvalid, c.key)
		})
	}
}

// An overflow string is a too large amount whatever its number of digits: with 15
// integer digits the key is amount_too_large, so it must not turn into
// amount_invalid at 16 digits or more.
func TestParseOverflowStringsAreTooLarge(t *testing.T) {
	for _, in := range []string{"1000000000000000", "99999999999999999999", "-99999999999999999999",
		"9223372036854775808", "123456789012345678901234567890.00"} {
		t.Run("money "+in, func(t *testing.T) {
			_, err := ParseMoney(in)
			requireErrKey(t, err, CodeInvalid, "error.amount_too_large")
		})
	}
	for _, in := range []string{"100000000000000", "999999999999999", "99999999999999999999"} {
		t.Run("qty "+in, func(t *testing.T) {
			_, err := ParseQty(in)
			requireErrKey(t, err, CodeInvalid, "error.quantity_too_large")
		})
	}
}

func TestParseMoneyErrorArgs(t *testing.T) {
	_, err := ParseMoney("  abc ")
	e, ok := AsError(err)
	require.True(t, ok)
	assert.Equal(t, "abc", e.Args["Value"], "the typed value, trimmed, for the message")
}

func TestParseQty(t *testing.T) {
	ok := []struct {
		in   string
		want Qty
	}{
		{"0.9814", 9814},
		{"0,9814", 9814},
		{"1", 10000},
		{"1,5", 15000},
		{"12.3", 123000},
		{"1 000", Units(1000)},
		{"0", 0},
		{"1000000", MaxQty},
	}
	for _, c := range ok {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseQty(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
	bad := []struct {
		in  string
		key string
	}{
		{"", "error.quantity_invalid"},
		{"abc", "error.quantity_invalid"},
		{"1e5", "error.quantity_invalid"},
		{"0.98145", "error.quantity_invalid"}, // five decimals
		{"-1", "error.quantity_negative"},
		{"-0.0001", "error.quantity_negative"},
		{"1000000.0001", "error.quantity_too_large"},
		{"5000000", "error.quantity_too_large"},
	}
	for _, c := range bad {
		t.Run(c.in, func(t *testing.T) {
			_, err := ParseQty(c.in)
			requireErrKey(t, err, CodeInvalid, c.key)
		})
	}
}

func TestParsePercent(t *testing.T) {
	ok := []struct {
		in   string
		want Percent
	}{
		{"23", 2300}, {"5.5", 550}, {"5,5", 550}, {"0", 0}, {"8", 800}, {"100", 10000}, {"0.01", 1}, {"12.34", 1234},
	}
	for _, c := range ok {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParsePercent(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
	for _, in := range []string{"", "abc", "-1", "-0.01", "100.01", "101", "5.555", "1e2", "99999999999999999999"} {
		t.Run("reject "+in, func(t *testing.T) {
			_, err := ParsePercent(in)
			requireErrKey(t, err, CodeInvalid, "error.percent_invalid")
		})
	}
}

func TestFormat(t *testing.T) {
	money := []struct {
		m    Money
		want string
	}{
		{0, "0.00"}, {1, "0.01"}, {-1, "-0.01"}, {5, "0.05"}, {-5, "-0.05"}, {10, "0.10"}, {100, "1.00"},
		{1234, "12.34"}, {-1234, "-12.34"}, {123450, "1234.50"}, {MaxAmount, "10000000000000.00"},
		{math.MaxInt64, "92233720368547758.07"}, {math.MinInt64, "-92233720368547758.08"},
	}
	for _, c := range money {
		assert.Equal(t, c.want, c.m.String(), "Money(%d)", int64(c.m))
	}
	qty := []struct {
		q    Qty
		want string
	}{
		{0, "0"}, {9814, "0.9814"}, {10000, "1"}, {15000, "1.5"}, {123400, "12.34"}, {1, "0.0001"},
		{-5, "-0.0005"}, {Units(3), "3"}, {MaxQty, "1000000"},
	}
	for _, c := range qty {
		assert.Equal(t, c.want, c.q.String(), "Qty(%d)", int64(c.q))
	}
	pct := []struct {
		p    Percent
		want string
	}{
		{0, "0"}, {2300, "23"}, {800, "8"}, {550, "5.5"}, {5, "0.05"}, {1234, "12.34"}, {10000, "100"},
	}
	for _, c := range pct {
		assert.Equal(t, c.want, c.p.String(), "Percent(%d)", int64(c.p))
	}
}

func TestUnits(t *testing.T) {
	assert.Equal(t, Qty(30000), Units(3))
	assert.Equal(t, Qty(0), Units(0))
}

func TestQtyAndPriceCheck(t *testing.T) {
	requireErrKey(t, Qty(-1).Check(), CodeInvalid, "error.quantity_negative")
	requireErrKey(t, (MaxQty + 1).Check(), CodeInvalid, "error.quantity_too_large")
	assert.NoError(t, Qty(0).Check())
	assert.NoError(t, MaxQty.Check())

	requireErrKey(t, Money(-1).CheckPrice(), CodeInvalid, "error.amount_negative")
	requireErrKey(t, (MaxPrice + 1).CheckPrice(), CodeInvalid, "error.amount_too_large")
	assert.NoError(t, Money(0).CheckPrice())
	assert.NoError(t, MaxPrice.CheckPrice())
}

// Formatting then parsing gives the value back, for every value a person can type.
func TestFormatParseRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := Money(rapid.Int64Range(-int64(MaxAmount), int64(MaxAmount)).Draw(t, "money"))
		got, err := ParseMoney(m.String())
		require.NoError(t, err)
		assert.Equal(t, m, got)

		q := Qty(rapid.Int64Range(0, int64(MaxQty)).Draw(t, "qty"))
		gq, err := ParseQty(q.String())
		require.NoError(t, err)
		assert.Equal(t, q, gq)

		p := Percent(rapid.Int64Range(0, int64(MaxRate)).Draw(t, "percent"))
		gp, err := ParsePercent(p.String())
		require.NoError(t, err)
		assert.Equal(t, p, gp)
	})
}

// Whatever a person types, parsing never panics and an accepted value is in range.
func TestParseNeverPanics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(
			rapid.String(),
			rapid.StringMatching(`[-+ ]?[0-9 ]{0,22}([.,][0-9]{0,6})?`),
		).Draw(t, "input")
		if m, err := ParseMoney(s); err == nil {
			assert.LessOrEqual(t, abs64(int64(m)), uint64(MaxAmount))
		} else {
			assert.Equal(t, CodeInvalid, ErrorCode(err))
		}
		if q, err := ParseQty(s); err == nil {
			assert.NoError(t, q.Check())
		} else {
			assert.Equal(t, CodeInvalid, ErrorCode(err))
		}
		if p, err := ParsePercent(s); err == nil {
			assert.True(t, p >= 0 && p <= MaxRate)
		}
	})
}

func TestMulDivRounding(t *testing.T) {
	cases := []struct {
		name    string
		a, b, c int64
		want    int64
	}{
		{"exact", 12300, 2300, 12300, 2300},
		{"below half", 1000, 2300, 12300, 187}, // 186.99…
		{"exact half up", 50, 2300, 10000, 12}, // 11.5
		{"exact half, negative a", -50, 2300, 10000, -12},
		{"exact half, negative b", 50, -2300, 10000, -12},
		{"exact half, negative c", 50, 2300, -10000, -12},
		{"two negatives", -50, -2300, 10000, 12},
		{"three negatives", -50, -2300, -10000, -12},
		{"one half", 1, 1, 2, 1},
		{"minus one half", -1, 1, 2, -1},
		{"just below half", 4999, 1, 10000, 0},
		{"just below minus half", -4999, 1, 10000, 0},
		{"2.5", 5, 1, 2, 3},
		{"-2.5", -5, 1, 2, -3},
		{"one third", 1, 1, 3, 0},
		{"two thirds", 2, 1, 3, 1},
		{"-two thirds", -2, 1, 3, -1},
		{"zero", 0, 123, 7, 0},
		{"half a cent of 0.9814 kg at 25.00", 2500, 9814, 10000, 2454}, // 2453.5
		{"128-bit product", math.MaxInt64, math.MaxInt64, math.MaxInt64, math.MaxInt64},
		{"128-bit product, halved", math.MaxInt64, 1 << 62, 1 << 62, math.MaxInt64},
		{"large half", 1<<62 + 1, 1, 2, 1<<61 + 1}, // (2^62+1)/2 = 2^61 + 0.5
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := mulDiv(c.a, c.b, c.c)
			require.True(t, ok)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestMulDivRefuses(t *testing.T) {
	cases := []struct {
		name    string
		a, b, c int64
	}{
		{"division by zero", 1, 1, 0},
		{"quotient beyond int64", math.MaxInt64, 2, 1},
		{"quotient beyond 64 bits", math.MaxInt64, math.MaxInt64, 1},
		{"MinInt64 operand", math.MinInt64, 1, 1},
		// 31 × 1190112520884487201 = 2^65 − 1; halved it is 2^64 − 0.5, which rounds
		// to 2^64: far beyond int64. The rounding increment must not wrap to 0.
		{"rounding carries past 64 bits", 31, 1190112520884487201, 2},
		{"rounding carries past 64 bits, negative", -31, 1190112520884487201, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := mulDiv(c.a, c.b, c.c)
			assert.False(t, ok, "got %d", got)
		})
	}
}

// mulDiv agrees with exact big-integer arithmetic everywhere: when it answers, the
// answer is the half-away-from-zero rounding; when it refuses, the exact result
// does not fit (or c is zero).
func TestMulDivMatchesBig(t *testing.T) {
	anyInt := rapid.OneOf(
		rapid.Int64(),
		rapid.Int64Range(-1_000_000, 1_000_000),
		rapid.SampledFrom([]int64{0, 1, -1, 2, -2, 100, 10000, 12300, math.MaxInt64, math.MinInt64 + 1}),
	)
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := anyInt.Draw(t, "a"), anyInt.Draw(t, "b"), anyInt.Draw(t, "c")
		got, ok := mulDiv(a, b, c)
		if c == 0 {
			require.False(t, ok)
			return
		}
		want := mulDivBig(a, b, c)
		if ok {
			require.True(t, want.IsInt64(), "answered %d for an out-of-range result %s", got, want)
			require.Equal(t, want.Int64(), got, "%d·%d/%d", a, b, c)
		} else {
			// mulDiv refuses MinInt64 as an operand or a result (its magnitude has
			// no positive int64); that is conservative and allowed. Any other
			// result in range must be answered.
			if a == math.MinInt64 || b == math.MinInt64 || c == math.MinInt64 {
				return
			}
			inRange := want.IsInt64() && want.Int64() != math.MinInt64
			require.False(t, inRange, "refused %d·%d/%d = %s", a, b, c, want)
		}
	})
}

func TestAddChecked(t *testing.T) {
	cases := []struct {
		a, b int64
		want int64
		ok   bool
	}{
		{1, 2, 3, true},
		{-1, -2, -3, true},
		{math.MaxInt64, 0, math.MaxInt64, true},
		{math.MaxInt64, 1, 0, false},
		{math.MinInt64, -1, 0, false},
		{math.MinInt64, math.MaxInt64, -1, true},
		{math.MaxInt64, math.MinInt64, -1, true},
	}
	for _, c := range cases {
		got, ok := addChecked(c.a, c.b)
		assert.Equal(t, c.ok, ok, "%d+%d", c.a, c.b)
		if c.ok {
			assert.Equal(t, c.want, got, "%d+%d", c.a, c.b)
		}
	}
}

func TestPercentOf(t *testing.T) {
	cases := []struct {
		name string
		p    Percent
		m    Money
		want Money
	}{
		{"23% of 10.00", 2300, 1000, 230},
		{"10% of 45.00", 1000, 4500, 450},
		{"5.5% of 100.00", 550, 10000, 550},
		{"12.5% of 9.99 rounds up from .875", 1250, 999, 125},
		{"50% of one cent is a half: away from zero", 5000, 1, 1},
		{"50% of minus one cent", 5000, -1, -1},
		{"0.01% of 50.00 is exactly half a cent", 1, 5000, 1},
		{"0.01% of 49.99 is below half", 1, 4999, 0},
		{"15% of 0.10 = 1.5 cents", 1500, 10, 2},
		{"15% of -0.10", 1500, -10, -2},
		{"0%", 0, 123456, 0},
		{"100%", 10000, 123456, 123456},
		{"100% of the largest amount", 10000, math.MaxInt64, math.MaxInt64},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, c.p.Of(c.m))
		})
	}
}
