package ui

import (
	"context"
	"slices"
	"strconv"
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

// ordersDeps are what the orders list, the form and the payment window are
// built from.
type ordersDeps struct {
	orders   *app.Orders
	settings *app.Settings
	session  *app.Session
	// printing prints the documents the screens issue and show; nil on a
	// till without a printer, where nothing offers to print.
	printing *app.Printing
	// clock gives today for the date filters; without one they are not offered.
	clock app.Clock
	tasks *tasks
	log   zerolog.Logger
}

// ordersNav is where the list leads.
type ordersNav struct {
	back func()
	// edit shows the form on a document: a new one, or one opened for editing.
	edit func(d *pos.Document)
	// print shows the print preview of a job; its Back returns to the list
	// as it was. nil: the list offers no printing.
	print func(job app.PrintJob)
	// parked shows the parked quotes and orders (R-D6's per-type list); nil:
	// the till has no pre-registration and the list does not offer them.
	parked func()
}

// ordersListName is the list's name for the columns chosen on this terminal.
const ordersListName = "orders"

// ordersScreen is the list of quotes and orders (R-L1–R-L7): a number filter
// that takes a scanned document barcode, drop-down filters, the columns the
// terminal chose, and the actions on the selected document, each enabled
// only when the rules of section 5 and the operator's rights allow it.
type ordersScreen struct {
	ordersDeps
	ctx context.Context
	nav ordersNav

	filter    app.DocFilter
	kind      int // index in kindOptions
	status    int // index in statusOptions
	amount    int // index in amountRanges
	issued    int // index in issueRanges
	delivered int // index in deliveryRanges
	shown     map[string]bool
	names     map[string]string          // operator code → name, for Handled by
	dicts     map[string][]pos.DictEntry // the ERP's delivery and payment statuses

	sel     *pos.Document // the selected document, nil when none
	selRow  app.DocSummary
	related []pos.Related
	busy    bool // an action is running

	scan       *ScanField
	numberChip *widget.Button
	more       *widget.Button
	list       *PagedList[app.DocSummary]
	listBox    *fyne.Container
	findRow    *fyne.Container // the number field, its filter, the selection
	selection  *widget.Label
	message    *widget.Label
	messageBox *fyne.Container // the message and the rows, sharing their room
	// localOnly says the rows are this till's only: the data service should
	// have been searched too and could not be reached (R-L4); while its
	// answer is on the way, it says so.
	localOnly *widget.Label
	remote    remoteSearch
	// pickScanned selects the one row a scan found, once all rows are in.
	pickScanned bool

	add, print, preview, relatedDocs, changeStatus *touchButton
	pickup, cancel, closeOrder, open, generate     *touchButton

	view fyne.CanvasObject
}

// newOrdersScreen builds the list; selectID, when set, is selected at once
// (the order the form just confirmed).
func newOrdersScreen(ctx context.Context, deps ordersDeps, nav ordersNav, selectID string) *ordersScreen {
	s := &ordersScreen{ordersDeps: deps, ctx: ctx, nav: nav, names: map[string]string{}, dicts: map[string][]pos.DictEntry{},
		remote: remoteSearch{query: 1}}
	s.message = newMessageLine()
	s.message.Hide()
	s.listBox = container.NewStack()
	// The message takes its room from the rows', under them.
	s.messageBox = besideMessage(s.message, s.listBox, false)
	s.localOnly = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	s.localOnly.Wrapping = fyne.TextWrapWord
	s.localOnly.Hide()
	s.selection = widget.NewLabel("")
	s.selection.TextStyle.Bold = true
	s.selection.Truncation = fyne.TextTruncateEllipsis

	if ops, err := deps.session.Operators(ctx); err == nil {
		for _, o := range ops {
			s.names[o.Code] = o.Name
		}
	} else {
		s.fail(err)
	}
	for _, dict := range []string{pos.DictDeliveryStatus, pos.DictPaymentStatus} {
		entries, err := deps.orders.DictEntries(ctx, dict)
		if err != nil {
			s.fail(err)
		}
		s.dicts[dict] = entries
	}
	s.shown = s.loadColumns()

	s.scan = NewScanField(lang.L("orders.scan"), s.findNumber)
	s.numberChip = widget.NewButtonWithIcon("", theme.CancelIcon(), s.clearNumber)
	s.numberChip.Hide()
	s.more = widget.NewButtonWithIcon("", theme.MenuIcon(), s.moreFilters)
	columns := widget.NewButtonWithIcon(lang.L("orders.columns"), theme.ListIcon(), s.chooseColumns)
	s.showMoreCount()

	s.buildList()

	s.add = s.action("orders.add", s.askAdd)
	s.print = s.action("orders.print", s.printSelected)
	s.preview = s.action("orders.preview", s.showPreview)
	s.relatedDocs = s.action("orders.related", s.showRelated)
	s.changeStatus = s.action("orders.change_status", s.askStatus)
	s.pickup = s.action("orders.pickup", s.doPickup)
	s.cancel = s.action("orders.cancel", s.askCancel)
	s.closeOrder = s.action("orders.close", s.askClose)
	s.open = s.action("orders.open", s.doOpen)
	s.generate = s.action("orders.generate", s.askGenerate)
	// One row: every action in reach, and the list keeps the height for rows.
	actions := []*touchButton{s.add, s.print, s.preview, s.relatedDocs, s.changeStatus, s.pickup,
		s.cancel, s.closeOrder, s.open, s.generate}
	views := make([]fyne.CanvasObject, len(actions))
	for i, b := range actions {
		views[i] = b.view
	}
	compact := compactTheme{NewTheme()}
	row := wholeWordsRow{buttons: actions, pad: compact.Size(theme.SizeNameInnerPadding), gap: theme.Padding()}
	buttons := container.NewThemeOverride(container.New(row, views...), compact)

	tall := func(o fyne.CanvasObject, width float32) fyne.CanvasObject {
		return atLeast(fyne.NewSize(width, bigButton), o)
	}
	heads := []fyne.CanvasObject{tall(s.more, 0), tall(columns, 0)}
	if nav.parked != nil {
		parked := widget.NewButtonWithIcon(lang.L("drafts.orders.open"), theme.HistoryIcon(), nav.parked)
		heads = append([]fyne.CanvasObject{tall(parked, 0)}, heads...)
	}
	top := header(lang.L("tile.orders"), nav.back, heads...)
	// The number field sits by the selection, above the actions it leads to.
	s.findRow = container.NewBorder(nil, nil, container.NewHBox(tall(s.scan, 300), tall(s.numberChip, 0)), nil, s.selection)
	bottom := container.NewVBox(s.localOnly, s.findRow, buttons)
	s.view = container.NewBorder(top, bottom, nil, nil, s.messageBox)

	if selectID != "" {
		s.selectID(selectID)
	}
	s.updateButtons()
	return s
}

// action is one of the list's buttons: a compact label, so ten fit a row.
func (s *ordersScreen) action(key string, tapped func()) *touchButton {
	b := newTouchButton(lang.L(key), tapped)
	b.label.SizeName = theme.SizeNameCaptionText
	return b
}

// setMessage shows an error, a result or that an action runs, on a line
// that takes no room while empty.
func (s *ordersScreen) setMessage(importance widget.Importance, text string) {
	s.message.Importance = importance
	s.message.SetText(text)
	s.message.Hidden = text == ""
	s.messageBox.Refresh() // laid out again around the message
}

// orderColumn is a column the list can show (R-L3).
type orderColumn = listColumn[*ordersScreen, app.DocSummary]

// orderColumns are every column, in the order they show: first those shown
// by default, then those hidden until the operator asks for them. The
// default ones' weights let a whole number and the dates show on a
// 1024-pixel till, at the customer's and the address's expense, and every
// status in every language on a 1280-pixel one (on a 1024-pixel one, all
// but French's longest, En cours de traitement).
var orderColumns = []orderColumn{
	{id: "number", key: "orders.col.number", weight: 4.7, shown: true,
		text: func(_ *ordersScreen, d app.DocSummary) string {
			if d.Remote {
				return remoteMark + summaryNumber(d)
			}
			return summaryNumber(d)
		}},
	{id: "status", key: "orders.col.status", weight: 3.4, shown: true,
		text: func(_ *ordersScreen, d app.DocSummary) string { return statusName(d.Status) }},
	{id: "customer", key: "orders.col.customer", weight: 1.6, shown: true,
		text: func(_ *ordersScreen, d app.DocSummary) string { return d.Customer }},
	{id: "address", key: "orders.col.address", weight: 1.6, shown: true,
		text: func(_ *ordersScreen, d app.DocSummary) string { return d.Address }},
	{id: "gross", key: "orders.col.gross", weight: 1.8, align: fyne.TextAlignTrailing, shown: true,
		text: func(_ *ordersScreen, d app.DocSummary) string { return formatMoney(d.Gross) }},
	{id: "issued", key: "orders.col.issued", short: "orders.col.issued_short", weight: 1.9, shown: true,
		text: func(_ *ordersScreen, d app.DocSummary) string { return formatDate(d.IssuedAt) }},
	{id: "delivery", key: "orders.col.delivery", short: "orders.col.delivery_short", weight: 1.9, shown: true,
		text: func(_ *ordersScreen, d app.DocSummary) string { return formatDate(d.DeliveryDate) }},
	{id: "related", key: "orders.col.related", short: "orders.col.related_short", weight: 1.1, align: fyne.TextAlignTrailing, shown: true,
		text: func(_ *ordersScreen, d app.DocSummary) string {
			if d.Related == 0 {
				return ""
			}
			return strconv.Itoa(d.Related)
		}},
	{id: "handled_by", key: "orders.col.handled_by", weight: 2.2,
		text: func(s *ordersScreen, d app.DocSummary) string { return s.operatorName(d.HandledBy) }},
	{id: "delivery_status", key: "orders.col.delivery_status", weight: 2,
		text: func(s *ordersScreen, d app.DocSummary) string {
			return s.dictName(pos.DictDeliveryStatus, d.DeliveryStatus)
		}},
	{id: "expiry", key: "orders.col.expiry", weight: 1.9,
		text: func(_ *ordersScreen, d app.DocSummary) string { return formatDate(d.ExpiryDate) }},
	{id: "net", key: "orders.col.net", weight: 1.7, align: fyne.TextAlignTrailing,
		text: func(_ *ordersScreen, d app.DocSummary) string { return formatMoney(d.Net) }},
	{id: "payment_status", key: "orders.col.payment_status", weight: 2,
		text: func(s *ordersScreen, d app.DocSummary) string {
			return s.dictName(pos.DictPaymentStatus, d.PaymentStatus)
		}},
	{id: "recipient", key: "orders.col.recipient", weight: 2.4,
		text: func(_ *ordersScreen, d app.DocSummary) string { return d.Recipient }},
	{id: "source", key: "orders.col.source", weight: 1.4,
		text: func(_ *ordersScreen, d app.DocSummary) string { return sourceName(d.Source) }},
	{id: "fulfilled", key: "orders.col.fulfilled", short: "orders.col.fulfilled_short", weight: 1.4, align: fyne.TextAlignCenter,
		text: func(_ *ordersScreen, d app.DocSummary) string {
			if d.FulfilledAtPickup {
				return lang.L("orders.yes")
			}
			return ""
		}},
}

// dictName is the ERP's name of a delivery or payment status; a code the
// dictionary does not hold shows as the till knows it.
func (s *ordersScreen) dictName(dict, code string) string {
	for _, e := range s.dicts[dict] {
		if e.Code == code {
			return e.Name
		}
	}
	if dict == pos.DictDeliveryStatus {
		return deliveryStatusName(code)
	}
	return code
}

// orderList is the list's columns; the number always shows: it names the
// document.
var orderList = listColumns[*ordersScreen, app.DocSummary]{list: ordersListName, always: "number", cols: orderColumns}

// loadColumns reads the terminal's offer.
func (s *ordersScreen) loadColumns() map[string]bool {
	shown, err := orderList.load(s.ctx, s.settings)
	if err != nil {
		s.fail(err)
	}
	return shown
}

// buildList makes the list with the columns shown, from the first page.
func (s *ordersScreen) buildList() {
	cols := orderList.paged(s, s.shown, func(d app.DocSummary) string {
		if s.sel != nil && d.ID == s.sel.ID {
			return selectedMark
		}
		return ""
	})
	s.list = NewPagedList(s.ctx, PageFunc[app.DocSummary](s.page), cols)
	s.list.OnSelected = s.selectRow
	s.list.OnError = s.fail
	// Cells padded less than the touch theme's, as on the draft list, so
	// that numbers, statuses and dates show whole.
	s.listBox.Objects = []fyne.CanvasObject{container.NewThemeOverride(s.list, compactTheme{NewTheme()})}
	s.listBox.Refresh()
}

// remoteMark starts the number of a row only the data service has (R-L4).
const remoteMark = "☁ "

// remoteSearch is the data service's part of a number search (R-L4): the
// service may take seconds to answer, so it is asked off the UI thread and
// the list shows the local rows meanwhile. Each filter applied is a new
// query; the answer to an older one is dropped.
type remoteSearch struct {
	query    int // the filter's query, counted from 1
	asked    int // the query whose answer is on its way; 0 for none
	answered int // the query rows and err answer
	rows     []app.DocSummary
	err      error
}

// page asks the use case for the local rows at once, with the service's
// rows of this query when they are in; when the page would show them and
// they are not, it asks the service for them.
func (s *ordersScreen) page(ctx context.Context, offset, limit int) ([]app.DocSummary, error) {
	f := s.filter
	f.Offset, f.Limit = offset, limit
	r := &s.remote
	var remote []app.DocSummary
	if r.answered == r.query {
		remote = r.rows
	}
	rows, ask, err := s.orders.SearchPage(ctx, f, remote)
	if ask && r.answered != r.query && r.asked != r.query {
		s.askRemote(f)
	}
	switch {
	case !ask || err != nil:
		s.showNotice(widget.MediumImportance, "")
	case r.asked == r.query:
		s.showNotice(widget.LowImportance, lang.L("orders.searching_remote"))
	case r.err != nil:
		s.showNotice(widget.WarningImportance, lang.L("orders.local_only"))
	default:
		s.showNotice(widget.MediumImportance, "")
	}
	return rows, err
}

// askRemote asks the data service for its rows of the query f belongs to,
// off the UI thread; the page shows them when they come, if the filters have
// not changed meanwhile.
func (s *ordersScreen) askRemote(f app.DocFilter) {
	r := &s.remote
	q := r.query
	r.asked = q
	var rows []app.DocSummary
	s.tasks.run(func() (err error) {
		rows, err = s.orders.SearchRemote(s.ctx, f)
		return err
	}, func(err error) {
		if q != r.query {
			return // an answer to an older query
		}
		if err != nil && pos.ErrorCode(err) != pos.CodeUnavailable {
			s.log.Error().Err(err).Msg("remote search: local results only")
		}
		r.asked, r.answered, r.rows, r.err = 0, q, rows, err
		reloadPage(s.list, false)
		s.pickFound()
	})
}

// showNotice shows what the list says of the data service's rows, on a line
// that takes no room while empty.
func (s *ordersScreen) showNotice(importance widget.Importance, text string) {
	if s.localOnly.Text == text {
		return
	}
	s.localOnly.Importance = importance
	s.localOnly.SetText(text)
	s.localOnly.Hidden = text == ""
	if s.view != nil {
		s.view.Refresh() // the notice takes its room, or gives it back
	}
}

func (s *ordersScreen) operatorName(code string) string {
	if n, ok := s.names[code]; ok {
		return n
	}
	return code
}

// findNumber filters on a typed number prefix or a scanned document barcode;
// when one document is left, it is selected, ready for an action.
func (s *ordersScreen) findNumber(code string) {
	s.filter.Number = code
	s.numberChip.SetText(code)
	s.numberChip.Show()
	s.findRow.Refresh()
	s.refilter()
	s.pickScanned = true
	s.pickFound()
}

// pickFound selects the one row a scan found, once the data service's rows
// are in too: before, the one row may not be the only one. A row the
// operator tapped meanwhile stays selected.
func (s *ordersScreen) pickFound() {
	if !s.pickScanned || s.remote.asked != 0 {
		return
	}
	s.pickScanned = false
	if rows := s.list.rows; len(rows) == 1 && s.sel == nil {
		s.selectRow(rows[0])
	}
}

func (s *ordersScreen) clearNumber() {
	s.filter.Number = ""
	s.numberChip.Hide()
	s.findRow.Refresh()
	s.refilter()
}

// refilter shows the first page of what the filters now select. The
// selection goes: it may not be among the rows any more.
func (s *ordersScreen) refilter() {
	s.remote = remoteSearch{query: s.remote.query + 1}
	s.pickScanned = false
	s.setMessage(widget.MediumImportance, "")
	s.sel, s.related = nil, nil
	s.showSelection()
	reloadPage(s.list, true)
	s.updateButtons()
}

// selectRow selects a row and reads its document and the documents generated
// from it, which the buttons' rules need.
func (s *ordersScreen) selectRow(row app.DocSummary) {
	if s.busy {
		return
	}
	if row.Remote {
		s.fetchRow(row)
		return
	}
	d, rel, err := s.orders.Get(s.ctx, row.ID)
	if err != nil {
		s.fail(err)
		return
	}
	s.setMessage(widget.MediumImportance, "")
	s.sel, s.selRow, s.related = &d, row, rel
	s.showSelection()
	s.list.Refresh()
	s.updateButtons()
}

// fetchRow brings a row only the data service has (☁) into this till, off
// the UI thread, then selects it like any other: acting on it needs it
// stored here (R-L4).
func (s *ordersScreen) fetchRow(row app.DocSummary) {
	s.run(func() error {
		_, _, err := s.orders.Fetch(s.ctx, row.ID)
		return err
	}, func(err error) {
		if err != nil {
			s.fail(err)
			return
		}
		// Stored here now: the local rows show it, the service's no more.
		s.remote.rows = slices.DeleteFunc(slices.Clone(s.remote.rows), func(r app.DocSummary) bool { return r.ID == row.ID })
		reloadPage(s.list, false)
		s.selectID(row.ID)
		s.note(lang.L("orders.fetched", map[string]any{"Number": summaryNumber(row)}))
	})
}

// selectID selects a document by id, as if its row had been tapped.
func (s *ordersScreen) selectID(id string) {
	d, rel, err := s.orders.Get(s.ctx, id)
	if err != nil {
		s.fail(err)
		return
	}
	s.sel, s.related = &d, rel
	s.selRow = app.DocSummary{ID: d.ID, Kind: d.Kind, Number: d.Number, BarcodeNo: d.BarcodeNo, Status: d.Status}
	if tot, err := d.Totals(); err == nil {
		s.selRow.Gross = tot.Gross
	}
	if c, err := s.orders.Customer(s.ctx, d.Customer); err == nil {
		s.selRow.Customer = c.Name
	}
	s.showSelection()
	s.list.Refresh()
	s.updateButtons()
}

func (s *ordersScreen) showSelection() {
	s.selection.Hidden = s.sel == nil
	if s.sel == nil {
		s.selection.SetText("")
		return
	}
	text := kindName(s.sel.Kind) + " " + docNumber(s.sel.Number, s.sel.BarcodeNo) + " · " + statusName(s.sel.Status)
	if s.selRow.Customer != "" {
		text += " · " + s.selRow.Customer
	}
	text += " · " + formatMoney(s.selRow.Gross)
	s.selection.SetText(text)
}

// refresh reads the page and the selected document again after an action.
func (s *ordersScreen) refresh() {
	reloadPage(s.list, false)
	if s.sel == nil {
		return
	}
	id := s.sel.ID
	for _, r := range s.list.rows {
		if r.ID == id {
			s.selRow = r
		}
	}
	d, rel, err := s.orders.Get(s.ctx, id)
	if err != nil {
		s.fail(err)
		return
	}
	s.sel, s.related = &d, rel
	s.selRow.Status = d.Status
	s.showSelection()
	s.list.Refresh()
	s.updateButtons()
}

// allowed asks the rules whether the operator may do a on the selection.
func (s *ordersScreen) allowed(a pos.Action) error {
	if s.sel == nil {
		return pos.Errorf(pos.CodeInvalid, "error.nothing_selected")
	}
	return s.orders.Allowed(a, s.sel, s.related)
}

// anyStatusChange tells whether the selection may go to some status.
func (s *ordersScreen) anyStatusChange() bool {
	login, _ := s.session.Current()
	for _, to := range pos.NextStatuses(s.sel.Kind, s.sel.Status) {
		if pos.AllowedStatusChange(s.sel, to, s.related, login.Group) == nil {
			return true
		}
	}
	return false
}

// mayCreate tells whether the operator may create documents of kind k.
func (s *ordersScreen) mayCreate(k pos.Kind) bool { return s.createRefused(k) == nil }

func (s *ordersScreen) createRefused(k pos.Kind) error {
	return s.orders.Allowed(pos.ActionEdit, &pos.Document{Kind: k, Status: pos.StatusUnconfirmed}, nil)
}

// updateButtons enables each action only when its rule allows it for the
// selected document and the operator (R-L5); nothing while an action runs.
func (s *ordersScreen) updateButtons() {
	on := func(b *touchButton, ok bool) { b.setEnabled(!s.busy && ok) }
	can := func(a pos.Action) bool { return s.allowed(a) == nil }
	on(s.add, s.mayCreate(pos.KindQuote) || s.mayCreate(pos.KindOrder))
	on(s.print, s.sel != nil && s.canPrint())
	on(s.preview, s.sel != nil)
	on(s.relatedDocs, s.sel != nil && len(s.related) > 0)
	on(s.changeStatus, can(pos.ActionChangeStatus) && s.anyStatusChange())
	on(s.pickup, can(pos.ActionPickup))
	on(s.cancel, can(pos.ActionCancel))
	on(s.closeOrder, can(pos.ActionClose))
	on(s.open, can(pos.ActionOpen))
	on(s.generate, can(pos.ActionReceipt) || can(pos.ActionInvoice) || can(pos.ActionAdvance))
}

func (s *ordersScreen) fail(err error) {
	s.setMessage(widget.DangerImportance, orderErrorText(s.log, err))
}

func (s *ordersScreen) note(text string) {
	s.setMessage(widget.SuccessImportance, text)
}

// run does an action off the UI thread: online it may wait for the data
// service. The buttons wait with it, and the message says it is working.
func (s *ordersScreen) run(work func() error, done func(err error)) {
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

// askAdd offers a new quote or a new order ([Add] → [Quote]/[Order]); one
// the operator may not create says why.
func (s *ordersScreen) askAdd() {
	option := func(k pos.Kind) offer {
		o := offer{text: kindName(k), chosen: func() { s.addDocument(k) }}
		if err := s.createRefused(k); err != nil {
			o.refused = refusalText(s.log, err)
		}
		return o
	}
	chooseOffer(canvasOf(s.view), lang.L("orders.add"), []offer{option(pos.KindQuote), option(pos.KindOrder)})
}

// addDocument starts a new quote or order in the form.
func (s *ordersScreen) addDocument(k pos.Kind) {
	d, err := s.orders.New(s.ctx, k)
	if err != nil {
		s.fail(err)
		return
	}
	s.nav.edit(d)
}

func (s *ordersScreen) selNumber() map[string]any {
	return map[string]any{"Number": docNumber(s.sel.Number, s.sel.BarcodeNo)}
}

// change runs one of the list's operations on the selected document, then
// shows the result and the document as it now is.
func (s *ordersScreen) change(op func(ctx context.Context, id string) error, ok func()) {
	id := s.sel.ID
	s.run(func() error { return op(s.ctx, id) }, func(err error) {
		s.refresh()
		if err != nil {
			s.fail(err)
			return
		}
		ok()
	})
}

func (s *ordersScreen) askCancel() {
	args := s.selNumber()
	askYesNo(canvasOf(s.view), lang.L("orders.cancel"), lang.L("orders.ask_cancel", args), func(yes bool) {
		if yes {
			s.change(s.orders.Cancel, func() { s.note(lang.L("orders.cancelled", args)) })
		}
	})
}

func (s *ordersScreen) askClose() {
	args := s.selNumber()
	askYesNo(canvasOf(s.view), lang.L("orders.close"), lang.L("orders.ask_close", args), func(yes bool) {
		if yes {
			s.change(s.orders.Close, func() { s.note(lang.L("orders.closed", args)) })
		}
	})
}

// doOpen sends the document back to editing and shows it in the form.
func (s *ordersScreen) doOpen() {
	s.change(s.orders.Open, func() {
		if s.sel != nil && s.sel.Status == pos.StatusUnconfirmed {
			d := *s.sel
			s.nav.edit(&d)
		}
	})
}

// doPickup records that the customer collected the order and says so (M8).
func (s *ordersScreen) doPickup() {
	s.change(s.orders.Pickup, func() {
		showMessage(canvasOf(s.view), lang.L("orders.pickup"), lang.L(pos.MsgFulfilmentChanged), nil)
	})
}

// askStatus offers the statuses the document may go to (R-O7); one that
// has its own rule (cancel, close, open) or follows from generated
// documents (In progress, Completed) says why it is refused.
func (s *ordersScreen) askStatus() {
	login, _ := s.session.Current()
	var options []offer
	for _, to := range pos.NextStatuses(s.sel.Kind, s.sel.Status) {
		c := offer{text: statusName(to), chosen: func() {
			s.change(func(ctx context.Context, id string) error { return s.orders.ChangeStatus(ctx, id, to) },
				func() { s.note(lang.L("orders.status_changed", map[string]any{"Status": statusName(to)})) })
		}}
		if err := pos.AllowedStatusChange(s.sel, to, s.related, login.Group); err != nil {
			c.refused = refusalText(s.log, err)
		}
		options = append(options, c)
	}
	chooseOffer(canvasOf(s.view), lang.L("orders.change_status"), options)
}

// askGenerate offers a receipt, an invoice or an advance invoice; a refused
// one says why.
func (s *ordersScreen) askGenerate() {
	option := func(k pos.Kind, a pos.Action) offer {
		c := offer{text: kindName(k), chosen: func() { s.generateDocument(k, 0) }}
		if err := s.allowed(a); err != nil {
			c.refused = refusalText(s.log, err)
		}
		return c
	}
	chooseOffer(canvasOf(s.view), lang.L("orders.generate"), []offer{
		option(pos.KindReceipt, pos.ActionReceipt),
		option(pos.KindInvoice, pos.ActionInvoice),
		advanceOffer(s),
	})
}

// generateQuestions are the questions the use case asks before it
// generates a document, word for word, and what Yes consents to: M2 when the
// data service cannot be reached for a synced order (the document is issued
// unlinked, carrying the order's number, R-X2), M10 when lines are on
// warehouses this center may not use (they are switched first, R-F8).
var generateQuestions = []struct {
	key, title string
	consent    app.Consent
}{
	{pos.MsgOfflineUnlinked, "orders.offline_title", app.ConsentUnlinked},
	{pos.MsgSetWarehouses, "orders.warehouses_title", app.ConsentSwitchWarehouses},
}

// askConsent puts to the operator the question err asks, if it is one of
// generateQuestions not consented to yet; Yes runs again with that consent
// added, No stops there. It tells whether it asked.
func askConsent(c fyne.Canvas, err error, consent app.Consent, again func(app.Consent)) bool {
	e, ok := pos.AsError(err)
	if !ok {
		return false
	}
	for _, q := range generateQuestions {
		if e.Key == q.key && consent&q.consent == 0 {
			askYesNo(c, lang.L(q.title), lang.L(q.key), func(yes bool) {
				if yes {
					again(consent | q.consent)
				}
			})
			return true
		}
	}
	return false
}

// generateDocument prepares the receipt or invoice and opens the payment
// window. A question the use case asks is put to the operator; Yes tries
// again with that consent, No stops there.
func (s *ordersScreen) generateDocument(k pos.Kind, consent app.Consent) {
	id := s.sel.ID
	var g *app.Generation
	s.run(func() (err error) {
		g, err = s.orders.Generate(s.ctx, id, k, consent)
		return err
	}, func(err error) {
		if askConsent(canvasOf(s.view), err, consent, func(c app.Consent) { s.generateDocument(k, c) }) {
			return
		}
		if e, ok := pos.AsError(err); ok && e.Key == pos.MsgAdvanceCustomer {
			// M6 asks the operator to check the advance invoices: a message
			// of its own, like M5, not a line under the list.
			showMessage(canvasOf(s.view), kindName(k), orderErrorText(s.log, err), nil)
			return
		}
		if err != nil {
			s.fail(err)
			return
		}
		newPaymentWindow(s.ctx, s.ordersDeps, canvasOf(s.view), g, func(bool) { s.refresh() })
	})
}

// showPreview shows the document with its lines and, for an order, the
// quantity each line still has to deliver (R-L6).
func (s *ordersScreen) showPreview() {
	d, rel := *s.sel, s.related
	toDeliver := pos.ToDeliver(&d, rel)
	tot, _ := d.Totals()
	type row struct {
		line             pos.Line
		amount           pos.Money
		toDeliver        pos.Qty
		showsDeliverable bool
	}
	rows := make([]row, len(d.Lines))
	for i, l := range d.Lines {
		rows[i] = row{line: l, toDeliver: toDeliver[i], showsDeliverable: d.Kind == pos.KindOrder}
		if i < len(tot.Lines) {
			rows[i].amount = tot.Lines[i].Amount
		}
	}
	lines := NewPagedList(s.ctx, slicePages(rows), []Column[row]{
		{Title: lang.L("form.col.name"), Weight: 4, Text: func(r row) string { return r.line.Name }},
		{Title: lang.L("form.col.qty"), Weight: 2, Align: fyne.TextAlignTrailing, Text: func(r row) string { return formatQty(r.line.Qty) }},
		{Title: lang.L("orders.col.to_deliver"), Weight: 3.2, Align: fyne.TextAlignTrailing, Text: func(r row) string {
			if !r.showsDeliverable {
				return ""
			}
			return formatQty(r.toDeliver)
		}},
		{Title: lang.L("form.col.price"), Weight: 1.8, Align: fyne.TextAlignTrailing, Text: func(r row) string { return formatMoney(r.line.Price) }},
		{Title: lang.L("form.col.amount"), Weight: 2, Align: fyne.TextAlignTrailing, Text: func(r row) string { return formatMoney(r.amount) }},
	})
	facts := container.NewGridWithColumns(2,
		fact(lang.L("orders.col.status"), statusName(d.Status)),
		fact(lang.L("orders.col.customer"), s.selRow.Customer),
		fact(lang.L("orders.col.issued"), formatDate(d.IssuedAt)),
		fact(lang.L("orders.col.delivery"), formatDate(d.DeliveryDate)),
		fact(lang.L("form.grand_total"), formatMoney(tot.Gross)),
		fact(lang.L("orders.col.delivery_status"), s.dictName(pos.DictDeliveryStatus, d.DeliveryStatus)),
	)
	var o *overlay
	var buttons []fyne.CanvasObject
	if d.Status == pos.StatusUnconfirmed && s.allowed(pos.ActionEdit) == nil {
		buttons = append(buttons, bigAction(lang.L("orders.edit"), theme.DocumentCreateIcon(), widget.MediumImportance, func() {
			o.close()
			s.nav.edit(&d)
		}))
	}
	buttons = append(buttons, bigAction(lang.L("orders.close_window"), theme.CancelIcon(), widget.HighImportance, func() { o.close() }))
	title := kindName(d.Kind) + " " + docNumber(d.Number, d.BarcodeNo)
	o = showOverlay(canvasOf(s.view), title, container.NewBorder(facts, nil, nil, nil, lines), fyne.NewSize(1100, 700), buttons...)
}

// fact is a label and its value, side by side.
func fact(name, value string) fyne.CanvasObject {
	n := widget.NewLabel(name)
	n.Importance = widget.LowImportance
	v := widget.NewLabel(value)
	v.TextStyle.Bold = true
	v.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, n, nil, v)
}

// canPrint tells whether the list may offer printing: a printer and a
// preview to show are wired.
func (s *ordersScreen) canPrint() bool { return s.printing != nil && s.nav.print != nil }

// printSelected shows the print preview of the selected quote or order as it
// prints: its customer's name and address and, for an order, the advances
// paid (R-L5, R-A3). The preview prints, then reprints (R-PR5).
func (s *ordersScreen) printSelected() {
	if s.sel == nil || !s.canPrint() {
		return
	}
	d := *s.sel
	s.openPrint(func() (app.PrintJob, error) { return s.orders.PrintJob(s.ctx, d) })
}

// reprintRelated shows the print preview of a document generated from the
// selected order, as a copy: it was printed when issued (R-PR5).
func (s *ordersScreen) reprintRelated(id string) {
	s.openPrint(func() (app.PrintJob, error) {
		d, _, err := s.orders.Get(s.ctx, id)
		if err != nil {
			return app.PrintJob{}, err
		}
		job, err := s.orders.PrintJob(s.ctx, d)
		job.Copy = true
		return job, err
	})
}

// openPrint reads what the job needs off the UI thread, then shows its preview.
func (s *ordersScreen) openPrint(load func() (app.PrintJob, error)) {
	var job app.PrintJob
	s.run(func() (err error) {
		job, err = load()
		return err
	}, func(err error) {
		if err != nil {
			s.fail(err)
			return
		}
		s.nav.print(job)
	})
}

// showRelated lists the documents generated from the selected order; a
// document tapped can be reprinted through its preview.
func (s *ordersScreen) showRelated() {
	var chosen *pos.Related
	var reprint *widget.Button
	var list *PagedList[pos.Related]
	list = NewPagedList(s.ctx, slicePages(s.related), []Column[pos.Related]{
		{Title: "", Weight: 0.5, Align: fyne.TextAlignCenter, Text: func(r pos.Related) string {
			if chosen != nil && r.ID == chosen.ID {
				return "▶" // the chosen row
			}
			return ""
		}},
		{Title: lang.L("orders.col.number"), Weight: 4, Text: func(r pos.Related) string { return r.Number }},
		{Title: lang.L("orders.col.type"), Weight: 3.2, Text: func(r pos.Related) string { return kindName(r.Kind) }},
		{Title: lang.L("orders.col.status"), Weight: 2.6, Text: func(r pos.Related) string { return statusName(r.Status) }},
		{Title: lang.L("orders.col.gross"), Weight: 1.8, Align: fyne.TextAlignTrailing, Text: func(r pos.Related) string { return formatMoney(r.Gross) }},
	})
	var o *overlay
	closeBtn := bigAction(lang.L("orders.close_window"), theme.CancelIcon(), widget.HighImportance, func() { o.close() })
	buttons := []fyne.CanvasObject{closeBtn}
	if s.canPrint() {
		reprint = bigAction(lang.L("orders.reprint"), theme.DocumentPrintIcon(), widget.MediumImportance, func() {
			if chosen == nil {
				return
			}
			o.close()
			s.reprintRelated(chosen.ID)
		})
		reprint.Disable()
		buttons = []fyne.CanvasObject{reprint, closeBtn}
		list.OnSelected = func(r pos.Related) {
			chosen = &r
			reprint.Enable()
			list.Refresh()
		}
	}
	title := lang.L("orders.related_of", s.selNumber())
	// As wide as the till lets it: a kind's name (Facture d'acompte,
	// Faktura zaliczkowa) shows whole beside the number.
	o = showOverlay(canvasOf(s.view), title, list, fyne.NewSize(1100, 560), buttons...)
}

// The drop-down filters (R-L4).

// kindOptions are the Type filter's choices.
var kindOptions = []filterOption{
	{key: "orders.filter.all_types"},
	{key: "orders.kind.quote", kinds: []pos.Kind{pos.KindQuote}},
	{key: "orders.kind.order", kinds: []pos.Kind{pos.KindOrder}},
}

// amountRanges are the Amount filter's choices, on the gross amount.
var amountRanges = []filterOption{
	{key: "orders.filter.any_amount"},
	{key: "orders.filter.amount_upto_50", max: 50_00},
	{key: "orders.filter.amount_50_200", min: 50_01, max: 200_00},
	{key: "orders.filter.amount_200_1000", min: 200_01, max: 1000_00},
	{key: "orders.filter.amount_over_1000", min: 1000_01},
}

// issueRanges look back from today; deliveryRanges look ahead, where the
// deliveries a shop prepares are.
var issueRanges = []filterOption{
	{key: "orders.filter.any_date"},
	{key: "orders.filter.today", from: 0, days: 1},
	{key: "orders.filter.last_7_days", from: -6, days: 7},
	{key: "orders.filter.last_30_days", from: -29, days: 30},
}

var deliveryRanges = []filterOption{
	{key: "orders.filter.any_date"},
	{key: "orders.filter.today", from: 0, days: 1},
	{key: "orders.filter.next_7_days", from: 0, days: 7},
	{key: "orders.filter.next_30_days", from: 0, days: 30},
}

// sourceOptions are the Source filter's choices.
var sourceOptions = []filterOption{
	{key: "orders.filter.all_sources"},
	{key: "orders.source.pos", value: string(pos.SourceTerminal)},
	{key: "orders.source.erp", value: string(pos.SourceERP)},
	{key: "orders.source.eshop", value: string(pos.SourceEShop)},
}

// dictOptions are the choices of the delivery or payment status filter:
// any, then the ERP's dictionary by name. Before the first pull the
// delivery statuses are the one the till sets itself, Picked up.
func (s *ordersScreen) dictOptions(dict string) []filterOption {
	opts := []filterOption{{key: "orders.filter.any_delivery_status"}}
	if dict == pos.DictPaymentStatus {
		opts[0].key = "orders.filter.any_payment_status"
	}
	entries := s.dicts[dict]
	if len(entries) == 0 && dict == pos.DictDeliveryStatus {
		entries = []pos.DictEntry{{Dict: dict, Code: pos.DeliveryPickedUp, Name: deliveryStatusName(pos.DeliveryPickedUp)}}
	}
	for _, e := range entries {
		opts = append(opts, filterOption{text: e.Name, value: e.Code})
	}
	return opts
}

type filterOption struct {
	key      string
	text     string // instead of key: a name from the ERP
	kinds    []pos.Kind
	value    string
	min, max pos.Money
	from     int // first day, relative to today
	days     int // 0: no date bound
}

func optionTexts(opts []filterOption) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.text
		if o.key != "" {
			out[i] = lang.L(o.key)
		}
	}
	return out
}

