package ui

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// draftsFixture is the draft list on a till-sized window, on the real use
// cases over the in-memory store and draft service; the drafts it continues
// are recorded instead of shown.
type draftsFixture struct {
	store     *draftStore
	service   *draftService
	uc        UseCases
	s         *draftsScreen
	w         fyne.Window
	thread    *uiThread
	work      *tasks
	continued []*app.OpenDraft
}

// draftsUseCases are ordersUseCases with pre-registration on the service,
// reached as the store's terminal.
func draftsUseCases(tb testing.TB, store *draftStore, service *draftService) UseCases {
	tb.Helper()
	uc := ordersUseCases(tb, store.docStore)
	uc.Drafts = app.NewDrafts(store, service.client(store.terminal.Code), uc.Orders, uc.Session, fixedClock)
	return uc
}

func newDraftsFixture(tb testing.TB) *draftsFixture {
	tb.Helper()
	x := &draftsFixture{store: newDraftStore(tb), service: newDraftService(), thread: &uiThread{}}
	x.uc = draftsUseCases(tb, x.store, x.service)
	x.work = &tasks{post: x.thread.post}
	tb.Cleanup(func() {
		for _, o := range x.continued {
			assert.NoError(tb, o.Close(context.Background()))
		}
		x.work.wait()
	})
	return x
}

// show logs code in and shows the list with its first page.
func (x *draftsFixture) show(tb testing.TB, code, pin string) {
	tb.Helper()
	loginAs(tb, x.uc, code, pin)
	x.s = newDraftsScreen(context.Background(), draftsDeps{drafts: x.uc.Drafts, settings: x.uc.Settings,
		clock: fixedClock, tasks: x.work, log: zerolog.Nop()},
		draftsNav{back: func() {}, cont: func(o *app.OpenDraft) { x.continued = append(x.continued, o) }}, allDrafts)
	x.w = showOnTill(tb, x.s.view)
	x.settle()
}

func (x *draftsFixture) settle() { x.thread.settle(x.work) }

// park puts a document of kind with one unit of each product in the draft
// store, as operator parked it on terminal at the given time.
func (x *draftsFixture) park(tb testing.TB, k pos.Kind, operator, terminal string, at time.Time, products ...int) app.DraftSummary {
	tb.Helper()
	d := x.draftDoc(tb, k, operator, products...)
	d.IssuedAt = at
	return x.service.park(tb, d, terminal, at)
}

// parkHere keeps a document on this till as parked while offline.
func (x *draftsFixture) parkHere(tb testing.TB, k pos.Kind, operator string, at time.Time, products ...int) pos.Document {
	tb.Helper()
	d := x.draftDoc(tb, k, operator, products...)
	d.IssuedAt = at
	require.NoError(tb, x.store.ParkDraft(context.Background(), at, terminalCode, app.OpMeta{}, 0, &d))
	return d
}

func (x *draftsFixture) draftDoc(tb testing.TB, k pos.Kind, operator string, products ...int) pos.Document {
	tb.Helper()
	d := pos.Document{Kind: k, Status: pos.StatusUnconfirmed, Source: pos.SourceTerminal, Terminal: terminalCode,
		Center: "KRK", Operator: operator, HandledBy: operator, Customer: app.UndefinedCustomer,
		VATMethod: pos.VATFromGross, PaymentMethod: "CASH"}
	for _, n := range products {
		p := x.store.products[n-1]
		d.Lines = append(d.Lines, pos.Line{ProductCode: p.Code, Name: p.Name, Unit: p.Unit, Qty: pos.Units(1),
			Price: p.Price, BasePrice: p.Price, VATRate: p.VATRate})
	}
	require.NoError(tb, x.store.NumberDraft(context.Background(), &d))
	return d
}

