package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/app/pos"
)

// lineWeights share the width of the form's lines: name, price, quantity,
// amount. On a 1024×768 till, with the side panel, a weight is some 50
// pixels: the quantity's short caption (Qté, Qtà, Qty, Ilość) and figures
// need less than the amount, whose caption (Montant, Wartość) read "Mont…".
var lineWeights = []float32{4.2, 2, 1.8, 2.6}

// orderForm builds a quote or an order (R-F1): items scanned or typed, each
// line's quantity with large + and − keys or a keypad, its price, the
// customer, who handles it, a reference, and the summary the VAT method
// calls for. Save keeps it Unconfirmed; Confirm numbers it (M12 without a
// line); Print prints it as stored (R-F6).
type orderForm struct {
	ordersDeps
	ctx  context.Context
	doc  *pos.Document
	done func(confirmed *pos.Document)

	dirty     bool
	sending   bool // a print is on its way to the printer
	current   int  // selected line, -1 for none
	totals    pos.Totals
	operators []pos.Operator

	title     *widget.Label
	titleRow  *fyne.Container // lays the title out again when it changes
	scan      *ScanField
	reference *widget.Entry
	handledBy *fieldButton
	customer  *fieldButton
	details   formDetails
	// pointWindow is the delivery point window last opened.
	pointWindow *deliveryPointWindow
	lines       *widget.List
	pageUp      *widget.Button
	pageDown    *widget.Button

	lineName                  *widget.Label
	qty                       *widget.Label
	minus, plus               *widget.Button
	qtyButton, price, remove  *widget.Button
	lineDiscount              *widget.Button // see orderform_discount.go
	baseName                  *widget.Label
	base, discount, markup    *widget.Label
	vat, advances, grandTotal *widget.Label
	vatRow, advancesRow       fyne.CanvasObject
	markupRow                 fyne.CanvasObject
	message                   *widget.Label
	print, save, confirm      *widget.Button
	bundles                   *touchButton // [Apply bundles] or [Remove bundles], see orderform_bundles.go
	draft                     formDraft    // pre-registration, see orderform_drafts.go
	view                      fyne.CanvasObject
}

// newOrderForm shows d, new or opened for editing; done receives the
// document once confirmed, or nil when the operator leaves without.
func newOrderForm(ctx context.Context, deps ordersDeps, d *pos.Document, done func(confirmed *pos.Document)) *orderForm {
	f := &orderForm{ordersDeps: deps, ctx: ctx, doc: d, done: done, current: -1}
	f.message = newMessageLine()

	f.scan = NewScanField(lang.L("form.scan"), f.addItem)
	f.reference = widget.NewEntry()
	f.reference.PlaceHolder = lang.L("form.reference")
	f.reference.SetText(d.Reference)
	f.reference.OnChanged = func(text string) {
		f.doc.Reference = strings.TrimSpace(text)
		f.setDirty(true)
	}
	f.handledBy = newFieldButton(lang.L("form.handled_by"), f.askHandledBy)
	f.loadOperators()
	f.customer = newFieldButton(lang.L("form.customer"), f.askCustomer)
	f.showCustomer()
	detailsRow := f.newDetails()

	sized := func(width float32, o fyne.CanvasObject) fyne.CanvasObject {
		return atLeast(fyne.NewSize(width, bigButton), o)
	}
	fields := container.NewBorder(nil, nil, nil,
		container.NewHBox(sized(250, f.customer.view), sized(210, f.handledBy.view), sized(170, f.reference)),
		sized(260, f.scan))

	f.lines = widget.NewList(func() int { return len(f.doc.Lines) }, f.newLineRow, f.updateLineRow)
	f.lines.OnSelected = func(id widget.ListItemID) {
		f.current = id
		f.showLine()
	}
	f.pageUp = widget.NewButtonWithIcon(lang.L("list.page_up"), theme.MoveUpIcon(), func() { f.scrollBy(-1) })
	f.pageDown = widget.NewButtonWithIcon(lang.L("list.page_down"), theme.MoveDownIcon(), func() { f.scrollBy(1) })
	f.pageDown.IconPlacement = widget.ButtonIconTrailingText
	paging := container.NewGridWithColumns(2, atLeast(fyne.NewSize(0, bigButton), f.pageUp), atLeast(fyne.NewSize(0, bigButton), f.pageDown))
	// The message takes its room from the lines', so the form is no taller
	// with it on a 768-pixel till.
	lines := besideMessage(f.message, container.NewBorder(f.linesHeader(), nil, nil, nil, f.lines), true)
	linesPane := container.NewBorder(nil, container.NewVBox(f.documentKeys(), paging), nil, nil, lines)

	f.message.Hide()
	f.view = container.NewBorder(
		container.NewVBox(f.header(), fields, detailsRow),
		nil, nil,
		atLeast(fyne.NewSize(380, 0), container.NewPadded(f.sidePanel())),
		linesPane)
	f.refresh()
	f.warnWarehouses()
	return f
}

