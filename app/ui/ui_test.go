package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// till is the whole interface in a test window, with the screens it showed.
type till struct {
	ui      *UI
	w       fyne.Window
	thread  uiThread
	screens []string
}

// newTill starts the UI on a fresh fixture. The status bar's loop waits an
// hour between refreshes so it never runs during a test; the screens refresh
// the bar themselves.
func newTill(tb testing.TB, store *memStore, demoPINs map[string]string) *till {
	tb.Helper()
	a := fyne.CurrentApp()
	tl := &till{w: a.NewWindow("")}
	u, err := New(context.Background(), useCases(tb, store), a, tl.w, Options{
		DemoPINs:    demoPINs,
		OnScreen:    func(name string) { tl.screens = append(tl.screens, name) },
		Log:         zerolog.Nop(),
		StatusEvery: time.Hour,
	})
	require.NoError(tb, err)
	u.tasks.post = tl.thread.post
	tl.ui = u
	tl.w.Resize(tillSize)
	tb.Cleanup(func() {
		tl.w.Close()
		u.Wait()
	})
	return tl
}

// logIn goes through the login screen's keypad.
func (tl *till) logIn(tb testing.TB, name, pin string) {
	tb.Helper()
	typePIN(tb, tl.w, name, pin)
	tl.thread.settle(&tl.ui.tasks)
}

func (tl *till) screen() string { return tl.screens[len(tl.screens)-1] }

func TestNewShowsLoginFirst(t *testing.T) {
	newTestApp(t, "en")
	tl := newTill(t, newMemStore(t), nil)

	assert.Equal(t, []string{"login"}, tl.screens)
	requireText(t, tl.w, "Choose your name")
	requireText(t, tl.w, terminalCode)
	assert.Equal(t, "Comptoir KRKASA1", tl.w.Title())
}

func TestNewSpeaksTheTerminalsLanguage(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	store.settings["language"] = "it"
	tl := newTill(t, store, nil)

	requireText(t, tl.w, "Scegli il tuo nome")
	requireText(t, tl.w, "Non in linea")
}

func TestLoginWithKeypadReachesTheMenu(t *testing.T) {
	newTestApp(t, "en")
	tl := newTill(t, newMemStore(t), nil)

	tl.logIn(t, cashierName, cashierPIN)

	assert.Equal(t, []string{"login", "menu"}, tl.screens)
	requireText(t, tl.w, "Hello Anna Nowak")
	requireText(t, tl.w, cashierName) // in the status bar too
}

func TestLogoutReturnsToLogin(t *testing.T) {
	newTestApp(t, "en")
	tl := newTill(t, newMemStore(t), nil)
	tl.logIn(t, cashierName, cashierPIN)

	tapText(t, tl.w, "Log out")

	assert.Equal(t, "login", tl.screen())
	_, in := tl.ui.uc.Session.Current()
	assert.False(t, in)
	requireText(t, tl.w, "Nobody logged in")
}

func TestProductsTakeScansWhateverHasTheFocus(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	store.addProducts(20)
	tl := newTill(t, store, nil)
	tl.logIn(t, cashierName, cashierPIN)

	tapText(t, tl.w, "Products")
	require.Equal(t, "products", tl.screen())
	c := tl.w.Canvas()
	assert.IsType(t, &ScanField{}, c.Focused(), "the scan field has the keyboard")

	// A tap elsewhere takes the focus away; the scanner's burst must still land.
	tapText(t, tl.w, "Page down")
	require.Nil(t, c.Focused())
	for _, r := range "5900000000005" {
		c.OnTypedRune()(r)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	requireText(t, tl.w, "Product 005")

	tapText(t, tl.w, "Back")
	assert.Equal(t, "menu", tl.screen())
}

func TestSwitchingTheLanguageToItalian(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	tl := newTill(t, store, nil)
	tl.logIn(t, managerName, managerPIN)
	tapText(t, tl.w, "Settings")
	requireText(t, tl.w, "Language")

	tapText(t, tl.w, "Italiano")

	assert.Equal(t, []string{"login", "menu", "settings", "settings"}, tl.screens)
	requireText(t, tl.w, "Impostazioni")
	requireText(t, tl.w, "Lingua")
	requireText(t, tl.w, "Non in linea") // the status bar follows
	assert.Equal(t, "it", store.settings["language"], "kept for the next start")

	tapText(t, tl.w, "Indietro")
	requireText(t, tl.w, "Buongiorno Marc Dubois")
}

func TestSettingsHideATileFromTheMenu(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	tl := newTill(t, store, nil)
	tl.logIn(t, managerName, managerPIN)
	tapText(t, tl.w, "Settings")

	tapText(t, tl.w, "Products") // the check box
	assert.Equal(t, "0", store.settings["tile.products"])

	tapText(t, tl.w, "Back")
	shown := texts(tl.w)
	assert.NotContains(t, shown, "Products")
	assert.Contains(t, shown, "Settings")
}

func TestSettingsKeepsItsOwnTile(t *testing.T) {
	newTestApp(t, "en")
	tl := newTill(t, newMemStore(t), nil)
	tl.logIn(t, managerName, managerPIN)
	tapText(t, tl.w, "Settings")

	box := find(tl.w, func(c *widget.Check) bool { return c.Text == "Settings" })

	require.NotNil(t, box)
	assert.True(t, box.Checked)
	assert.True(t, box.Disabled(), "hiding it would lock everyone out of this screen")
	requireText(t, tl.w, "The Settings tile stays shown so that this screen can always be reached.")
}

func TestClosingTheWindowStopsTheStatusBar(t *testing.T) {
	newTestApp(t, "en")
	a := fyne.CurrentApp()
	w := a.NewWindow("")
	u, err := New(context.Background(), useCases(t, newMemStore(t)), a, w, Options{Log: zerolog.Nop(), StatusEvery: time.Hour})
	require.NoError(t, err)

	w.Close()

	u.Wait() // returns: the loop saw the window close
}