// choose picks option in the drop-down that shows current.
func (x *draftsFixture) choose(tb testing.TB, current, option string) {
	tb.Helper()
	sel := find(x.w, func(s *widget.Select) bool { return s.Selected == current })
	require.NotNil(tb, sel, "no drop-down showing %q", current)
	require.Contains(tb, sel.Options, option)
	sel.SetSelected(option)
	x.settle()
}

func TestDraftListShowsTheCentersDrafts(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	mine := x.park(t, pos.KindOrder, manager, terminalCode, fixedNow.Add(-time.Hour), 7)
	theirs := x.park(t, pos.KindQuote, consultant, otherTerminal, fixedNow.Add(-30*time.Minute), 7, 12)
	here := x.parkHere(t, pos.KindOrder, manager, fixedNow.Add(-10*time.Minute), 3)
	x.show(t, manager, managerPIN)

	shown := texts(x.w)
	for _, want := range []string{
		string(mine.BarcodeNo), "COMC/TMP/1", "Order", "7.99", "Marc Dubois", terminalCode,
		string(theirs.BarcodeNo), "DEVC/TMP/1", "Quote", "20.98", consultantName, otherTerminal,
		localMark, string(here.BarcodeNo), "local",
		"Type", "Number", "Temp. no.", "Modified", "Gross", "Seller", "Terminal",
	} {
		assert.Contains(t, shown, want)
	}
	assert.NotContains(t, shown, "Net", "hidden until the operator asks for it")
	assert.NotContains(t, shown, "Page 2", "one page")
	assert.NotContains(t, shown, lang.L("drafts.local_results"), "the service answered")
	assert.Equal(t, here.ID, x.s.list.rows[0].ID, "newest first")
	assert.True(t, x.s.remove.Disabled(), "nothing selected")
	assert.True(t, x.s.cont.Disabled(), "nothing selected")

	tapText(t, x.w, string(theirs.BarcodeNo))
	assert.False(t, x.s.remove.Disabled())
	assert.False(t, x.s.cont.Disabled())
	requireText(t, x.w, "DEVC/TMP/1 · 20.98 · "+consultantName)
}

func TestDraftFiltersChangeTheQuery(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	x.park(t, pos.KindOrder, manager, terminalCode, fixedNow.Add(-24*time.Hour), 7)
	quote := x.park(t, pos.KindQuote, consultant, otherTerminal, fixedNow, 12)
	x.show(t, manager, managerPIN)
	require.Len(t, x.s.list.rows, 2)

	x.choose(t, "All types", "Quote")
	assert.Equal(t, pos.KindQuote, x.service.lastAsked().Kind)
	x.choose(t, "All sellers", consultantName)
	assert.Equal(t, consultant, x.service.lastAsked().Seller)
	x.choose(t, "All terminals", otherTerminal)
	assert.Equal(t, otherTerminal, x.service.lastAsked().Terminal)
	x.choose(t, "Any date", "Today")
	day := x.service.lastAsked().Day
	now := fixedNow.Local()
	assert.Equal(t, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local), day)

	require.Len(t, x.s.list.rows, 1)
	assert.Equal(t, quote.ID, x.s.list.rows[0].ID)
	x.choose(t, "Quote", "Order")
	assert.Empty(t, x.s.list.rows)
	requireText(t, x.w, "Nothing to show.")

	sel := find(x.w, func(s *widget.Select) bool { return s.Selected == "Today" })
	assert.Equal(t, []string{"Any date", "Today", "Yesterday"}, sel.Options[:3])
	assert.Len(t, sel.Options, 8, "a week of days")
	terminals := find(x.w, func(s *widget.Select) bool { return s.Selected == otherTerminal })
	assert.Equal(t, []string{"All terminals", terminalCode, otherTerminal}, terminals.Options, "this center's terminals")
}

