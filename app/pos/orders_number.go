package pos

import "strings"

// numberKeyDigits is the width runs of digits are padded to in a number's
// sort key: wider than any sequence, year or terminal number a series makes.
const numberKeyDigits = 10

// NumberSortKey is the key that orders document numbers naturally, the way
// a person reads them: COMC/2/2026 before COMC/10/2026. Each run of fewer
// than ten ASCII digits is padded with zeros to ten; everything else is
// kept. The store's migration 00006 computes the same key in SQL for the
// documents it already holds.
func NumberSortKey(number string) string {
	var b strings.Builder
	b.Grow(len(number) + 2*numberKeyDigits)
	run := 0 // length of the digits run ending at i
	flush := func(end int) {
		if run > 0 && run < numberKeyDigits {
			b.WriteString(strings.Repeat("0", numberKeyDigits-run))
		}
		b.WriteString(number[end-run : end])
		run = 0
	}
	for i := 0; i < len(number); i++ {
		if c := number[i]; c >= '0' && c <= '9' {
			run++
			continue
		}
		flush(i)
		b.WriteByte(number[i])
	}
	flush(len(number))
	return b.String()
}
