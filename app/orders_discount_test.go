package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// A line's discount on a new document: anything from 0 to 100 % for an
// operator with the discount right; without it, the discount stays as it is.
func TestSetDiscountNeedsTheRightAndStaysWithinAHundredPercent(t *testing.T) {
	tl, o, _ := draftsTill(t, "GIULIA", nil)
	ctx := context.Background()
	d := mixerOrder(t, o)

	require.NoError(t, o.SetDiscount(d, 0, pos.MaxRate))
	tot, err := pos.ComputeTotals(d.VATMethod, d.Lines, 0)
	require.NoError(t, err)
	assert.Zero(t, tot.Gross, "a 100 % discount gives the line away")
	assert.Equal(t, "error.percent_invalid", errKey(t, o.SetDiscount(d, 0, pos.MaxRate+1)))
	assert.Equal(t, "error.percent_invalid", errKey(t, o.SetDiscount(d, 0, -1)))
	assert.Equal(t, "error.line_unknown", errKey(t, o.SetDiscount(d, 1, 0)))
	require.NoError(t, o.SetDiscount(d, 0, 1250))
	assert.Equal(t, pos.Percent(1250), d.Lines[0].Discount, "a refusal changes nothing")

	tl.session.Logout()
	require.NoError(t, tl.session.Login(ctx, "MARC", demo.PINs["MARC"]))
	assert.Equal(t, "error.right_missing", errKey(t, o.SetDiscount(d, 0, 0)))
	require.NoError(t, o.SetDiscount(d, 0, 1250), "the same discount is no change")
	assert.Equal(t, pos.Percent(1250), d.Lines[0].Discount)
}
