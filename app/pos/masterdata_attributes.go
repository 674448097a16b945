package pos

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Attribute is an attribute of documents defined in the ERP for some
// document types (R-F7): a delivery floor, a site reference. Its value is
// free text, or one of Values when the ERP lists them. A mandatory one is
// checked when the document is confirmed, never when it is only saved or
// pre-registered: a consultant parks a quote before the customer knows.
type Attribute struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Kinds     []Kind   `json:"kinds"`
	Mandatory bool     `json:"mandatory,omitempty"`
	Values    []string `json:"values,omitempty"`
}

// AppliesTo tells whether documents of kind k carry the attribute.
func (a Attribute) AppliesTo(k Kind) bool { return slices.Contains(a.Kinds, k) }

// Check refuses a value the attribute cannot take: too long, or not one of
// its values when it has a list. The empty value clears it.
func (a Attribute) Check(value string) error {
	if value == "" {
		return nil
	}
	if utf8.RuneCountInString(value) > MaxTextLen {
		return Errorf(CodeInvalid, "error.text_invalid", "Field", "attribute")
	}
	if len(a.Values) > 0 && !slices.Contains(a.Values, value) {
		return Errorf(CodeInvalid, "error.attribute_value", "Name", a.Name, "Value", value)
	}
	return nil
}

// AttributesOf returns the attributes documents of kind k carry, in the
// order given.
func AttributesOf(all []Attribute, k Kind) []Attribute {
	var out []Attribute
	for _, a := range all {
		if a.AppliesTo(k) {
			out = append(out, a)
		}
	}
	return out
}

// CheckAttributes applies R-F7 at confirmation: every mandatory attribute of
// d's kind has a value (blanks do not count), and every value is one its
// attribute accepts. The first missing one is named in the error.
func CheckAttributes(d *Document, all []Attribute) error {
	for _, a := range AttributesOf(all, d.Kind) {
		v := d.Attributes[a.Code]
		if a.Mandatory && strings.TrimSpace(v) == "" {
			return Errorf(CodeInvalid, "error.attribute_missing", "Name", a.Name)
		}
		if err := a.Check(v); err != nil {
			return err
		}
	}
	return nil
}
