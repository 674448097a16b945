package app

import (
	"context"
	"slices"

	"github.com/comptoir/comptoir/app/pos"
)

// Bundles on the form and on documents generated from an order (R-G4, R-F6):
// [Apply bundles], [Remove bundles], and the answer Yes to M7.

// BundleSource is the store's bundle definitions. It is optional: a
// DocumentStore that does not implement it has no bundles.
type BundleSource interface {
	Bundles(ctx context.Context) ([]pos.Bundle, error)
}

// Bundles returns the bundle definitions of the master data.
func (o *Orders) Bundles(ctx context.Context) ([]pos.Bundle, error) {
	src, ok := o.store.(BundleSource)
	if !ok {
		return nil, nil
	}
	return src.Bundles(ctx)
}

// bundlesEditable refuses documents whose lines are no longer edited here:
// bundles are applied while a document is being made, before it is
// confirmed, and never on an advance invoice.
func bundlesEditable(d *pos.Document) error {
	if d.Status != pos.StatusUnconfirmed || d.Kind == pos.KindAdvanceInvoice {
		return pos.Errorf(pos.CodeConflict, "error.action_status", "Action", "bundles", "Status", string(d.Status))
	}
	return nil
}

// ApplyBundles applies the bundles of the master data to the document's free
// lines ([Apply bundles]) and returns how many were applied; lines already in
// a bundle (on a generated document, those copied from the order) keep
// theirs.
func (o *Orders) ApplyBundles(ctx context.Context, d *pos.Document) (int, error) {
	if err := bundlesEditable(d); err != nil {
		return 0, err
	}
	bundles, err := o.Bundles(ctx)
	if err != nil {
		return 0, err
	}
	return pos.ApplyBundles(d, bundles)
}

// RemoveBundles gives every bundled line its price back ([Remove bundles]).
func (o *Orders) RemoveBundles(d *pos.Document) error {
	if err := bundlesEditable(d); err != nil {
		return err
	}
	return pos.RemoveBundles(d)
}

// SetQtyRebundle is the answer Yes to M7 on changing the quantity of a
// bundled line: the quantity changes and the bundles of the whole document
// are calculated again. The answer No is to do nothing.
func (o *Orders) SetQtyRebundle(ctx context.Context, d *pos.Document, i int, qty pos.Qty) error {
	return o.rebundle(ctx, d, i, func(lines []pos.Line) ([]pos.Line, error) {
		if err := qty.Check(); err != nil {
			return nil, err
		}
		lines[i].Qty = qty
		return lines, nil
	})
}

// RemoveLineRebundle is the answer Yes to M7 on removing a bundled line: the
// line goes and the bundles of the whole document are calculated again.
func (o *Orders) RemoveLineRebundle(ctx context.Context, d *pos.Document, i int) error {
	return o.rebundle(ctx, d, i, func(lines []pos.Line) ([]pos.Line, error) {
		return slices.Delete(lines, i, i+1), nil
	})
}

func (o *Orders) rebundle(ctx context.Context, d *pos.Document, i int, change func([]pos.Line) ([]pos.Line, error)) error {
	if i < 0 || i >= len(d.Lines) {
		return pos.Errorf(pos.CodeInvalid, "error.line_unknown")
	}
	if err := bundlesEditable(d); err != nil {
		return err
	}
	bundles, err := o.Bundles(ctx)
	if err != nil {
		return err
	}
	lines, err := change(slices.Clone(d.Lines))
	if err != nil {
		return err
	}
	c := *d
	if err := o.setLines(&c, lines); err != nil {
		return err
	}
	if err := pos.RecalculateBundles(&c, bundles); err != nil {
		return err
	}
	*d = c
	return nil
}
