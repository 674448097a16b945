package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// advanceWindow issues an advance invoice (FAC) for an order (R-A1, R-A2):
// the order's number and gross amount, the advances already issued (those of
// the ERP too) and what is left to advance, who handles it, the customer
// copied from the order, the order's lines; the advance typed on a keypad as a
// percentage of the order or as an amount, with its split over the order's
// VAT rates shown as it is typed. Confirming opens the payment window, where
// any payment method of the terminal pays it and the invoice prints.
type advanceWindow struct {
	ordersDeps
	ctx    context.Context
	form   app.AdvanceForm
	closed func(paid bool)

	byAmount bool
	share    pos.Share // the advance typed; zero while nothing valid is typed
	busy     bool

	percentKey, amountKey *widget.Button
	pad                   *numberPad
	advance               *widget.Label
	rates                 *fyne.Container
	message               *widget.Label
	cancel, confirm       *widget.Button
	overlay               *overlay
}

// openAdvance opens the advance invoice window of an order over c; closed
// runs when it is done, telling whether an advance was paid. An order whose
// advances already cover its gross amount says M5 instead, as does any other
// refusal, in a message.
func openAdvance(ctx context.Context, deps ordersDeps, c fyne.Canvas, orderID string, closed func(paid bool)) {
	form, err := deps.orders.AdvanceForm(ctx, orderID)
	if err != nil {
		showMessage(c, kindName(pos.KindAdvanceInvoice), orderErrorText(deps.log, err), func() { closed(false) })
		return
	}
	w := &advanceWindow{ordersDeps: deps, ctx: ctx, form: form, closed: closed}
	w.message = newMessage()
	w.advance = bigFigure(theme.SizeNameHeadingText)
	w.rates = container.NewVBox()
	w.pad = newNumberPad("", w.confirmTapped)
	w.pad.entry.OnChanged = func(string) { w.update() }
	w.percentKey = widget.NewButton(lang.L("advance.percent"), func() { w.setMode(false) })
	w.amountKey = widget.NewButton(lang.L("advance.amount"), func() { w.setMode(true) })
	modes := container.NewGridWithColumns(2, atLeast(fyne.NewSize(0, bigButton), w.percentKey), atLeast(fyne.NewSize(0, bigButton), w.amountKey))
	right := atLeast(fyne.NewSize(300, 0), container.NewVBox(modes, w.pad.view))

	// The keypad takes the whole height on the right; the figures, the lines
	// and the advance with its VAT split share the rest, so that all of it
	// fits a 1024×768 till.
	compact := compactTheme{NewTheme()}
	preview := container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, container.NewHBox(captionLabel(lang.L("advance.advance")), w.advance), nil,
			container.NewThemeOverride(w.rates, compact)))
	center := container.NewBorder(container.NewThemeOverride(w.facts(), compact), container.NewVBox(preview, w.message),
		nil, nil, w.lines())
	body := container.NewBorder(nil, nil, nil, container.NewPadded(right), center)

	w.cancel = bigAction(lang.L("payment.cancel"), theme.CancelIcon(), widget.MediumImportance, w.close)
	w.confirm = bigAction(lang.L("advance.confirm"), theme.ConfirmIcon(), widget.HighImportance, w.confirmTapped)
	title := lang.L("advance.title", map[string]any{"Number": docNumber(form.Order.Number, form.Order.BarcodeNo)})
	w.overlay = showOverlay(c, title, body, fyne.NewSize(1180, 720), w.cancel, w.confirm)
	w.setMode(false)
	focus(w.pad.entry)
}

// facts are the figures of R-A2, read-only: the order, its gross amount, the
// advances issued before (also in the ERP) and what is left, the seller and
// the customer.
func (w *advanceWindow) facts() fyne.CanvasObject {
	o := w.form.Order
	handledBy := o.HandledBy
	if ops, err := w.session.Operators(w.ctx); err == nil {
		for _, op := range ops {
			if op.Code == o.HandledBy {
				handledBy = op.Name
			}
		}
	}
	customer := o.Customer
	if c, err := w.orders.Customer(w.ctx, o.Customer); err == nil {
		customer = c.Name
	}
	return container.NewGridWithColumns(3,
		stackedFact(lang.L("advance.order"), docNumber(o.Number, o.BarcodeNo)),
		stackedFact(lang.L("form.customer"), customer),
		stackedFact(lang.L("form.handled_by"), handledBy),
		stackedFact(lang.L("advance.order_amount"), formatMoney(w.form.Money.Gross)),
		stackedFact(lang.L("advance.previous"), formatMoney(w.form.Money.Advances)),
		stackedFact(lang.L("advance.left"), formatMoney(w.form.Left)),
	)
}

