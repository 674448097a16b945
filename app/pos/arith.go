package pos

import (
	"math"
	"math/bits"
)

// mulDiv returns a·b/c rounded half away from zero, computed on 128 bits so that
// the product never overflows; ok is false when c is zero or the result does not
// fit in an int64.
func mulDiv(a, b, c int64) (r int64, ok bool) {
	if c == 0 || a == math.MinInt64 || b == math.MinInt64 || c == math.MinInt64 {
		return 0, false
	}
	neg := (a < 0) != (b < 0) != (c < 0)
	ua, ub, uc := abs64(a), abs64(b), abs64(c)
	hi, lo := bits.Mul64(ua, ub)
	if hi >= uc {
		return 0, false
	}
	q, rem := bits.Div64(hi, lo, uc)
	if q > math.MaxInt64 {
		return 0, false
	}
	if rem >= uc-rem { // rem*2 >= uc, without overflowing; q ≤ 2^63 cannot wrap
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}

func abs64(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// addChecked adds without wrapping around.
func addChecked(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}
