package pos

// GenerateFrom prepares a receipt or an invoice for an order (R-G1, R-G2,
// R-G3): the customer and delivery are copied, each line that still has
// something to deliver is copied with the quantity that remains (or zero when
// the ERP parameter says the operator types quantities), and the document is
// linked to the order. An unlinked document (offline, R-X2) carries only the
// order's number and deducts nothing. The result is Unconfirmed until paid.
func GenerateFrom(o *Document, related []Related, k Kind, p Params, linked bool) (*Document, error) {
	if k != KindReceipt && k != KindInvoice {
		return nil, Errorf(CodeInvalid, "error.kind_invalid", "Value", string(k))
	}
	method := o.VATMethod
	if k == KindReceipt {
		method = p.VATMethodFor(KindReceipt)
	}
	d := &Document{
		Kind: k, Status: StatusUnconfirmed, Source: SourceTerminal, VATMethod: method,
		Customer: o.Customer, Recipient: o.Recipient, HandledBy: o.HandledBy,
		DeliveryPoint: o.DeliveryPoint, PaymentMethod: o.PaymentMethod, OrderRef: o.Number,
	}
	if linked {
		d.SourceOrder = o.ID
	}
	remaining := ToDeliver(o, related)
	for i, l := range o.Lines {
		if remaining[i] <= 0 {
			continue
		}
		nl := l
		nl.No = 0
		nl.OrderLine = i + 1
		nl.FromOrder = remaining[i]
		nl.Qty = 0
		if p.CopyQtyFromOrder {
			nl.Qty = remaining[i]
		}
		nl.Price = convertPrice(l.Price, l.VATRate, o.VATMethod, method)
		nl.BasePrice = convertPrice(l.BasePrice, l.VATRate, o.VATMethod, method)
		d.Lines = append(d.Lines, nl)
	}
	if len(d.Lines) == 0 {
		return nil, Errorf(CodeConflict, "error.nothing_to_deliver")
	}
	return d, nil
}

// convertPrice carries a unit price from one VAT basis to the other, for a
// receipt (always from gross, usually) generated from an order kept from net.
func convertPrice(price Money, rate Percent, from, to VATMethod) Money {
	switch {
	case from == to:
		return price
	case to == VATFromGross:
		v, _ := mulDiv(int64(price), percentFull+int64(rate), percentFull)
		return Money(v)
	default:
		v, _ := mulDiv(int64(price), percentFull, percentFull+int64(rate))
		return Money(v)
	}
}

// CopyQuantities fills every line generated from an order with the quantity
// that remains to deliver ([Copy quantity from COMC], R-G2).
func CopyQuantities(d *Document) {
	for i := range d.Lines {
		if d.Lines[i].OrderLine > 0 {
			d.Lines[i].Qty = d.Lines[i].FromOrder
		}
	}
}

// CheckGenerated adds the rules of a generated document to CheckConfirm: at
// least one line with a quantity (R-G2).
func (d *Document) CheckGenerated() error {
	for _, l := range d.Lines {
		if l.Qty > 0 {
			return d.CheckConfirm()
		}
	}
	return Errorf(CodeInvalid, MsgNoLine)
}

// DeliveredLines are the lines a generated document is issued with: those
// delivering something. A line the cashier left at zero (not collected this
// time, R-O5) stays on the order's Quantity to deliver, not on the paper.
func DeliveredLines(lines []Line) []Line {
	out := make([]Line, 0, len(lines))
	for _, l := range lines {
		if l.Qty != 0 {
			out = append(out, l)
		}
	}
	return out
}

// BeyondOrder tells whether line i of a document generated from an order was
// added beyond the order: the screen marks it green (R-G2).
func (d *Document) BeyondOrder(i int) bool {
	return d.OrderRef != "" && i >= 0 && i < len(d.Lines) && d.Lines[i].OrderLine == 0
}

// CheckInactive applies R-G3 to a document generated from an order: an
// inactive item is sold only on the lines copied from the order, and for at
// most the quantity copied (the error's Max). inactive tells whether a
// product code is inactive.
func CheckInactive(d *Document, inactive func(code string) bool) error {
	type key struct {
		code string
		line int
	}
	sold, copied, names := map[key]Qty{}, map[key]Qty{}, map[key]string{}
	var order []key
	for _, l := range d.Lines {
		if l.Qty == 0 || l.ProductCode == "" || !inactive(l.ProductCode) {
			continue
		}
		if l.OrderLine == 0 {
			return Errorf(CodeConflict, "error.product_inactive", "Name", l.Name)
		}
		k := key{l.ProductCode, l.OrderLine}
		if _, ok := sold[k]; !ok {
			order = append(order, k)
			names[k] = l.Name
		}
		sold[k] += l.Qty
		copied[k] += l.FromOrder
	}
	for _, k := range order {
		if sold[k] > copied[k] {
			return Errorf(CodeConflict, "error.product_inactive", "Name", names[k], "Max", copied[k].String())
		}
	}
	return nil
}
