package pos

// VATMethod says which amount of a line is typed and printed: the gross (VAT
// included, the usual way at a till) or the net (VAT added on top, B2B invoices).
type VATMethod string

const (
	VATFromGross VATMethod = "gross"
	VATFromNet   VATMethod = "net"
)

// Valid tells whether m is one of the two methods.
func (m VATMethod) Valid() bool { return m == VATFromGross || m == VATFromNet }

// VATOf returns the VAT of one rate's summed amount: from gross,
// VAT = gross·r/(100+r); from net, VAT = net·r/100. Rounded half away from zero.
func VATOf(method VATMethod, amount Money, rate Percent) Money {
	if method == VATFromGross {
		v, _ := mulDiv(int64(amount), int64(rate), percentFull+int64(rate))
		return Money(v)
	}
	v, _ := mulDiv(int64(amount), int64(rate), percentFull)
	return Money(v)
}
