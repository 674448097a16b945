package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/demo"
)

func TestPaymentMethodsOfThisTerminalCashFirst(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	o := app.NewOrders(tl.db, nil, tl.session, tl.clock)
	_, err := o.PaymentMethods(ctx)
	assert.Equal(t, "error.not_logged_in", errKey(t, err))
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))

	methods, err := o.PaymentMethods(ctx)
	require.NoError(t, err)
	var codes []string
	for _, m := range methods {
		codes = append(codes, m.Code)
	}
	assert.Equal(t, []string{"CASH", "CARD"}, codes, "bank transfer is not taken on KRKASA1")
}

func TestCustomerByCode(t *testing.T) {
	tl, o := ordersTill(t, "ANNA")
	ctx := context.Background()
	c, err := o.Customer(ctx, " C0001 ")
	require.NoError(t, err)
	assert.Equal(t, "Martin Dubois", c.Name)

	_, err = o.Customer(ctx, "C9999")
	assert.Equal(t, "error.customer_not_found", errKey(t, err))
	_, err = o.Customer(ctx, "  ")
	assert.Equal(t, "error.customer_code_invalid", errKey(t, err))

	tl.session.Logout()
	_, err = o.Customer(ctx, "C0001")
	assert.Equal(t, "error.not_logged_in", errKey(t, err))
}
