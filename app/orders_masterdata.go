package app

import (
	"context"
	"slices"
	"strings"

	"github.com/comptoir/comptoir/app/pos"
)

// The master data the orders screens show besides documents: the payment
// window's methods and the form's customer.

// PaymentMethods returns the payment methods this terminal takes, Cash first,
// the others in the store's order, for the payment window's buttons.
func (o *Orders) PaymentMethods(ctx context.Context) ([]pos.PaymentMethod, error) {
	if _, err := o.login(); err != nil {
		return nil, err
	}
	all, err := o.store.PaymentMethods(ctx)
	if err != nil {
		return nil, err
	}
	t := o.session.Terminal().Code
	out := make([]pos.PaymentMethod, 0, len(all))
	for _, m := range all {
		if m.AvailableOn(t) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b pos.PaymentMethod) int {
		return boolRank(a.Type == pos.PaymentCash) - boolRank(b.Type == pos.PaymentCash)
	})
	return out, nil
}

func boolRank(first bool) int {
	if first {
		return 0
	}
	return 1
}

// Customer returns the customer with the given code, as typed or scanned on
// the form.
func (o *Orders) Customer(ctx context.Context, code string) (pos.Customer, error) {
	if _, err := o.login(); err != nil {
		return pos.Customer{}, err
	}
	code = strings.TrimSpace(code)
	if code == "" || len(code) > pos.MaxTextLen {
		return pos.Customer{}, pos.Errorf(pos.CodeInvalid, "error.customer_code_invalid")
	}
	c, err := o.store.Customer(ctx, code)
	if pos.ErrorCode(err) == pos.CodeNotFound {
		return pos.Customer{}, pos.Errorf(pos.CodeNotFound, "error.customer_not_found", "Code", code)
	}
	return c, err
}

// PrintJob is what printing d needs besides d itself (R-PR2): its customer,
// whose name and address the document holds only as a code, and for an order
// the advances paid, listed in its payment section (R-A3). A customer no
// longer known prints as its code.
func (o *Orders) PrintJob(ctx context.Context, d pos.Document) (PrintJob, error) {
	if _, err := o.login(); err != nil {
		return PrintJob{}, err
	}
	job := PrintJob{Document: d}
	if d.Customer != "" {
		c, err := o.store.Customer(ctx, d.Customer)
		switch {
		case err == nil:
			job.Customer = &c
		case pos.ErrorCode(err) != pos.CodeNotFound:
			return PrintJob{}, err
		}
	}
	if d.Kind == pos.KindOrder && d.ID != "" {
		adv, err := o.printedAdvances(ctx, d.ID)
		if err != nil {
			return PrintJob{}, err
		}
		job.Advances = adv
	}
	return job, nil
}

// printedAdvances lists the advance invoices issued for an order and linked
// to it, oldest first, without the cancelled ones: the advances its printout
// shows as paid (R-A3). An advance invoice issued unlinked (R-X2) is not the
// order's.
func (o *Orders) printedAdvances(ctx context.Context, orderID string) ([]AdvancePaid, error) {
	rel, err := o.store.RelatedDocuments(ctx, orderID)
	if err != nil {
		return nil, err
	}
	var out []AdvancePaid
	for _, r := range rel {
		if r.Kind != pos.KindAdvanceInvoice || r.Status == pos.StatusCancelled || r.Status == pos.StatusUnconfirmed {
			continue
		}
		// The related row has no date: the invoice itself has it.
		d, err := o.store.Document(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, AdvancePaid{Number: r.Number, IssuedAt: d.IssuedAt, Amount: r.Gross})
	}
	slices.SortStableFunc(out, func(a, b AdvancePaid) int { return a.IssuedAt.Compare(b.IssuedAt) })
	return out, nil
}

// SearchCustomers returns a page of the active customers the form may
// choose: by name prefix, code or tax id, by name (R-F1).
func (o *Orders) SearchCustomers(ctx context.Context, text string, offset, limit int) ([]pos.Customer, error) {
	if _, err := o.login(); err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	if len(text) > pos.MaxTextLen || offset < 0 || limit < 1 || limit > 500 {
		return nil, pos.Errorf(pos.CodeInvalid, "error.search_invalid")
	}
	if o.points == nil {
		return nil, nil
	}
	return o.points.SearchCustomers(ctx, text, offset, limit)
}
