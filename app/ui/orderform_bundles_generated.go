package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// generatedLines shows the lines of a receipt or invoice generated from an
// order, opened from its payment window: the quantity each delivers now
// (partial fulfilment, R-O5) next to what the order still has to deliver,
// items scanned beyond the order, marked green (R-G2), and the bundles copied
// from the order, which a change of quantity or a removal breaks only after
// M7 (R-G4). Only the lines added beyond the order can be removed; a line of
// the order delivers nothing at quantity 0.
type generatedLines struct {
	ctx     context.Context
	log     zerolog.Logger
	orders  *app.Orders
	gen     *app.Generation
	changed func()

	current int // the line the keypad changes, -1 for none
	totals  pos.Totals

	scan    *ScanField
	lines   *widget.List
	name    *widget.Label
	pad     *numberPad
	setQty  *widget.Button
	remove  *widget.Button
	message *widget.Label
	overlay *overlay
	canvas  fyne.Canvas
}

// generatedWeights share the width of the lines: name, price, quantity, to
// deliver, amount.
var generatedWeights = []float32{3.6, 1.9, 1.3, 1.4, 2.1}

// showGeneratedLines opens the lines of g over c; changed runs when it
// closes, for the payment window to read the amount due again.
func showGeneratedLines(ctx context.Context, deps ordersDeps, c fyne.Canvas, g *app.Generation, changed func()) {
	w := &generatedLines{ctx: ctx, log: deps.log, orders: deps.orders, gen: g, changed: changed, current: -1, canvas: c}
	w.message = newMessage()
	w.scan = NewScanField(lang.L("form.scan"), w.add)
	w.lines = widget.NewList(func() int { return len(w.gen.Doc.Lines) }, w.newRow, w.updateRow)
	w.lines.OnSelected = func(id widget.ListItemID) {
		w.current = id
		w.showLine()
	}
	up := widget.NewButtonWithIcon(lang.L("list.page_up"), theme.MoveUpIcon(), func() { w.scrollBy(-1) })
	down := widget.NewButtonWithIcon(lang.L("list.page_down"), theme.MoveDownIcon(), func() { w.scrollBy(1) })
	down.IconPlacement = widget.ButtonIconTrailingText
	paging := container.NewGridWithColumns(2, atLeast(fyne.NewSize(0, bigButton), up), atLeast(fyne.NewSize(0, bigButton), down))
	// Five columns beside the keypad on a 1024-pixel till: the labels'
	// padding narrowed, the titles short.
	compact := compactTheme{NewTheme()}
	table := container.NewThemeOverride(container.NewBorder(w.header(), nil, nil, nil, w.lines), compact)
	left := container.NewBorder(atLeast(fyne.NewSize(0, bigButton), w.scan), paging, nil, nil, table)

	w.name = widget.NewLabel("")
	w.name.TextStyle.Bold = true
	w.name.Wrapping = fyne.TextWrapWord
	w.pad = newNumberPad(lang.L("form.quantity"), w.applyQty)
	w.setQty = widget.NewButtonWithIcon(lang.L("generated.set_quantity"), theme.ConfirmIcon(), w.applyQty)
	w.setQty.Importance = widget.HighImportance
	w.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), w.removeLine)
	w.remove.Importance = widget.DangerImportance
	keys := container.NewBorder(nil, nil, nil, atLeast(fyne.NewSize(72, bigButton), w.remove), atLeast(fyne.NewSize(0, bigButton), w.setQty))
	right := atLeast(fyne.NewSize(300, 0), container.NewVBox(w.name, w.pad.view, keys))

	body := container.NewBorder(nil, w.message, nil, container.NewPadded(right), left)
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, w.close)
	title := lang.L("generated.title", map[string]any{"Kind": kindName(g.Doc.Kind),
		"Number": docNumber(g.Order.Number, g.Order.BarcodeNo)})
	w.overlay = showOverlay(c, title, body, fyne.NewSize(1180, 720), ok)
	w.refresh()
	focus(w.scan)
}

func (w *generatedLines) header() fyne.CanvasObject {
	return linesHeader(generatedWeights, "form.col.name", "form.col.price", "generated.col.qty",
		"generated.col.to_deliver", "form.col.amount")
}

func (w *generatedLines) newRow() fyne.CanvasObject { return newLinesRow(generatedWeights) }

