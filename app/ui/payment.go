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

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// paymentWindow takes the payment of a receipt or invoice generated from an
// order: the terminal's payment methods as large buttons, amounts typed on a
// keypad, several methods for one document (split payment), and the change
// to give back from cash. Confirming issues the document and moves the order
// on (R-O5), then prints it; cancelling abandons it and releases the order's
// lock.
type paymentWindow struct {
	ordersDeps
	ctx    context.Context
	gen    *app.Generation
	closed func(paid bool)

	due     pos.Money
	methods []pos.PaymentMethod
	tenders []pos.Tender
	busy    bool
	done    bool // paid, or the generation ended on an error

	cashTaken  bool // cash was among the tenders paid: the drawer opens with the print
	printed    bool // the original came out: [Print again] prints a copy
	printAgain *widget.Button
	work       *workStatus // the print's progress and outcome

	pad       *numberPad
	methodBox *fyne.Container
	tendered  *fyne.Container
	tenderBox *container.Scroll // scrolls tendered: the window keeps within a 768-pixel till
	tenderNav *fyne.Container   // up and down keys, when the tenders outgrow their room
	tenderCol *fyne.Container
	figures   *fyne.Container
	dueLabel  *widget.Label
	paidLabel *widget.Label
	restName  *widget.Label
	rest      *widget.Label
	message   *widget.Label
	copyQty   *widget.Button
	document  *paymentDocument // its advances, the deduction list and its lines (deduction.go)
	confirm   *widget.Button
	cancel    *widget.Button
	body      *fyne.Container
	overlay   *overlay
}

// newPaymentWindow opens the payment window of g over c; closed runs when it
// closes, telling whether the document was paid.
func newPaymentWindow(ctx context.Context, deps ordersDeps, c fyne.Canvas, g *app.Generation, closed func(paid bool)) *paymentWindow {
	p := &paymentWindow{ordersDeps: deps, ctx: ctx, gen: g, closed: closed}
	p.message = newMessage()
	p.message.Hide()
	p.pad = newNumberPad(lang.L("payment.amount"), nil)
	p.dueLabel = bigFigure(theme.SizeNameHeadingText)
	p.paidLabel = bigFigure(theme.SizeNameSubHeadingText)
	p.restName = widget.NewLabel("")
	p.rest = bigFigure(theme.SizeNameHeadingText)
	p.tendered = container.NewVBox()
	p.methodBox = container.NewVBox()

	methods, err := deps.orders.PaymentMethods(ctx)
	if err != nil {
		p.fail(err)
	}
	p.methods = methods
	for _, m := range methods {
		b := newTouchButton(m.Name, func() { p.add(m) })
		p.methodBox.Add(atLeast(fyne.NewSize(220, 80), b.view))
	}

	p.copyQty = bigAction(lang.L("payment.copy_quantities"), theme.ContentCopyIcon(), widget.MediumImportance, p.copyQuantities)
	p.cancel = bigAction(lang.L("payment.cancel"), theme.CancelIcon(), widget.MediumImportance, p.abort)
	p.confirm = bigAction(lang.L("payment.confirm"), theme.ConfirmIcon(), widget.HighImportance, p.pay)

	p.document = newPaymentDocument(p)
	// Each figure beside its name, like a receipt's total, and the tenders
	// in a scroll under them: stacked, the figures pushed a split payment's
	// second tender and its delete key under the window's buttons on a
	// 1024×768 till, and the window up to the top of the screen.
	// Close together too, and the message only when there is one: five
	// tenders stay in view at 768 pixels, none out of a finger's reach (a
	// desktop touchscreen does not drag-scroll).
	p.figures = container.NewVBox(p.document.figures,
		container.NewThemeOverride(container.NewVBox(
			figureRow(captionLabel(lang.L("payment.due")), p.dueLabel),
			figureRow(captionLabel(lang.L("payment.paid")), p.paidLabel),
			figureRow(p.restName, p.rest),
		), compactTheme{NewTheme()}),
		widget.NewSeparator(),
	)
	p.tenderBox = container.NewVScroll(p.tendered)
	// A desktop touchscreen does not drag-scroll: when the tenders outgrow
	// their room (an unlinked document's note, advances, many tenders), keys
	// move them a row at a time, so none is out of a finger's reach.
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { p.scrollTenders(-1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { p.scrollTenders(1) })
	p.tenderNav = container.NewGridWithColumns(2, atLeast(fyne.NewSize(0, 56), up), atLeast(fyne.NewSize(0, 56), down))
	p.tenderNav.Hide()
	p.tenderCol = container.NewBorder(p.figures, p.tenderNav, nil, nil, p.tenderBox)
	left := atLeast(fyne.NewSize(300, 0), p.tenderCol)
	right := container.NewVBox(captionLabel(lang.L("payment.methods")), p.methodBox)
	middle := container.NewVBox(p.pad.view, p.copyQty, p.document.keys)
	p.body = container.NewBorder(p.notes(), p.message, left, right, container.NewPadded(middle))

	p.overlay = showOverlay(c, p.title(), p.body, fyne.NewSize(1180, 720), p.cancel, p.confirm)
	p.recompute()
	focus(p.pad.entry)
	return p
}

func bigFigure(size fyne.ThemeSizeName) *widget.Label {
	l := widget.NewLabel("")
	l.SizeName = size
	l.TextStyle.Bold = true
	return l
}

// figureRow puts a figure at the right of its name.
func figureRow(name, figure *widget.Label) fyne.CanvasObject {
	figure.Alignment = fyne.TextAlignTrailing
	return container.NewBorder(nil, nil, name, nil, figure)
}

func captionLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}

