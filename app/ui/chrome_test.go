package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

// tillSizes are the screens of the two tills the layout is made for.
var tillSizes = []fyne.Size{{Width: 1280, Height: 800}, {Width: 1024, Height: 768}}

// A window grows to its content's minimum size and does not shrink back: a
// message that raised the form's minimum pushed the status bar off a
// 1280×800 screen. M12 on an empty order, the operator's way there.
func TestFormMessageKeepsTheWindowWithinTheTill(t *testing.T) {
	for _, size := range tillSizes {
		newTestApp(t, "fr")
		store := newDocStore(t)
		store.settings["language"] = "fr"
		tl := newOrdersTill(t, store)
		tl.w.Resize(size)
		tl.logIn(t, managerName, managerPIN)
		tapText(t, tl.w, "Commandes et devis client")
		tapText(t, tl.w, "Ajouter")
		tapTop(t, tl.w, "Commande client")
		tapText(t, tl.w, "Valider")

		requireText(t, tl.w, lang.L("M12"))
		assertFits(t, tl.w.Content(), size)
	}
}

// M9, the longest message in French, shows whole on the form of either till
// within its size, status bar included: it takes the lines' room.
func TestFormLongestMessageFitsTheTills(t *testing.T) {
	for _, size := range tillSizes {
		newTestApp(t, "fr")
		x := formOnTillWith(t, newDocStore(t), pos.KindOrder, newMemPoints(), func(d *pos.Document) {
			d.Lines = []pos.Line{{ProductCode: "P001", Name: "Product 001", Unit: "pcs", Qty: pos.Units(1),
				Price: 100, BasePrice: 100, Warehouse: "WAW-MAIN"}}
		})
		require.Equal(t, lang.L("M9"), x.f.message.Text)

		screen := withStatusBar(t, x.w, x.uc, x.f.view, size)

		assertFits(t, screen, size)
		assertWhole(t, x.f.message)
	}
}

// The orders list's message takes the rows' room too.
func TestOrdersListLongestMessageFitsTheTills(t *testing.T) {
	for _, size := range tillSizes {
		newTestApp(t, "fr")
		x := ordersOnTill(t, newDocStore(t), manager, managerPIN)
		x.s.setMessage(widget.WarningImportance, lang.L("M9"))

		screen := withStatusBar(t, x.w, x.uc, x.s.view, size)

		assertFits(t, screen, size)
		assertWhole(t, x.s.message)
	}
}

// withStatusBar shows view above the status bar in w, as New does, at size.
func withStatusBar(tb testing.TB, w fyne.Window, uc UseCases, view fyne.CanvasObject, size fyne.Size) fyne.CanvasObject {
	tb.Helper()
	bar := newStatusBar(uc.Status, nil, zerolog.Nop())
	bar.refresh(tb.Context())
	screen := container.NewBorder(nil, bar.view, nil, nil, view)
	w.SetContent(screen)
	w.Resize(size)
	return screen
}

// assertFits checks that content asks for no more than the till's screen.
func assertFits(tb testing.TB, content fyne.CanvasObject, size fyne.Size) {
	tb.Helper()
	min := content.MinSize()
	assert.LessOrEqual(tb, min.Height, size.Height, "minimum height on %v", size)
	assert.LessOrEqual(tb, min.Width, size.Width, "minimum width on %v", size)
}

// assertWhole checks that message got the height of its text wrapped at its
// width, so none of it is cut.
func assertWhole(tb testing.TB, message *widget.Label) {
	tb.Helper()
	probe := widget.NewLabel(message.Text)
	probe.Wrapping = message.Wrapping
	probe.Resize(fyne.NewSize(message.Size().Width, 0))
	probe.Refresh()
	assert.True(tb, message.Visible())
	assert.GreaterOrEqual(tb, message.Size().Height, probe.MinSize().Height, "%q cut", message.Text)
}

// Settings shows its message at the end of a scrolled page: however long,
// it leaves the screen's minimum alone.
func TestSettingsLongestMessageFitsTheTills(t *testing.T) {
	for _, size := range tillSizes {
		newTestApp(t, "fr")
		uc := useCases(t, newMemStore(t))
		s := newSettingsScreen(t.Context(), uc.Settings, nil, zerolog.Nop(), func() {}, func() {})
		s.message.SetText(lang.L("M9"))
		w := showOnTill(t, s.view)

		assertFits(t, withStatusBar(t, w, uc, s.view, size), size)
	}
}
