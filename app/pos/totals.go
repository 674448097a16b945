package pos

import "sort"

// RateTotal is the summary of one VAT rate over a document.
type RateTotal struct {
	Rate  Percent
	Net   Money
	VAT   Money
	Gross Money
}

// Totals is a document's summary. Its invariants, checked by property tests:
// the sum of the printed line amounts equals Gross (from gross) or Net (from net);
// Net + VAT = Gross; the per-rate rows add up to the totals; Due = Gross − Advances.
type Totals struct {
	Method   VATMethod
	Lines    []LineAmounts
	Base     Money // before discounts and markups
	Discount Money
	Markup   Money
	Rates    []RateTotal // highest rate first
	Net      Money
	VAT      Money
	Gross    Money
	Advances Money // advances deducted from this document
	Due      Money // what remains to pay
}

// ComputeTotals computes VAT per rate over the whole document (not per line), so
// that the document total is exactly the sum of its lines as printed.
func ComputeTotals(method VATMethod, lines []Line, advances Money) (Totals, error) {
	if !method.Valid() {
		return Totals{}, Errorf(CodeInvalid, "error.vat_method_invalid")
	}
	if len(lines) > MaxLines {
		return Totals{}, Errorf(CodeInvalid, "error.too_many_lines", "Max", MaxLines)
	}
	t := Totals{Method: method, Lines: make([]LineAmounts, len(lines))}
	for i, l := range lines {
		if err := l.Check(); err != nil {
			return Totals{}, err
		}
		a, err := l.Amounts()
		if err != nil {
			return Totals{}, err
		}
		t.Lines[i] = a
		t.Base += a.Base
		if t.Base > MaxAmount { // bounds every sum: Discount, Markup ≤ Base, Amount ≤ 2·Base
			return Totals{}, Errorf(CodeInvalid, "error.amount_too_large", "Value", t.Base.String())
		}
		t.Discount += a.Discount
		t.Markup += a.Markup
		t.addToRate(l.VATRate, a.Amount)
	}
	sort.Slice(t.Rates, func(i, j int) bool { return t.Rates[i].Rate > t.Rates[j].Rate })
	for i := range t.Rates {
		r := &t.Rates[i]
		if method == VATFromGross {
			r.VAT = VATOf(method, r.Gross, r.Rate)
			r.Net = r.Gross - r.VAT
		} else {
			r.VAT = VATOf(method, r.Net, r.Rate)
			r.Gross = r.Net + r.VAT
		}
		t.Net += r.Net
		t.VAT += r.VAT
		t.Gross += r.Gross
	}
	if t.Gross > MaxAmount {
		return Totals{}, Errorf(CodeInvalid, "error.amount_too_large", "Value", t.Gross.String())
	}
	if advances < 0 || (advances > t.Gross && t.Gross >= 0) {
		return Totals{}, Errorf(CodeInvalid, "error.advances_exceed", "Advances", advances.String(), "Gross", t.Gross.String())
	}
	t.Advances = advances
	t.Due = t.Gross - advances
	return t, nil
}

// addToRate sums a line amount into its rate's row, on the method's basis.
// Documents have a handful of rates, so a linear scan beats a map.
func (t *Totals) addToRate(rate Percent, amount Money) {
	for i := range t.Rates {
		if t.Rates[i].Rate == rate {
			t.addAmount(&t.Rates[i], amount)
			return
		}
	}
	t.Rates = append(t.Rates, RateTotal{Rate: rate})
	t.addAmount(&t.Rates[len(t.Rates)-1], amount)
}

func (t *Totals) addAmount(r *RateTotal, amount Money) {
	if t.Method == VATFromGross {
		r.Gross += amount
	} else {
		r.Net += amount
	}
}
