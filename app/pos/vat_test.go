package pos

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVATMethodValid(t *testing.T) {
	assert.True(t, VATFromGross.Valid())
	assert.True(t, VATFromNet.Valid())
	assert.False(t, VATMethod("").Valid())
	assert.False(t, VATMethod("GROSS").Valid())
}

// Worked examples, computed by hand to the cent (R-M3).
func TestVATOf(t *testing.T) {
	cases := []struct {
		name   string
		method VATMethod
		amount Money
		rate   Percent
		want   Money
	}{
		// From gross: VAT = gross·r/(100+r).
		{"123.00 gross at 23% holds 23.00", VATFromGross, 12300, 2300, 2300},
		{"10.00 gross at 23%: 186.99 → 1.87", VATFromGross, 1000, 2300, 187},
		{"10.80 gross at 8% holds 0.80", VATFromGross, 1080, 800, 80},
		{"1.00 gross at 8%: 7.407 → 0.07", VATFromGross, 100, 800, 7},
		{"10.55 gross at 5.5% holds 0.55", VATFromGross, 1055, 550, 55},
		{"7.38 gross at 5.5%: 38.47 → 0.38", VATFromGross, 738, 550, 38},
		{"0.16 gross at 23%: 2.99 → 0.03", VATFromGross, 16, 2300, 3},
		{"99.99 gross at 0%", VATFromGross, 9999, 0, 0},
		{"zero gross at 23%", VATFromGross, 0, 2300, 0},
		// An exact half cent from gross: 0.41 at 5.5%… is 2.1374; use 100%: 0.01·100/200.
		{"exact half from gross rounds up", VATFromGross, 1, 10000, 1},
		{"exact half from gross, negative, rounds down", VATFromGross, -1, 10000, -1},
		{"negative gross (a return) at 23%", VATFromGross, -1000, 2300, -187},

		// From net: VAT = net·r/100.
		{"100.00 net at 5.5% is 5.50", VATFromNet, 10000, 550, 550},
		{"100.00 net at 23% is 23.00", VATFromNet, 10000, 2300, 2300},
		{"8.13 net at 23%: 186.99 → 1.87", VATFromNet, 813, 2300, 187},
		{"0.50 net at 23% is exactly 11.5 cents → 0.12", VATFromNet, 50, 2300, 12},
		{"-0.50 net at 23% → -0.12", VATFromNet, -50, 2300, -12},
		{"0.10 net at 5% is exactly half a cent → 0.01", VATFromNet, 10, 500, 1},
		{"24.54 net at 8%: 196.32 → 1.96", VATFromNet, 2454, 800, 196},
		{"7.38 net at 5.5%: 40.59 → 0.41", VATFromNet, 738, 550, 41},
		{"99.99 net at 0%", VATFromNet, 9999, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, VATOf(c.method, c.amount, c.rate))
		})
	}
}
