package pos

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// benchLines is a large till document: 200 lines over four rates, a weighed
// article every few lines, some discounts and markups.
func benchLines(n int) []Line {
	rates := []Percent{2300, 800, 550, 0}
	lines := make([]Line, n)
	for i := range lines {
		l := ln(fmt.Sprintf("item %d", i), Units(int64(1+i%5)), Money(99+i*37), rates[i%len(rates)])
		if i%7 == 0 {
			l.Qty = Qty(9814 + i)
		}
		if i%5 == 0 {
			l.Discount = 1000
		}
		if i%11 == 0 {
			l.Markup = 250
		}
		lines[i] = l
	}
	return lines
}

// Target: ≤ 50 µs/op for a 200-line document.
func BenchmarkTotals200Lines(b *testing.B) {
	for _, m := range []VATMethod{VATFromGross, VATFromNet} {
		b.Run(string(m), func(b *testing.B) {
			lines := benchLines(200)
			_, err := ComputeTotals(m, lines, 0)
			require.NoError(b, err)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ComputeTotals(m, lines, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