// title names the document and its order: "Receipt for order COMC/…".
func (p *paymentWindow) title() string {
	return lang.L("payment.title", map[string]any{"Kind": kindName(p.gen.Doc.Kind),
		"Number": docNumber(p.gen.Order.Number, p.gen.Order.BarcodeNo)})
}

// notes says, for an unlinked document, that it will not be associated with
// the order and carries its number instead (R-X2).
func (p *paymentWindow) notes() fyne.CanvasObject {
	if !p.gen.Unlinked() {
		return layout.NewSpacer()
	}
	l := wrappedLabel(lang.L("payment.unlinked", map[string]any{"Number": p.gen.Doc.OrderRef}))
	l.Importance = widget.WarningImportance
	l.TextStyle.Bold = true
	return l
}

// recompute shows what is due, what the tenders cover and what is left or
// to give back, and whether the payment can be confirmed.
func (p *paymentWindow) recompute() {
	tot, err := p.gen.Totals()
	if err != nil {
		p.fail(err)
	}
	p.due = tot.Due
	var paid pos.Money
	for _, t := range p.tenders {
		paid += t.Amount
	}
	p.dueLabel.SetText(formatMoney(p.due))
	p.paidLabel.SetText(formatMoney(paid))
	if paid < p.due {
		p.restName.SetText(lang.L("payment.left"))
		p.rest.SetText(formatMoney(p.due - paid))
	} else {
		p.restName.SetText(lang.L("payment.change"))
		p.rest.SetText(formatMoney(paid - p.due))
	}
	p.showTenders()
	p.copyQty.Hidden = !hasUncopied(p.gen.Doc)
	p.copyQty.Refresh()
	p.document.show(p.gen, tot)
	// The advances' figures and the document's keys come and go: the
	// window takes the height its content now needs, within the screen. It
	// kept the height of its first, fuller content, past a 768-pixel till.
	p.figures.Refresh()
	if p.overlay != nil {
		p.overlay.fit()
		p.showTenderNav()
	}
	p.enable()
}

// showTenderNav offers the up and down keys only when some tender is out of
// view, and keeps the newest in view.
func (p *paymentWindow) showTenderNav() {
	room := p.tenderBox.Size().Height
	if p.tenderNav.Visible() {
		room += p.tenderNav.Size().Height + theme.Padding()
	}
	over := p.tendered.MinSize().Height > room+0.5
	if over != p.tenderNav.Visible() {
		p.tenderNav.Hidden = !over
		p.tenderCol.Refresh()
	}
	p.tenderBox.ScrollToBottom()
}

// scrollTenders moves the tenders a row up (−1) or down (+1).
func (p *paymentWindow) scrollTenders(rows float32) {
	step := float32(56) + theme.Padding()
	p.tenderBox.ScrollToOffset(fyne.NewPos(0, p.tenderBox.Offset.Y+rows*step))
}

// settles tells whether the tenders pay the document as pos.Settle requires.
func (p *paymentWindow) settles() bool {
	_, _, err := pos.Settle(p.due, p.tenders)
	return err == nil
}

