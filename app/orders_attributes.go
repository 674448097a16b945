package app

import (
	"context"

	"github.com/comptoir/comptoir/app/pos"
)

// Attributes lists the attributes documents of kind k carry (R-F7), for the
// form's attributes window.
func (o *Orders) Attributes(ctx context.Context, k pos.Kind) ([]pos.Attribute, error) {
	if _, err := o.login(); err != nil {
		return nil, err
	}
	all, err := o.allAttributes(ctx)
	return pos.AttributesOf(all, k), err
}

func (o *Orders) allAttributes(ctx context.Context) ([]pos.Attribute, error) {
	if o.points == nil {
		return nil, nil
	}
	return o.points.Attributes(ctx)
}

// SetAttribute sets the value of one of d's attributes while it is being
// built; the empty value clears it. A value the attribute does not accept
// is refused; a missing mandatory one is only refused at confirmation.
func (o *Orders) SetAttribute(ctx context.Context, d *pos.Document, code, value string) error {
	if err := editable(d); err != nil {
		return err
	}
	as, err := o.Attributes(ctx, d.Kind)
	if err != nil {
		return err
	}
	for _, a := range as {
		if a.Code != code {
			continue
		}
		if err := a.Check(value); err != nil {
			return err
		}
		attrs := make(map[string]string, len(d.Attributes)+1)
		for k, v := range d.Attributes {
			attrs[k] = v
		}
		if value == "" {
			delete(attrs, code)
		} else {
			attrs[code] = value
		}
		d.Attributes = attrs
		return nil
	}
	return pos.Errorf(pos.CodeInvalid, "error.attribute_unknown", "Code", code)
}

// checkAttributes applies R-F7 when a document is confirmed.
func (o *Orders) checkAttributes(ctx context.Context, d *pos.Document) error {
	all, err := o.allAttributes(ctx)
	if err != nil {
		return err
	}
	return pos.CheckAttributes(d, all)
}
