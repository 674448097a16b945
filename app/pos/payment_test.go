package pos

import (
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func cash(m Money) Tender     { return Tender{Method: "CASH", Type: PaymentCash, Amount: m} }
func card(m Money) Tender     { return Tender{Method: "CARD", Type: PaymentCard, Amount: m} }
func transfer(m Money) Tender { return Tender{Method: "WIRE", Type: PaymentTransfer, Amount: m} }

// checkSettled asserts the invariants of a successful Settle: the payments keep
// exactly what is due, in the order of the tenders; the change is what was
// handed over beyond it, never negative, and comes out of the cash.
func checkSettled(t testingT, due Money, tenders []Tender, pays []Payment, change Money) {
	t.Helper()
	require.Len(t, pays, len(tenders))
	kept, handed, cashIn := new(big.Int), new(big.Int), new(big.Int)
	given := Money(0)
	for i, p := range pays {
		tn := tenders[i]
		assert.Equal(t, tn.Method, p.Method, "payment %d out of order", i)
		assert.GreaterOrEqual(t, p.Amount, Money(0), "payment %d", i)
		assert.LessOrEqual(t, p.Amount, tn.Amount, "payment %d keeps more than was handed", i)
		kept.Add(kept, big.NewInt(int64(p.Amount)))
		handed.Add(handed, big.NewInt(int64(tn.Amount)))
		if tn.Type != PaymentCash {
			assert.Equal(t, tn.Amount, p.Amount, "a %s payment %d gives change", tn.Type, i)
			assert.Zero(t, p.Tendered, "payment %d", i)
			continue
		}
		cashIn.Add(cashIn, big.NewInt(int64(tn.Amount)))
		if p.Tendered == 0 {
			assert.Equal(t, tn.Amount, p.Amount, "cash payment %d without tendered gives change", i)
		} else {
			assert.Equal(t, tn.Amount, p.Tendered, "cash payment %d: tendered", i)
			given += p.Tendered - p.Amount
		}
	}
	assert.Equal(t, big.NewInt(int64(due)).String(), kept.String(), "the payments keep what is due")
	assert.GreaterOrEqual(t, change, Money(0))
	assert.Equal(t, new(big.Int).Sub(handed, big.NewInt(int64(due))).String(), big.NewInt(int64(change)).String(), "change = handed over − due")
	assert.LessOrEqual(t, big.NewInt(int64(change)).Cmp(cashIn), 0, "change %s beyond the cash %s", change, cashIn)
	assert.Equal(t, change, given, "the change is what the cash payments give back")
	d := &Document{Kind: KindReceipt, VATMethod: VATFromGross, Lines: []Line{ln("x", Units(1), 0, 0)}, Payments: pays}
	assert.NoError(t, d.Check(), "payments a document refuses")
}

func TestSettle(t *testing.T) {
	cases := []struct {
		name    string
		due     Money
		tenders []Tender
		want    []Payment
		change  Money
	}{
		{"exact card", 3499, []Tender{card(3499)}, []Payment{{Method: "CARD", Amount: 3499}}, 0},
		{"cash with change", 3499, []Tender{cash(5000)}, []Payment{{Method: "CASH", Amount: 3499, Tendered: 5000}}, 1501},
		{"the method's name kept for the receipt", 3499, []Tender{{Method: "CARD", Name: "Carte bancaire", Type: PaymentCard, Amount: 3499}},
			[]Payment{{Method: "CARD", Name: "Carte bancaire", Amount: 3499}}, 0},
		{"cash with change, one cent", 1, []Tender{cash(200)}, []Payment{{Method: "CASH", Amount: 1, Tendered: 200}}, 199},
		{"card then cash with change", 3499, []Tender{card(2000), cash(2000)},
			[]Payment{{Method: "CARD", Amount: 2000}, {Method: "CASH", Amount: 1499, Tendered: 2000}}, 501},
		{"cash then card, the order kept", 3499, []Tender{cash(5000), card(2000)},
			[]Payment{{Method: "CASH", Amount: 1499, Tendered: 5000}, {Method: "CARD", Amount: 2000}}, 3501},
		{"card, transfer and cash exact", 10000, []Tender{card(2500), transfer(2500), cash(5000)},
			[]Payment{{Method: "CARD", Amount: 2500}, {Method: "WIRE", Amount: 2500}, {Method: "CASH", Amount: 5000}}, 0},
		{"zero due, no tenders (R-F5)", 0, nil, []Payment{}, 0},
		{"zero due, cash handed back", 0, []Tender{cash(500)}, []Payment{{Method: "CASH", Amount: 0, Tendered: 500}}, 500},
		{"the largest amount", MaxAmount, []Tender{card(MaxAmount)}, []Payment{{Method: "CARD", Amount: MaxAmount}}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pays, change, err := Settle(c.due, c.tenders)
			require.NoError(t, err)
			assert.Equal(t, c.want, pays)
			assert.Equal(t, c.change, change)
			checkSettled(t, c.due, c.tenders, pays, change)
		})
	}
}

