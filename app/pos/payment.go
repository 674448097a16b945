package pos

// Tender is what the customer hands over with one payment method.
type Tender struct {
	Method string
	Name   string // the method's name, printed on the receipt
	Type   PaymentType
	Amount Money
}

// Settle checks what the customer handed over against the amount due and
// returns the payments the document keeps and the change to give. The tenders
// must cover what is due; only cash may exceed it, and the change comes out of
// the cash. A zero total needs no tender (R-F5).
func Settle(due Money, tenders []Tender) ([]Payment, Money, error) {
	if due < 0 || due > MaxAmount {
		return nil, 0, Errorf(CodeInvalid, "error.amount_invalid", "Value", due.String())
	}
	var total, cash Money
	for _, t := range tenders {
		if t.Amount <= 0 || t.Amount > MaxAmount || t.Method == "" {
			return nil, 0, Errorf(CodeInvalid, "error.payment_invalid", "Value", t.Amount.String())
		}
		total += t.Amount
		if total > MaxAmount { // also stops a long list of tenders from wrapping around
			return nil, 0, Errorf(CodeInvalid, "error.amount_too_large", "Value", total.String())
		}
		if t.Type == PaymentCash {
			cash += t.Amount
		}
	}
	if total < due {
		return nil, 0, Errorf(CodeInvalid, "error.payment_short", "Missing", (due - total).String())
	}
	change := total - due
	if change > cash {
		return nil, 0, Errorf(CodeInvalid, "error.change_not_cash", "Value", (change - cash).String())
	}
	payments := make([]Payment, 0, len(tenders))
	left := change
	for i := len(tenders) - 1; i >= 0; i-- {
		t := tenders[i]
		p := Payment{Method: t.Method, Name: t.Name, Amount: t.Amount}
		if t.Type == PaymentCash && left > 0 {
			give := min(left, t.Amount)
			p.Amount -= give
			p.Tendered = t.Amount
			left -= give
		}
		payments = append(payments, p)
	}
	// Back to the order the cashier typed them in.
	for i, j := 0, len(payments)-1; i < j; i, j = i+1, j-1 {
		payments[i], payments[j] = payments[j], payments[i]
	}
	return payments, change, nil
}