// updateRow shows a line; one added beyond the order is green (R-G2).
func (w *generatedLines) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	d := w.gen.Doc
	if id >= len(d.Lines) {
		return
	}
	l := d.Lines[id]
	var amount pos.Money
	if id < len(w.totals.Lines) {
		amount = w.totals.Lines[id].Amount
	}
	toDeliver := ""
	if l.OrderLine > 0 {
		toDeliver = formatQty(l.FromOrder)
	}
	importance := widget.MediumImportance
	if d.BeyondOrder(id) {
		importance = widget.SuccessImportance
	}
	for i, text := range []string{lineTitle(l), formatMoney(l.Price), formatQty(l.Qty), toDeliver, formatMoney(amount)} {
		cell := o.(*fyne.Container).Objects[i].(*widget.Label)
		cell.Importance = importance
		cell.SetText(text)
	}
}

// scrollBy moves the lines a screenful up (−1) or down (+1).
func (w *generatedLines) scrollBy(pages float32) {
	step := max(w.lines.Size().Height-bigButton, bigButton)
	w.lines.ScrollToOffset(w.lines.GetScrollOffset() + pages*step)
}

// refresh shows the lines and the keys of the selected one as they now are.
func (w *generatedLines) refresh() {
	tot, err := w.gen.Doc.Totals()
	if err != nil {
		w.fail(err)
	}
	w.totals = tot
	if w.current >= len(w.gen.Doc.Lines) {
		w.current = len(w.gen.Doc.Lines) - 1
	}
	w.lines.Refresh()
	w.showLine()
}

func (w *generatedLines) showLine() {
	has := w.current >= 0 && w.current < len(w.gen.Doc.Lines)
	w.pad.setEnabled(has)
	enable(w.setQty, has)
	enable(w.remove, has && w.gen.Doc.BeyondOrder(w.current))
	if !has {
		w.name.SetText(lang.L("form.no_line"))
		w.pad.entry.SetText("")
		return
	}
	l := w.gen.Doc.Lines[w.current]
	w.name.SetText(l.Name)
	w.pad.setValue(formatQty(l.Qty))
}

// add puts a scanned item on the document, beyond the order.
func (w *generatedLines) add(code string) {
	if err := w.orders.AddItem(w.ctx, w.gen.Doc, code, pos.Units(1)); err != nil {
		w.fail(err)
		return
	}
	w.done()
	w.lines.Select(len(w.gen.Doc.Lines) - 1)
}

// applyQty sets the quantity typed on the selected line; on a bundled line
// M7 asks first.
func (w *generatedLines) applyQty() {
	i := w.current
	if i < 0 || i >= len(w.gen.Doc.Lines) {
		return
	}
	q, err := pos.ParseQty(strings.TrimSpace(w.pad.entry.Text))
	if err != nil {
		w.fail(err)
		return
	}
	err = w.orders.SetQty(w.gen.Doc, i, q)
	if w.askRebundle(err, func() error { return w.orders.SetQtyRebundle(w.ctx, w.gen.Doc, i, q) }) {
		return
	}
	w.result(err)
}

// removeLine removes a line added beyond the order; on a bundled line M7
// asks first.
func (w *generatedLines) removeLine() {
	i := w.current
	if !w.gen.Doc.BeyondOrder(i) {
		return
	}
	err := w.orders.RemoveLine(w.gen.Doc, i)
	if w.askRebundle(err, func() error { return w.orders.RemoveLineRebundle(w.ctx, w.gen.Doc, i) }) {
		return
	}
	w.lines.UnselectAll()
	w.result(err)
}

// askRebundle asks M7 when err says the change breaks a bundle copied from
// the order: Yes makes it and calculates the bundles of the whole document
// again, No changes nothing (R-G4). It tells whether it asked.
func (w *generatedLines) askRebundle(err error, rebundle func() error) bool {
	return askBundleBreak(w.canvas, err, func(yes bool) {
		if yes {
			w.result(rebundle())
			return
		}
		w.refresh() // the keypad shows the quantity as it still is
	})
}

func (w *generatedLines) result(err error) {
	if err != nil {
		w.fail(err)
		return
	}
	w.done()
}

// done shows the document changed.
func (w *generatedLines) done() {
	w.message.SetText("")
	w.refresh()
}

func (w *generatedLines) close() {
	w.overlay.close()
	w.changed()
}

func (w *generatedLines) fail(err error) {
	w.message.SetText(orderErrorText(w.log, err))
}