func TestScanningADraftsBarcodeSelectsIt(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	x.park(t, pos.KindOrder, manager, terminalCode, fixedNow.Add(-time.Hour), 7)
	wanted := x.park(t, pos.KindOrder, consultant, otherTerminal, fixedNow, 12)
	x.show(t, manager, managerPIN)

	scan(x.s.scan, string(wanted.BarcodeNo))
	assert.Nil(t, x.s.sel, "selected once the service answered")
	requireText(t, x.w, "Working…")
	x.settle()
	assert.NotContains(t, texts(x.w), "Working…")

	assert.Equal(t, string(wanted.BarcodeNo), x.service.lastAsked().Text)
	require.NotNil(t, x.s.sel)
	assert.Equal(t, wanted.ID, x.s.sel.ID)
	assert.False(t, x.s.cont.Disabled())
	requireText(t, x.w, string(wanted.BarcodeNo)) // the filter, which a tap clears

	test.Tap(x.s.numberChip)
	x.settle()
	assert.Empty(t, x.service.lastAsked().Text)
	assert.Len(t, x.s.list.rows, 2)
	assert.Nil(t, x.s.sel)
	assert.True(t, x.s.cont.Disabled())
}

func TestDeletingADraftAsksFirst(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	d := x.park(t, pos.KindOrder, manager, terminalCode, fixedNow, 7)
	x.show(t, manager, managerPIN)
	tapText(t, x.w, string(d.BarcodeNo))

	test.Tap(x.s.remove)
	require.Contains(t, topTexts(x.w), "Delete the parked document "+string(d.BarcodeNo)+"? It is removed on every till; this cannot be undone.")
	tapTop(t, x.w, "No")
	_, kept := x.service.draft(t, d.ID)
	assert.True(t, kept)

	test.Tap(x.s.remove)
	tapTop(t, x.w, "Yes")
	assert.True(t, x.s.cont.Disabled(), "the buttons wait for the service")
	x.settle()
	_, kept = x.service.draft(t, d.ID)
	assert.False(t, kept)
	requireText(t, x.w, string(d.BarcodeNo)+" is deleted.")
	assert.Empty(t, x.s.list.rows)
	assert.Nil(t, x.s.sel)
	assert.True(t, x.s.remove.Disabled())
}

// Deleting another operator's draft without the right (R-D4) is refused at
// once, without first asking whether to.
func TestDeletingAnothersDraftIsRefusedBeforeAsking(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	d := x.park(t, pos.KindOrder, manager, terminalCode, fixedNow, 7)
	x.show(t, consultant, managerPIN)
	tapText(t, x.w, string(d.BarcodeNo))

	test.Tap(x.s.remove)
	assert.NotContains(t, strings.Join(topTexts(x.w), " "), "Delete the parked document", "no question")
	requireText(t, x.w, "MARC made this document: changing, deleting or confirming it needs the right to modify other operators' documents.")
	_, kept := x.service.draft(t, d.ID)
	assert.True(t, kept)
}

func TestDraftListOfflineShowsThisTillsDrafts(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	x.park(t, pos.KindOrder, manager, terminalCode, fixedNow, 7)
	here := x.parkHere(t, pos.KindQuote, manager, fixedNow, 3)
	x.service.setOffline(true)
	x.show(t, manager, managerPIN)

	requireText(t, x.w, lang.L("drafts.local_results"))
	require.Len(t, x.s.list.rows, 1)
	assert.Equal(t, here.ID, x.s.list.rows[0].ID)
}

// Continuing is refused with why: the draft is edited on another terminal
// (R-D3), it is another operator's and the right is missing (R-D4), or the
// service is out of reach (M4).
func TestContinueRefusedSaysWhy(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	held := x.park(t, pos.KindOrder, manager, terminalCode, fixedNow, 7)
	x.service.holdOn(held.ID, otherTerminal)
	managers := x.park(t, pos.KindOrder, manager, terminalCode, fixedNow.Add(-time.Hour), 12)
	x.show(t, consultant, managerPIN)

	tapText(t, x.w, string(held.BarcodeNo))
	test.Tap(x.s.cont)
	x.settle()
	requireText(t, x.w, "This document is being edited on terminal KRPOS3. Try again once it is parked or closed there.")

	tapText(t, x.w, string(managers.BarcodeNo))
	test.Tap(x.s.cont)
	x.settle()
	requireText(t, x.w, "MARC made this document: changing, deleting or confirming it needs the right to modify other operators' documents.")

	x.service.setOffline(true)
	test.Tap(x.s.cont)
	x.settle()
	requireText(t, x.w, lang.L(pos.MsgDraftDataMissing))
	assert.Empty(t, x.continued)
	assert.False(t, x.s.cont.Disabled(), "the operator may try again")
}