// header is the screen's title bar, like every screen's, with a title that
// changes when the document gets its number, and Print, Save and Confirm at
// hand; a till without a printer has no Print.
func (f *orderForm) header() fyne.CanvasObject {
	f.title = widget.NewLabel("")
	f.title.SizeName = theme.SizeNameHeadingText
	f.title.TextStyle.Bold = true
	f.title.Truncation = fyne.TextTruncateEllipsis
	back := atLeast(fyne.NewSize(160, bigButton), widget.NewButtonWithIcon(lang.L("button.back"), theme.NavigateBackIcon(), f.back))
	f.save = bigAction(lang.L("form.save"), theme.DocumentSaveIcon(), widget.MediumImportance, f.saveDraft)
	f.confirm = bigAction(lang.L("form.confirm"), theme.ConfirmIcon(), widget.HighImportance, f.confirmDoc)
	f.print = bigAction(lang.L("form.print"), theme.DocumentPrintIcon(), widget.MediumImportance, f.printStored)
	// Each action as wide as its label needs, a finger's breadth at least;
	// where the title would be cut, they show their icons only (titleBar).
	size := fyne.NewSize(bigButton, bigButton)
	actions := []fyne.CanvasObject{f.saveSlot(atLeast(size, f.save)), f.preRegisterButton(size), atLeast(size, f.confirm)}
	if f.printing != nil {
		actions = append([]fyne.CanvasObject{atLeast(size, f.print)}, actions...)
	}
	f.updatePrint()
	f.titleRow = newTitleBar(f.title, back, actions...)
	return container.NewVBox(f.titleRow, widget.NewSeparator())
}

// fieldButton is a header field a finger changes: its name small, its value
// large, the whole of it a button that opens the choice.
type fieldButton struct {
	button *widget.Button
	value  *widget.Label
	view   fyne.CanvasObject
}

func newFieldButton(name string, tapped func()) *fieldButton {
	b := &fieldButton{button: widget.NewButton("", tapped), value: widget.NewLabel("")}
	caption := widget.NewLabel(name)
	caption.SizeName = theme.SizeNameCaptionText
	caption.Importance = widget.LowImportance
	caption.Truncation = fyne.TextTruncateEllipsis
	b.value.TextStyle.Bold = true
	b.value.Truncation = fyne.TextTruncateEllipsis
	// The labels' own padding would push the value off a 64-pixel button.
	texts := container.New(stackedTextsLayout{}, caption, b.value)
	b.view = container.NewStack(b.button, texts)
	return b
}

// stackedTextsLayout puts a caption and a value one over the other, the
// caption overlapping the value's top padding, so both fit a touch button.
type stackedTextsLayout struct{}

func (stackedTextsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	c, v := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(c.Width, v.Width), v.Height+c.Height/2)
}

func (stackedTextsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	c, v := objs[0].MinSize(), objs[1].MinSize()
	top := max(0, (size.Height-v.Height-c.Height/2)/2)
	objs[0].Move(fyne.NewPos(0, top-c.Height/4))
	objs[0].Resize(fyne.NewSize(size.Width, c.Height))
	objs[1].Move(fyne.NewPos(0, top+c.Height/2))
	objs[1].Resize(fyne.NewSize(size.Width, v.Height))
}

func (f *orderForm) linesHeader() fyne.CanvasObject {
	return linesHeader(lineWeights, "form.col.name", "form.col.price", "form.col.qty", "form.col.amount")
}

