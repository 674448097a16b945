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
	if d.PaymentMethod != "" {
		methods, err := o.store.PaymentMethods(ctx)
		if err != nil {
			return PrintJob{}, err
		}
		if i := slices.IndexFunc(methods, func(m pos.PaymentMethod) bool { return m.Code == d.PaymentMethod }); i >= 0 {
			job.PaymentMethod = methods[i].Name
		}
	}
	if d.Kind == pos.KindOrder && d.ID != "" {
		if err := o.printedPayments(ctx, &job); err != nil {
			return PrintJob{}, err
		}
	}
	return job, nil
}

// printedPayments fills what an order's payment section prints (R-A3): the
// advance invoices linked to it, issued and not cancelled, oldest first, and
// what its receipts and invoices collected beyond the advances they
// deducted. A document issued unlinked (R-X2) is not the order's.
func (o *Orders) printedPayments(ctx context.Context, job *PrintJob) error {
	rel, err := o.store.RelatedDocuments(ctx, job.Document.ID)
	if err != nil {
		return err
	}
	m, err := pos.Balance(&job.Document, rel)
	if err != nil {
		return err
	}
	job.Collected = m.Invoiced - m.Deducted
	for _, a := range pos.AdvanceInvoices(rel) {
		job.Advances = append(job.Advances, AdvancePaid{Number: a.Number, IssuedAt: a.IssuedAt, Amount: a.Amount})
	}
	return nil
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
