package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// deductionWindow is the list of the order's advance invoices that the
// receipt or invoice being paid may deduct, when the ERP leaves the
// deduction to the operator ("deduct advances at 100%" off, R-A4): the
// invoice's amount, the advances available, those deducted and the invoice
// after deduction; the advance invoices of the invoice's customer with their
// number, issue date, advance, maximum amount, deducted amount and advance %,
// filtered on number, amount and issue date; and a keypad that deducts from
// the advance tapped a percentage of it or an amount.
type deductionWindow struct {
	ctx     context.Context
	log     zerolog.Logger
	clock   app.Clock
	gen     *app.Generation
	changed func()

	list   pos.DeductionList
	filter pos.DeductionFilter
	amount int // index in amountRanges
	issued int // index in issueRanges
	chosen string
	// byAmount types the deduction as an amount, else as a percentage of the
	// advance chosen.
	byAmount bool

	invoice, available, deducted, after *widget.Label
	least                               *widget.Label // the least the invoice must deduct
	number                              *widget.Entry
	rows                                *PagedList[pos.DeductionRow]
	percentKey, amountKey               *widget.Button
	pad                                 *numberPad
	most, deduct                        *widget.Button
	message                             *widget.Label
	overlay                             *overlay
}

// showDeductions opens the deduction list of g over c; changed runs when it
// closes, for the payment window to read the amount due again.
func showDeductions(ctx context.Context, deps ordersDeps, c fyne.Canvas, g *app.Generation, changed func()) {
	w := &deductionWindow{ctx: ctx, log: deps.log, clock: deps.clock, gen: g, changed: changed}
	w.message = newMessage()
	// A figure under its name; the names wrap, long in French and Polish.
	figure := func(key string) (fyne.CanvasObject, *widget.Label) {
		n := wrappedLabel(lang.L(key))
		n.SizeName = theme.SizeNameCaptionText
		n.Importance = widget.LowImportance
		v := widget.NewLabel("")
		v.TextStyle.Bold = true
		return container.NewBorder(nil, v, nil, nil, n), v
	}
	invoice, invoiceValue := figure("deduction.invoice")
	available, availableValue := figure("deduction.available")
	deducted, deductedValue := figure("deduction.deducted")
	after, afterValue := figure("deduction.after")
	least, leastValue := figure("deduction.least")
	w.invoice, w.available, w.deducted, w.after, w.least = invoiceValue, availableValue, deductedValue, afterValue, leastValue
	figures := container.NewGridWithColumns(5, invoice, available, deducted, after, least)

	w.number = widget.NewEntry()
	w.number.PlaceHolder = lang.L("deduction.filter_number")
	w.number.OnChanged = func(text string) {
		w.filter.Number = strings.TrimSpace(text)
		w.reload()
	}
	amounts := widget.NewSelect(optionTexts(amountRanges), nil)
	amounts.SetSelectedIndex(0)
	amounts.OnChanged = func(string) {
		w.amount = max(0, amounts.SelectedIndex())
		w.filter.MinAmount, w.filter.MaxAmount = amountRanges[w.amount].min, amountRanges[w.amount].max
		w.reload()
	}
	filters := container.NewGridWithColumns(3, w.number, amounts)
	if w.clock != nil {
		dates := widget.NewSelect(optionTexts(issueRanges), nil)
		dates.SetSelectedIndex(0)
		dates.OnChanged = func(string) {
			w.issued = max(0, dates.SelectedIndex())
			w.filter.IssuedFrom, w.filter.IssuedTo = dayRange(w.clock, issueRanges[w.issued])
			w.reload()
		}
		filters.Add(dates)
	}

	w.rows = NewPagedList(ctx, PageFunc[pos.DeductionRow](w.page), []Column[pos.DeductionRow]{
		{Title: "", Weight: 0.4, Align: fyne.TextAlignCenter, Text: func(r pos.DeductionRow) string {
			if r.ID == w.chosen {
				return "▶" // the advance the keypad deducts from
			}
			return ""
		}},
		{Title: lang.L("orders.col.number"), Weight: 4.5, Text: func(r pos.DeductionRow) string { return r.Number }},
		{Title: lang.L("deduction.col.issued_short"), Weight: 1.9, Text: func(r pos.DeductionRow) string { return formatDate(r.IssuedAt) }},
		{Title: lang.L("deduction.col.advance"), Weight: 1.6, Align: fyne.TextAlignTrailing, Text: func(r pos.DeductionRow) string { return formatMoney(r.Amount) }},
		{Title: lang.L("deduction.col.max_short"), Weight: 1.45, Align: fyne.TextAlignTrailing, Text: func(r pos.DeductionRow) string { return formatMoney(r.Left) }},
		{Title: lang.L("deduction.col.deducted_short"), Weight: 1.45, Align: fyne.TextAlignTrailing, Text: func(r pos.DeductionRow) string { return formatMoney(r.Deducted) }},
		{Title: lang.L("deduction.col.percent_short"), Weight: 1.3, Align: fyne.TextAlignTrailing, Text: func(r pos.DeductionRow) string { return formatPercent(r.Percent) }},
	})
	w.rows.OnSelected = w.choose
	w.rows.OnError = w.fail

	w.percentKey = widget.NewButton(lang.L("advance.percent"), func() { w.setMode(false) })
	w.amountKey = widget.NewButton(lang.L("advance.amount"), func() { w.setMode(true) })
	w.pad = newNumberPad("", w.apply)
	w.most = widget.NewButton(lang.L("deduction.most"), w.fillMost)
	w.deduct = widget.NewButtonWithIcon(lang.L("deduction.deduct"), theme.ConfirmIcon(), w.apply)
	w.deduct.Importance = widget.HighImportance
	row := func(a, b fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWithColumns(2, atLeast(fyne.NewSize(0, bigButton), a), atLeast(fyne.NewSize(0, bigButton), b))
	}
	keys := container.NewVBox(row(w.percentKey, w.amountKey), w.pad.view, row(w.most, w.deduct))

	// The keypad takes the whole height on the right; the figures, the
	// filters and the list share the rest, all in a tighter theme, so that
	// the seven columns read on a 1024×768 till: the number whole
	// (FAC/12/2025/KRKASA1) first, then the date, the amounts up to 999,99
	// and the percentage. The list's short titles are spelt out in the
	// header figures and the filters.
	compact := compactTheme{NewTheme()}
	right := atLeast(fyne.NewSize(260, 0), container.NewThemeOverride(keys, compact))
	top := container.NewVBox(container.NewThemeOverride(figures, compact), atLeast(fyne.NewSize(0, bigButton), filters))
	center := container.NewBorder(top, w.message, nil, nil, container.NewThemeOverride(w.rows, compact))
	body := container.NewBorder(nil, nil, nil, container.NewPadded(right), center)
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, w.close)
	title := lang.L("deduction.title", map[string]any{"Number": docNumber(g.Order.Number, g.Order.BarcodeNo)})
	w.overlay = showOverlay(c, title, body, fyne.NewSize(1180, 720), ok)
	w.setMode(false)
	w.read()
}

