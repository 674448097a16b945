package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
)

// printerScreen sets the terminal's printer: how it is reached and where (device, address,
// queue, file or folder), its paper and code page, whether a cash drawer hangs off it, and the
// shop's name and address printed at the top of each document. [Print test page] and
// [Preview test page] save the form first, so the page shows the settings as typed.
type printerScreen struct {
	ctx      context.Context
	printing *app.Printing
	log      zerolog.Logger
	tasks    *tasks
	preview  func(load func(context.Context) (app.Preview, error))

	kind     *choice[app.PrinterKind]
	paper    *choice[app.Paper]
	codePage *choice[string]
	target   *widget.Entry
	label    *widget.Label // names the target for the kind chosen
	drawer   *widget.Check
	shopName *widget.Entry
	address  *widget.Entry

	save, test, previewTest *widget.Button
	work                    *workStatus
	view                    fyne.CanvasObject
}

// targetHints are what each kind's target looks like, shown in the empty field.
var targetHints = map[app.PrinterKind]string{
	app.PrinterUSB:     "/dev/usb/lp0",
	app.PrinterTCP:     "192.168.1.50:9100",
	app.PrinterQueue:   "TM-T20",
	app.PrinterFile:    "/var/spool/comptoir/ticket.bin",
	app.PrinterVirtual: "/home/caisse/prints",
}

// newPrinterScreen fills the form from the terminal's settings. preview shows the print
// preview of what load lays out; back returns to the menu.
func newPrinterScreen(ctx context.Context, printing *app.Printing, log zerolog.Logger, t *tasks,
	back func(), preview func(load func(context.Context) (app.Preview, error))) *printerScreen {
	s := &printerScreen{ctx: ctx, printing: printing, log: log, tasks: t, preview: preview, work: newWorkStatus(log)}
	s.kind = newChoice(3, app.PrinterKinds, func(k app.PrinterKind) string { return lang.L("printer.kind." + string(k)) }, s.kindChanged)
	s.paper = newChoice(3, app.Papers, func(p app.Paper) string { return lang.L("printer.paper." + string(p)) }, nil)
	s.codePage = newChoice(3, app.CodePages, func(cp string) string { return cp }, nil)
	s.target = widget.NewEntry()
	s.label = widget.NewLabel("")
	s.drawer = widget.NewCheck(lang.L("printer.drawer"), nil)
	s.shopName = widget.NewEntry()
	s.address = widget.NewMultiLineEntry()
	s.address.SetMinRowsVisible(3)
	help := widget.NewLabel(lang.L("printer.code_page_help"))
	help.Importance = widget.LowImportance
	help.Wrapping = fyne.TextWrapWord

	s.save = widget.NewButtonWithIcon(lang.L("printer.save"), theme.DocumentSaveIcon(), s.saveForm)
	s.save.Importance = widget.HighImportance
	s.test = widget.NewButtonWithIcon(lang.L("printer.test"), theme.DocumentPrintIcon(), s.printTestPage)
	s.previewTest = widget.NewButtonWithIcon(lang.L("printer.preview_test"), theme.VisibilityIcon(), s.previewTestPage)

	settings, err := printing.Settings(ctx)
	if err != nil {
		s.work.failed(err)
	}
	s.fill(settings)

	// Laid out to fit a 1280×800 till without scrolling; smaller screens scroll the form.
	papers := container.NewGridWithColumns(2,
		container.NewVBox(section(lang.L("printer.paper")), s.paper.view),
		container.NewVBox(section(lang.L("printer.code_page")), s.codePage.view))
	form := container.NewVBox(
		section(lang.L("printer.kind")), s.kind.view,
		s.label, s.target,
		papers, help,
		s.drawer,
	)
	shop := container.NewVBox(
		widget.NewLabel(lang.L("printer.shop_name")), s.shopName,
		widget.NewLabel(lang.L("printer.shop_address")), s.address,
	)
	buttons := container.NewVBox(
		atLeast(fyne.NewSize(0, bigButton), s.save),
		atLeast(fyne.NewSize(0, bigButton), s.test),
		atLeast(fyne.NewSize(0, bigButton), s.previewTest),
	)
	side := atLeast(fyne.NewSize(420, 0), container.NewVBox(shop, buttons))
	// What happened spans the screen's foot, where it is never scrolled away.
	body := container.NewBorder(nil, s.work.view, nil, container.NewPadded(side),
		container.NewPadded(container.NewVScroll(form)))
	s.work.around = body
	s.view = container.NewBorder(header(lang.L("tile.printer"), back), nil, nil, nil, body)
	return s
}

// fill shows settings in the form.
func (s *printerScreen) fill(st app.PrinterSettings) {
	s.kind.set(st.Kind)
	s.paper.set(st.Paper)
	s.codePage.set(st.CodePage)
	s.target.SetText(st.Target)
	s.drawer.SetChecked(st.Drawer)
	s.shopName.SetText(st.ShopName)
	s.address.SetText(st.ShopAddress)
	s.kindChanged(st.Kind)
}

// form reads the settings as typed.
func (s *printerScreen) form() app.PrinterSettings {
	return app.PrinterSettings{
		Kind: s.kind.value, Target: s.target.Text, Paper: s.paper.value, CodePage: s.codePage.value,
		Drawer: s.drawer.Checked, ShopName: s.shopName.Text, ShopAddress: s.address.Text,
	}
}

