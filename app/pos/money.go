package pos

import (
	"errors"
	"strconv"
	"strings"
)

// Money is an amount in minor units (cents). Amounts are exact: no float ever holds one.
type Money int64

// Qty is a quantity in ten-thousandths (0.9814 kg is 9814).
type Qty int64

// Percent is a rate in hundredths of a percent (23% is 2300, 5.5% is 550).
type Percent int64

const (
	QtyScale     = 10000
	PercentScale = 100 // hundredths of a percent in one percent
	percentFull  = 100 * PercentScale

	// Limits beyond which an input is absurd for a shop. A line stays far inside
	// int64; ComputeTotals bounds the running sum of a document by MaxAmount.
	MaxPrice  Money   = 1_000_000_000_00 // 1,000,000,000.00 per unit
	MaxAmount Money   = 1e15             // 10^13 currency units on one line or document
	MaxQty    Qty     = 1_000_000 * QtyScale
	MaxLines          = 10_000
	MaxRate   Percent = 100 * PercentScale
)

// Units is the quantity of n whole units.
func Units(n int64) Qty { return Qty(n * QtyScale) }

// ParseMoney reads an amount typed by a person: "12.34", "12,34", "-3", "1 234,5".
func ParseMoney(s string) (Money, error) {
	v, err := parseFixed(s, 2)
	if errors.Is(err, strconv.ErrRange) {
		return 0, Errorf(CodeInvalid, "error.amount_too_large", "Value", strings.TrimSpace(s))
	}
	if err != nil {
		return 0, Errorf(CodeInvalid, "error.amount_invalid", "Value", strings.TrimSpace(s))
	}
	if Money(abs64(v)) > MaxAmount {
		return 0, Errorf(CodeInvalid, "error.amount_too_large", "Value", strings.TrimSpace(s))
	}
	return Money(v), nil
}

// ParseQty reads a quantity with at most four decimals.
func ParseQty(s string) (Qty, error) {
	v, err := parseFixed(s, 4)
	if errors.Is(err, strconv.ErrRange) {
		return 0, Errorf(CodeInvalid, "error.quantity_too_large", "Value", strings.TrimSpace(s))
	}
	if err != nil {
		return 0, Errorf(CodeInvalid, "error.quantity_invalid", "Value", strings.TrimSpace(s))
	}
	q := Qty(v)
	if err := q.Check(); err != nil {
		return 0, err
	}
	return q, nil
}

// ParsePercent reads a rate with at most two decimals: "23", "5.5".
func ParsePercent(s string) (Percent, error) {
	v, err := parseFixed(s, 2)
	if err != nil || v < 0 || Percent(v) > MaxRate {
		return 0, Errorf(CodeInvalid, "error.percent_invalid", "Value", strings.TrimSpace(s))
	}
	return Percent(v), nil
}

// Check refuses a negative or absurd quantity.
func (q Qty) Check() error {
	switch {
	case q < 0:
		return Errorf(CodeInvalid, "error.quantity_negative", "Value", q.String())
	case q > MaxQty:
		return Errorf(CodeInvalid, "error.quantity_too_large", "Value", q.String())
	}
	return nil
}

// CheckPrice refuses a negative or absurd unit price.
func (m Money) CheckPrice() error {
	switch {
	case m < 0:
		return Errorf(CodeInvalid, "error.amount_negative", "Value", m.String())
	case m > MaxPrice:
		return Errorf(CodeInvalid, "error.amount_too_large", "Value", m.String())
	}
	return nil
}

func (m Money) String() string   { return formatFixed(int64(m), 2, false) }
func (q Qty) String() string     { return formatFixed(int64(q), 4, true) }
func (p Percent) String() string { return formatFixed(int64(p), 2, true) }

// Of returns the share p of m, rounded half away from zero.
func (p Percent) Of(m Money) Money {
	v, _ := mulDiv(int64(m), int64(p), percentFull) // |p| ≤ 100% never overflows
	return Money(v)
}

// parseFixed reads a signed decimal with at most scale decimals into an integer
// scaled by 10^scale. Spaces (also non-breaking) may group thousands.
func parseFixed(s string, scale int) (int64, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, s)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(strings.ReplaceAll(s, ",", "."), ".")
	if intPart == "" && (!hasFrac || frac == "") || len(frac) > scale || !digits(intPart) || !digits(frac) {
		return 0, strconv.ErrSyntax
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 15 {
		return 0, strconv.ErrRange
	}
	frac += strings.Repeat("0", scale-len(frac))
	v, err := strconv.ParseInt(intPart+frac, 10, 64) // frac is padded to scale > 0: never empty
	if err != nil {
		return 0, err
	}
	if neg {
		v = -v
	}
	return v, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// formatFixed writes v/10^scale with a dot; trim drops trailing fractional zeros.
func formatFixed(v int64, scale int, trim bool) string {
	sign := ""
	u := abs64(v)
	if v < 0 {
		sign = "-"
	}
	s := strconv.FormatUint(u, 10)
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	whole, frac := s[:len(s)-scale], s[len(s)-scale:]
	if trim {
		frac = strings.TrimRight(frac, "0")
	}
	if frac == "" {
		return sign + whole
	}
	return sign + whole + "." + frac
}
