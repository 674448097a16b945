package pos

import (
	"math/big"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Advance invoices and their deduction (SPEC section 8).
//
// An order is paid in steps: advance invoices (FAC) take money before anything
// is delivered, and the receipts and invoices that deliver the goods deduct
// those advances from what they ask. The money of an order always balances:
//
//	paid = advances + (invoiced − deducted) ≤ the order's gross
//
// so a new advance may take at most what is still unpaid (M5 when nothing
// is), an invoice deducts at most what is left of each advance and at most its
// own gross, and at least what the rest of the order could no longer absorb,
// so that once everything is delivered every advance has been deducted.

// Share is a part of an amount as the operator types it: a percentage or an
// amount, exactly one of the two. It is the advance of an order (R-A2) and the
// deduction of one advance invoice (R-A4).
type Share struct {
	Percent Percent
	Amount  Money
}

// PercentShare and AmountShare build a Share.
func PercentShare(p Percent) Share { return Share{Percent: p} }
func AmountShare(m Money) Share    { return Share{Amount: m} }

// Of returns the share of base, rounded half away from zero.
func (s Share) Of(base Money) (Money, error) {
	switch {
	case s.Percent != 0 && s.Amount != 0:
		return 0, Errorf(CodeInvalid, "error.amount_invalid", "Value", s.Amount.String())
	case s.Percent < 0 || s.Percent > MaxRate:
		return 0, Errorf(CodeInvalid, "error.percent_invalid", "Value", s.Percent.String())
	case s.Amount < 0 || s.Amount > MaxAmount:
		return 0, Errorf(CodeInvalid, "error.amount_invalid", "Value", s.Amount.String())
	case s.Percent != 0:
		return s.Percent.Of(base), nil
	}
	return s.Amount, nil
}

// Deduction is the part of one advance invoice deducted from a receipt or an
// invoice (R-A4). The document's Advances is the sum of its deductions.
type Deduction struct {
	AdvanceID string `json:"advance_id"`
	Number    string `json:"number,omitempty"` // the advance invoice's number, for print and lists
	Amount    Money  `json:"amount"`
}

// checkDeductions refuses deductions that cannot be stored: a missing id, an
// oversized text, an amount out of range, or a sum other than Advances.
// Documents from the ERP may carry Advances without saying where from.
func (d *Document) checkDeductions() error {
	if len(d.Deductions) == 0 {
		return nil
	}
	var sum Money
	for _, x := range d.Deductions {
		if x.AdvanceID == "" || utf8.RuneCountInString(x.AdvanceID) > MaxTextLen || utf8.RuneCountInString(x.Number) > MaxTextLen {
			return Errorf(CodeInvalid, "error.text_invalid", "Field", "deduction")
		}
		if x.Amount <= 0 || x.Amount > MaxAmount {
			return Errorf(CodeInvalid, "error.amount_invalid", "Value", x.Amount.String())
		}
		sum += x.Amount
		if sum > MaxAmount {
			return Errorf(CodeInvalid, "error.amount_too_large", "Value", sum.String())
		}
	}
	if sum != d.Advances {
		return Errorf(CodeInvalid, "error.amount_invalid", "Value", d.Advances.String(), "Sum", sum.String())
	}
	return nil
}

// issuedDocs returns the documents linked to an order that count for its
// money: issued, and not cancelled. A document still Unconfirmed (a draft
// from the ERP) has taken no money yet.
func issuedDocs(related []Related) []Related {
	var out []Related
	for _, r := range related {
		if r.Status != StatusCancelled && r.Status != StatusUnconfirmed {
			out = append(out, r)
		}
	}
	return out
}

// OrderMoney is what an order has been paid so far, from the documents linked
// to it that are issued and not cancelled.
type OrderMoney struct {
	Gross    Money // the order's gross amount
	Advances Money // advance invoices issued
	Invoiced Money // receipts and invoices issued, at their gross
	Deducted Money // advances deducted from those receipts and invoices
}

// Paid is the money taken for the order: the advances, and what the receipts
// and invoices asked beyond the advances they deducted.
func (m OrderMoney) Paid() Money { return m.Advances + m.Invoiced - m.Deducted }

// Unpaid is what a new advance may still take (R-A1).
func (m OrderMoney) Unpaid() Money { return max(m.Gross-m.Paid(), 0) }

// AdvancesLeft is what the advances hold that no receipt or invoice deducted yet.
func (m OrderMoney) AdvancesLeft() Money { return max(m.Advances-m.Deducted, 0) }

// Balance sums the money of an order from the documents linked to it.
func Balance(o *Document, related []Related) (OrderMoney, error) {
	t, err := ComputeTotals(o.VATMethod, o.Lines, 0)
	if err != nil {
		return OrderMoney{}, err
	}
	m := OrderMoney{Gross: t.Gross}
	for _, r := range issuedDocs(related) {
		switch r.Kind {
		case KindAdvanceInvoice:
			m.Advances += r.Gross
		case KindReceipt, KindInvoice:
			m.Invoiced += r.Gross
			m.Deducted += r.Advances
		}
	}
	return m, nil
}

// AdvanceInvoice is an advance invoice of an order with what is left of it:
// the rows of the deduction list (R-A4).
type AdvanceInvoice struct {
	ID       string
	Number   string
	Customer string
	IssuedAt time.Time
	Amount   Money // the advance: its gross
	Deducted Money // deducted by the order's receipts and invoices so far
	Left     Money // Amount − Deducted: the most one more invoice may deduct
}

// AdvanceInvoices lists the advance invoices linked to an order, issued and
// not cancelled, oldest first, each with what the receipts and invoices issued
// and not cancelled deducted from it. A document from the ERP that deducted advances
// without saying from which is taken to have deducted the oldest first.
func AdvanceInvoices(related []Related) []AdvanceInvoice {
	var out []AdvanceInvoice
	rel := issuedDocs(related)
	for _, r := range rel {
		if r.Kind == KindAdvanceInvoice {
			out = append(out, AdvanceInvoice{ID: r.ID, Number: r.Number, Customer: r.Customer, IssuedAt: r.IssuedAt,
				Amount: r.Gross, Left: r.Gross})
		}
	}
	slices.SortStableFunc(out, func(a, b AdvanceInvoice) int { return a.IssuedAt.Compare(b.IssuedAt) })
	var unattributed Money
	for _, r := range rel {
		if r.Kind != KindReceipt && r.Kind != KindInvoice {
			continue
		}
		attributed := Money(0)
		for _, x := range r.Deductions {
			if i := slices.IndexFunc(out, func(a AdvanceInvoice) bool { return a.ID == x.AdvanceID }); i >= 0 {
				take := min(x.Amount, out[i].Left)
				out[i].Deducted += take
				out[i].Left -= take
				attributed += x.Amount
			}
		}
		unattributed += max(r.Advances-attributed, 0)
	}
	for i := range out {
		take := min(unattributed, out[i].Left)
		out[i].Deducted += take
		out[i].Left -= take
		unattributed -= take
	}
	return out
}

// NewAdvance builds the advance invoice (FAC) of an order for a share of its
// gross amount (R-A1, R-A2). Its gross is split over the order's VAT rates in
// proportion to each rate's gross, the parts adding up to the advance exactly
// (largest remainder), one line per rate; VAT is always computed from gross
// (R-M3). The customer, recipient and seller are copied from the order. The
// advance may not exceed what is still unpaid: M5 when nothing is, an error
// naming what is left when the share asks more. Linked, it is associated with
// the order; unlinked (offline, R-X2), it carries only the order's number.
func NewAdvance(o *Document, related []Related, s Share, linked bool) (*Document, error) {
	if o.Kind != KindOrder {
		return nil, Errorf(CodeInvalid, "error.not_an_order")
	}
	t, err := ComputeTotals(o.VATMethod, o.Lines, 0)
	if err != nil {
		return nil, err
	}
	bal, err := Balance(o, related)
	if err != nil {
		return nil, err
	}
	left := bal.Unpaid()
	if left <= 0 {
		return nil, Errorf(CodeConflict, MsgAdvancesFull)
	}
	amount, err := s.Of(t.Gross)
	if err != nil {
		return nil, err
	}
	if amount <= 0 {
		return nil, Errorf(CodeInvalid, "error.amount_invalid", "Value", amount.String())
	}
	if amount > left {
		return nil, Errorf(CodeConflict, "error.advances_exceed", "Advances", (bal.Paid() + amount).String(),
			"Gross", bal.Gross.String(), "Left", left.String())
	}
	weights := make([]Money, len(t.Rates))
	for i, r := range t.Rates {
		weights[i] = r.Gross
	}
	d := &Document{
		Kind: KindAdvanceInvoice, Status: StatusUnconfirmed, Source: SourceTerminal, VATMethod: VATFromGross,
		Customer: o.Customer, Recipient: o.Recipient, HandledBy: o.HandledBy, DeliveryPoint: o.DeliveryPoint,
		PaymentMethod: o.PaymentMethod, OrderRef: o.Number,
	}
	if linked {
		d.SourceOrder = o.ID
	}
	for i, part := range SplitByWeight(amount, weights) {
		if part == 0 {
			continue
		}
		name := "Advance on " + o.Number
		if len(t.Rates) > 1 {
			name += " (VAT " + t.Rates[i].Rate.String() + "%)"
		}
		d.Lines = append(d.Lines, Line{Name: name, Qty: Units(1), Price: part, BasePrice: part,
			VATRate: t.Rates[i].Rate, Service: true})
	}
	if err := d.Check(); err != nil {
		return nil, err
	}
	return d, nil
}

// SplitByWeight splits total into parts proportional to weights so that they
// add up to total exactly: each part is its exact share rounded down, and the
// cents left over go one each to the largest remainders, the first on a tie.
// Weights are amounts (never negative); when they are all zero the parts are
// equal. total and the weights are bounded by MaxAmount.
func SplitByWeight(total Money, weights []Money) []Money {
	parts := make([]Money, len(weights))
	if len(weights) == 0 {
		return parts
	}
	w := slices.Clone(weights)
	sum := new(big.Int)
	for _, x := range w {
		sum.Add(sum, big.NewInt(int64(max(x, 0))))
	}
	if sum.Sign() == 0 {
		for i := range w {
			w[i] = 1
		}
		sum.SetInt64(int64(len(w)))
	}
	bigTotal := big.NewInt(int64(total))
	rems := make([]*big.Int, len(w))
	given := Money(0)
	for i, x := range w {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(bigTotal, big.NewInt(int64(max(x, 0)))), sum, new(big.Int))
		parts[i], rems[i] = Money(q.Int64()), r
		given += parts[i]
	}
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for i := 0; given < total; i++ {
		parts[order[i%len(order)]]++
		given++
	}
	return parts
}