func (f *orderForm) newLineRow() fyne.CanvasObject { return newLinesRow(lineWeights) }

// linesHeader is the header of a table of document lines: the item's name
// first, the figures after it flush right; weights share out the width.
func linesHeader(weights []float32, keys ...string) fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(keys))
	for i, key := range keys {
		align := fyne.TextAlignTrailing
		if i == 0 {
			align = fyne.TextAlignLeading
		}
		l := widget.NewLabelWithStyle(lang.L(key), align, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		cells[i] = l
	}
	row := container.New(columnsLayout{weights: weights, gap: theme.Padding()}, cells...)
	return container.NewStack(newBackground(theme.ColorNameHeaderBackground, false), row)
}

// newLinesRow is an empty row of such a table, for a list to fill.
func newLinesRow(weights []float32) fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(weights))
	for i := range cells {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if i > 0 {
			l.Alignment = fyne.TextAlignTrailing
		}
		cells[i] = l
	}
	return container.New(columnsLayout{weights: weights, gap: theme.Padding()}, cells...)
}

func (f *orderForm) updateLineRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(f.doc.Lines) {
		return
	}
	l := f.doc.Lines[id]
	var amount pos.Money
	if id < len(f.totals.Lines) {
		amount = f.totals.Lines[id].Amount
	}
	cells := o.(*fyne.Container).Objects
	for i, text := range []string{lineTitle(l), formatMoney(l.Price), formatQty(l.Qty), formatMoney(amount)} {
		cells[i].(*widget.Label).SetText(text)
	}
}

// scrollBy moves the lines a screenful up (−1) or down (+1): a finger
// cannot drag-scroll a desktop touchscreen.
func (f *orderForm) scrollBy(pages float32) {
	step := max(f.lines.Size().Height-bigButton, bigButton)
	f.lines.ScrollToOffset(f.lines.GetScrollOffset() + pages*step)
}

// sidePanel holds the selected line's keys and the document's summary.
func (f *orderForm) sidePanel() fyne.CanvasObject {
	f.lineName = widget.NewLabel("")
	f.lineName.TextStyle.Bold = true
	f.lineName.Wrapping = fyne.TextWrapWord
	f.qty = bigFigure(theme.SizeNameHeadingText)
	f.qty.Alignment = fyne.TextAlignCenter
	f.minus = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.stepQty(-1) })
	f.plus = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { f.stepQty(1) })
	key := fyne.NewSize(88, bigButton)
	stepper := container.NewBorder(nil, nil, atLeast(key, f.minus), atLeast(key, f.plus), f.qty)
	f.qtyButton = widget.NewButton(lang.L("form.quantity"), f.askQty)
	f.price = widget.NewButton(lang.L("form.price"), f.askPrice)
	// Remove is an icon, apart from the others, so it is not hit instead.
	f.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), f.removeLine)
	f.remove.Importance = widget.DangerImportance
	edits := container.NewBorder(nil, nil, nil, atLeast(fyne.NewSize(72, 0), f.remove),
		container.NewGridWithColumns(3, f.qtyButton, f.price, f.newLineDiscount()))

	f.baseName = widget.NewLabel("")
	f.base, f.discount, f.markup = amountLabel(), amountLabel(), amountLabel()
	f.vat, f.advances = amountLabel(), amountLabel()
	f.grandTotal = amountLabel()
	f.grandTotal.SizeName = theme.SizeNameHeadingText
	f.grandTotal.TextStyle.Bold = true
	f.vatRow = summaryRow(widget.NewLabel(lang.L("form.vat")), f.vat)
	f.advancesRow = summaryRow(widget.NewLabel(lang.L("form.advances")), f.advances)
	f.markupRow = summaryRow(widget.NewLabel(lang.L("form.markup")), f.markup)
	grand := widget.NewLabel(lang.L("form.grand_total"))
	grand.SizeName = theme.SizeNameSubHeadingText
	grand.TextStyle.Bold = true
	// The summary reads at a glance: its rows close together, the grand
	// total large.
	summary := container.NewVBox(
		container.NewThemeOverride(container.NewVBox(
			summaryRow(f.baseName, f.base),
			summaryRow(widget.NewLabel(lang.L("form.discount")), f.discount),
			f.markupRow,
			f.vatRow, f.advancesRow,
		), compactTheme{NewTheme()}),
		widget.NewSeparator(),
		summaryRow(grand, f.grandTotal),
	)
	return container.NewBorder(container.NewVBox(f.lineName, stepper, atLeast(fyne.NewSize(0, bigButton), edits)), summary, nil, nil, layout.NewSpacer())
}

func amountLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Alignment = fyne.TextAlignTrailing
	return l
}

func summaryRow(name, value *widget.Label) fyne.CanvasObject {
	return container.NewBorder(nil, nil, name, nil, value)
}

// showIf shows or hides o, and tells whether that changed.
func showIf(o fyne.CanvasObject, on bool) (changed bool) {
	if o.Visible() == on {
		return false
	}
	if on {
		o.Show()
	} else {
		o.Hide()
	}
	return true
}

// loadOperators reads the operators of this database for Handled by.
func (f *orderForm) loadOperators() {
	ops, err := f.session.Operators(f.ctx)
	if err != nil {
		f.fail(err)
	}
	f.operators = ops
	f.showHandledBy()
}

func (f *orderForm) showHandledBy() {
	name := f.doc.HandledBy
	for _, o := range f.operators {
		if o.Code == f.doc.HandledBy {
			name = o.Name
		}
	}
	f.handledBy.value.SetText(name)
}

// askHandledBy chooses the seller among the operators, as large buttons.
func (f *orderForm) askHandledBy() {
	options := make([]offer, len(f.operators))
	for i, o := range f.operators {
		options[i] = offer{text: o.Name, chosen: func() {
			f.doc.HandledBy = o.Code
			f.changed()
			f.showHandledBy()
		}}
	}
	chooseOffer(canvasOf(f.view), lang.L("form.handled_by"), options)
}

// refresh shows the document as it now is: title, lines, summary, keys.
func (f *orderForm) refresh() {
	title := lang.L("form.new_order")
	if f.doc.Kind == pos.KindQuote {
		title = lang.L("form.new_quote")
	}
	if f.doc.Number != "" {
		title = kindName(f.doc.Kind) + " " + f.doc.Number
	}
	f.title.SetText(f.draftTitle(title))
	f.titleRow.Refresh()

	tot, err := pos.ComputeTotals(f.doc.VATMethod, f.doc.Lines, f.doc.Advances)
	if err != nil {
		f.fail(err)
	}
	f.totals = tot
	f.baseName.SetText(lang.L("form.total"))
	if f.doc.VATMethod == pos.VATFromNet {
		f.baseName.SetText(lang.L("form.net_total"))
	}
	f.base.SetText(formatMoney(tot.Base))
	f.discount.SetText(formatMoney(tot.Discount))
	f.markup.SetText(formatMoney(tot.Markup))
	f.vat.SetText(formatMoney(tot.VAT))
	f.advances.SetText(formatMoney(tot.Advances))
	// A markup is rare: its row of zeros gives its room to the line's keys
	// on a 768-pixel till. A row shown or hidden (the VAT method changed,
	// R-D8) has the summary laid out again.
	moved := showIf(f.vatRow, f.doc.VATMethod == pos.VATFromNet)
	moved = showIf(f.markupRow, tot.Markup != 0) || moved
	moved = showIf(f.advancesRow, tot.Advances != 0) || moved
	if moved && f.view != nil {
		f.view.Refresh()
	}
	f.grandTotal.SetText(formatMoney(tot.Gross))
	if f.current >= len(f.doc.Lines) {
		f.current = len(f.doc.Lines) - 1
	}
	f.lines.Refresh()
	f.showLine()
}

// showLine shows the selected line's name and quantity, and which keys apply.
func (f *orderForm) showLine() {
	has := f.current >= 0 && f.current < len(f.doc.Lines)
	height := f.lineName.MinSize().Height
	if !has {
		// The hint reads small, in no more room than a line's name, so the
		// keys keep clear of the summary on a 768-pixel till.
		f.lineName.SizeName = theme.SizeNameCaptionText
		f.lineName.SetText(lang.L("form.no_line"))
		f.qty.SetText("")
	} else {
		l := f.doc.Lines[f.current]
		f.lineName.SizeName = theme.SizeNameText
		f.lineName.SetText(l.Name)
		f.qty.SetText(formatQty(l.Qty))
	}
	// A name taking another height moves the keys: laid out again.
	if f.lineName.MinSize().Height != height && f.view != nil {
		f.view.Refresh()
	}
	enable(f.plus, has)
	enable(f.minus, has && f.doc.Lines[f.current].Qty > pos.Units(1))
	enable(f.qtyButton, has)
	enable(f.price, has)
	f.showLineDiscount(has)
	enable(f.remove, has)
}