// Exact cash: no change, and whatever is recorded as tendered agrees with it.
func TestSettleExactCash(t *testing.T) {
	pays, change, err := Settle(3499, []Tender{cash(3499)})
	require.NoError(t, err)
	assert.Zero(t, change)
	require.Len(t, pays, 1)
	assert.Equal(t, Money(3499), pays[0].Amount)
	assert.Contains(t, []Money{0, 3499}, pays[0].Tendered)
}

// Two cash tenders: whichever gives the change, the invariants hold.
func TestSettleTwoCashTenders(t *testing.T) {
	tenders := []Tender{cash(2000), cash(2000)}
	pays, change, err := Settle(3499, tenders)
	require.NoError(t, err)
	assert.Equal(t, Money(501), change)
	checkSettled(t, 3499, tenders, pays, change)

	// The change may exceed one cash tender: 10.00 + 0.50 for 4.00.
	tenders = []Tender{cash(1000), cash(50)}
	pays, change, err = Settle(400, tenders)
	require.NoError(t, err)
	assert.Equal(t, Money(650), change)
	checkSettled(t, 400, tenders, pays, change)
}

func TestSettleRefuses(t *testing.T) {
	cases := []struct {
		name    string
		due     Money
		tenders []Tender
		code    Code
		key     string
		args    map[string]any
	}{
		{"card over-payment", 3499, []Tender{card(4000)}, CodeInvalid, "error.change_not_cash", map[string]any{"Value": "5.01"}},
		{"transfer over-payment", 3499, []Tender{transfer(3500)}, CodeInvalid, "error.change_not_cash", map[string]any{"Value": "0.01"}},
		{"card over-payment with too little cash", 3499, []Tender{card(4000), cash(1000)}, CodeInvalid, "error.change_not_cash", map[string]any{"Value": "5.01"}},
		{"card on a zero total", 0, []Tender{card(1)}, CodeInvalid, "error.change_not_cash", map[string]any{"Value": "0.01"}},
		{"short cash", 3499, []Tender{cash(3000)}, CodeInvalid, "error.payment_short", map[string]any{"Missing": "4.99"}},
		{"short split", 3499, []Tender{card(1000), cash(2000)}, CodeInvalid, "error.payment_short", map[string]any{"Missing": "4.99"}},
		{"nothing handed over", 3499, nil, CodeInvalid, "error.payment_short", map[string]any{"Missing": "34.99"}},
		{"one cent short", 3499, []Tender{card(3498)}, CodeInvalid, "error.payment_short", map[string]any{"Missing": "0.01"}},
		{"zero tender", 3499, []Tender{cash(0), cash(5000)}, CodeInvalid, "error.payment_invalid", map[string]any{"Value": "0.00"}},
		{"negative tender", 3499, []Tender{cash(5000), card(-1)}, CodeInvalid, "error.payment_invalid", map[string]any{"Value": "-0.01"}},
		{"absurd tender", 3499, []Tender{cash(MaxAmount + 1)}, CodeInvalid, "error.payment_invalid", nil},
		{"tender without a method", 3499, []Tender{{Type: PaymentCash, Amount: 5000}}, CodeInvalid, "error.payment_invalid", nil},
		{"negative due", -1, []Tender{cash(100)}, CodeInvalid, "error.amount_invalid", nil},
		{"absurd due", MaxAmount + 1, []Tender{cash(MaxAmount)}, CodeInvalid, "error.amount_invalid", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pays, change, err := Settle(c.due, c.tenders)
			requireErrKey(t, err, c.code, c.key)
			assert.Nil(t, pays)
			assert.Zero(t, change)
			if c.args != nil {
				e, _ := AsError(err)
				assert.Equal(t, c.args, e.Args)
			}
		})
	}
}

// R-SEC4: absurd input — here, so many tenders that their sum no longer fits in
// an int64 — gets a clear error. Each tender is within MaxAmount, so only the
// running total can catch it; without that, the total wraps round and a card
// "payment" of 18,446 × 10^13 units settles a 1.00 receipt.
func TestSettleNeverWraps(t *testing.T) {
	t.Run("cash", func(t *testing.T) {
		tenders := make([]Tender, 18447)
		for i := range tenders {
			tenders[i] = cash(MaxAmount)
		}
		pays, change, err := Settle(100, tenders)
		if !assert.Error(t, err, "settled with change %s", change) {
			checkSettled(t, 100, tenders, pays, change)
			return
		}
		assert.Equal(t, CodeInvalid, ErrorCode(err))
	})
	t.Run("card", func(t *testing.T) {
		tenders := make([]Tender, 18447)
		for i := range tenders {
			tenders[i] = card(MaxAmount)
		}
		// 18,446 × 10^15 + 744,073,709,551,716 ≡ 100 (mod 2^64).
		tenders[len(tenders)-1] = card(744_073_709_551_716)
		pays, change, err := Settle(100, tenders)
		if !assert.Error(t, err, "settled with change %s", change) {
			checkSettled(t, 100, tenders, pays, change)
			return
		}
		assert.Equal(t, CodeInvalid, ErrorCode(err))
	})
}

