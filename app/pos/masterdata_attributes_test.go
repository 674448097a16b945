package pos

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckAttributesAtConfirmation(t *testing.T) {
	defs := []Attribute{
		{Code: "floor", Name: "Delivery floor", Kinds: []Kind{KindOrder}, Mandatory: true},
		{Code: "lift", Name: "Lift", Kinds: []Kind{KindOrder, KindQuote}, Values: []string{"yes", "no"}},
		{Code: "site", Name: "Site", Kinds: []Kind{KindQuote}, Mandatory: true},
	}
	key := func(err error) string {
		if e, ok := AsError(err); ok {
			return e.Key + " " + e.Args["Name"].(string)
		}
		return ""
	}
	order := &Document{Kind: KindOrder}
	assert.Equal(t, "error.attribute_missing Delivery floor", key(CheckAttributes(order, defs)))
	order.Attributes = map[string]string{"floor": "  "}
	assert.Equal(t, "error.attribute_missing Delivery floor", key(CheckAttributes(order, defs)), "blanks are no value")
	order.Attributes = map[string]string{"floor": "3", "lift": "maybe"}
	assert.Equal(t, "error.attribute_value Lift", key(CheckAttributes(order, defs)))
	order.Attributes["lift"] = "no"
	assert.NoError(t, CheckAttributes(order, defs), "the quote's Site does not apply to an order")

	assert.Equal(t, []string{"lift", "site"}, codes(AttributesOf(defs, KindQuote)))
	assert.Error(t, defs[0].Check(strings.Repeat("x", MaxTextLen+1)))
	assert.NoError(t, defs[1].Check(""), "the empty value clears a listed attribute")
}

func codes(as []Attribute) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Code)
	}
	return out
}