// DeductionRow is one advance invoice in the deduction list (R-A4): Number,
// Issue date, Advance (Amount), Maximum amount (Left), Deducted amount and
// Advance % (the deducted amount as a share of the advance).
type DeductionRow struct {
	AdvanceInvoice
	Deducted Money   // on the invoice being made
	Percent  Percent // Deducted / Amount
}

// DeductionList is the window of R-A4 for an invoice being made: its header
// figures and the order's advance invoices for the invoice's customer.
type DeductionList struct {
	Invoice   Money // the invoice's gross amount
	Available Money // what is left of the listed advances
	Deducted  Money // deducted on this invoice
	After     Money // the invoice after deduction: Invoice − Deducted
	Min       Money // the least this invoice must deduct, so the rest of the order can absorb what remains
	Rows      []DeductionRow
}

// Deductions lists the advance invoices an invoice d made from order o may
// deduct: those of the order, for d's customer (R-A4), with what d deducts
// from each. An unlinked document deducts nothing (R-X2) and lists nothing.
func Deductions(o, d *Document, related []Related) (DeductionList, error) {
	t, err := ComputeTotals(d.VATMethod, d.Lines, 0)
	if err != nil {
		return DeductionList{}, err
	}
	l := DeductionList{Invoice: t.Gross, Deducted: d.Advances, After: t.Gross - d.Advances}
	if !deducts(o, d) {
		return l, nil
	}
	for _, a := range AdvanceInvoices(related) {
		if a.Customer != d.Customer {
			continue
		}
		row := DeductionRow{AdvanceInvoice: a}
		for _, x := range d.Deductions {
			if x.AdvanceID == a.ID {
				row.Deducted += x.Amount
			}
		}
		if a.Amount > 0 {
			p, _ := mulDiv(int64(row.Deducted), percentFull, int64(a.Amount))
			row.Percent = Percent(p)
		}
		l.Available += a.Left
		l.Rows = append(l.Rows, row)
	}
	if l.Min, err = minDeduction(o, t.Gross, related, l.Available); err != nil {
		return DeductionList{}, err
	}
	return l, nil
}

