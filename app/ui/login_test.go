package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loginOnTill shows the login screen of a fresh fixture; the returned func
// tells whether an operator got in.
func loginOnTill(tb testing.TB, demoPINs map[string]string) (*loginScreen, fyne.Window, func() bool) {
	tb.Helper()
	uc := useCases(tb, newMemStore(tb))
	var in bool
	var thread uiThread
	work := &tasks{post: thread.post}
	s := newLoginScreen(context.Background(), uc.Session, demoPINs, zerolog.Nop(), work, func() { in = true })
	w := showOnTill(tb, s.view)
	return s, w, func() bool { thread.settle(work); return in }
}

// typePIN taps the operator's tile, the PIN's digits and OK.
func typePIN(tb testing.TB, w fyne.Window, operator, pin string) {
	tb.Helper()
	tapText(tb, w, operator)
	tapTexts(tb, w, strings.Split(pin, "")...)
	tapText(tb, w, "OK")
}

func TestLoginListsActiveOperators(t *testing.T) {
	newTestApp(t, "en")
	_, w, _ := loginOnTill(t, nil)

	shown := texts(w)
	assert.Contains(t, shown, cashierName)
	assert.Contains(t, shown, managerName)
	assert.NotContains(t, shown, "Former Employee", "inactive operators cannot log in")
	assert.NotContains(t, shown, "PIN 1234", "PINs only show in demo mode")
}

func TestLoginShowsDemoPINs(t *testing.T) {
	newTestApp(t, "en")
	_, w, _ := loginOnTill(t, map[string]string{cashier: cashierPIN, manager: managerPIN})

	requireText(t, w, "PIN 1234")
	requireText(t, w, "PIN 9876")
}

func TestLoginKeypadWaitsForAnOperator(t *testing.T) {
	newTestApp(t, "en")
	s, w, _ := loginOnTill(t, nil)
	assert.True(t, s.pad.entry.Disabled())
	requireText(t, w, "Tap your name, then type your PIN.")

	tapText(t, w, cashierName)
	assert.False(t, s.pad.entry.Disabled())
	requireText(t, w, "Anna Nowak, type your PIN")
}

func TestLoginWithTheRightPIN(t *testing.T) {
	newTestApp(t, "en")
	_, w, loggedIn := loginOnTill(t, nil)

	typePIN(t, w, cashierName, cashierPIN)

	assert.True(t, loggedIn())
}

func TestLoginKeypadMasksAndErases(t *testing.T) {
	newTestApp(t, "en")
	s, w, _ := loginOnTill(t, nil)
	tapText(t, w, cashierName)

	tapTexts(t, w, "1", "2", "9")
	test.Tap(s.pad.erase)
	tapTexts(t, w, "3", "4")

	assert.Equal(t, cashierPIN, s.pad.entry.Text)
	assert.NotContains(t, texts(w), cashierPIN, "the PIN never shows")
}

func TestLoginFromTheKeyboard(t *testing.T) {
	newTestApp(t, "en")
	s, w, loggedIn := loginOnTill(t, nil)
	tapText(t, w, managerName)

	test.Type(s.pad.entry, managerPIN)
	s.pad.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	assert.True(t, loggedIn())
}

func TestLoginWrongPINSaysAttemptsLeftInTheCurrentLanguage(t *testing.T) {
	newTestApp(t, "fr")
	s, w, loggedIn := loginOnTill(t, nil)

	typePIN(t, w, cashierName, "0000")

	require.False(t, loggedIn())
	requireText(t, w, "Code PIN erroné. Tentatives restantes : 4.")
	assert.Empty(t, s.pad.entry.Text, "the next try starts empty")
	assert.False(t, s.pad.entry.Disabled())
}

func TestLoginFiveWrongPINsLockTheOperator(t *testing.T) {
	newTestApp(t, "en")
	_, w, loggedIn := loginOnTill(t, nil)

	for range 5 {
		typePIN(t, w, cashierName, "0000")
		require.False(t, loggedIn())
	}
	requireText(t, w, "Too many wrong PINs. Operator locked, try again in 5 min.")

	typePIN(t, w, cashierName, cashierPIN)
	assert.False(t, loggedIn(), "even the right PIN waits for the lock to end")
}