func TestDraftColumnChoiceIsKeptForTheTerminal(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	x.park(t, pos.KindOrder, manager, terminalCode, fixedNow, 7)
	x.show(t, manager, managerPIN)

	tapText(t, x.w, "Columns")
	tapTop(t, x.w, "Net")
	tapTop(t, x.w, "Seller")
	tapTop(t, x.w, "OK")
	x.settle()

	assert.Equal(t, "type,number,temp_number,modified,gross,terminal,net", x.store.settings["columns.drafts"])
	var titles []string
	for _, c := range x.s.list.cols {
		titles = append(titles, c.Title)
	}
	assert.Equal(t, []string{"", "Type", "Number", "Temp. no.", "Modified", "Gross", "Terminal", "Net"}, titles)
	assert.Contains(t, texts(x.w), "6.50", "the net of 7.99 at 23 %")
}

// Every key the draft screens and the drafts use cases show is translated:
// the columns' titles and types, and the errors of the use cases and of the data
// service's draft store, which the key scan (error.… and lang.L) does not
// find.
func TestDraftKeysAreTranslated(t *testing.T) {
	newTestApp(t, "en")
	var keys []string
	for _, key := range shortKindKeys {
		keys = append(keys, key)
	}
	for _, c := range slices.Concat(allDrafts.cols.cols, parkedOrders.cols.cols) {
		keys = append(keys, c.key)
		if c.short != "" {
			keys = append(keys, c.short)
		}
	}
	drafts := regexp.MustCompile(`"(drafts\.[a-z_]+)"`)
	for _, f := range []string{"../drafts.go", "../pos/drafts.go", "../../sync/dataservice/drafts.go"} {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range drafts.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, m[1])
		}
	}
	require.Contains(t, keys, "drafts.others_right", "the scan finds the use cases' keys")
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for _, code := range app.Languages {
		require.NoError(t, UseLanguage(code))
		for _, k := range keys {
			assert.NotEqual(t, k, lang.L(k), "%s has no %s text", k, code)
		}
	}
}

// draftsTill is the whole interface with pre-registration, the manager
// logged in, on the draft list.
func draftsTill(tb testing.TB, x *draftsFixture) *till {
	tb.Helper()
	tl := newTillWith(tb, x.uc)
	tl.logIn(tb, managerName, managerPIN)
	tapText(tb, tl.w, lang.L("tile.drafts"))
	tl.thread.settle(&tl.ui.tasks)
	require.Equal(tb, "drafts", tl.screen())
	return tl
}

// continueScanned scans a draft's barcode on the list, as the scanner
// types it, and continues it in the form.
func continueScanned(tb testing.TB, tl *till, barcode pos.DocNumber) {
	tb.Helper()
	field, ok := tl.w.Canvas().Focused().(*ScanField)
	require.True(tb, ok, "the number field takes the scans")
	scan(field, string(barcode))
	tl.thread.settle(&tl.ui.tasks)
	tapText(tb, tl.w, lang.L("drafts.continue"))
	tl.thread.settle(&tl.ui.tasks)
	require.Equal(tb, "order_form", tl.screen())
}

