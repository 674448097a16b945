package pos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// R-G2: items added to a generated document beyond the order are marked
// (green on the screen); the lines copied from the order are not, and nothing
// is marked on a document that does not come from an order.
func TestBeyondOrder(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Table", Units(1), 10000, 2000), ln("Chair", Units(2), 2500, 2000))
	d, err := GenerateFrom(o, nil, KindReceipt, Params{CopyQtyFromOrder: true}, true)
	require.NoError(t, err)
	d.Lines = append(d.Lines, ln("Cushion", Units(1), 900, 2000))
	assert.Equal(t, []bool{false, false, true}, []bool{d.BeyondOrder(0), d.BeyondOrder(1), d.BeyondOrder(2)})
	assert.False(t, d.BeyondOrder(3), "out of range")
	assert.False(t, d.BeyondOrder(-1))

	u, err := GenerateFrom(o, nil, KindInvoice, Params{CopyQtyFromOrder: true}, false)
	require.NoError(t, err)
	u.Lines = append(u.Lines, ln("Cushion", Units(1), 900, 2000))
	assert.True(t, u.BeyondOrder(2), "unlinked documents mark them too")

	plain := order(VATFromGross, ln("Cushion", Units(1), 900, 2000))
	assert.False(t, plain.BeyondOrder(0))
}

// R-G3: an inactive item is sold only for the quantity copied from the order.
func TestCheckInactive(t *testing.T) {
	o := genOrderFor(VATFromGross, ln("Kettle", Units(2), 1999, 2000), ln("Table", Units(1), 10000, 2000))
	inactive := func(code string) bool { return code == "P-Kettle" }
	d, err := GenerateFrom(o, nil, KindReceipt, Params{CopyQtyFromOrder: true}, true)
	require.NoError(t, err)
	require.NoError(t, CheckInactive(d, inactive), "the copied quantity")

	d.Lines[0].Qty = Units(1)
	require.NoError(t, CheckInactive(d, inactive), "less is fine")

	d.Lines[0].Qty = Units(3)
	err = CheckInactive(d, inactive)
	requireErrKey(t, err, CodeConflict, "error.product_inactive")
	e, _ := AsError(err)
	assert.Equal(t, "2", e.Args["Max"])

	// Added beyond the order: refused whatever the quantity.
	d.Lines[0].Qty = Units(2)
	d.Lines = append(d.Lines, ln("Kettle", Units(1), 1999, 2000))
	requireErrKey(t, CheckInactive(d, inactive), CodeConflict, "error.product_inactive")
	d.Lines[2].Qty = 0
	require.NoError(t, CheckInactive(d, inactive), "a zero line sells nothing")

	// The copied quantity counts per order line, over a split.
	d.Lines = d.Lines[:2]
	split := d.Lines[0]
	d.Lines[0].Qty, d.Lines[0].FromOrder = Units(1), Units(1)
	split.Qty, split.FromOrder = Units(1), Units(1)
	d.Lines = append(d.Lines, split)
	require.NoError(t, CheckInactive(d, inactive))
	d.Lines[2].Qty = Units(2)
	requireErrKey(t, CheckInactive(d, inactive), CodeConflict, "error.product_inactive")

	// Active products may go beyond the order.
	d.Lines[1].Qty = Units(5)
	d.Lines[2].Qty = Units(1)
	require.NoError(t, CheckInactive(d, inactive))
}

// R-G2 and R-G3 in one table, per kind and parameter: the VAT method each kind
// takes, the quantities copied or left to the operator, discounts kept as
// they were on the order.
func TestGenerateRulesPerKind(t *testing.T) {
	o := genOrderFor(VATFromNet, withDiscount(ln("Sofa", Units(2), 100000, 2000), 1000), ln("Book", Units(1), 2000, 550))
	p := func(copyQty bool) Params {
		return Params{CopyQtyFromOrder: copyQty, VATMethods: map[Kind]VATMethod{KindReceipt: VATFromGross, KindInvoice: VATFromGross}}
	}
	cases := []struct {
		kind    Kind
		copyQty bool
		method  VATMethod
		qty     []Qty
	}{
		{KindInvoice, true, VATFromNet, []Qty{Units(2), Units(1)}},
		{KindInvoice, false, VATFromNet, []Qty{0, 0}},
		{KindReceipt, true, VATFromGross, []Qty{Units(2), Units(1)}},
		{KindReceipt, false, VATFromGross, []Qty{0, 0}},
	}
	for _, c := range cases {
		d, err := GenerateFrom(o, nil, c.kind, p(c.copyQty), true)
		require.NoError(t, err)
		assert.Equal(t, c.method, d.VATMethod, "%s copy=%v", c.kind, c.copyQty)
		assert.Equal(t, c.qty, qtys(d))
		assert.Equal(t, Percent(1000), d.Lines[0].Discount, "the discount is not recalculated")
		if !c.copyQty {
			requireErrKey(t, d.CheckGenerated(), CodeInvalid, MsgNoLine)
			CopyQuantities(d)
		}
		require.NoError(t, d.CheckGenerated())
		assert.Equal(t, []bool{false, false}, []bool{d.BeyondOrder(0), d.BeyondOrder(1)})
	}
}
