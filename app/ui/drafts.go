package ui

import (
	"context"
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

// draftsDeps are what the draft list is built from.
type draftsDeps struct {
	drafts   *app.Drafts
	settings *app.Settings
	// clock gives today to the issue date filter; without one it is not offered.
	clock app.Clock
	tasks *tasks
	log   zerolog.Logger
}

// draftsNav is where the draft list leads.
type draftsNav struct {
	back func()
	// cont shows the form on a draft opened for editing; the form owns it
	// from then on and closes it when it leaves.
	cont func(open *app.OpenDraft)
}

// draftColumn is a column a list of parked documents can show.
type draftColumn = listColumn[*draftsScreen, app.DraftSummary]

// draftsList is what sets one list of parked documents apart (R-D6): the list
// of all of them (tile "Continue a document") or the list of one type's,
// opened from that type's list, with that list's columns. Both have the same
// filters: the orders list's that apply to a draft (type, issue date) are
// those of the list of all, which adds seller and terminal.
type draftsList struct {
	screen string // the screen's name for the UI's OnScreen
	title  string // the header's translation key
	cols   listColumns[*draftsScreen, app.DraftSummary]
}

// allDrafts is the list of all parked documents. Its columns (R-D6): the
// number names the draft, Net is hidden until the operator asks for it. The
// weights are what each needs in French, the marker column's 0.4 being 28
// pixels, so that on a 1024-pixel till the 20 digits of the number and the
// rest show whole: the type in a word, the modification without its year
// (drafts are parked for days).
var allDrafts = draftsList{screen: "drafts", title: "tile.drafts", cols: listColumns[*draftsScreen, app.DraftSummary]{
	list: "drafts", always: "number", cols: []draftColumn{
		{id: "type", key: "orders.col.type", weight: 1.7, shown: true,
			text: func(_ *draftsScreen, d app.DraftSummary) string { return shortKindName(d.Kind) }},
		{id: "number", key: "drafts.col.number", weight: 3.5, shown: true,
			text: func(_ *draftsScreen, d app.DraftSummary) string { return string(d.BarcodeNo) }},
		{id: "temp_number", key: "drafts.col.temp_number", short: "drafts.col.temp_number_short", weight: 2.1, shown: true,
			text: draftTempNumber},
		{id: "modified", key: "drafts.col.modified", short: "drafts.col.modified_short", weight: 1.7, shown: true,
			text: func(_ *draftsScreen, d app.DraftSummary) string { return formatModified(d.ModifiedAt) }},
		draftGross(1.25), draftSeller(1.8), draftTerminal(1.35), draftNet(1.25),
	}}}

// parkedOrders is the list of parked quotes and orders, opened from the
// orders list, with its columns where they apply to a draft (R-D6: that
// type's columns, R-L3): the number is the barcode number, beside it the
// temporary number (a draft has no other), the customer and address as that
// list names them; the status, related documents and the ERP's fields a
// draft has not are left out, the terminal of the last modification (R-D6)
// added. Hidden until asked for, as on the orders list: Handled by and Net,
// and the seller too, whom the Seller filter finds — nine columns do not fit
// a 1024-pixel till (the capture cut the customer to four letters). The
// weights, about 58 pixels each there in French, keep the numbers, amounts,
// dates and terminal whole.
var parkedOrders = draftsList{screen: "parked_orders", title: "drafts.orders.title", cols: listColumns[*draftsScreen, app.DraftSummary]{
	list: "parked_orders", always: "number", cols: []draftColumn{
		{id: "number", key: "orders.col.number", weight: 4.4, shown: true,
			text: func(_ *draftsScreen, d app.DraftSummary) string { return string(d.BarcodeNo) }},
		{id: "temp_number", key: "drafts.col.temp_number", short: "drafts.col.temp_number_short", weight: 2.4, shown: true,
			text: draftTempNumber},
		{id: "customer", key: "orders.col.customer", weight: 1.65, shown: true,
			text: func(_ *draftsScreen, d app.DraftSummary) string { return d.CustomerName }},
		{id: "address", key: "orders.col.address", weight: 1.65, shown: true,
			text: func(_ *draftsScreen, d app.DraftSummary) string { return d.Address }},
		draftGross(1.4),
		{id: "issued", key: "orders.col.issued", short: "orders.col.issued_short", weight: 1.7, shown: true,
			text: func(_ *draftsScreen, d app.DraftSummary) string { return formatDate(d.IssuedAt) }},
		{id: "delivery", key: "orders.col.delivery", short: "orders.col.delivery_short", weight: 1.7, shown: true,
			text: func(_ *draftsScreen, d app.DraftSummary) string { return formatDate(d.DeliveryDate) }},
		draftTerminal(1.75),
		{id: "handled_by", key: "orders.col.handled_by", weight: 1.8,
			text: func(s *draftsScreen, d app.DraftSummary) string { return s.operatorName(d.HandledBy) }},
		hidden(draftSeller(1.8)), draftNet(1.35),
	}}}

// draftTempNumber is the temporary number (R-D7), which a draft parked here
// offline has not yet: it says so.
func draftTempNumber(_ *draftsScreen, d app.DraftSummary) string {
	if d.TempNumber == "" && d.Local {
		return lang.L("drafts.local")
	}
	return d.TempNumber
}

// The columns both lists have, at each list's weight.
func draftGross(weight float32) draftColumn {
	return draftColumn{id: "gross", key: "orders.col.gross", weight: weight, align: fyne.TextAlignTrailing, shown: true,
		text: func(_ *draftsScreen, d app.DraftSummary) string { return formatMoney(d.Gross) }}
}

func draftSeller(weight float32) draftColumn {
	return draftColumn{id: "seller", key: "drafts.col.seller", weight: weight, shown: true,
		text: func(s *draftsScreen, d app.DraftSummary) string { return s.operatorName(d.Seller) }}
}

func draftTerminal(weight float32) draftColumn {
	return draftColumn{id: "terminal", key: "drafts.col.terminal", short: "drafts.col.terminal_short", weight: weight,
		shown: true, text: func(_ *draftsScreen, d app.DraftSummary) string { return d.Terminal }}
}

// hidden is c hidden until the operator asks for it.
func hidden(c draftColumn) draftColumn {
	c.shown = false
	return c
}

func draftNet(weight float32) draftColumn {
	return draftColumn{id: "net", key: "orders.col.net", weight: weight, align: fyne.TextAlignTrailing,
		text: func(_ *draftsScreen, d app.DraftSummary) string { return formatMoney(d.Net) }}
}

// shortKindKeys name the kinds a draft may be in a word, for the list's
// Type column.
var shortKindKeys = map[pos.Kind]string{
	pos.KindQuote: "drafts.kind.quote",
	pos.KindOrder: "drafts.kind.order",
}

func shortKindName(k pos.Kind) string {
	if key, ok := shortKindKeys[k]; ok {
		return lang.L(key)
	}
	return kindName(k)
}

// localMark marks, where the selected row's mark goes, a draft parked on
// this till while the data service was out of reach, not yet in the draft
// store (R-D2); its temporary number, not given yet, says so in words.
const localMark = "⌂"

// formatModified shows when a draft was last changed, to the minute: several
// a day are parked.
func formatModified(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(lang.L("drafts.format.modified"))
}

// draftsScreen is a list of parked documents (R-D6), all of them or one
// type's (draftsList): drop-down filters on type, issue date, seller and
// terminal, a number field that takes a scanned document barcode, the
// columns the terminal chose, and Delete and Continue on the selected draft.
type draftsScreen struct {
	draftsDeps
	ctx  context.Context
	nav  draftsNav
	kind draftsList // which list: all parked documents, or one type's

	filter  app.DraftFilter
	days    []time.Time // the issue date filter's days; the zero time for any
	sellers []string    // the seller filter's operator codes; "" for all
	names   map[string]string
	shown   map[string]bool

	// The draft store answers over the network, so its pages are asked off
	// the UI thread: asked is the query on its way, answered the last one
	// answered and rows its answer, which the list shows.
	asked, answered app.DraftFilter
	rows            []app.DraftSummary
	pickScanned     bool // select the draft a scan found once the answer is in

	sel  *app.DraftSummary
	busy bool

	scan       *ScanField
	numberChip *widget.Button
	findRow    *fyne.Container
	selection  *widget.Label
	notice     *widget.Label // the list shows this till's drafts only
	message    *widget.Label
	list       *PagedList[app.DraftSummary]
	listBox    *fyne.Container
	remove     *widget.Button
	cont       *widget.Button

	view fyne.CanvasObject
}

func newDraftsScreen(ctx context.Context, deps draftsDeps, nav draftsNav, kind draftsList) *draftsScreen {
	s := &draftsScreen{draftsDeps: deps, ctx: ctx, nav: nav, kind: kind, names: map[string]string{}}
	s.message = newMessage()
	s.message.Hide()
	s.notice = wrappedLabel(lang.L("drafts.local_results"))
	s.notice.Importance = widget.WarningImportance
	s.notice.Hide()
	s.selection = widget.NewLabel("")
	s.selection.TextStyle.Bold = true
	s.selection.Truncation = fyne.TextTruncateEllipsis

	var err error
	if s.shown, err = kind.cols.load(ctx, deps.settings); err != nil {
		s.fail(err)
	}
	filters := s.filters()

	s.scan = NewScanField(lang.L("drafts.scan"), s.findNumber)
	s.numberChip = widget.NewButtonWithIcon("", theme.CancelIcon(), s.clearNumber)
	s.numberChip.Hide()
	columns := widget.NewButtonWithIcon(lang.L("orders.columns"), theme.ListIcon(), func() {
		kind.cols.choose(ctx, canvasOf(s.view), s.settings, s.log, s.shown, func(shown map[string]bool) {
			s.shown = shown
			s.buildList()
		})
	})
	s.listBox = container.NewStack()
	s.buildList()

	s.remove = bigAction(lang.L("drafts.delete"), theme.DeleteIcon(), widget.MediumImportance, s.askDelete)
	s.cont = bigAction(lang.L("drafts.continue"), theme.DocumentCreateIcon(), widget.HighImportance, s.doContinue)
	size := fyne.NewSize(180, bigButton)
	actions := container.NewHBox(atLeast(size, s.remove), atLeast(size, s.cont))

	top := container.NewVBox(
		header(lang.L(kind.title), nav.back, atLeast(fyne.NewSize(0, bigButton), columns)),
		filters, s.notice)
	// The number field sits by the selection and the actions it leads to.
	s.findRow = container.NewBorder(nil, nil,
		container.NewHBox(atLeast(fyne.NewSize(300, bigButton), s.scan), atLeast(fyne.NewSize(0, bigButton), s.numberChip)),
		actions, s.selection)
	s.view = container.NewBorder(top, container.NewVBox(s.message, s.findRow), nil, nil, s.listBox)
	s.updateButtons()
	return s
}

// filters are the drop-downs above the list (R-D6), four in a row: few
// enough to stay in sight instead of in a window like the orders list's.
func (s *draftsScreen) filters() fyne.CanvasObject {
	field := func(key string, options []string, changed func(i int)) fyne.CanvasObject {
		name := widget.NewLabel(lang.L(key))
		name.SizeName = theme.SizeNameCaptionText
		name.Importance = widget.LowImportance
		sel := widget.NewSelect(options, nil)
		sel.SetSelectedIndex(0)
		sel.OnChanged = func(string) {
			changed(sel.SelectedIndex())
			s.refilter()
		}
		return container.New(stackedTextsLayout{}, name, atLeast(fyne.NewSize(0, bigButton), sel))
	}

	kind := field("orders.col.type", optionTexts(kindOptions), func(i int) {
		s.filter.Kind = ""
		if k := kindOptions[i].kinds; len(k) > 0 {
			s.filter.Kind = k[0]
		}
	})

	s.sellers = []string{""}
	sellerNames := []string{lang.L("drafts.filter.all_sellers")}
	if ops, err := s.drafts.Sellers(s.ctx); err == nil {
		for _, o := range ops {
			s.names[o.Code] = o.Name
			s.sellers = append(s.sellers, o.Code)
			sellerNames = append(sellerNames, o.Name)
		}
	} else {
		s.fail(err)
	}
	seller := field("drafts.col.seller", sellerNames, func(i int) { s.filter.Seller = s.sellers[i] })

	terminals := []string{lang.L("drafts.filter.all_terminals")}
	codes, err := s.drafts.Terminals(s.ctx)
	if err != nil {
		s.fail(err)
	}
	terminals = append(terminals, codes...)
	terminal := field("drafts.col.terminal", terminals, func(i int) {
		s.filter.Terminal = ""
		if i > 0 {
			s.filter.Terminal = terminals[i]
		}
	})

	fields := []fyne.CanvasObject{kind}
	if s.clock != nil {
		fields = append(fields, field("orders.col.issued", s.dayOptions(), func(i int) { s.filter.Day = s.days[i] }))
	}
	fields = append(fields, seller, terminal)
	return container.NewGridWithColumns(len(fields), fields...)
}

// dayOptions are the issue date filter's choices: any day, today, yesterday
// and the five days before, by date. Drafts are parked for days, not months.
func (s *draftsScreen) dayOptions() []string {
	now := s.clock.Now().Local()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	s.days = []time.Time{{}}
	texts := []string{lang.L("orders.filter.any_date")}
	for i := range 7 {
		day := today.AddDate(0, 0, -i)
		s.days = append(s.days, day)
		switch i {
		case 0:
			texts = append(texts, lang.L("orders.filter.today"))
		case 1:
			texts = append(texts, lang.L("drafts.filter.yesterday"))
		default:
			texts = append(texts, formatDate(day))
		}
	}
	return texts
}

// buildList makes the list with the columns shown.
func (s *draftsScreen) buildList() {
	cols := s.kind.cols.paged(s, s.shown, func(d app.DraftSummary) string {
		switch {
		case s.sel != nil && d.ID == s.sel.ID:
			return selectedMark
		case d.Local:
			return localMark
		}
		return ""
	})
	s.list = NewPagedList(s.ctx, PageFunc[app.DraftSummary](s.page), cols)
	s.list.OnSelected = s.selectRow
	s.list.OnError = s.fail
	// Cells padded less than the touch theme's, so that the eight columns
	// show whole on a 1024-pixel till; rows stay a finger high.
	s.listBox.Objects = []fyne.CanvasObject{container.NewThemeOverride(s.list, compactTheme{NewTheme()})}
	s.listBox.Refresh()
}

func (s *draftsScreen) operatorName(code string) string {
	if n, ok := s.names[code]; ok {
		return n
	}
	return code
}

// page serves the list the answer in hand when it holds the page asked for;
// otherwise it asks the draft store off the UI thread and shows the page
// once the answer is in. An answer holding more rows than asked serves too:
// a message line taking room must not ask again.
func (s *draftsScreen) page(_ context.Context, offset, limit int) ([]app.DraftSummary, error) {
	f := s.filter
	f.Offset, f.Limit = offset, limit
	a := s.answered
	a.Limit = limit
	if s.rows != nil && f == a && (len(s.rows) >= limit || len(s.rows) < s.answered.Limit) {
		return s.rows[:min(limit, len(s.rows))], nil
	}
	if f != s.asked {
		s.fetch(f)
	}
	return nil, nil
}

func (s *draftsScreen) fetch(f app.DraftFilter) {
	s.asked = f
	s.list.SetEmptyText(lang.L("orders.working"))
	var rows []app.DraftSummary
	var localOnly bool
	s.tasks.run(func() (err error) {
		rows, _, localOnly, err = s.drafts.List(s.ctx, f)
		return err
	}, func(err error) {
		if f != s.asked {
			return // a newer query is on its way
		}
		s.asked = app.DraftFilter{}
		s.list.SetEmptyText(lang.L("list.empty"))
		if err != nil {
			s.fail(err)
		}
		s.answered, s.rows = f, append([]app.DraftSummary{}, rows...)
		s.notice.Hidden = !localOnly
		s.view.Refresh()
		reloadPage(s.list, false)
		s.pickFound()
	})
}

// findNumber filters on a typed number or a scanned document barcode; when
// one draft is left, it is selected, ready for Continue.
func (s *draftsScreen) findNumber(code string) {
	s.filter.Text = code
	s.numberChip.SetText(code)
	s.numberChip.Show()
	s.findRow.Refresh()
	s.refilter()
	s.pickScanned = true
	s.pickFound()
}

// pickFound selects the draft a scan found, the only row, once the answer
// to the scan is in.
func (s *draftsScreen) pickFound() {
	if !s.pickScanned || s.asked != (app.DraftFilter{}) {
		return
	}
	s.pickScanned = false
	if rows := s.list.rows; len(rows) == 1 {
		s.selectRow(rows[0])
	}
}

func (s *draftsScreen) clearNumber() {
	s.filter.Text = ""
	s.numberChip.Hide()
	s.findRow.Refresh()
	s.refilter()
}

// refilter asks the draft store again for the first page of what the
// filters now select: drafts come and go on other terminals too. The
// selection goes: it may not be among the rows any more.
func (s *draftsScreen) refilter() {
	s.pickScanned = false
	s.rows = nil
	s.sel = nil
	s.showSelection()
	reloadPage(s.list, true)
	s.updateButtons()
}

func (s *draftsScreen) selectRow(row app.DraftSummary) {
	if s.busy {
		return
	}
	s.setMessage(widget.MediumImportance, "")
	s.sel = &row
	s.showSelection()
	s.list.Refresh()
	s.updateButtons()
}

func (s *draftsScreen) showSelection() {
	if s.sel == nil {
		s.selection.SetText("")
		return
	}
	// The temporary number names it, its prefix the type; the barcode
	// number is on the row and, scanned, in the filter.
	d := s.sel
	name := d.TempNumber
	if name == "" {
		name = string(d.BarcodeNo)
	}
	s.selection.SetText(name + " · " + formatMoney(d.Gross) + " · " + s.operatorName(d.Seller))
}

// updateButtons offers Delete and Continue on a selected draft, not while
// one of them runs.
func (s *draftsScreen) updateButtons() {
	enable(s.remove, s.sel != nil && !s.busy)
	enable(s.cont, s.sel != nil && !s.busy)
}

func (s *draftsScreen) selNumber() map[string]any {
	return map[string]any{"Number": string(s.sel.BarcodeNo)}
}

// askDelete removes the selected draft from the draft store once the
// operator says so.
func (s *draftsScreen) askDelete() {
	if err := s.drafts.MayChange(*s.sel); err != nil {
		s.fail(err) // refused before asking whether to
		return
	}
	id, args := s.sel.ID, s.selNumber()
	askYesNo(canvasOf(s.view), lang.L("drafts.delete"), lang.L("drafts.ask_delete", args), func(yes bool) {
		if !yes {
			return
		}
		s.run(func() error { return s.drafts.Delete(s.ctx, id) }, func(err error) {
			if err != nil {
				s.fail(err)
				return
			}
			s.refilter()
			s.setMessage(widget.SuccessImportance, lang.L("drafts.deleted", args))
		})
	})
}

// doContinue takes the selected draft's edit lease and opens it in the form;
// a draft edited on another terminal, another operator's without the
// right, or one this till lacks the data to show (M4) is refused with why.
func (s *draftsScreen) doContinue() {
	id := s.sel.ID
	var open *app.OpenDraft
	s.run(func() (err error) {
		open, err = s.drafts.Continue(s.ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			s.fail(err)
			return
		}
		s.nav.cont(open)
	})
}

// run does an action off the UI thread: it waits for the data service. The
// buttons wait with it, and the message says it is working.
func (s *draftsScreen) run(work func() error, done func(err error)) {
	s.busy = true
	s.setMessage(widget.MediumImportance, lang.L("orders.working"))
	s.updateButtons()
	s.tasks.run(work, func(err error) {
		s.busy = false
		s.setMessage(widget.MediumImportance, "")
		done(err)
		s.updateButtons()
	})
}

// setMessage shows an error, a result or that the list works, on a line
// that takes no room while empty.
func (s *draftsScreen) setMessage(importance widget.Importance, text string) {
	s.message.Importance = importance
	s.message.SetText(text)
	s.message.Hidden = text == ""
	s.message.Refresh()
	if s.view != nil {
		s.view.Refresh()
	}
}

func (s *draftsScreen) fail(err error) {
	s.setMessage(widget.DangerImportance, orderErrorText(s.log, err))
}