// Seed 001's worked example on the second terminal: the draft is scanned,
// continued, a fan added, printed with its barcode and parked again.
func TestContinueAddPrintAndParkAgain(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	d := x.park(t, pos.KindOrder, consultant, otherTerminal, fixedNow.Add(-time.Hour), 7)
	tl := draftsTill(t, x)

	continueScanned(t, tl, d.BarcodeNo)
	requireText(t, tl.w, "Product 007")
	requireText(t, tl.w, "COMC/TMP/1")
	assert.NotContains(t, texts(tl.w), "Save", "a draft is kept by parking it")
	field := tl.w.Canvas().Focused().(*ScanField)
	scan(field, "5900000000012")
	requireText(t, tl.w, "Product 012")

	tapText(t, tl.w, "Print")
	tl.thread.settle(&tl.ui.tasks)
	requireText(t, tl.w, "Sent to the printer.")
	outs := x.store.types.outs
	require.NotEmpty(t, outs)
	printed := outs[len(outs)-1].PrintJob.Document
	assert.Equal(t, d.BarcodeNo, printed.BarcodeNo, "the draft prints with its barcode")
	assert.Len(t, printed.Lines, 2, "as the form shows it")

	tapText(t, tl.w, "Pre-register")
	tl.thread.settle(&tl.ui.tasks)
	assert.Equal(t, "drafts", tl.screen(), "back on the list")
	requireText(t, tl.w, "Parked: COMC/TMP/1 — "+string(d.BarcodeNo))
	parked, ok := x.service.draft(t, d.ID)
	require.True(t, ok)
	assert.Len(t, parked.Lines, 2)
	assert.Equal(t, d.BarcodeNo, parked.BarcodeNo)
	assert.Empty(t, x.store.localIDs(), "parked on the service")
	assert.Empty(t, x.service.released, "the put spent the lease")
}

// The cashier continues the draft and confirms it: it leaves the draft store
// under its lease and shows in the orders list, numbered here (R-D5, R-D10).
func TestConfirmingAContinuedDraft(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	d := x.park(t, pos.KindOrder, manager, otherTerminal, fixedNow, 7, 12)
	tl := draftsTill(t, x)
	continueScanned(t, tl, d.BarcodeNo)

	tapText(t, tl.w, "Confirm")
	tl.thread.settle(&tl.ui.tasks)

	assert.Equal(t, "orders", tl.screen())
	requireText(t, tl.w, "Order COMC/1/2025/KRKASA1 · Confirmed · Retail customer · 20.98")
	require.Len(t, x.store.confirmed, 1)
	assert.NotZero(t, x.store.confirmed[0], "the draft.confirm carries the lease")
	stored := x.store.doc(t, d.ID)
	assert.Equal(t, pos.StatusConfirmed, stored.Status)
	assert.Equal(t, d.BarcodeNo, stored.BarcodeNo)
	assert.Empty(t, x.service.released, "the confirmation keeps the lease until the service removes the draft")
}

// A continued draft whose lease another terminal took (this till could not
// renew it in time) says so on the form at once, not at Pre-register.
func TestAContinuedDraftsLostLeaseIsToldAtOnce(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	x.service.lease = 30 * time.Millisecond // renewals every 10 ms
	d := x.park(t, pos.KindOrder, manager, otherTerminal, fixedNow, 7)
	tl := draftsTill(t, x)
	continueScanned(t, tl, d.BarcodeNo)

	x.service.holdOn(d.ID, otherTerminal)
	require.Eventually(t, func() bool {
		tl.thread.settle(&tl.ui.tasks)
		return slices.Contains(texts(tl.w), lang.L("drafts.lease_lost"))
	}, 10*time.Second, 5*time.Millisecond, "the next renewal learns it, the form says it")
	assert.Equal(t, "order_form", tl.screen(), "the cashier decides what to do")
}

// Back on a continued draft gives its lease back, so another terminal may
// continue it.
func TestLeavingAContinuedDraftGivesItBack(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	d := x.park(t, pos.KindQuote, manager, otherTerminal, fixedNow, 7)
	tl := draftsTill(t, x)
	continueScanned(t, tl, d.BarcodeNo)

	tapText(t, tl.w, "Back")
	tl.thread.settle(&tl.ui.tasks)

	assert.Equal(t, "drafts", tl.screen())
	assert.Len(t, x.service.released, 1)
	x.service.holdOn(d.ID, otherTerminal) // free again: another terminal takes it
}