// dayRange is [start of today+from, that + days) in the till's time zone;
// zero times when the option has no date bound.
func dayRange(clock app.Clock, o filterOption) (time.Time, time.Time) {
	if o.days == 0 || clock == nil {
		return time.Time{}, time.Time{}
	}
	now := clock.Now().Local()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	from := today.AddDate(0, 0, o.from)
	return from, from.AddDate(0, 0, o.days)
}

// read takes the list and its figures from the generation again, after a
// deduction changed them.
func (w *deductionWindow) read() {
	l, err := w.gen.Deductions()
	if err != nil {
		w.fail(err)
		return
	}
	w.list = l
	w.invoice.SetText(formatMoney(l.Invoice))
	w.available.SetText(formatMoney(l.Available))
	w.deducted.SetText(formatMoney(l.Deducted))
	w.after.SetText(formatMoney(l.After))
	// The least the invoice must deduct stands out until it is deducted.
	w.least.SetText(formatMoney(l.Min))
	w.least.Importance = widget.MediumImportance
	if l.Deducted < l.Min {
		w.least.Importance = widget.WarningImportance
	}
	w.least.Refresh()
	w.reload()
	w.enable()
}

func (w *deductionWindow) reload() {
	if w.rows != nil {
		reloadPage(w.rows, false)
		w.rows.Refresh()
	}
}

// page serves the rows the filters let through.
func (w *deductionWindow) page(ctx context.Context, offset, limit int) ([]pos.DeductionRow, error) {
	var rows []pos.DeductionRow
	for _, r := range w.list.Rows {
		if w.filter.Match(r) {
			rows = append(rows, r)
		}
	}
	return slicePages(rows)(ctx, offset, limit)
}

// choose makes the advance tapped the one the keypad deducts from; the keypad
// shows what it deducts now, ready to be typed over.
func (w *deductionWindow) choose(r pos.DeductionRow) {
	w.chosen = r.ID
	w.message.SetText("")
	w.setMode(w.byAmount)
	w.rows.Refresh()
}

// chosenRow is the advance chosen, as the list now has it.
func (w *deductionWindow) chosenRow() (pos.DeductionRow, bool) {
	for _, r := range w.list.Rows {
		if r.ID == w.chosen {
			return r, true
		}
	}
	return pos.DeductionRow{}, false
}

