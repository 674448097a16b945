package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
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
}

// Options adapt the interface to how the till is run.
type Options struct {
	// DemoPINs maps operator codes to their PINs, shown on the login tiles;
	// nil outside demo mode.
	DemoPINs map[string]string
	// OnScreen is called with "login", "menu", "products" or "settings" each
	// time a screen is shown: cmd logs it, the smoke test waits for "login".
	OnScreen func(name string)
	// Log receives the errors a cashier only sees as a generic message.
	Log zerolog.Logger
	// StatusEvery is how often the status bar refreshes; every second when 0.
	StatusEvery time.Duration
}

// UI is the till's interface in one window.
type UI struct {
	ctx context.Context
	uc  UseCases
	opt Options
	win fyne.Window

	status *statusBar
	body   *fyne.Container // the screen shown above the status bar
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
	u.status = newStatusBar(uc.Status, opt.Log)
	u.body = container.NewStack()
	w.SetTitle(lang.L("app.title") + " " + uc.Session.Terminal().Code)
	w.SetIcon(assets.Icon)
	w.SetContent(container.NewBorder(nil, u.status.view, nil, nil, u.body))
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
		s := newSettingsScreen(u.ctx, u.uc.Settings, u.opt.Log, u.showMenu, func() { u.open("settings") })
		u.show("settings", s.view, nil)
	case app.TilePrinter:
		u.showPrinter()
	default:
		// A tile added to app.Tiles before its screen exists.
		u.opt.Log.Error().Str("tile", tile).Msg("no screen for this tile")
	}
}

func (u *UI) logout() {
	u.uc.Session.Logout()
	u.showLogin()
}