// [Pre-register] on a new order parks it in the draft store and leaves the
// form; without the service, M3 says it is kept on this till (R-D1, R-D2).
func TestPreRegisterANewOrder(t *testing.T) {
	for _, offline := range []bool{false, true} {
		newTestApp(t, "en")
		x := newDraftsFixture(t)
		x.service.setOffline(offline)
		tl := newTillWith(t, x.uc)
		tl.logIn(t, managerName, managerPIN)
		tapText(t, tl.w, "Orders and quotes")
		tapText(t, tl.w, "Add")
		tapTop(t, tl.w, "Order")
		scan(tl.w.Canvas().Focused().(*ScanField), "5900000000007")

		tapText(t, tl.w, "Pre-register")
		tl.thread.settle(&tl.ui.tasks)

		if !offline {
			assert.Equal(t, "orders", tl.screen(), "back where the order was started")
			assert.Len(t, x.service.drafts, 1)
			assert.Empty(t, x.store.localIDs())
			continue
		}
		assert.Equal(t, "order_form", tl.screen(), "the operator reads M3 first")
		require.Contains(t, topTexts(tl.w), lang.L(pos.MsgDraftSavedLocally))
		tapTop(t, tl.w, "OK")
		assert.Equal(t, "orders", tl.screen())
		assert.Empty(t, x.service.drafts)
		require.Len(t, x.store.localIDs(), 1)
		local, err := x.store.LocalDraft(context.Background(), x.store.localIDs()[0])
		require.NoError(t, err)
		assert.True(t, pos.LooksLikeDocNumber(string(local.BarcodeNo)), "numbered before it is printed or sent")
		assert.Equal(t, pos.StatusUnconfirmed, local.Status)
	}
}

// The tile shows to operators who may edit quotes or orders, either.
func TestDraftTileNeedsAQuoteOrOrderRight(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	store.groups["quotes"] = pos.Group{Code: "quotes", Rights: []pos.Right{pos.RightQuoteEdit}}
	store.operators[0].Group = "quotes"
	uc := useCases(t, store)
	loginAs(t, uc, cashier, cashierPIN)
	w, opened, _ := menuOnTill(t, uc)
	tapText(t, w, "Continue a document")
	assert.Equal(t, []string{app.TileDrafts}, *opened)

	store.operators[0].Group = "cashiers"
	loginAs(t, uc, cashier, cashierPIN)
	w, _, _ = menuOnTill(t, uc)
	assert.NotContains(t, texts(w), "Continue a document")
}

// Page down asks the draft store for the next screenful, page up for the
// previous one: a touchscreen does not drag-scroll.
func TestDraftListPagesThroughTheStore(t *testing.T) {
	newTestApp(t, "en")
	x := newDraftsFixture(t)
	for i := range 30 {
		x.park(t, pos.KindOrder, manager, terminalCode, fixedNow.Add(-time.Duration(i)*time.Minute), 1+i%20)
	}
	x.show(t, manager, managerPIN)
	first := slices.Clone(x.s.list.rows)
	size := len(first)
	require.Greater(t, size, 3, "a screenful")

	tapText(t, x.w, "Page down")
	x.settle()
	assert.Equal(t, size, x.service.lastAsked().Offset)
	assert.Equal(t, size+1, x.service.lastAsked().Limit, "one more row tells whether a next page exists")
	requireText(t, x.w, "Page 2")
	assert.NotEqual(t, first[0].ID, x.s.list.rows[0].ID)

	tapText(t, x.w, "Page up")
	x.settle()
	assert.Zero(t, x.service.lastAsked().Offset)
	assert.Equal(t, first, x.s.list.rows)
}
