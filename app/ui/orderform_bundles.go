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
// Like the ERP's [Calculate bundles]/[Bundles], one key does both: it reads
// Remove once the document holds a bundle.

// documentKeys is the row of keys under the lines that act on the whole
// document: the bundles key and [Confirm and create advance invoice]
// (advance.go). The side panel has no room left for them on a 768-pixel till.
func (f *orderForm) documentKeys() fyne.CanvasObject {
	f.bundles = newTouchButton("", f.toggleBundles)
	f.showBundleKey()
	// The labels' padding narrowed, as on the list's keys: two lines of
	// French fit a key's height.
	return container.NewThemeOverride(container.NewGridWithColumns(2, f.bundles.view, f.advanceButton()), compactTheme{NewTheme()})
}

// showBundleKey names the bundles key after what it will do.
func (f *orderForm) showBundleKey() {
	key := "bundles.apply"
	if hasBundles(f.doc) {
		key = "bundles.remove"
	}
	f.bundles.label.SetText(lang.L(key))
}

func (f *orderForm) toggleBundles() {
	if hasBundles(f.doc) {
		f.removeBundles()
	} else {
		f.applyBundles()
	}
	f.showBundleKey()
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
	if err := f.orders.RemoveBundles(f.doc); err != nil {
		f.fail(err)
		return
	}
	f.changed()
	f.refresh()
	f.setMessage(widget.SuccessImportance, lang.L("bundles.removed"))
}

// lineTitle is a line's name as the lines show it: a bundled line says which
// bundle holds it, the lines M7 guards (R-G4).
func lineTitle(l pos.Line) string {
	if l.BundleID == "" {
		return l.Name
	}
	return lang.L("bundles.line", map[string]any{"Name": l.Name, "Bundle": pos.BundleCode(l.BundleID)})
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
	dirty := f.dirty
	c := canvasOf(f.view)
	if e, ok := pos.AsError(err); ok && e.Key == pos.MsgBundleRemoved {
		// The quantity keypad that typed the change, when open, gives way to
		// the question: closing it afterwards would close every window above
		// it too.
		if top := c.Overlays().Top(); top != nil {
			top.Hide()
		}
	}
	return askBundleBreak(c, err, func(yes bool) {
		if !yes {
			f.setDirty(dirty)
			return
		}
		f.apply(rebundle())
		f.showBundleKey()
	})
}

// askBundleBreak asks M7, word for word, when err is the use case's refusal
// to break a bundle, and hands the answer over; it tells whether it asked.
func askBundleBreak(c fyne.Canvas, err error, answer func(yes bool)) bool {
	e, ok := pos.AsError(err)
	if !ok || e.Key != pos.MsgBundleRemoved {
		return false
	}
	askYesNo(c, lang.L("bundles.title"), lang.L(pos.MsgBundleRemoved), answer)
	return true
}
