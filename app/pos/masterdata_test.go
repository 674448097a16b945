package pos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustQty(t testing.TB, s string) Qty {
	t.Helper()
	q, err := ParseQty(s)
	require.NoError(t, err)
	return q
}

func TestUnitToleranceValue(t *testing.T) {
	kg := Unit{Code: "kg", Decimals: 4, Tolerance: mustQty(t, "0.1")}
	ordered := mustQty(t, "1")
	cases := []struct {
		picked     string
		full, over bool
	}{
		{"0.9814", true, false}, // R-P3's example
		{"0.9", true, false},    // the lower edge is inside
		{"0.8999", false, false},
		{"0.89", false, false},
		{"0", false, false},
		{"1", true, false},
		{"1.1", true, false}, // the upper edge is inside
		{"1.1001", true, true},
		{"2", true, true},
	}
	for _, c := range cases {
		t.Run(c.picked, func(t *testing.T) {
			p := mustQty(t, c.picked)
			assert.Equal(t, c.full, kg.FullyPicked(ordered, p), "fully picked")
			assert.Equal(t, c.over, kg.OverPicked(ordered, p), "over picked")
		})
	}
}

func TestUnitTolerancePercent(t *testing.T) {
	// 10% of 2.5 kg is 0.25 kg.
	kg := Unit{Code: "kg", Decimals: 4, TolerancePct: 1000, Tolerance: mustQty(t, "5")} // the percentage wins
	ordered := mustQty(t, "2.5")
	cases := []struct {
		picked     string
		full, over bool
	}{
		{"2.25", true, false},
		{"2.2499", false, false},
		{"2.75", true, false},
		{"2.7501", true, true},
	}
	for _, c := range cases {
		t.Run(c.picked, func(t *testing.T) {
			p := mustQty(t, c.picked)
			assert.Equal(t, c.full, kg.FullyPicked(ordered, p), "fully picked")
			assert.Equal(t, c.over, kg.OverPicked(ordered, p), "over picked")
		})
	}

	t.Run("rounded half away from zero", func(t *testing.T) {
		// 2.5% of 0.0010 is 0.000025 → 0.0000 (below half); of 0.0020 is 0.00005 → 0.0001.
		u := Unit{TolerancePct: 250}
		assert.False(t, u.FullyPicked(10, 9))
		assert.True(t, u.FullyPicked(20, 19))
	})
}

func TestUnitNoTolerance(t *testing.T) {
	pc := Unit{Code: "pc"}
	assert.True(t, pc.FullyPicked(Units(3), Units(3)))
	assert.False(t, pc.FullyPicked(Units(3), Units(2)))
	assert.False(t, pc.OverPicked(Units(3), Units(3)))
	assert.True(t, pc.OverPicked(Units(3), Units(4)))
}

func TestDefaultPaymentMethod(t *testing.T) {
	cashTill := PaymentMethod{Code: "CASH-KASA", Name: "Espèces", Type: PaymentCash, Terminals: []string{"KRKASA1"}}
	cashAll := PaymentMethod{Code: "CASH", Name: "Espèces", Type: PaymentCash}
	card := PaymentMethod{Code: "CARD", Name: "Carte", Type: PaymentCard, Terminals: []string{"KRKASA1"}}
	transfer := PaymentMethod{Code: "TRANSFER", Name: "Virement", Type: PaymentTransfer, Terminals: []string{"KRPOS3"}}
	cheque := PaymentMethod{Code: "CHEQUE", Name: "Chèque", Type: PaymentOther}

	all := []PaymentMethod{cashTill, cashAll, card, transfer, cheque}
	cases := []struct {
		name     string
		customer string
		methods  []PaymentMethod
		terminal string
		want     PaymentMethod
		found    bool
	}{
		{"customer's method available", "TRANSFER", all, "KRPOS3", transfer, true},
		{"customer's method on every terminal", "CHEQUE", all, "KRKASA1", cheque, true},
		{"customer's method listed after cash", "CARD", []PaymentMethod{cashTill, card}, "KRKASA1", card, true},
		{"not on this terminal: the terminal's cash", "TRANSFER", all, "KRKASA1", cashTill, true},
		{"not on this terminal: cash of this terminal only", "CARD", all, "KRPOS3", cashAll, true},
		{"customer without a method", "", all, "KRKASA1", cashTill, true},
		{"unknown method", "BITCOIN", all, "KRKASA1", cashTill, true},
		{"no cash on this terminal", "CARD", []PaymentMethod{cashTill, card, transfer}, "KRPOS3", PaymentMethod{}, false},
		{"no methods at all", "CARD", nil, "KRKASA1", PaymentMethod{}, false},
		{"customer pays cash", "CASH", all, "KRKASA1", cashAll, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, found := DefaultPaymentMethod(Customer{Code: "C1", PaymentMethod: c.customer}, c.methods, c.terminal)
			assert.Equal(t, c.found, found)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestPaymentMethodAvailableOn(t *testing.T) {
	assert.True(t, PaymentMethod{Code: "CASH"}.AvailableOn("ANY"), "no list: every terminal")
	m := PaymentMethod{Code: "CARD", Terminals: []string{"KRKASA1", "KRKASA2"}}
	assert.True(t, m.AvailableOn("KRKASA2"))
	assert.False(t, m.AvailableOn("KRPOS3"))
	assert.False(t, m.AvailableOn(""))
}

func TestWarehouseAvailableTo(t *testing.T) {
	w := Warehouse{Code: "W1", Center: "KR", Available: []string{"WA"}}
	assert.True(t, w.AvailableTo("KR"), "own center")
	assert.True(t, w.AvailableTo("WA"), "listed center")
	assert.False(t, w.AvailableTo("GD"))
	assert.False(t, w.AvailableTo(""))
}

func TestGroupHas(t *testing.T) {
	g := Group{Code: "CASHIERS", Rights: []Right{RightOrders, RightReceipt}}
	assert.True(t, g.Has(RightReceipt))
	assert.False(t, g.Has(RightInvoice))
	assert.False(t, Group{}.Has(RightOrders))

	seen := map[Right]bool{}
	for _, r := range AllRights {
		assert.False(t, seen[r], "duplicate right %s", r)
		seen[r] = true
		assert.True(t, Group{Rights: AllRights}.Has(r))
	}
	assert.Len(t, AllRights, 15)
}

func TestParamsVATMethodFor(t *testing.T) {
	p := Params{VATMethods: map[Kind]VATMethod{KindInvoice: VATFromNet, KindReceipt: VATFromGross, KindQuote: "bogus"}}
	assert.Equal(t, VATFromNet, p.VATMethodFor(KindInvoice))
	assert.Equal(t, VATFromGross, p.VATMethodFor(KindReceipt))
	assert.Equal(t, VATFromGross, p.VATMethodFor(KindQuote), "an invalid definition falls back to gross")
	assert.Equal(t, VATFromGross, p.VATMethodFor(KindOrder), "no definition: gross")
	assert.Equal(t, VATFromGross, Params{}.VATMethodFor(KindInvoice))
}

func TestAddressOnOneLine(t *testing.T) {
	assert.Equal(t, "12 rue de la Paix, 75002 Paris", Address{Street: "12 rue de la Paix", Postcode: "75002", City: "Paris"}.OneLine())
	assert.Equal(t, "Rynek 1, Kraków", Address{Street: "Rynek 1", City: "Kraków"}.OneLine(), "no double space without a postcode")
}
