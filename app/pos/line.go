package pos

import "unicode/utf8"

// MaxTextLen bounds every free text a person or the ERP puts on a document, so an
// oversized field is refused instead of reaching the database or the printer.
const MaxTextLen = 200

// Line is one line of a quote, order or commercial document. Price is the unit
// price on the document's VAT basis (gross or net, per its VATMethod).
type Line struct {
	No          int     `json:"no"`
	ProductCode string  `json:"product_code"`
	Name        string  `json:"name"`
	Unit        string  `json:"unit"`
	Qty         Qty     `json:"qty"`
	Price       Money   `json:"price"`
	BasePrice   Money   `json:"base_price"` // the price list's price, before the operator changed it
	Discount    Percent `json:"discount"`
	Markup      Percent `json:"markup"`
	VATRate     Percent `json:"vat_rate"`
	Warehouse   string  `json:"warehouse,omitempty"`
	Service     bool    `json:"service,omitempty"`
	FromOrder   Qty     `json:"from_order,omitempty"` // quantity copied from the source order (generated documents)
	OrderLine   int     `json:"order_line,omitempty"` // the order line this line fulfils (generated documents)
	BundleID    string  `json:"bundle_id,omitempty"`  // the bundle this line's price belongs to (R-G4), see bundles.go
}

// LineAmounts are the figures of one line as printed.
type LineAmounts struct {
	Base     Money // price × quantity
	Discount Money
	Markup   Money
	Amount   Money // Base − Discount + Markup
}

// Check refuses a line a till must never store: negative or absurd quantity or
// price, a discount or markup outside 0–100 %, a VAT rate outside 0–100 %, a text
// that is empty or oversized.
func (l Line) Check() error {
	if err := l.Qty.Check(); err != nil {
		return err
	}
	if err := l.Price.CheckPrice(); err != nil {
		return err
	}
	if l.Discount < 0 || l.Discount > MaxRate {
		return Errorf(CodeInvalid, "error.percent_invalid", "Value", l.Discount.String())
	}
	if l.Markup < 0 || l.Markup > MaxRate {
		return Errorf(CodeInvalid, "error.percent_invalid", "Value", l.Markup.String())
	}
	if l.VATRate < 0 || l.VATRate > MaxRate {
		return Errorf(CodeInvalid, "error.vat_rate_invalid", "Value", l.VATRate.String())
	}
	if l.Name == "" || utf8.RuneCountInString(l.Name) > MaxTextLen || utf8.RuneCountInString(l.ProductCode) > MaxTextLen {
		return Errorf(CodeInvalid, "error.text_invalid", "Field", "name")
	}
	if utf8.RuneCountInString(l.Unit) > MaxTextLen || utf8.RuneCountInString(l.Warehouse) > MaxTextLen ||
		utf8.RuneCountInString(l.BundleID) > MaxTextLen {
		return Errorf(CodeInvalid, "error.text_invalid", "Field", "line")
	}
	return nil
}

// Amounts computes the printed figures of the line. Within the limits of Check it
// cannot overflow: MaxPrice × MaxQty stays below 10^17 cents.
func (l Line) Amounts() (LineAmounts, error) {
	base, ok := mulDiv(int64(l.Price), int64(l.Qty), QtyScale)
	if !ok || Money(abs64(base)) > MaxAmount {
		return LineAmounts{}, Errorf(CodeInvalid, "error.amount_too_large", "Value", l.Qty.String()+" × "+l.Price.String())
	}
	a := LineAmounts{Base: Money(base)}
	a.Discount = l.Discount.Of(a.Base)
	a.Markup = l.Markup.Of(a.Base)
	a.Amount = a.Base - a.Discount + a.Markup
	return a, nil
}
