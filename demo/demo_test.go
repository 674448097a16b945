package demo

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

func TestOperatorsLogInWithTheirDemoPINs(t *testing.T) {
	md := MasterData()
	require.Len(t, md.Operators, len(PINs))
	for _, o := range md.Operators {
		assert.True(t, pos.VerifyPIN(o.PINHash, PINs[o.Code]), o.Code)
		assert.False(t, pos.VerifyPIN(o.PINHash, "0000"), o.Code)
	}
}

func TestProductsOfTheWorkedExamples(t *testing.T) {
	md := MasterData()
	assert.InDelta(t, 200, len(md.Products), 10, "about 200 products")
	byName := map[string]pos.Product{}
	eans := map[string]bool{}
	for _, p := range md.Products {
		byName[p.Name] = p
		for _, e := range p.EANs {
			assert.False(t, eans[e], "EAN %s used twice", e)
			eans[e] = true
			assert.Len(t, e, 13)
			assert.Equal(t, 0, ean13Check(e), "bad check digit in %s", e)
		}
	}
	for _, name := range []string{"Hand mixer", "Fan", "Kitchen table", "Home delivery", "Apples"} {
		assert.Contains(t, byName, name)
	}
	assert.True(t, byName["Home delivery"].Service)
	assert.Equal(t, "kg", byName["Apples"].Unit)
	var kg pos.Unit
	for _, u := range md.Units {
		if u.Code == "kg" {
			kg = u
		}
	}
	assert.True(t, kg.FullyPicked(pos.Units(1), 9814), "0.9814 kg of apples for 1 kg ordered")
}

func TestTerminalsAndCustomers(t *testing.T) {
	md := MasterData()
	var codes []string
	for _, t := range md.Terminals {
		codes = append(codes, t.Code)
	}
	assert.Equal(t, []string{"KRKASA1", "KRPOS2", "KRPOS3", "KRPOS4"}, codes)
	assert.Equal(t, pos.CustomerUndefined, md.Customers[0].Type)
	var cash int
	for _, m := range md.PaymentMethods {
		if m.Type == pos.PaymentCash {
			cash++
		}
	}
	assert.Equal(t, 1, cash, "one Cash method (R-F3's fallback)")
}

func TestOrdersAreValidDocuments(t *testing.T) {
	orders := Orders(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC))
	require.NotEmpty(t, orders)
	ids := map[string]bool{}
	for _, o := range orders {
		require.NoError(t, o.CheckConfirm(), o.Number)
		assert.False(t, ids[o.ID])
		ids[o.ID] = true
		_, err := pos.ParseDocNumber(string(o.BarcodeNo))
		assert.NoError(t, err)
	}
}

// ean13Check returns 0 for a valid EAN-13.
func ean13Check(e string) int {
	sum := 0
	for i, c := range e {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return sum % 10
}