// statusTexts are the Status filter's choices: all, then each status.
func statusTexts() []string {
	out := []string{lang.L("orders.filter.all_statuses")}
	for _, st := range pos.Statuses {
		out = append(out, statusName(st))
	}
	return out
}

// dayRange is [start of today+from, that + days), in the till's time zone.
func (s *ordersScreen) dayRange(o filterOption) (time.Time, time.Time) { return dayRange(s.clock, o) }

// activeMore counts the filters set in the filters window.
func (s *ordersScreen) activeMore() int {
	n := 0
	for _, on := range []bool{s.kind > 0, s.status > 0, s.filter.Source != "", s.filter.DeliveryStatus != "",
		s.filter.PaymentStatus != "", s.amount > 0, s.issued > 0, s.delivered > 0} {
		if on {
			n++
		}
	}
	return n
}

func (s *ordersScreen) showMoreCount() {
	text := lang.L("orders.more_filters")
	if n := s.activeMore(); n > 0 {
		text = lang.L("orders.more_filters_n", map[string]any{"Count": n})
	}
	s.more.SetText(text)
}

// moreFilters opens the drop-down filters in a window, so the list keeps
// the screen's height for rows; they apply on OK.
func (s *ordersScreen) moreFilters() {
	selectOf := func(opts []filterOption, current int) *widget.Select {
		sel := widget.NewSelect(optionTexts(opts), nil)
		sel.SetSelectedIndex(current)
		return sel
	}
	indexOf := func(opts []filterOption, value string) int {
		for i, o := range opts {
			if o.value == value {
				return i
			}
		}
		return 0
	}
	kind := selectOf(kindOptions, s.kind)
	status := widget.NewSelect(statusTexts(), nil)
	status.SetSelectedIndex(s.status)
	source := selectOf(sourceOptions, indexOf(sourceOptions, string(s.filter.Source)))
	deliveryOptions, paymentOptions := s.dictOptions(pos.DictDeliveryStatus), s.dictOptions(pos.DictPaymentStatus)
	delivery := selectOf(deliveryOptions, indexOf(deliveryOptions, s.filter.DeliveryStatus))
	payment := selectOf(paymentOptions, indexOf(paymentOptions, s.filter.PaymentStatus))
	amount := selectOf(amountRanges, s.amount)
	issued := selectOf(issueRanges, s.issued)
	delivered := selectOf(deliveryRanges, s.delivered)
	field := func(key string, sel *widget.Select) fyne.CanvasObject {
		l := widget.NewLabel(lang.L(key))
		l.TextStyle.Bold = true
		return container.NewVBox(l, atLeast(fyne.NewSize(0, bigButton), sel))
	}
	fields := []fyne.CanvasObject{
		field("orders.col.type", kind),
		field("orders.col.status", status),
		field("orders.col.source", source),
		field("orders.col.delivery_status", delivery),
		field("orders.col.payment_status", payment),
		field("orders.filter.amount", amount),
	}
	if s.clock != nil {
		fields = append(fields, field("orders.col.issued", issued), field("orders.col.delivery", delivered))
	}
	body := container.NewGridWithColumns(2, fields...)

	var o *overlay
	clearAll := bigAction(lang.L("orders.clear_filters"), theme.ContentClearIcon(), widget.MediumImportance, func() {
		for _, sel := range []*widget.Select{kind, status, source, delivery, payment, amount, issued, delivered} {
			sel.SetSelectedIndex(0)
		}
	})
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, func() {
		o.close()
		s.kind = max(0, kind.SelectedIndex())
		s.filter.Kinds = kindOptions[s.kind].kinds
		s.status = max(0, status.SelectedIndex())
		s.filter.Statuses = nil
		if s.status > 0 {
			s.filter.Statuses = []pos.Status{pos.Statuses[s.status-1]}
		}
		s.filter.Source = pos.Source(sourceOptions[max(0, source.SelectedIndex())].value)
		s.filter.DeliveryStatus = deliveryOptions[max(0, delivery.SelectedIndex())].value
		s.filter.PaymentStatus = paymentOptions[max(0, payment.SelectedIndex())].value
		s.amount = max(0, amount.SelectedIndex())
		s.filter.MinGross, s.filter.MaxGross = amountRanges[s.amount].min, amountRanges[s.amount].max
		s.issued = max(0, issued.SelectedIndex())
		s.filter.IssuedFrom, s.filter.IssuedTo = s.dayRange(issueRanges[s.issued])
		s.delivered = max(0, delivered.SelectedIndex())
		s.filter.DeliveryFrom, s.filter.DeliveryTo = s.dayRange(deliveryRanges[s.delivered])
		s.showMoreCount()
		s.refilter()
	})
	o = showOverlay(canvasOf(s.view), lang.L("orders.more_filters"), body, fyne.NewSize(760, 0), clearAll, ok)
}

// chooseColumns lets the operator show or hide columns; the offer is kept
// for this terminal (R-L3).
func (s *ordersScreen) chooseColumns() {
	orderList.choose(s.ctx, canvasOf(s.view), s.settings, s.log, s.shown, func(shown map[string]bool) {
		s.shown = shown
		s.buildList()
	})
}
