package app

import (
	"context"

	"github.com/comptoir/comptoir/app/pos"
)

// Advance invoices and their deduction (SPEC section 8), on top of the
// generation of documents from an order (orders.go): an advance invoice is
// generated like a receipt or an invoice — online under the order's lock,
// offline unlinked after M2 — and paid in the same payment window.

// AdvanceForm is what the advance invoice window shows before the operator
// types the advance (R-A2): the order, its gross amount, the advances already
// issued (also those issued in the ERP) and what a new one may still take.
type AdvanceForm struct {
	Order    pos.Document
	Money    pos.OrderMoney
	Advances []pos.AdvanceInvoice
	Left     pos.Money // the most a new advance may take

	related []pos.Related
}

// Preview is the advance invoice a share would give, as the window shows it
// while the operator types: its gross split over the order's VAT rates, VAT
// from gross. It is computed from the local figures, like the form; Advance
// builds the one issued.
func (f AdvanceForm) Preview(s pos.Share) (pos.Totals, error) {
	d, err := pos.NewAdvance(&f.Order, f.related, s, true)
	if err != nil {
		return pos.Totals{}, err
	}
	return d.Totals()
}

// AdvanceForm opens the advance invoice window of an order: it applies the
// rules of [Advance invoice] (R-O4 and its right) and refuses with M5 when
// advances and invoices already cover the order's gross amount (R-A1). The
// figures are the local ones; Advance checks them again on the order's latest
// version.
func (o *Orders) AdvanceForm(ctx context.Context, orderID string) (AdvanceForm, error) {
	l, err := o.login()
	if err != nil {
		return AdvanceForm{}, err
	}
	order, rel, err := o.Get(ctx, orderID)
	if err != nil {
		return AdvanceForm{}, err
	}
	if err := pos.Allowed(pos.ActionAdvance, &order, rel, l.Group); err != nil {
		return AdvanceForm{}, err
	}
	m, err := pos.Balance(&order, rel)
	if err != nil {
		return AdvanceForm{}, err
	}
	if m.Unpaid() <= 0 {
		return AdvanceForm{}, pos.Errorf(pos.CodeConflict, pos.MsgAdvancesFull)
	}
	return AdvanceForm{Order: order, Money: m, Advances: pos.AdvanceInvoices(rel), Left: m.Unpaid(), related: rel}, nil
}

// Advance prepares an advance invoice for an order, for a share of its gross
// amount given as a percentage or an amount (R-A1, R-A2): the customer copied
// from the order, the advance split over the order's VAT rates, VAT from
// gross. M5 when nothing is left to advance; an error naming what is left when
// the share asks more. For an order the data service knows it works under the
// order's lock on its latest version; offline it refuses with M2 unless
// unlinkedOK, and the advance is then issued unlinked with the order's number
// (R-X2) — it is not one of the order's advances, and no invoice of the order
// deducts it. The caller ends the Generation with Pay (any payment method of
// the terminal) or Abort; paying it leaves the order's status as it is.
func (o *Orders) Advance(ctx context.Context, orderID string, s pos.Share, unlinkedOK bool) (*Generation, error) {
	return o.generate(ctx, orderID, pos.ActionAdvance, unlinkedOK, func(g *Generation, linked bool) error {
		doc, err := pos.NewAdvance(&g.Order, g.Related, s, linked)
		if err != nil {
			return err
		}
		g.Doc = doc
		return nil
	})
}

// prepareSale sets the rules of a receipt or invoice generated from an order:
// with "deduct advances at 100%" the order's advances are deducted
// automatically, now and whenever its figures are read again (M6 when an
// advance belongs to another customer); without it the operator deducts them
// with Deduct. Before it is paid, its deductions must obey R-A4 and an
// inactive item may not be sold beyond the quantity copied from the order
// (R-G3).
func (o *Orders) prepareSale(ctx context.Context, g *Generation) error {
	inactive := map[string]bool{}
	for _, l := range g.Doc.Lines {
		if l.ProductCode == "" {
			continue
		}
		p, err := o.store.ProductByCode(ctx, l.ProductCode)
		switch {
		case pos.ErrorCode(err) == pos.CodeNotFound: // not in this till's catalogue: nothing to check
		case err != nil:
			return err
		case !p.Active:
			inactive[p.Code] = true
		}
	}
	if g.params.DeductAdvancesFull {
		g.refresh = func(d *pos.Document) error { return pos.DeductAll(&g.Order, d, g.Related) }
		if err := g.refresh(g.Doc); err != nil {
			return err
		}
	}
	g.check = func(d *pos.Document) error {
		if err := pos.CheckDeductions(&g.Order, d, g.Related); err != nil {
			return err
		}
		return pos.CheckInactive(d, func(code string) bool { return inactive[code] })
	}
	return nil
}

// DeductsAutomatically tells whether the ERP deducts every advance on the
// invoice by itself ("deduct advances at 100%", R-A4); otherwise the operator
// deducts them from the list.
func (g *Generation) DeductsAutomatically() bool { return g.params.DeductAdvancesFull }

// Deductions is the advance invoice list of R-A4 for the invoice being
// generated: the header figures (invoice amount, available advances, deducted
// advances, invoice after deduction, and the least it must deduct) and the
// order's advance invoices for the invoice's customer, each with its number,
// issue date, advance, maximum amount, deducted amount and advance %. Filter
// rows with pos.DeductionFilter.
func (g *Generation) Deductions() (pos.DeductionList, error) {
	if _, err := g.Totals(); err != nil {
		return pos.DeductionList{}, err
	}
	return pos.Deductions(&g.Order, g.Doc, g.Related)
}

// Deduct sets what the invoice deducts from one advance invoice, as a
// percentage of the advance or an amount; zero removes it (R-A4). Never more
// than what is left of the advance, nor, with the others, the invoice's
// gross. With "deduct advances at 100%" the deductions are automatic and
// cannot be changed.
func (g *Generation) Deduct(advanceID string, s pos.Share) error {
	if g.Doc.Kind != pos.KindInvoice && g.Doc.Kind != pos.KindReceipt {
		return pos.Errorf(pos.CodeInvalid, "error.kind_invalid", "Value", string(g.Doc.Kind))
	}
	if g.params.DeductAdvancesFull {
		return pos.Errorf(pos.CodeConflict, "error.deductions_automatic")
	}
	return pos.SetDeduction(&g.Order, g.Doc, g.Related, advanceID, s)
}
