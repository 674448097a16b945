package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loginAs logs an operator in through the session, skipping the keypad.
func loginAs(tb testing.TB, uc UseCases, code, pin string) {
	tb.Helper()
	require.NoError(tb, uc.Session.Login(context.Background(), code, pin))
}

// menuOnTill shows the menu for the logged-in operator and records the tiles
// opened and the logouts.
func menuOnTill(tb testing.TB, uc UseCases) (w fyne.Window, opened *[]string, logouts *int) {
	tb.Helper()
	opened, logouts = new([]string), new(int)
	view := newMenuScreen(context.Background(), uc.Session, uc.Settings, zerolog.Nop(),
		func(id string) { *opened = append(*opened, id) }, func() { *logouts++ })
	return showOnTill(tb, view), opened, logouts
}

func TestMenuShowsOnlyTilesTheGroupAllows(t *testing.T) {
	newTestApp(t, "en")
	uc := useCases(t, newMemStore(t))
	loginAs(t, uc, cashier, cashierPIN)

	w, _, _ := menuOnTill(t, uc)

	shown := texts(w)
	assert.Contains(t, shown, "Hello Anna Nowak")
	assert.Contains(t, shown, "Products")
	assert.NotContains(t, shown, "Settings", "cashiers lack the settings right")
}

func TestMenuShowsOnlyTilesVisibleOnTheTerminal(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	store.settings["tile.products"] = "0"
	uc := useCases(t, store)
	loginAs(t, uc, manager, managerPIN)

	w, _, _ := menuOnTill(t, uc)

	shown := texts(w)
	assert.Contains(t, shown, "Settings")
	assert.NotContains(t, shown, "Products", "hidden on this terminal, even for a manager")
}

func TestMenuSaysWhenNothingIsAvailable(t *testing.T) {
	newTestApp(t, "en")
	store := newMemStore(t)
	store.settings["tile.products"] = "0"
	uc := useCases(t, store)
	loginAs(t, uc, cashier, cashierPIN)

	w, _, _ := menuOnTill(t, uc)

	requireText(t, w, "No function is available to you on this terminal.")
}

func TestMenuOpensTilesAndLogsOut(t *testing.T) {
	newTestApp(t, "en")
	uc := useCases(t, newMemStore(t))
	loginAs(t, uc, manager, managerPIN)
	w, opened, logouts := menuOnTill(t, uc)

	tapText(t, w, "Settings")
	tapText(t, w, "Products")
	tapText(t, w, "Log out")

	assert.Equal(t, []string{"settings", "products"}, *opened)
	assert.Equal(t, 1, *logouts)
}
