package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/assets"
)

// tillSize is the screen of the touch tills the layout is made for.
var tillSize = fyne.NewSize(1280, 800)

// newTestApp starts a test app with the touch theme, speaking language.
func newTestApp(tb testing.TB, language string) fyne.App {
	tb.Helper()
	a := test.NewTempApp(tb)
	a.Settings().SetTheme(NewTheme())
	useLanguage(tb, language)
	return a
}

// useLanguage switches the language for one test and puts the process's
// environment and Fyne's choice back afterwards.
func useLanguage(tb testing.TB, code string) {
	tb.Helper()
	tb.Cleanup(func() {
		require.NoError(tb, restoreSystemLocale())
		require.NoError(tb, assets.LoadTranslations())
	})
	require.NoError(tb, UseLanguage(code))
}

// showOnTill puts content in a test window the size of a till.
func showOnTill(tb testing.TB, content fyne.CanvasObject) fyne.Window {
	tb.Helper()
	w := test.NewWindow(content)
	w.Resize(tillSize)
	tb.Cleanup(w.Close)
	return w
}

// walk visits every visible object under o, through the widgets' renderers;
// visit returns false to skip what an object is drawn with.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !visit(o) {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, visit)
		}
	}
}

// textOf is the text o shows: a label's whole text however it wraps, or a
// piece of drawn text (a button's, an entry's); ok is false for the rest.
func textOf(o fyne.CanvasObject) (text string, ok bool) {
	switch x := o.(type) {
	case *widget.Label:
		return x.Text, true
	case *canvas.Text:
		return x.Text, true
	}
	return "", false
}

// texts returns the texts a person sees in the window, in drawing order.
func texts(w fyne.Window) []string {
	var out []string
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		t, ok := textOf(o)
		if ok && t != "" {
			out = append(out, t)
		}
		return !ok
	})
	return out
}

// find returns the first visible object of type T that match accepts.
func find[T fyne.CanvasObject](w fyne.Window, match func(T) bool) T {
	var found T
	done := false
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if x, ok := o.(T); ok && !done && match(x) {
			found, done = x, true
		}
		return !done
	})
	return found
}

// requireText fails unless the window shows exactly text somewhere.
func requireText(tb testing.TB, w fyne.Window, text string) {
	tb.Helper()
	require.Contains(tb, texts(w), text)
}

// tapText taps the window where text is drawn, as a finger would: the tap
// lands on whatever is tappable there (a button under its label). The first
// text found in drawing order wins.
func tapText(tb testing.TB, w fyne.Window, text string) {
	tb.Helper()
	var found fyne.CanvasObject
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		t, ok := textOf(o)
		if ok && t == text && found == nil {
			found = o
		}
		return !ok
	})
	require.NotNil(tb, found, "no %q in %q", text, texts(w))
	// Aim at the middle of the text itself, not of the room it is given: a
	// check box only reacts on its box and label.
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(found)
	width := min(found.Size().Width, found.MinSize().Width)
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(width/2, found.Size().Height/2)))
}

// tapTexts taps each text in turn, e.g. the digits of a PIN.
func tapTexts(tb testing.TB, w fyne.Window, texts ...string) {
	tb.Helper()
	for _, t := range texts {
		tapText(tb, w, t)
	}
}