// selectLine selects line i and scrolls it into view.
func (f *orderForm) selectLine(i int) {
	f.current = i
	if i >= 0 {
		f.lines.Select(i)
	}
	f.showLine()
}

// addItem adds what the scanner or the keyboard typed (R-F1); the line it
// went to is selected, so + and − act on it at once.
func (f *orderForm) addItem(code string) {
	before := append([]pos.Line(nil), f.doc.Lines...)
	if err := f.orders.AddItem(f.ctx, f.doc, code, pos.Units(1)); err != nil {
		f.fail(err)
		return
	}
	f.changed()
	f.refresh()
	f.selectLine(changedLine(before, f.doc.Lines))
}

// changedLine finds the line an item went to: a new last line, or the one
// whose quantity grew.
func changedLine(before, after []pos.Line) int {
	if len(after) > len(before) {
		return len(after) - 1
	}
	for i := range after {
		if i < len(before) && after[i].Qty != before[i].Qty {
			return i
		}
	}
	return len(after) - 1
}

func (f *orderForm) changed() {
	f.setDirty(true)
	f.setMessage(widget.MediumImportance, "")
}

// setDirty records whether the form holds changes not stored: Print prints
// what is stored, so it waits for them to be saved.
func (f *orderForm) setDirty(dirty bool) {
	f.dirty = dirty
	f.updatePrint()
}

// updatePrint offers Print when there is something to print (printable),
// and not while a print is on its way.
func (f *orderForm) updatePrint() {
	if f.print == nil {
		return
	}
	enable(f.print, f.printing != nil && f.printable() && !f.sending)
}

// printStored prints the document as it is stored, read again off the UI
// thread with its customer and, for an order, the advances paid (R-F6, R-A3).
// A quote or an order is no receipt: each print is the stored version as it
// is, and copies marked as such are the list's reprints (R-PR5). Progress and
// success take the message line; a failure opens a window with what went
// wrong and what to check, which the form has no room for beside its keys.
func (f *orderForm) printStored() {
	if f.printing == nil || !f.printable() || f.sending {
		return
	}
	read := f.printSource()
	f.sending = true
	f.updatePrint()
	f.setMessage(widget.MediumImportance, lang.L("printer.printing"))
	f.tasks.run(func() error {
		d, err := read()
		if err != nil {
			return err
		}
		job, err := f.orders.PrintJob(f.ctx, d)
		if err != nil {
			return err
		}
		return f.printing.Print(f.ctx, job)
	}, func(err error) {
		f.sending = false
		f.updatePrint()
		if err != nil {
			f.setMessage(widget.MediumImportance, "")
			showPrintFailure(canvasOf(f.view), f.log, lang.L("form.print"), err)
			return
		}
		f.setMessage(widget.SuccessImportance, lang.L("printer.printed"))
	})
}

// setMessage shows an error or a result above the lines, in their room;
// empty, it takes none.
func (f *orderForm) setMessage(importance widget.Importance, text string) {
	f.message.Importance = importance
	f.message.SetText(text)
	f.message.Hidden = text == ""
	f.message.Refresh()
	// The screen is laid out again, so the message takes its room or gives it back.
	if f.view != nil {
		f.view.Refresh()
	}
}

func (f *orderForm) stepQty(units int64) {
	if f.current < 0 {
		return
	}
	i := f.current
	q := f.doc.Lines[i].Qty + pos.Units(units)
	if q <= 0 {
		return
	}
	if err := f.orders.SetQty(f.doc, i, q); !f.askRebundle(err, func() error { return f.orders.SetQtyRebundle(f.ctx, f.doc, i, q) }) {
		f.apply(err)
	}
}