// stackedFact is a figure under its name, the name small: the names of R-A2
// are long in French and Polish, and beside the figures they would leave the
// amounts no room.
func stackedFact(name, value string) fyne.CanvasObject {
	n := widget.NewLabel(name)
	n.SizeName = theme.SizeNameCaptionText
	n.Importance = widget.LowImportance
	n.Truncation = fyne.TextTruncateEllipsis
	v := widget.NewLabel(value)
	v.TextStyle.Bold = true
	v.Truncation = fyne.TextTruncateEllipsis
	return container.New(stackedTextsLayout{}, n, v)
}

// lines are the order's lines: name, final price (after discount and
// markup), quantity and amount.
func (w *advanceWindow) lines() fyne.CanvasObject {
	type row struct {
		line   pos.Line
		amount pos.Money
	}
	tot, err := w.form.Order.Totals()
	if err != nil {
		w.fail(err)
	}
	rows := make([]row, len(w.form.Order.Lines))
	for i, l := range w.form.Order.Lines {
		rows[i].line = l
		if i < len(tot.Lines) {
			rows[i].amount = tot.Lines[i].Amount
		}
	}
	return NewPagedList(w.ctx, slicePages(rows), []Column[row]{
		{Title: lang.L("form.col.name"), Weight: 4.4, Text: func(r row) string { return r.line.Name }},
		{Title: lang.L("advance.col.final_price"), Weight: 2, Align: fyne.TextAlignTrailing, Text: func(r row) string {
			if r.line.Qty == 0 {
				return formatMoney(r.line.Price)
			}
			return formatMoney(pos.Money(int64(r.amount) * int64(pos.QtyScale) / int64(r.line.Qty)))
		}},
		{Title: lang.L("form.col.qty"), Weight: 1.6, Align: fyne.TextAlignTrailing, Text: func(r row) string { return formatQty(r.line.Qty) }},
		{Title: lang.L("form.col.amount"), Weight: 2, Align: fyne.TextAlignTrailing, Text: func(r row) string { return formatMoney(r.amount) }},
	})
}

// setMode types the advance as a percentage of the order or as an amount;
// the key chosen stands out, and what was typed is read the new way.
func (w *advanceWindow) setMode(byAmount bool) {
	w.byAmount = byAmount
	showShareMode(w.percentKey, w.amountKey, byAmount)
	w.pad.entry.PlaceHolder = lang.L("advance.percent")
	if byAmount {
		w.pad.entry.PlaceHolder = lang.L("advance.amount")
	}
	w.pad.entry.Refresh()
	w.update()
}

// showShareMode makes the key of the way a share is typed, a percentage or
// an amount, stand out.
func showShareMode(percentKey, amountKey *widget.Button, byAmount bool) {
	percentKey.Importance, amountKey.Importance = widget.HighImportance, widget.MediumImportance
	if byAmount {
		percentKey.Importance, amountKey.Importance = widget.MediumImportance, widget.HighImportance
	}
	percentKey.Refresh()
	amountKey.Refresh()
}

// update reads what is typed and shows the advance it gives with its VAT
// split, or why it cannot be issued.
func (w *advanceWindow) update() {
	w.share = pos.Share{}
	w.advance.SetText("")
	w.rates.RemoveAll()
	w.message.SetText("")
	defer w.enable()
	text := strings.TrimSpace(w.pad.entry.Text)
	if text == "" {
		return
	}
	share, err := readShare(text, w.byAmount)
	if err != nil {
		w.fail(err)
		return
	}
	tot, err := w.form.Preview(share)
	if err != nil {
		w.fail(err)
		return
	}
	w.share = share
	w.advance.SetText(formatMoney(tot.Gross))
	for _, r := range tot.Rates {
		text := lang.L("advance.rate", map[string]any{"Rate": formatPercent(r.Rate), "Gross": formatMoney(r.Gross),
			"VAT": formatMoney(r.VAT), "Net": formatMoney(r.Net)})
		w.rates.Add(widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{}))
	}
}

