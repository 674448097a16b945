package ui

import (
	"context"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The pieces the orders, form and payment screens share: wrapping touch
// buttons, windows over the screen, and lists of rows held in memory.

// touchButton is a large button whose label wraps onto a second line
// instead of widening the button, so that a row of five fits a 1024-pixel
// till in French or Polish too. The label lies over an empty button: a tap
// anywhere on it presses the button.
type touchButton struct {
	button *widget.Button
	label  *widget.Label
	view   fyne.CanvasObject
}

func newTouchButton(text string, tapped func()) *touchButton {
	b := &touchButton{button: widget.NewButton("", tapped), label: widget.NewLabel(text)}
	b.label.Alignment = fyne.TextAlignCenter
	b.label.Wrapping = fyne.TextWrapWord
	b.label.TextStyle.Bold = true
	texts := container.NewVBox(layout.NewSpacer(), b.label, layout.NewSpacer())
	b.view = atLeast(fyne.NewSize(0, bigButton), container.NewStack(b.button, texts))
	return b
}

// setEnabled greys the label with the button, so a disabled action reads as one.
func (b *touchButton) setEnabled(on bool) {
	enable(b.button, on)
	imp := widget.MediumImportance
	if !on {
		imp = widget.LowImportance
	}
	if b.label.Importance != imp {
		b.label.Importance = imp
		b.label.Refresh()
	}
}

// Disabled tells whether the button refuses taps.
func (b *touchButton) Disabled() bool { return b.button.Disabled() }

// compactTheme narrows the padding inside labels, for a row of many touch
// buttons whose names wrap: the words keep whole.
type compactTheme struct{ fyne.Theme }

func (t compactTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return 4
	}
	return t.Theme.Size(n)
}

// bigAction is a plain button of touch height, for short labels (OK, Pay).
func bigAction(text string, icon fyne.Resource, importance widget.Importance, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, icon, tapped)
	b.Importance = importance
	return b
}

// overlay is a window over the screen: a title, a body, and a row of large
// buttons. It is modal: the screen beneath takes no taps until it closes.
type overlay struct {
	pop     *widget.PopUp
	buttons *fyne.Container
	want    fyne.Size // the size asked for, its width within the window
}

// showOverlay opens an overlay on c. width and height are what it would
// like; it never exceeds the window, less a margin (overlayMargin).
func showOverlay(c fyne.Canvas, title string, body fyne.CanvasObject, size fyne.Size, buttons ...fyne.CanvasObject) *overlay {
	t := widget.NewLabel(title)
	t.SizeName = theme.SizeNameSubHeadingText
	t.TextStyle.Bold = true
	t.Wrapping = fyne.TextWrapWord
	o := &overlay{buttons: container.NewGridWithRows(1, buttons...)}
	bottom := atLeast(fyne.NewSize(0, bigButton), o.buttons)
	bottom.Hidden = len(buttons) == 0
	content := container.NewBorder(container.NewVBox(t, widget.NewSeparator()), bottom, nil, nil, body)
	o.pop = widget.NewModalPopUp(container.NewPadded(content), c)
	o.want = fyne.NewSize(min(size.Width, c.Size().Width-overlayMargin), size.Height)
	// Twice: wrapped texts only know their height once they know their width.
	o.fit()
	o.fit()
	o.pop.Show()
	return o
}

// overlayMargin is the room an overlay leaves around it at most, which shows
// the screen beneath is still there.
const overlayMargin = 48

// fit makes the overlay as tall as it asked or its content needs, within
// the window: again when a message shows in it, so the message is not cut.
func (o *overlay) fit() {
	room := o.pop.Canvas.Size().Height - overlayMargin
	o.pop.Resize(fyne.NewSize(o.want.Width, min(max(o.want.Height, o.pop.MinSize().Height), room)))
}

func (o *overlay) close() { o.pop.Hide() }

// setButtons replaces the overlay's row of buttons.
func (o *overlay) setButtons(buttons ...fyne.CanvasObject) {
	o.buttons.Objects = buttons
	o.buttons.Refresh()
}

