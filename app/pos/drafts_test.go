package pos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestCheckDraftOwner(t *testing.T) {
	consultants := Group{Rights: []Right{RightOrderEdit}}
	assert.NoError(t, CheckDraftOwner("MARC", "MARC", consultants), "one's own draft")
	assert.NoError(t, CheckDraftOwner("", "MARC", consultants), "no owner recorded")
	requireErrKey(t, CheckDraftOwner("GIULIA", "MARC", consultants), CodeForbidden, "drafts.others_right")
	assert.NoError(t, CheckDraftOwner("GIULIA", "MARC", Group{Rights: []Right{RightOthersDocuments}}))
}

func TestDraftVATMethodIsFixedUnlessByCustomerStatus(t *testing.T) {
	d := order(VATFromGross, ln("Hand mixer", Units(1), 4999, 2000))
	fixed := Params{}
	byStatus := Params{ByCustomerStatus: true}
	assert.NoError(t, CheckDraftVATMethod(d, fixed, VATFromGross), "unchanged")
	requireErrKey(t, CheckDraftVATMethod(d, fixed, VATFromNet), CodeForbidden, "drafts.vat_method_fixed")
	assert.NoError(t, CheckDraftVATMethod(d, byStatus, VATFromNet), "a COMC following the customer's status")
	requireErrKey(t, CheckDraftVATMethod(d, byStatus, "both"), CodeInvalid, "error.vat_method_invalid")

	quote := *d
	quote.Kind = KindQuote
	requireErrKey(t, CheckDraftVATMethod(&quote, byStatus, VATFromNet), CodeForbidden, "drafts.vat_method_fixed")
}

func TestChangingTheCustomerAsksToRecalculateVAT(t *testing.T) {
	d := order(VATFromGross, ln("Hand mixer", Units(1), 4999, 2000))
	business := Customer{Code: "C0002", VATStatus: VATStatusRegistered}
	person := Customer{Code: "C0001"}

	to, ask := DraftCustomerVAT(d, Params{ByCustomerStatus: true}, business)
	assert.True(t, ask)
	assert.Equal(t, VATFromNet, to)
	_, ask = DraftCustomerVAT(d, Params{ByCustomerStatus: true}, person)
	assert.False(t, ask, "the same method: nothing to ask")
	to, ask = DraftCustomerVAT(d, Params{}, business)
	assert.False(t, ask, "the type's method is fixed")
	assert.Equal(t, VATFromGross, to)
}

func TestRecalculateVATMovesPricesToTheNewBasis(t *testing.T) {
	d := order(VATFromGross, ln("Hand mixer", Units(1), 4999, 2000), ln("Fan", Units(2), 3499, 2000))
	before, err := d.Totals()
	require.NoError(t, err)
	require.NoError(t, RecalculateVAT(d, VATFromNet))
	assert.Equal(t, VATFromNet, d.VATMethod)
	assert.Equal(t, Money(4166), d.Lines[0].Price, "49.99 incl. 20 % is 41.66 net")
	assert.Equal(t, Money(4166), d.Lines[0].BasePrice)
	after, err := d.Totals()
	require.NoError(t, err)
	assert.InDelta(t, int64(before.Gross), int64(after.Gross), 3, "the customer pays the same, to a cent a unit")

	requireErrKey(t, RecalculateVAT(d, "both"), CodeInvalid, "error.vat_method_invalid")
	assert.Equal(t, VATFromNet, d.VATMethod, "nothing changed")
}

// Recalculating there and back gives each unit price back within a cent, and
// the document stays valid.
func TestRecalculateVATRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Up to a cent below the largest price: the way back rounds to the
		// nearest cent, so the largest price itself may come back a cent
		// above the bound, and is then refused (amount_too_large).
		price := Money(rapid.Int64Range(0, int64(MaxPrice)-1).Draw(t, "price"))
		rate := Percent(rapid.Int64Range(0, int64(MaxRate)).Draw(t, "rate"))
		from := rapid.SampledFrom([]VATMethod{VATFromGross, VATFromNet}).Draw(t, "from")
		to := VATFromNet
		if from == VATFromNet {
			to = VATFromGross
		}
		d := order(from, ln("Item", Units(1), price, rate))
		if RecalculateVAT(d, to) != nil {
			return // a net price whose gross exceeds the bounds stays as it was
		}
		require.NoError(t, d.Check())
		require.NoError(t, RecalculateVAT(d, from))
		assert.Equal(t, from, d.VATMethod)
		assert.InDelta(t, int64(price), int64(d.Lines[0].Price), 1)
	})
}

func TestDraftDiscountIsKeptOrLowered(t *testing.T) {
	assert.NoError(t, CheckDraftDiscount(1000, 1000, false), "kept without the right")
	requireErrKey(t, CheckDraftDiscount(1000, 500, false), CodeForbidden, "drafts.discount_kept")
	assert.NoError(t, CheckDraftDiscount(1000, 500, true), "lowered with the right")
	assert.NoError(t, CheckDraftDiscount(1000, 0, true))
	requireErrKey(t, CheckDraftDiscount(1000, 1500, true), CodeInvalid, "drafts.discount_range")
	requireErrKey(t, CheckDraftDiscount(1000, -1, true), CodeInvalid, "drafts.discount_range")
}

// A draft's discount moves only with the right, and then only between zero
// and the saved value (R-D9).
func TestDraftDiscountProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		saved := Percent(rapid.Int64Range(0, int64(MaxRate)).Draw(t, "saved"))
		to := Percent(rapid.Int64Range(-int64(MaxRate), 2*int64(MaxRate)).Draw(t, "to"))
		can := rapid.Bool().Draw(t, "can")
		err := CheckDraftDiscount(saved, to, can)
		allowed := to == saved || can && to >= 0 && to <= saved
		assert.Equal(t, allowed, err == nil, "saved %v to %v right %v: %v", saved, to, can, err)
	})
}
