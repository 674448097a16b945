package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The pieces every screen shares: its title bar, the line where it tells
// the cashier what went wrong, and the big tiles of the login and menu.

// bigButton is the height of the buttons a cashier uses all day, above the
// theme's 48 dp minimum.
const bigButton = 64

// fingerHeight is the usual minimum touch target, for a button among tightly
// set texts (the status bar's Sync now).
const fingerHeight = 48

// header is a screen's title bar: a Back button when back is set, the title,
// and on the right whatever the screen adds (the menu's Log out).
func header(title string, back func(), trailing ...fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabel(title)
	t.SizeName = theme.SizeNameHeadingText
	t.TextStyle.Bold = true
	t.Truncation = fyne.TextTruncateEllipsis
	var left fyne.CanvasObject
	if back != nil {
		left = atLeast(fyne.NewSize(160, bigButton), widget.NewButtonWithIcon(lang.L("button.back"), theme.NavigateBackIcon(), back))
	}
	var right fyne.CanvasObject
	if len(trailing) > 0 {
		right = container.NewHBox(trailing...)
	}
	return container.NewVBox(container.NewBorder(nil, nil, left, right, t), widget.NewSeparator())
}

// newMessage is the line where a screen shows a translated error.
func newMessage() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	return l
}

// newMessageLine is newMessage for a line that shares the room of the
// content beside it (besideMessage): cut with an ellipsis where that room
// ends, so its minimum is one line whatever the text.
func newMessageLine() *widget.Label {
	l := newMessage()
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// besideMessage puts message above (or below) content. The message takes the
// height its wrapped text needs, out of the room content has beyond its own
// minimum, and asks for one line only: a long message must not make the
// screen taller than the till's, which would grow the window past it.
// Whoever shows, hides or changes the message refreshes the container.
func besideMessage(message *widget.Label, content fyne.CanvasObject, above bool) *fyne.Container {
	return container.New(&messageLayout{message: message, above: above, probe: widget.NewLabel("")}, message, content)
}

// messageLayout lays out besideMessage's message (objs[0]) and content
// (objs[1]).
type messageLayout struct {
	message *widget.Label
	above   bool
	// probe measures the message's text wrapped and uncut: the message's
	// own minimum is one line.
	probe *widget.Label
}

func (l *messageLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	size := objs[1].MinSize()
	if l.message.Visible() {
		m := l.message.MinSize()
		size = fyne.NewSize(max(size.Width, m.Width), size.Height+m.Height+theme.Padding())
	}
	return size
}

func (l *messageLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	content := objs[1]
	if !l.message.Visible() {
		content.Move(fyne.NewPos(0, 0))
		content.Resize(size)
		return
	}
	room := size.Height - content.MinSize().Height - theme.Padding()
	h := max(min(l.wrappedHeight(size.Width), room), l.message.MinSize().Height)
	rest := fyne.NewSize(size.Width, max(size.Height-h-theme.Padding(), 0))
	msgAt, contentAt := fyne.NewPos(0, 0), fyne.NewPos(0, h+theme.Padding())
	if !l.above {
		msgAt, contentAt = fyne.NewPos(0, rest.Height+theme.Padding()), fyne.NewPos(0, 0)
	}
	l.message.Move(msgAt)
	l.message.Resize(fyne.NewSize(size.Width, h))
	content.Move(contentAt)
	content.Resize(rest)
}

// wrappedHeight is how tall the message's text is, wrapped at width.
func (l *messageLayout) wrappedHeight(width float32) float32 {
	p := l.probe
	p.Text, p.TextStyle, p.SizeName, p.Wrapping = l.message.Text, l.message.TextStyle, l.message.SizeName, l.message.Wrapping
	p.Resize(fyne.NewSize(width, p.Size().Height))
	p.Refresh() // wraps the text anew at that width
	return p.MinSize().Height
}

// tile is a large button with a title and an optional icon and detail
// line. The texts lie over an empty button, so a tap anywhere on the tile
// presses it.
type tile struct {
	view fyne.CanvasObject
	// mark shows the chosen tile in the selection colour, under the texts:
	// a high-importance button would put them on the primary colour, which
	// they are not drawn to contrast with.
	mark *background
}

func newTile(icon fyne.Resource, title, detail string, tapped func()) *tile {
	t := &tile{mark: newBackground(theme.ColorNameSelection, true)}
	t.mark.Hide()
	name := widget.NewLabel(title)
	name.SizeName = theme.SizeNameSubHeadingText
	name.TextStyle.Bold = true
	name.Alignment = fyne.TextAlignCenter
	name.Wrapping = fyne.TextWrapWord
	// Spacers centre the texts vertically while the labels keep the tile's
	// width, so a long name goes on a second line ("Continuer un document",
	// "Opérations non envoyées") and a long detail is cut with an ellipsis
	// instead of overflowing.
	texts := container.NewVBox(layout.NewSpacer())
	if icon != nil {
		texts.Add(container.NewCenter(atLeast(fyne.NewSize(56, 56), widget.NewIcon(icon))))
	}
	texts.Add(name)
	if detail != "" {
		d := widget.NewLabel(detail)
		d.Alignment = fyne.TextAlignCenter
		d.Truncation = fyne.TextTruncateEllipsis
		texts.Add(d)
	}
	texts.Add(layout.NewSpacer())
	t.view = container.NewStack(widget.NewButton("", tapped), t.mark, texts)
	return t
}

// setChosen marks the tile as the one chosen, or not.
func (t *tile) setChosen(on bool) {
	if on {
		t.mark.Show()
	} else {
		t.mark.Hide()
	}
}
