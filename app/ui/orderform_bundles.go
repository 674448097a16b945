package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/app/pos"
)

// Bundles on the form (R-F6, R-G4): [Apply bundles] reprices the lines that
// make up the ERP's bundles, [Remove bundles] gives them their prices back,
// and changing the quantity of a bundled line or removing it asks M7 first.

// bundleButtons are [Apply bundles] and [Remove bundles], side by side.
func (f *orderForm) bundleButtons() fyne.CanvasObject {
	apply := newTouchButton(lang.L("bundles.apply"), f.applyBundles)
	remove := newTouchButton(lang.L("bundles.remove"), f.removeBundles)
	return container.NewGridWithColumns(2, apply.view, remove.view)
}

// applyBundles applies the bundles the lines allow and says how many.
func (f *orderForm) applyBundles() {
	n, err := f.orders.ApplyBundles(f.ctx, f.doc)
	if err != nil {
		f.fail(err)
		return
	}
	if n == 0 {
		f.setMessage(widget.MediumImportance, lang.L("bundles.none"))
		return
	}
	f.changed()
	f.refresh()
	f.setMessage(widget.SuccessImportance, lang.L("bundles.applied", map[string]any{"Count": n}))
}

// removeBundles gives every bundled line its price back.
func (f *orderForm) removeBundles() {
	if !hasBundles(f.doc) {
		f.setMessage(widget.MediumImportance, lang.L("bundles.nothing_to_remove"))
		return
	}
	if err := f.orders.RemoveBundles(f.doc); err != nil {
		f.fail(err)
		return
	}
	f.changed()
	f.refresh()
	f.setMessage(widget.SuccessImportance, lang.L("bundles.removed"))
}

func hasBundles(d *pos.Document) bool {
	for i := range d.Lines {
		if pos.TouchesBundle(d, i) {
			return true
		}
	}
	return false
}

// askRebundle asks M7 when err says that a change would break a bundle
// (R-G4): Yes runs rebundle, which makes the change and calculates the
// bundles of the whole document again; No leaves the document, and whether
// it holds unsaved changes, as they were. It tells whether it asked.
func (f *orderForm) askRebundle(err error, rebundle func() error) bool {
	e, ok := pos.AsError(err)
	if !ok || e.Key != pos.MsgBundleRemoved {
		return false
	}
	dirty := f.dirty
	c := canvasOf(f.view)
	// The quantity keypad that typed the change gives way to the question:
	// closing it afterwards would close every window above it too.
	if top := c.Overlays().Top(); top != nil {
		top.Hide()
	}
	askYesNo(c, lang.L("bundles.title"), lang.L(pos.MsgBundleRemoved), func(yes bool) {
		if !yes {
			f.setDirty(dirty)
			return
		}
		f.apply(rebundle())
	})
	return true
}
