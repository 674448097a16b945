package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// onTop is what a finger reaches first: the window open over the screen
// (an overlay), or the screen itself.
func onTop(w fyne.Window) fyne.CanvasObject {
	if top := w.Canvas().Overlays().Top(); top != nil {
		return top
	}
	return w.Canvas().Content()
}

// topTexts returns the texts of what is on top, in drawing order.
func topTexts(w fyne.Window) []string {
	var out []string
	walk(onTop(w), func(o fyne.CanvasObject) bool {
		t, ok := textOf(o)
		if ok && t != "" {
			out = append(out, t)
		}
		return !ok
	})
	return out
}

// tapTop taps text on what is on top, as tapText does on the screen.
func tapTop(tb testing.TB, w fyne.Window, text string) {
	tb.Helper()
	tapIn(tb, w, onTop(w), text)
}

// tapIn taps text where it is drawn under root: the first in drawing order.
func tapIn(tb testing.TB, w fyne.Window, root fyne.CanvasObject, text string) {
	tb.Helper()
	var found fyne.CanvasObject
	walk(root, func(o fyne.CanvasObject) bool {
		t, ok := textOf(o)
		if ok && t == text && found == nil {
			found = o
		}
		return !ok
	})
	require.NotNil(tb, found, "no %q in %q", text, topTexts(w))
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(found)
	width := min(found.Size().Width, found.MinSize().Width)
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(width/2, found.Size().Height/2)))
}

// findTop returns the first visible object of type T on top that match
// accepts.
func findTop[T fyne.CanvasObject](w fyne.Window, match func(T) bool) T {
	var found T
	done := false
	walk(onTop(w), func(o fyne.CanvasObject) bool {
		if x, ok := o.(T); ok && !done && match(x) {
			found, done = x, true
		}
		return !done
	})
	return found
}

// ordersFixture is the orders list on a till-sized window, with the
// screens it would lead to recorded instead of shown.
type ordersFixture struct {
	store  *docStore
	uc     UseCases
	s      *ordersScreen
	w      fyne.Window
	thread *uiThread
	work   *tasks
	edited []*pos.Document
	// previews are the print jobs the list asked to preview.
	previews []app.PrintJob
}

// ordersOnTill logs code in and shows the orders list.
func ordersOnTill(tb testing.TB, store *docStore, code, pin string) *ordersFixture {
	tb.Helper()
	f := &ordersFixture{store: store, uc: ordersUseCases(tb, store), thread: &uiThread{}}
	f.work = &tasks{post: f.thread.post}
	loginAs(tb, f.uc, code, pin)
	f.s = newOrdersScreen(context.Background(), f.deps(), ordersNav{
		back:  func() {},
		edit:  func(d *pos.Document) { f.edited = append(f.edited, d) },
		print: func(job app.PrintJob) { f.previews = append(f.previews, job) },
	}, "")
	f.w = showOnTill(tb, f.s.view)
	tb.Cleanup(f.work.wait)
	return f
}

func (f *ordersFixture) deps() ordersDeps {
	return ordersDeps{orders: f.uc.Orders, settings: f.uc.Settings, session: f.uc.Session,
		printing: f.uc.Printing, clock: fixedClock, tasks: f.work, log: zerolog.Nop()}
}

// settle lets the actions in flight finish and show their results.
func (f *ordersFixture) settle() { f.thread.settle(f.work) }

// selectRow taps the row of document number.
func (f *ordersFixture) selectRow(tb testing.TB, number string) {
	tb.Helper()
	tapText(tb, f.w, number)
	require.NotNil(tb, f.s.sel, "tapping %s selects it", number)
	require.Equal(tb, number, f.s.sel.Number)
}

// newOrdersTill is the whole interface with the orders use cases, like
// newTill, on the given fixture.
func newOrdersTill(tb testing.TB, store *docStore) *till {
	tb.Helper()
	return newTillWith(tb, ordersUseCases(tb, store))
}

// newTillWith is the whole interface on the given use cases, with a clock.
func newTillWith(tb testing.TB, uc UseCases) *till {
	tb.Helper()
	a := fyne.CurrentApp()
	tl := &till{w: a.NewWindow("")}
	u, err := New(context.Background(), uc, a, tl.w, Options{
		OnScreen:    func(name string) { tl.screens = append(tl.screens, name) },
		Log:         zerolog.Nop(),
		StatusEvery: time.Hour,
		Clock:       fixedClock,
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