// readShare reads a percentage or an amount typed on the keypad.
func readShare(text string, byAmount bool) (pos.Share, error) {
	if byAmount {
		m, err := pos.ParseMoney(text)
		return pos.AmountShare(m), err
	}
	p, err := pos.ParsePercent(text)
	return pos.PercentShare(p), err
}

func (w *advanceWindow) enable() {
	valid := w.share != pos.Share{}
	enable(w.confirm, !w.busy && valid)
	enable(w.cancel, !w.busy)
	enable(w.percentKey, !w.busy)
	enable(w.amountKey, !w.busy)
	w.pad.setEnabled(!w.busy)
}

func (w *advanceWindow) confirmTapped() {
	if w.busy || w.share == (pos.Share{}) {
		return
	}
	w.issue(false)
}

// issue prepares the advance invoice off the UI thread (online it locks the
// order on the data service and checks the advance on its latest version),
// then hands it to the payment window. Offline, for an order the data
// service knows, M2 asks first; Yes issues it unlinked (R-X2).
func (w *advanceWindow) issue(unlinkedOK bool) {
	id, share := w.form.Order.ID, w.share
	var g *app.Generation
	w.busy = true
	w.message.Importance = widget.MediumImportance
	w.message.SetText(lang.L("orders.working"))
	w.enable()
	w.tasks.run(func() (err error) {
		g, err = w.orders.Advance(w.ctx, id, share, unlinkedOK)
		return err
	}, func(err error) {
		w.busy = false
		w.message.SetText("")
		w.enable()
		c := canvasOf(w.pad.view)
		consent := app.Consent(0)
		if unlinkedOK {
			consent = app.ConsentUnlinked
		}
		if askConsent(c, err, consent, func(c app.Consent) { w.issue(c&app.ConsentUnlinked != 0) }) {
			return
		}
		if err != nil {
			w.fail(err)
			return
		}
		w.overlay.close()
		newPaymentWindow(w.ctx, w.ordersDeps, c, g, w.closed)
	})
}

func (w *advanceWindow) close() {
	if w.busy {
		return
	}
	w.overlay.close()
	w.closed(false)
}

func (w *advanceWindow) fail(err error) {
	w.message.Importance = widget.DangerImportance
	w.message.SetText(orderErrorText(w.log, err))
}

// openAdvance from the list: [Generate document] → [Advance invoice] on the
// selected order; the list shows the order again afterwards, its related
// documents with the advance.
func (s *ordersScreen) openAdvance() {
	openAdvance(s.ctx, s.ordersDeps, canvasOf(s.view), s.sel.ID, func(bool) { s.refresh() })
}

// confirmAndAdvance is [Confirm and create advance invoice] (R-F6): the
// order is confirmed as Confirm does, then its advance invoice window opens
// over the form; the form is left when that window closes, paid or not.
func (f *orderForm) confirmAndAdvance() {
	f.confirmStored(func() {
		openAdvance(f.ctx, f.ordersDeps, canvasOf(f.view), f.doc.ID, func(bool) { f.done(f.doc) })
	})
}

// advanceButton offers [Confirm and create advance invoice] on a new or
// unconfirmed order, to an operator who may issue advance invoices.
func (f *orderForm) advanceButton() fyne.CanvasObject {
	b := newTouchButton(lang.L("advance.confirm_and_create"), f.confirmAndAdvance)
	login, _ := f.session.Current()
	if f.doc.Kind != pos.KindOrder || f.doc.Status != pos.StatusUnconfirmed || !login.Group.Has(pos.RightAdvanceInvoice) {
		b.view.Hide()
	}
	return b.view
}

// advanceOffer is [Advance invoice] among the documents the list generates;
// refused, it says why (the order's status, the right).
func advanceOffer(s *ordersScreen) offer {
	o := offer{text: kindName(pos.KindAdvanceInvoice), chosen: s.openAdvance}
	if err := s.allowed(pos.ActionAdvance); err != nil {
		o.refused = refusalText(s.log, err)
	}
	return o
}