func (p *paymentWindow) enable() {
	open := !p.busy && !p.done
	p.pad.setEnabled(open)
	for _, o := range p.methodBox.Objects {
		setTouchEnabled(o, open)
	}
	enable(p.confirm, open && p.settles())
	enable(p.cancel, !p.busy)
	enable(p.copyQty, open)
	p.document.enable(open)
	for _, o := range p.tendered.Objects {
		walkButtons(o, func(b *widget.Button) { enable(b, open) })
	}
}

// setTouchEnabled reaches the button of a touchButton's view.
func setTouchEnabled(view fyne.CanvasObject, on bool) {
	walkButtons(view, func(b *widget.Button) { enable(b, on) })
}

func walkButtons(o fyne.CanvasObject, f func(*widget.Button)) {
	switch x := o.(type) {
	case *widget.Button:
		f(x)
	case *fyne.Container:
		for _, c := range x.Objects {
			walkButtons(c, f)
		}
	}
}

// showTenders lists the amounts taken, each with a button that removes it.
func (p *paymentWindow) showTenders() {
	p.tendered.RemoveAll()
	for i, t := range p.tenders {
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.removeTender(i) })
		name := widget.NewLabel(p.methodName(t.Method))
		name.Truncation = fyne.TextTruncateEllipsis
		amount := widget.NewLabel(formatMoney(t.Amount))
		amount.TextStyle.Bold = true
		p.tendered.Add(container.NewBorder(nil, nil, nil, container.NewHBox(amount, atLeast(fyne.NewSize(56, 56), remove)), name))
	}
	// The tender just taken shows, with its delete key, however many came
	// before it.
	p.tenderBox.Refresh()
	p.tenderBox.ScrollToBottom()
}

func (p *paymentWindow) methodName(code string) string {
	for _, m := range p.methods {
		if m.Code == code {
			return m.Name
		}
	}
	return code
}

// add takes the amount typed with method m; with nothing typed, m pays what
// is left. Only cash may exceed what is due: the change comes out of it.
func (p *paymentWindow) add(m pos.PaymentMethod) {
	var paid pos.Money
	for _, t := range p.tenders {
		paid += t.Amount
	}
	amount := p.due - paid
	if text := strings.TrimSpace(p.pad.entry.Text); text != "" {
		v, err := pos.ParseMoney(text)
		if err != nil {
			p.fail(err)
			return
		}
		amount = v
	}
	if amount <= 0 {
		p.fail(pos.Errorf(pos.CodeInvalid, "error.payment_invalid", "Value", formatMoney(amount)))
		return
	}
	tenders := append(append([]pos.Tender(nil), p.tenders...), pos.Tender{Method: m.Code, Name: m.Name, Type: m.Type, Amount: amount})
	if paid+amount >= p.due {
		if _, _, err := pos.Settle(p.due, tenders); err != nil {
			p.fail(err)
			return
		}
	}
	p.tenders = tenders
	p.pad.entry.SetText("")
	p.say(widget.DangerImportance, "")
	p.recompute()
}

func (p *paymentWindow) removeTender(i int) {
	if i < len(p.tenders) {
		p.tenders = append(p.tenders[:i:i], p.tenders[i+1:]...)
	}
	p.recompute()
}

// hasUncopied tells whether the document has order lines still at zero: the
// ERP's parameter left the quantities to the operator (R-G2).
func hasUncopied(d *pos.Document) bool {
	for _, l := range d.Lines {
		if l.OrderLine > 0 && l.Qty == 0 && l.FromOrder > 0 {
			return true
		}
	}
	return false
}

// copyQuantities fills every line with what remains to deliver ([Copy
// quantity from COMC], R-G2). The amounts taken stay; what is due changes.
func (p *paymentWindow) copyQuantities() {
	pos.CopyQuantities(p.gen.Doc)
	p.recompute()
}

// pay issues the document with the tenders, off the UI thread: online the
// order's effects travel under its lock. The Generation ends either way.
func (p *paymentWindow) pay() {
	if !p.settles() || p.busy || p.done {
		return
	}
	tenders := append([]pos.Tender(nil), p.tenders...)
	p.cashTaken = false
	for _, t := range tenders {
		p.cashTaken = p.cashTaken || t.Type == pos.PaymentCash
	}
	var change pos.Money
	p.busy = true
	p.say(widget.MediumImportance, lang.L("orders.working"))
	p.enable()
	p.tasks.run(func() (err error) {
		change, err = p.gen.Pay(p.ctx, tenders)
		return err
	}, func(err error) {
		p.busy = false
		p.done = true
		if err != nil {
			// The document was not issued and the lock is released: the
			// cashier starts again from the list.
			p.fail(err)
			p.cancel.SetText(lang.L("orders.close_window"))
			p.enable()
			return
		}
		p.showResult(change)
	})
}