// deducts tells whether d is a receipt or invoice linked to o, the only
// documents that deduct advances.
func deducts(o, d *Document) bool {
	return (d.Kind == KindInvoice || d.Kind == KindReceipt) && o.ID != "" && d.SourceOrder == o.ID
}

// minDeduction is the least an invoice of gross g must deduct: what would be
// left of the advances beyond what the rest of the order (its gross less what
// has been invoiced, this invoice included) can still absorb. It is never more
// than g or than what may be deducted (deductible).
func minDeduction(o *Document, g Money, related []Related, deductible Money) (Money, error) {
	bal, err := Balance(o, related)
	if err != nil {
		return 0, err
	}
	rest := max(bal.Gross-bal.Invoiced-g, 0)
	return min(max(bal.AdvancesLeft()-rest, 0), g, deductible), nil
}

// SetDeduction sets what invoice d deducts from one advance invoice of order o,
// as a percentage of the advance or an amount (R-A4); zero removes it. The
// deduction may not exceed what is left of the advance nor, with the others,
// the invoice's gross. Only the order's advance invoices for d's customer may
// be deducted.
func SetDeduction(o, d *Document, related []Related, advanceID string, s Share) error {
	if !deducts(o, d) {
		return Errorf(CodeUnavailable, "error.offline_required")
	}
	i := slices.IndexFunc(AdvanceInvoices(related), func(a AdvanceInvoice) bool {
		return a.ID == advanceID && a.Customer == d.Customer
	})
	if i < 0 {
		return Errorf(CodeNotFound, "error.not_found", "What", "advance invoice", "Key", advanceID)
	}
	a := AdvanceInvoices(related)[i]
	amount, err := s.Of(a.Amount)
	if err != nil {
		return err
	}
	if amount > a.Left {
		return Errorf(CodeInvalid, "error.amount_too_large", "Value", amount.String(), "Max", a.Left.String())
	}
	t, err := ComputeTotals(d.VATMethod, d.Lines, 0)
	if err != nil {
		return err
	}
	var others []Deduction
	var sum Money
	for _, x := range d.Deductions {
		if x.AdvanceID != advanceID {
			others = append(others, x)
			sum += x.Amount
		}
	}
	if sum+amount > t.Gross {
		return Errorf(CodeInvalid, "error.advances_exceed", "Advances", (sum + amount).String(), "Gross", t.Gross.String(),
			"Max", max(t.Gross-sum, 0).String())
	}
	if amount > 0 {
		others = append(others, Deduction{AdvanceID: a.ID, Number: a.Number, Amount: amount})
	}
	order := AdvanceInvoices(related)
	slices.SortStableFunc(others, func(x, y Deduction) int {
		return slices.IndexFunc(order, func(a AdvanceInvoice) bool { return a.ID == x.AdvanceID }) -
			slices.IndexFunc(order, func(a AdvanceInvoice) bool { return a.ID == y.AdvanceID })
	})
	d.Deductions, d.Advances = others, sum+amount
	return nil
}