// message shows a translated text in an overlay with an OK button.
func showMessage(c fyne.Canvas, title, text string, closed func()) {
	var o *overlay
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, func() {
		o.close()
		if closed != nil {
			closed()
		}
	})
	o = showOverlay(c, title, wrappedLabel(text), fyne.NewSize(640, 0), ok)
}

// askYesNo shows a question, word for word (M2's exact text), with large No
// and Yes buttons; answer runs after the overlay has closed.
func askYesNo(c fyne.Canvas, title, question string, answer func(yes bool)) {
	var o *overlay
	reply := func(yes bool) func() {
		return func() {
			o.close()
			answer(yes)
		}
	}
	no := bigAction(lang.L("orders.no"), theme.CancelIcon(), widget.MediumImportance, reply(false))
	yes := bigAction(lang.L("orders.yes"), theme.ConfirmIcon(), widget.HighImportance, reply(true))
	o = showOverlay(c, title, wrappedLabel(question), fyne.NewSize(680, 0), no, yes)
}

// offer is one option of a chooser: refused, when set, says why it cannot
// be taken now, under its disabled button.
type offer struct {
	text    string
	refused string
	chosen  func()
}

// choose shows options as large buttons, one under the other, with Cancel.
func chooseOffer(c fyne.Canvas, title string, options []offer) {
	var o *overlay
	box := container.NewVBox()
	for _, opt := range options {
		b := newTouchButton(opt.text, func() {
			o.close()
			opt.chosen()
		})
		b.setEnabled(opt.refused == "")
		box.Add(b.view)
		if opt.refused != "" {
			why := wrappedLabel(opt.refused)
			why.Importance = widget.LowImportance
			box.Add(why)
		}
	}
	cancel := bigAction(lang.L("orders.cancel_choice"), theme.CancelIcon(), widget.MediumImportance, func() { o.close() })
	o = showOverlay(c, title, box, fyne.NewSize(520, 0), cancel)
}

func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// canvasOf is the canvas a screen is drawn on, where its overlays open.
func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	return fyne.CurrentApp().Driver().CanvasForObject(o)
}

// slicePages serves rows held in memory to a PagedList.
func slicePages[T any](rows []T) PageFunc[T] {
	return func(_ context.Context, offset, limit int) ([]T, error) {
		if offset >= len(rows) {
			return nil, nil
		}
		return rows[offset:min(offset+limit, len(rows))], nil
	}
}

// reloadPage asks a PagedList for its current page again, after the rows
// changed underneath it (a filter, an action on a row). A list not laid out
// yet loads when it is.
func reloadPage[T any](p *PagedList[T], fromStart bool) {
	if fromStart {
		p.offset = 0
	}
	if p.size > 0 {
		p.load()
	}
}

// wholeWordsRow lays a row of touch buttons out side by side: each at least
// as wide as the longest word of its label, the rest of the width shared
// equally, so that a label wraps between its words and never inside one (ten
// actions on a 1024-pixel till, in French or Polish). pad is the labels'
// inner padding in the theme they are drawn with.
type wholeWordsRow struct {
	buttons []*touchButton
	pad     float32
	gap     float32
}

// needs is the least width of each button: its longest word, bold, in the
// caption size, with the label's padding on both sides.
func (l wholeWordsRow) needs() []float32 {
	size := theme.Size(theme.SizeNameCaptionText)
	out := make([]float32, len(l.buttons))
	for i, b := range l.buttons {
		var widest float32
		for _, w := range strings.Fields(b.label.Text) {
			widest = max(widest, fyne.MeasureText(w, size, b.label.TextStyle).Width)
		}
		out[i] = float32(math.Ceil(float64(widest+2*l.pad))) + 1
	}
	return out
}

func (l wholeWordsRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, n := range l.needs() {
		w += n
	}
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w+l.gap*float32(max(len(objs)-1, 0)), h)
}

func (l wholeWordsRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	needs := l.needs()
	var total float32
	for _, n := range needs {
		total += n
	}
	free := size.Width - l.gap*float32(max(len(objs)-1, 0))
	share, scale := (free-total)/float32(len(objs)), float32(1)
	if share < 0 { // too narrow even for whole words: shrink them all alike
		share, scale = 0, free/total
	}
	x := float32(0)
	for i, o := range objs {
		w := needs[i]*scale + share
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + l.gap
	}
}
