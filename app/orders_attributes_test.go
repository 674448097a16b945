package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// R-F7 with the demo's master data as the store holds it: an order's
// Delivery floor is mandatory and its Lift is Yes or No; a quote has Lift
// only. Save keeps an order without its floor; Confirm refuses it naming
// the attribute, then confirms once it is set.
func TestMandatoryAttributeCheckedAtConfirmationNotAtSave(t *testing.T) {
	tl, o := pointsTill(t, "ANNA")
	ctx := context.Background()
	as, err := o.Attributes(ctx, pos.KindQuote)
	require.NoError(t, err)
	require.Len(t, as, 1)
	assert.Equal(t, "LIFT", as[0].Code)

	d, err := o.New(ctx, pos.KindOrder)
	require.NoError(t, err)
	require.NoError(t, o.AddItem(ctx, d, "FAN-01", pos.Units(1)))
	assert.Equal(t, "error.attribute_value", errKey(t, o.SetAttribute(ctx, d, "LIFT", "Maybe")))
	assert.Equal(t, "error.attribute_unknown", errKey(t, o.SetAttribute(ctx, d, "COLOUR", "red")))
	require.NoError(t, o.SetAttribute(ctx, d, "LIFT", "No"))
	require.NoError(t, o.Save(ctx, d), "saving does not check attributes")

	err = o.Confirm(ctx, d)
	e, ok := pos.AsError(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, "error.attribute_missing", e.Key)
	assert.Equal(t, "Delivery floor", e.Args["Name"])
	assert.Equal(t, pos.StatusUnconfirmed, d.Status)

	require.NoError(t, o.SetAttribute(ctx, d, "FLOOR", "3"))
	require.NoError(t, o.Confirm(ctx, d))
	stored, _, err := o.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"FLOOR": "3", "LIFT": "No"}, stored.Attributes)
	assert.Equal(t, "error.form_confirmed", errKey(t, o.SetAttribute(ctx, &stored, "FLOOR", "")))
	_ = tl
}

// R-F1: the form finds a customer by the start of its name, its code or
// its tax id; inactive customers are not offered.
func TestSearchCustomersByNameCodeOrTaxID(t *testing.T) {
	_, o := pointsTill(t, "ANNA")
	ctx := context.Background()
	names := func(text string) []string {
		cs, err := o.SearchCustomers(ctx, text, 0, 20)
		require.NoError(t, err)
		var out []string
		for _, c := range cs {
			out = append(out, c.Code)
		}
		return out
	}
	assert.Equal(t, []string{"C0002"}, names("atelier b"))
	assert.Equal(t, []string{"C0002"}, names("C0002"))
	assert.Equal(t, []string{"C0002"}, names("IT01234567890"))
	assert.Empty(t, names("nobody"))
	all := names("")
	assert.Contains(t, all, app.UndefinedCustomer)
	_, err := o.SearchCustomers(ctx, "x", 0, 0)
	assert.Equal(t, "error.search_invalid", errKey(t, err))
}