func (s *printerScreen) kindChanged(k app.PrinterKind) {
	s.label.SetText(lang.L("printer.target." + string(k)))
	s.target.SetPlaceHolder(targetHints[k])
}

// store saves the form and shows it as kept; false when it was refused.
func (s *printerScreen) store() bool {
	saved, err := s.printing.SaveSettings(s.ctx, s.form())
	if err != nil {
		s.work.failed(err)
		return false
	}
	s.fill(saved)
	return true
}

func (s *printerScreen) saveForm() {
	if s.store() {
		s.work.done(lang.L("printer.saved"))
	}
}

// printTestPage saves the form, then prints off the UI thread: a printer that does not answer
// takes seconds to give up on.
func (s *printerScreen) printTestPage() {
	if !s.store() {
		return
	}
	s.busy(true)
	s.work.start(lang.L("printer.printing"))
	s.tasks.run(func() error { return s.printing.PrintTestPage(s.ctx) }, func(err error) {
		s.busy(false)
		if err != nil {
			s.work.failed(err)
			return
		}
		s.work.done(lang.L("printer.printed"))
	})
}

func (s *printerScreen) previewTestPage() {
	if s.store() {
		s.preview(s.printing.PreviewTestPage)
	}
}

func (s *printerScreen) busy(on bool) {
	for _, b := range []*widget.Button{s.save, s.test, s.previewTest} {
		enable(b, !on)
	}
}

// choice is a row of large buttons of which one is chosen, easier on a touchscreen than a
// drop-down list.
type choice[T comparable] struct {
	value   T
	buttons map[T]*widget.Button
	changed func(T)
	view    *fyne.Container
}

func newChoice[T comparable](columns int, values []T, label func(T) string, changed func(T)) *choice[T] {
	c := &choice[T]{buttons: make(map[T]*widget.Button, len(values)), changed: changed}
	c.view = container.NewGridWithColumns(min(len(values), columns))
	for _, v := range values {
		b := widget.NewButton(label(v), func() {
			c.set(v)
			if c.changed != nil {
				c.changed(v)
			}
		})
		c.buttons[v] = b
		c.view.Add(atLeast(fyne.NewSize(0, bigButton), b))
	}
	return c
}

func (c *choice[T]) set(v T) {
	c.value = v
	for k, b := range c.buttons {
		if k == v {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
}

// workStatus is where a screen says what it is doing: a progress bar while work runs, then
// what came of it, a failure with what to check.
type workStatus struct {
	log zerolog.Logger
	// around is laid out again when a line appears or goes, so that it takes its room.
	around   *fyne.Container
	progress *widget.ProgressBarInfinite
	status   *widget.Label
	message  *widget.Label
	hint     *widget.Label
	view     fyne.CanvasObject
}

func newWorkStatus(log zerolog.Logger) *workStatus {
	w := &workStatus{log: log, progress: widget.NewProgressBarInfinite(), status: widget.NewLabel(""), message: newMessage(), hint: widget.NewLabel("")}
	w.status.Wrapping = fyne.TextWrapWord
	w.status.Importance = widget.SuccessImportance
	w.hint.Wrapping = fyne.TextWrapWord
	w.progress.Stop()
	w.progress.Hide()
	w.view = container.NewPadded(container.NewVBox(w.progress, w.status, w.message, w.hint))
	w.show()
	return w
}

// show hides the lines with nothing to say, so an idle status takes no room.
func (w *workStatus) show() {
	for _, l := range []*widget.Label{w.status, w.message, w.hint} {
		l.Hidden = l.Text == ""
		l.Refresh()
	}
	if w.around != nil {
		w.around.Refresh()
	}
}

func (w *workStatus) start(what string) {
	w.message.SetText("")
	w.hint.SetText("")
	w.status.Importance = widget.MediumImportance
	w.status.SetText(what)
	w.progress.Show()
	w.progress.Start()
	w.show()
}

func (w *workStatus) stop() {
	w.progress.Stop()
	w.progress.Hide()
	w.show()
}

func (w *workStatus) done(what string) {
	w.stop()
	w.message.SetText("")
	w.hint.SetText("")
	w.status.Importance = widget.SuccessImportance
	w.status.SetText(what)
	w.show()
}

// failed shows err translated and, for a print that did not reach the printer, what to check.
func (w *workStatus) failed(err error) {
	w.stop()
	w.status.SetText("")
	w.message.SetText(ErrorText(w.log, err))
	w.hint.SetText(printHint(err))
	w.show()
}

// printHint is what to check after a print that did not reach the printer; "" for other errors.
func printHint(err error) string {
	var pe *app.PrintError
	if errors.As(err, &pe) && pe.HintKey != "" {
		return lang.L(pe.HintKey)
	}
	return ""
}

// showPrintFailure opens a window over c saying why a print failed and what to check.
func showPrintFailure(c fyne.Canvas, log zerolog.Logger, title string, err error) {
	message := newMessage()
	message.SetText(ErrorText(log, err))
	body := container.NewVBox(message)
	if hint := printHint(err); hint != "" {
		body.Add(wrappedLabel(hint))
	}
	var o *overlay
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, func() { o.close() })
	o = showOverlay(c, title, body, fyne.NewSize(640, 0), ok)
}
