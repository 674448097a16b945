package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/assets"
)

// UseCases are the use cases the screens call.
type UseCases struct {
	Session  *app.Session
	Settings *app.Settings
	Catalog  *app.Catalog
	Status   *app.StatusBar
	// Printing prints, previews and reprints documents, and sets the printer.
	Printing *app.Printing
	Orders   *app.Orders
	// Sync is the link to the data service: the status bar's count and Sync
	// now, Simulate offline, the Unsent operations screen.
	Sync *app.Sync
	// Drafts pre-registers quotes and orders and lists the parked ones
	// (SPEC section 10); nil on a till that does not pre-register.
	Drafts *app.Drafts
}

// Options adapt the interface to how the till is run.
type Options struct {
	// DemoPINs maps operator codes to their PINs, shown on the login tiles;
	// nil outside demo mode.
	DemoPINs map[string]string
	// OnScreen is called with the name of each screen shown ("login",
	// "menu", "products", "settings", "orders", "order_form", "drafts"):
	// cmd logs it, the smoke test waits for "login".
	OnScreen func(name string)
	// Log receives the errors a cashier only sees as a generic message.
	Log zerolog.Logger
	// StatusEvery is how often the status bar refreshes; every second when 0.
	StatusEvery time.Duration
	// Clock gives today to the orders list's date filters, which are not
	// offered without one.
	Clock app.Clock
}

// UI is the till's interface in one window.
type UI struct {
	ctx context.Context
	uc  UseCases
	opt Options
	win fyne.Window

	status *statusBar
	body   *fyne.Container // the screen shown above the status bar
	// notice tells, under the screen, what the screen before it did as it
	// left (a draft parked); the next screen shown takes it away.
	notice *widget.Label
	tasks  tasks
	loops  sync.WaitGroup
}

// New sets the touch theme and the terminal's language, fills w and shows
// the login screen. The status bar refreshes in the background until ctx
// ends or w is closed; New takes w's OnClosed for that. Call Wait after the
// app has stopped.
func New(ctx context.Context, uc UseCases, a fyne.App, w fyne.Window, opt Options) (*UI, error) {
	a.Settings().SetTheme(NewTheme())
	code, err := uc.Settings.Language(ctx)
	if err != nil {
		return nil, err
	}
	if err := UseLanguage(code); err != nil {
		// A bad stored language must not keep the shop closed: speak the system's.
		opt.Log.Error().Err(err).Str("language", code).Msg("use the terminal's language")
		if err := UseLanguage(""); err != nil {
			return nil, err
		}
	}
	if opt.StatusEvery <= 0 {
		opt.StatusEvery = time.Second
	}
	ctx, cancel := context.WithCancel(ctx)
	u := &UI{ctx: ctx, uc: uc, opt: opt, win: w}
	u.status = newStatusBar(uc.Status, uc.Sync, opt.Log)
	u.body = container.NewStack()
	u.notice = newMessage()
	u.notice.Importance = widget.SuccessImportance
	u.notice.Hide()
	w.SetTitle(lang.L("app.title") + " " + uc.Session.Terminal().Code)
	w.SetIcon(assets.Icon)
	w.SetContent(container.NewBorder(nil, container.NewVBox(u.notice, u.status.view), nil, nil, u.body))
	w.SetOnClosed(cancel)
	u.showLogin()

	u.loops.Add(1)
	go func() {
		defer u.loops.Done()
		u.status.run(ctx, opt.StatusEvery)
	}()
	return u, nil
}

// Wait returns when the background work has stopped: the status bar's loop,
// which ends with the window, and any PIN check in flight.
func (u *UI) Wait() {
	u.loops.Wait()
	u.tasks.wait()
}

// show puts a screen in the window. focus, when set, takes the keyboard, and
// keeps taking what is typed while nothing else has the focus: a scanner
// types without tapping the field first.
func (u *UI) show(name string, view fyne.CanvasObject, focus focusable) {
	u.body.Objects = []fyne.CanvasObject{view}
	if u.notice.Visible() {
		u.notice.Hide()
		u.win.Content().Refresh() // laid out again: the screen takes the notice's room
	}
	u.body.Refresh()
	c := u.win.Canvas()
	c.Unfocus()
	c.SetOnTypedRune(nil)
	if focus != nil {
		c.Focus(focus)
		c.SetOnTypedRune(func(r rune) {
			c.Focus(focus)
			focus.TypedRune(r)
		})
	}
	u.status.refresh(u.ctx)
	if u.opt.OnScreen != nil {
		u.opt.OnScreen(name)
	}
}

func (u *UI) showLogin() {
	s := newLoginScreen(u.ctx, u.uc.Session, u.opt.DemoPINs, u.opt.Log, &u.tasks, u.showMenu)
	u.show("login", s.view, s.pad.entry)
}

func (u *UI) showMenu() {
	u.show("menu", newMenuScreen(u.ctx, u.uc.Session, u.uc.Settings, u.opt.Log, u.open, u.logout), nil)
}