func TestSettleDoesNotMutate(t *testing.T) {
	tenders := []Tender{card(2000), cash(5000)}
	before := slices.Clone(tenders)
	_, _, err := Settle(3499, tenders)
	require.NoError(t, err)
	assert.Equal(t, before, tenders)
}

var genPaymentType = rapid.SampledFrom([]PaymentType{PaymentCash, PaymentCash, PaymentCard, PaymentTransfer, PaymentOther})

// drawTenders draws what a customer hands over for due: amounts around what
// remains, so that exact, short, over-paid and split payments all come up. The
// total stays within MaxAmount (beyond it, see TestSettleNeverWraps).
func drawTenders(t *rapid.T, due Money) []Tender {
	n := rapid.IntRange(0, 5).Draw(t, "tenders")
	tenders := make([]Tender, 0, n)
	left, sum := due, Money(0)
	for i := range n {
		typ := genPaymentType.Draw(t, fmt.Sprintf("type%d", i))
		var amt Money
		switch rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("how%d", i)) {
		case 0: // exactly what remains
			amt = max(left, 1)
		case 1: // part of it
			amt = Money(rapid.Int64Range(1, max(int64(left), 1)).Draw(t, fmt.Sprintf("part%d", i)))
		case 2: // a round note above it
			amt = (left/1000 + Money(rapid.Int64Range(1, 5).Draw(t, fmt.Sprintf("notes%d", i)))) * 1000
		default:
			amt = Money(rapid.Int64Range(1, int64(MaxAmount)).Draw(t, fmt.Sprintf("any%d", i)))
		}
		amt = min(amt, MaxAmount-sum)
		if amt <= 0 {
			break
		}
		sum += amt
		left = max(left-amt, 0)
		tenders = append(tenders, Tender{Method: fmt.Sprintf("M%d-%s", i, typ), Type: typ, Amount: amt})
	}
	return tenders
}

func drawDue(t *rapid.T) Money {
	if rapid.IntRange(0, 9).Draw(t, "large") == 0 {
		return Money(rapid.Int64Range(0, int64(MaxAmount)).Draw(t, "due"))
	}
	return Money(rapid.Int64Range(0, 1_000_000).Draw(t, "due"))
}

// TestSettleProperty: Settle agrees with a model — short when the tenders do not
// cover what is due, refused when anything but cash exceeds it, settled
// otherwise — and every settlement keeps the invariants of checkSettled.
func TestSettleProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		due := drawDue(t)
		tenders := drawTenders(t, due)
		before := slices.Clone(tenders)
		var total, nonCash Money
		for _, tn := range tenders {
			total += tn.Amount
			if tn.Type != PaymentCash {
				nonCash += tn.Amount
			}
		}
		pays, change, err := Settle(due, tenders)
		assert.Equal(t, before, tenders, "tenders changed")
		switch {
		case total < due:
			requireErrKey(t, err, CodeInvalid, "error.payment_short")
			e, _ := AsError(err)
			assert.Equal(t, (due - total).String(), e.Args["Missing"])
		case nonCash > due:
			requireErrKey(t, err, CodeInvalid, "error.change_not_cash")
		default:
			require.NoError(t, err)
			checkSettled(t, due, tenders, pays, change)
		}
		if err != nil {
			assert.Nil(t, pays)
			assert.Zero(t, change)
		}
	})
}

// TestSettleInvalidTenderProperty: one bad tender anywhere refuses the whole
// payment, whatever the others.
func TestSettleInvalidTenderProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		due := drawDue(t)
		tenders := drawTenders(t, due)
		bad := rapid.SampledFrom([]Tender{
			cash(0), card(0), cash(-1), card(-MaxAmount), cash(MaxAmount + 1),
			{Type: PaymentCash, Amount: 100}, {Type: PaymentCard, Amount: due + 1},
		}).Draw(t, "bad")
		at := rapid.IntRange(0, len(tenders)).Draw(t, "at")
		tenders = slices.Insert(tenders, at, bad)
		pays, change, err := Settle(due, tenders)
		requireErrKey(t, err, CodeInvalid, "error.payment_invalid")
		assert.Nil(t, pays)
		assert.Zero(t, change)
	})
}
