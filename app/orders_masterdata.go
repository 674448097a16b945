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