// showResult replaces the keypad with the outcome: the change to give, the
// document's number, what became of the order, and the print of the document,
// which starts at once.
func (p *paymentWindow) showResult(change pos.Money) {
	p.message.SetText("")
	doc := p.gen.Doc
	lines := container.NewVBox()
	done := wrappedLabel(lang.L("payment.done", map[string]any{"Kind": kindName(doc.Kind), "Number": doc.Number}))
	done.TextStyle.Bold = true
	done.Importance = widget.SuccessImportance
	lines.Add(done)
	if change > 0 {
		c := bigFigure(theme.SizeNameHeadingText)
		c.SetText(lang.L("payment.change_to_give", map[string]any{"Amount": formatMoney(change)}))
		lines.Add(c)
	}
	if doc.Unlinked() {
		lines.Add(wrappedLabel(lang.L("payment.order_unchanged", map[string]any{"Number": doc.OrderRef})))
	} else if order, _, err := p.orders.Get(p.ctx, p.gen.Order.ID); err == nil {
		lines.Add(wrappedLabel(lang.L("payment.order_status", map[string]any{
			"Number": docNumber(order.Number, order.BarcodeNo), "Status": statusName(order.Status)})))
	} else {
		p.fail(err)
	}
	p.message.Hidden = p.message.Text == ""
	lines.Add(p.message)
	buttons := []fyne.CanvasObject{}
	if p.printing != nil {
		p.work = newWorkStatus(p.log)
		p.work.around = lines
		lines.Add(widget.NewSeparator())
		lines.Add(p.work.view)
		p.printAgain = bigAction(lang.L("payment.print_again"), theme.DocumentPrintIcon(), widget.MediumImportance, p.print)
		buttons = append(buttons, p.printAgain)
	}
	p.body.Objects = []fyne.CanvasObject{container.NewPadded(lines)}
	p.body.Layout = layout.NewStackLayout()
	p.body.Refresh()
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, func() { p.finish(true) })
	p.overlay.setButtons(append(buttons, ok)...)
	p.overlay.pop.Refresh()
	p.print()
}

// print prints the document issued, off the UI thread: the original, which
// opens the drawer when cash was taken, until it has come out; a copy after
// that (R-PR5). The document is stored whatever the printer does: a failure
// says what to check, and [Print again] tries again. OK stays open, so a
// printer that does not answer never keeps the cashier in the window.
func (p *paymentWindow) print() {
	if p.printing == nil {
		return
	}
	doc, again, cash := *p.gen.Doc, p.printed, p.cashTaken
	p.printAgain.Disable()
	p.work.start(lang.L("printer.printing"))
	p.tasks.run(func() error {
		job, err := p.orders.PrintJob(p.ctx, doc)
		if err != nil {
			return err
		}
		if again {
			return p.printing.Reprint(p.ctx, job)
		}
		job.CashTaken = cash
		return p.printing.Print(p.ctx, job)
	}, func(err error) {
		p.printAgain.Enable()
		if err != nil {
			p.work.failed(err)
			return
		}
		p.printed = true
		if again {
			p.work.done(lang.L("payment.copy_printed"))
			return
		}
		p.work.done(lang.L("payment.printed"))
	})
}

// abort closes the window without issuing anything; the order's lock is
// released off the UI thread, since that asks the data service.
func (p *paymentWindow) abort() {
	if p.busy {
		return
	}
	if p.done {
		p.finish(false)
		return
	}
	p.busy = true
	p.enable()
	p.tasks.run(func() error {
		p.gen.Abort(p.ctx)
		return nil
	}, func(error) {
		p.busy = false
		p.finish(false)
	})
}

func (p *paymentWindow) finish(paid bool) {
	p.overlay.close()
	if p.closed != nil {
		p.closed(paid)
	}
}

func (p *paymentWindow) fail(err error) {
	p.say(widget.DangerImportance, orderErrorText(p.log, err))
}

// say shows text under the payment, or nothing; the window fits it.
func (p *paymentWindow) say(importance widget.Importance, text string) {
	p.message.Importance = importance
	p.message.Hidden = text == ""
	p.message.SetText(text)
	if p.overlay != nil {
		p.body.Refresh()
		p.overlay.fit()
	}
}