// DeductAll applies the parameter "deduct advances at 100%" (R-A4) to invoice
// d of order o: every advance of the order is deducted, oldest first, as far
// as d's gross allows. An advance with something left for another customer
// than d's is M6, and d is left as it was. An unlinked document deducts
// nothing (R-X2).
func DeductAll(o, d *Document, related []Related) error {
	if !deducts(o, d) {
		d.Deductions, d.Advances = nil, 0
		return nil
	}
	t, err := ComputeTotals(d.VATMethod, d.Lines, 0)
	if err != nil {
		return err
	}
	advances := AdvanceInvoices(related)
	for _, a := range advances {
		if a.Left > 0 && a.Customer != d.Customer {
			return Errorf(CodeConflict, MsgAdvanceCustomer)
		}
	}
	var out []Deduction
	room := t.Gross
	for _, a := range advances {
		if take := min(a.Left, room); take > 0 {
			out = append(out, Deduction{AdvanceID: a.ID, Number: a.Number, Amount: take})
			room -= take
		}
	}
	d.Deductions, d.Advances = out, t.Gross-room
	return nil
}

// FitDeductions keeps the deductions of d within its gross once its lines have
// changed: the latest deductions shrink first.
func FitDeductions(d *Document, gross Money) {
	over := d.Advances - max(gross, 0)
	if over <= 0 {
		return
	}
	if len(d.Deductions) == 0 {
		d.Advances -= over
		return
	}
	out := slices.Clone(d.Deductions)
	for i := len(out) - 1; i >= 0 && over > 0; i-- {
		take := min(out[i].Amount, over)
		out[i].Amount -= take
		over -= take
		d.Advances -= take
	}
	d.Deductions = slices.DeleteFunc(out, func(x Deduction) bool { return x.Amount == 0 })
}