func (u *UI) open(tile string) {
	switch tile {
	case app.TileProducts:
		s := newProductsScreen(u.ctx, u.uc.Catalog, u.opt.Log, u.showMenu)
		u.show("products", s.view, s.scan)
	case app.TileSettings:
		s := newSettingsScreen(u.ctx, u.uc.Settings, u.uc.Sync, u.opt.Log, u.showMenu, func() { u.open("settings") })
		u.show("settings", s.view, nil)
	case app.TilePrinter:
		u.showPrinter()
	case app.TileOrders:
		u.showOrders("")
	case app.TileNewQuote:
		u.newDocument(pos.KindQuote)
	case app.TileNewOrder:
		u.newDocument(pos.KindOrder)
	case app.TileUnsent:
		u.showUnsent()
	case app.TileDrafts:
		u.showDrafts()
	default:
		// A tile added to app.Tiles before its screen exists.
		u.opt.Log.Error().Str("tile", tile).Msg("no screen for this tile")
	}
}

func (u *UI) ordersDeps() ordersDeps {
	return ordersDeps{orders: u.uc.Orders, settings: u.uc.Settings, session: u.uc.Session,
		printing: u.uc.Printing, clock: u.opt.Clock, tasks: &u.tasks, log: u.opt.Log}
}

// showOrders shows the orders and quotes list; selectID, when set, is the
// document to select (the one the form just confirmed). The print preview
// it opens comes back to the same list, its filters and selection kept.
func (u *UI) showOrders(selectID string) {
	var s *ordersScreen
	s = newOrdersScreen(u.ctx, u.ordersDeps(), ordersNav{
		back: u.showMenu,
		edit: func(d *pos.Document) { u.showOrderForm(d, u.showOrders) },
		print: func(job app.PrintJob) {
			u.showPrintPreview(job, func() { u.show("orders", s.view, s.scan) })
		},
		parked: u.drafted(func() { u.showDraftList(parkedOrders, func() { u.showOrders("") }) }),
	}, selectID)
	u.show("orders", s.view, s.scan)
}

// newDocument opens the form on a new quote or order from its menu tile.
// Once confirmed, the document shows selected in the list, for an operator
// who may see the list; otherwise the menu comes back.
func (u *UI) newDocument(k pos.Kind) {
	d, err := u.uc.Orders.New(u.ctx, k)
	if err != nil {
		showMessage(u.win.Canvas(), lang.L("tile.orders"), ErrorText(u.opt.Log, err), nil)
		return
	}
	u.showOrderForm(d, func(id string) {
		if id != "" && u.uc.Session.Can(pos.RightOrders) {
			u.showOrders(id)
			return
		}
		u.showMenu()
	})
}

// showOrderForm shows the form on d; after it, next receives the confirmed
// document's id, or "" when the operator left without confirming or
// pre-registered it.
func (u *UI) showOrderForm(d *pos.Document, next func(id string)) {
	u.showForm(d, nil, next)
}

// showForm is showOrderForm on a document that may be a draft continued
// from the draft list: open, or nil.
func (u *UI) showForm(d *pos.Document, open *app.OpenDraft, next func(id string)) {
	s := newOrderForm(u.ctx, u.ordersDeps(), d, func(confirmed *pos.Document) {
		id := ""
		if confirmed != nil {
			id = confirmed.ID
		}
		next(id)
	})
	s.offerDrafts(u.uc.Drafts, open, u.tell)
	u.show("order_form", s.view, s.scan)
}

// showDrafts shows the list of parked documents (R-D6).
func (u *UI) showDrafts() {
	if u.uc.Drafts == nil {
		// The tile shows on a till wired without pre-registration.
		u.opt.Log.Error().Msg("no drafts use case for the draft list")
		return
	}
	u.showDraftList(allDrafts, u.showMenu)
}

// drafted is show on a till with pre-registration; nil on one without, where
// the screens offer nothing of it.
func (u *UI) drafted(show func()) func() {
	if u.uc.Drafts == nil {
		return nil
	}
	return show
}

// showDraftList shows a list of parked documents, back leading where it was
// opened from.
func (u *UI) showDraftList(kind draftsList, back func()) {
	s := newDraftsScreen(u.ctx, draftsDeps{drafts: u.uc.Drafts, settings: u.uc.Settings, clock: u.opt.Clock,
		tasks: &u.tasks, log: u.opt.Log}, draftsNav{back: back, cont: func(open *app.OpenDraft) {
		u.continueDraft(open, func() { u.showDraftList(kind, back) })
	}}, kind)
	u.show(kind.screen, s.view, s.scan)
}

// continueDraft shows the form on a draft opened from a draft list.
// Confirmed, it shows selected in the orders list, where the cashier
// generates its receipt (R-D10); otherwise the draft list comes back.
func (u *UI) continueDraft(open *app.OpenDraft, list func()) {
	u.showForm(open.Document, open, func(id string) {
		if id != "" && u.uc.Session.Can(pos.RightOrders) {
			u.showOrders(id)
			return
		}
		list()
	})
}

// tell shows a short notice under the screen just shown, until the next one.
func (u *UI) tell(text string) {
	u.notice.SetText(text)
	u.notice.Show()
	u.win.Content().Refresh() // laid out again: the notice takes its room
}

func (u *UI) logout() {
	u.uc.Session.Logout()
	u.showLogin()
}