// setMode types the deduction as a percentage of the advance or as an
// amount, showing the chosen advance's deduction the new way.
func (w *deductionWindow) setMode(byAmount bool) {
	w.byAmount = byAmount
	showShareMode(w.percentKey, w.amountKey, byAmount)
	w.pad.entry.PlaceHolder = lang.L("deduction.choose")
	w.pad.entry.SetText("")
	if r, ok := w.chosenRow(); ok {
		w.pad.entry.PlaceHolder = lang.L("deduction.from", map[string]any{"Number": r.Number})
		if r.Deducted > 0 {
			value := localDecimal(r.Percent.String())
			if byAmount {
				value = formatMoney(r.Deducted)
			}
			w.pad.setValue(value)
		}
	}
	w.pad.entry.Refresh()
	w.enable()
}

// fillMost types the most the chosen advance can give this invoice: what is
// left of it, within what the invoice's other deductions leave of its gross.
func (w *deductionWindow) fillMost() {
	r, ok := w.chosenRow()
	if !ok {
		return
	}
	room := w.list.Invoice - (w.list.Deducted - r.Deducted)
	w.setMode(true)
	w.pad.setValue(formatMoney(max(min(r.Left, room), 0)))
}

// apply deducts what is typed from the chosen advance; nothing typed takes
// its deduction away.
func (w *deductionWindow) apply() {
	if _, ok := w.chosenRow(); !ok {
		return
	}
	text := strings.TrimSpace(w.pad.entry.Text)
	share := pos.Share{}
	if text != "" {
		var err error
		if share, err = readShare(text, w.byAmount); err != nil {
			w.fail(err)
			return
		}
	}
	if err := w.gen.Deduct(w.chosen, share); err != nil {
		w.fail(err)
		return
	}
	w.message.SetText("")
	w.read()
	w.setMode(w.byAmount)
}

func (w *deductionWindow) enable() {
	_, ok := w.chosenRow()
	w.pad.setEnabled(ok)
	enable(w.most, ok)
	enable(w.deduct, ok)
}

func (w *deductionWindow) close() {
	w.overlay.close()
	w.changed()
}

func (w *deductionWindow) fail(err error) {
	w.message.Importance = widget.DangerImportance
	w.message.SetText(orderErrorText(w.log, err))
}

// paymentDocument is what the payment window of a document generated from
// an order shows besides the amount: for a receipt or invoice, its total and
// the advances it deducts above the amount to pay (R-A4); [Advance invoices],
// which opens the deduction list, when the operator deducts them by hand and
// the order has advance invoices for the customer; and [Lines], where the
// quantities delivered now are typed and items added beyond the order
// (orderform_bundles_generated.go).
type paymentDocument struct {
	figures    *fyne.Container
	total      *widget.Label
	minus      *widget.Label
	deductions *widget.Button
	lines      *widget.Button
	keys       *fyne.Container
}

func newPaymentDocument(p *paymentWindow) *paymentDocument {
	a := &paymentDocument{total: amountLabel(), minus: amountLabel()}
	a.minus.TextStyle.Bold = true
	// Two summary lines, close together: the amount to pay stays in view
	// under them on a 768-pixel till.
	a.figures = container.NewVBox(container.NewThemeOverride(container.NewVBox(
		summaryRow(widget.NewLabel(lang.L("form.total")), a.total),
		summaryRow(widget.NewLabel(lang.L("form.advances")), a.minus),
	), compactTheme{NewTheme()}), widget.NewSeparator())
	a.deductions = bigAction(lang.L("deduction.open"), theme.ListIcon(), widget.MediumImportance, func() {
		showDeductions(p.ctx, p.ordersDeps, canvasOf(p.body), p.gen, p.recompute)
	})
	a.lines = bigAction(lang.L("generated.open"), theme.DocumentIcon(), widget.MediumImportance, func() {
		showGeneratedLines(p.ctx, p.ordersDeps, canvasOf(p.body), p.gen, p.recompute)
	})
	a.keys = container.NewVBox(a.lines, a.deductions)
	return a
}

// show puts the document's figures up: the advances only when it deducts
// some, the deduction list's key only when there are advances to deduct by
// hand; an advance invoice has neither, nor lines to change.
func (a *paymentDocument) show(g *app.Generation, tot pos.Totals) {
	a.total.SetText(formatMoney(tot.Gross))
	a.minus.SetText("− " + formatMoney(tot.Advances))
	a.figures.Hidden = tot.Advances == 0
	a.figures.Refresh()
	sale := g.Doc.Kind != pos.KindAdvanceInvoice
	a.lines.Hidden = !sale
	a.deductions.Hidden = true
	if sale && !g.DeductsAutomatically() {
		l, err := g.Deductions()
		a.deductions.Hidden = err != nil || len(l.Rows) == 0
	}
	a.keys.Refresh()
}

func (a *paymentDocument) enable(on bool) {
	enable(a.deductions, on)
	enable(a.lines, on)
}