// CheckDeductions applies the rules of R-A4 to a receipt or invoice d of order
// o before it is issued: an unlinked document deducts nothing (R-X2); each
// deduction is from a live advance invoice of the order for d's customer,
// once, for at most what is left of it; together they are at most d's gross
// and at least what the rest of the order could no longer absorb.
func CheckDeductions(o, d *Document, related []Related) error {
	if err := d.checkDeductions(); err != nil {
		return err
	}
	if !deducts(o, d) {
		if d.Advances != 0 || len(d.Deductions) > 0 {
			return Errorf(CodeUnavailable, "error.offline_required")
		}
		return nil
	}
	if d.Advances != 0 && len(d.Deductions) == 0 {
		return Errorf(CodeInvalid, "error.amount_invalid", "Value", d.Advances.String(), "Sum", "0")
	}
	advances := AdvanceInvoices(related)
	seen := map[string]bool{}
	for _, x := range d.Deductions {
		i := slices.IndexFunc(advances, func(a AdvanceInvoice) bool { return a.ID == x.AdvanceID })
		if i < 0 || seen[x.AdvanceID] || advances[i].Customer != d.Customer {
			return Errorf(CodeNotFound, "error.not_found", "What", "advance invoice", "Key", x.AdvanceID)
		}
		seen[x.AdvanceID] = true
		if x.Amount > advances[i].Left {
			return Errorf(CodeInvalid, "error.amount_too_large", "Value", x.Amount.String(), "Max", advances[i].Left.String())
		}
	}
	l, err := Deductions(o, d, related)
	if err != nil {
		return err
	}
	if d.Advances > l.Invoice {
		return Errorf(CodeInvalid, "error.advances_exceed", "Advances", d.Advances.String(), "Gross", l.Invoice.String())
	}
	if d.Advances < l.Min {
		return Errorf(CodeInvalid, "error.deduction_too_small", "Value", d.Advances.String(), "Min", l.Min.String())
	}
	return nil
}

// DeductionFilter narrows the deduction list (R-A4): number prefix, advance
// amount range and issue date range; zero values select everything.
type DeductionFilter struct {
	Number     string
	MinAmount  Money
	MaxAmount  Money // 0: no upper bound
	IssuedFrom time.Time
	IssuedTo   time.Time // exclusive
}

// Match tells whether a row passes the filter.
func (f DeductionFilter) Match(r DeductionRow) bool {
	switch {
	case f.Number != "" && !hasPrefixFold(r.Number, f.Number):
		return false
	case r.Amount < f.MinAmount, f.MaxAmount > 0 && r.Amount > f.MaxAmount:
		return false
	case !f.IssuedFrom.IsZero() && r.IssuedAt.Before(f.IssuedFrom):
		return false
	case !f.IssuedTo.IsZero() && !r.IssuedAt.Before(f.IssuedTo):
		return false
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return strings.HasPrefix(strings.ToUpper(s), strings.ToUpper(prefix))
}