func (f *orderForm) apply(err error) {
	if err != nil {
		f.fail(err)
		return
	}
	f.changed()
	f.refresh()
}

func (f *orderForm) removeLine() {
	if f.current < 0 {
		return
	}
	i := f.current
	if err := f.orders.RemoveLine(f.doc, i); err != nil {
		if !f.askRebundle(err, func() error { return f.orders.RemoveLineRebundle(f.ctx, f.doc, i) }) {
			f.fail(err)
		}
		return
	}
	f.lines.UnselectAll()
	f.changed()
	f.refresh()
	f.selectLine(min(i, len(f.doc.Lines)-1))
}

// askQty and askPrice type a line's quantity (0,9814 kg too) or unit price
// on a large keypad.
func (f *orderForm) askQty() {
	i := f.current
	l := f.doc.Lines[i]
	f.askNumber(lang.L("form.quantity_of", map[string]any{"Name": l.Name}), formatQty(l.Qty), func(text string) error {
		q, err := pos.ParseQty(text)
		if err != nil {
			return err
		}
		if err := f.orders.SetQty(f.doc, i, q); !f.askRebundle(err, func() error { return f.orders.SetQtyRebundle(f.ctx, f.doc, i, q) }) {
			return err
		}
		return nil
	})
}

func (f *orderForm) askPrice() {
	i := f.current
	l := f.doc.Lines[i]
	f.askNumber(lang.L("form.price_of", map[string]any{"Name": l.Name}), formatMoney(l.Price), func(text string) error {
		p, err := pos.ParseMoney(text)
		if err != nil {
			return err
		}
		return f.orders.SetPrice(f.doc, i, p)
	})
}

// askNumber opens a keypad showing value; set applies what was typed, and a
// refusal stays in the window with its reason.
func (f *orderForm) askNumber(title, value string, set func(text string) error) {
	message := newMessage()
	var o *overlay
	var ok func()
	pad := newNumberPad("", func() { ok() })
	pad.setValue(value)
	ok = func() {
		if err := set(pad.entry.Text); err != nil {
			message.SetText(orderErrorText(f.log, err))
			o.fit()
			return
		}
		o.close()
		f.changed()
		f.refresh()
	}
	cancel := bigAction(lang.L("orders.cancel_choice"), theme.CancelIcon(), widget.MediumImportance, func() { o.close() })
	okButton := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, func() { ok() })
	o = showOverlay(canvasOf(f.view), title, container.NewVBox(pad.view, message), fyne.NewSize(420, 0), cancel, okButton)
	// A refusal speaks of the value refused: once the entry changes (a key,
	// Clear, the keyboard) it no longer applies, and the window shrinks back.
	pad.entry.OnChanged = func(string) {
		if message.Text != "" {
			message.SetText("")
			o.fit()
		}
	}
	focus(pad.entry)
}

// saveDraft keeps the document Unconfirmed on this terminal.
func (f *orderForm) saveDraft() {
	if err := f.switchWarehouses(); err != nil {
		f.fail(err)
		return
	}
	if err := f.orders.Save(f.ctx, f.doc); err != nil {
		f.fail(err)
		return
	}
	f.setDirty(false)
	f.setMessage(widget.SuccessImportance, lang.L("form.saved"))
	f.refresh()
}

// confirmDoc numbers and stores the document; without a line it says M12.
func (f *orderForm) confirmDoc() {
	f.confirmStored(func() { f.done(f.doc) })
}

// confirmStored confirms the document, then calls stored once it is.
func (f *orderForm) confirmStored(stored func()) {
	if err := f.switchWarehouses(); err != nil {
		f.fail(err)
		return
	}
	f.confirmHere(func(err error) {
		if err != nil {
			f.fail(err)
			f.askMissingAttribute(err)
			return
		}
		f.dirty = false
		stored()
	})
}

// back leaves the form, asking first when changes would be lost.
func (f *orderForm) back() {
	if !f.dirty {
		f.done(nil)
		return
	}
	askYesNo(canvasOf(f.view), lang.L("form.leave_title"), lang.L("form.leave_question"), func(yes bool) {
		if yes {
			f.done(nil)
		}
	})
}

func (f *orderForm) fail(err error) {
	f.setMessage(widget.DangerImportance, orderErrorText(f.log, err))
}
