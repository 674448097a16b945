package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// titleBar lays a title bar out on one row: back on the left, the actions on
// the right, the title between them, whole when it can be. A 1024-pixel till
// has no room for "Nouvelle commande client" beside four labelled actions:
// the actions then show their icons only, from the left, until the title
// reads whole. The last action, the main one (Confirm), keeps its label; the
// title is cut only when no other action has a label left.
type titleBar struct {
	title *widget.Label
	// Each action's button, nil where there is none, with its label and its
	// widths with and without the label, measured while it had them (0 until
	// then).
	buttons       []*widget.Button
	labels        []string
	full, compact []float32
}

// newTitleBar returns the row; each action is a button, or a container
// whose first button is the action's.
func newTitleBar(title *widget.Label, back fyne.CanvasObject, actions ...fyne.CanvasObject) *fyne.Container {
	n := len(actions)
	l := &titleBar{title: title, buttons: make([]*widget.Button, n), labels: make([]string, n),
		full: make([]float32, n), compact: make([]float32, n)}
	for i, a := range actions {
		if b := buttonIn(a); b != nil {
			l.buttons[i], l.labels[i] = b, b.Text
		}
	}
	return container.New(l, append([]fyne.CanvasObject{back, title}, actions...)...)
}

func buttonIn(o fyne.CanvasObject) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := buttonIn(c); b != nil {
				return b
			}
		}
	}
	return nil
}

// MinSize is the row with the title as short as it may be cut.
func (l *titleBar) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		w, h = w+s.Width, max(h, s.Height)
		n++
	}
	return fyne.NewSize(w+theme.Padding()*float32(max(n-1, 0)), h)
}

func (l *titleBar) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	back, actions := objs[0], objs[2:]
	// The fewest actions on icons only that leave the title whole, with the
	// widths known; a width not measured yet counts as none, so the guess
	// is never too many, and measuring it corrects a guess too few.
	k := 0
	for k < l.compactable() && l.need(back, actions, k) > size.Width {
		k++
	}
	for {
		l.apply(actions, k)
		if k == l.compactable() || l.need(back, actions, k) <= size.Width {
			break
		}
		k++
	}

	gap := theme.Padding()
	x := float32(0)
	if back.Visible() {
		w := back.MinSize().Width
		back.Move(fyne.NewPos(0, 0))
		back.Resize(fyne.NewSize(w, size.Height))
		x = w + gap
	}
	right := size.Width
	for i := len(actions) - 1; i >= 0; i-- {
		o := actions[i]
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		right -= w
		o.Move(fyne.NewPos(right, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		right -= gap
	}
	title := objs[1]
	title.Move(fyne.NewPos(x, (size.Height-title.MinSize().Height)/2))
	title.Resize(fyne.NewSize(max(right-x, 0), title.MinSize().Height))
}

// compactable is how many actions may give their labels up: all but the last.
func (l *titleBar) compactable() int { return max(len(l.buttons)-1, 0) }

// need is the row's width with the title whole and the first k actions on
// icons only.
func (l *titleBar) need(back fyne.CanvasObject, actions []fyne.CanvasObject, k int) float32 {
	gap := theme.Padding()
	w := l.titleWidth()
	if back.Visible() {
		w += back.MinSize().Width + gap
	}
	for i, o := range actions {
		if !o.Visible() {
			continue
		}
		switch {
		case l.buttons[i] == nil || i >= l.compactable():
			w += o.MinSize().Width
		case i < k:
			w += l.compact[i]
		default:
			w += l.full[i]
		}
		w += gap
	}
	return w
}

// apply shows the first k actions on icons only and the others with their
// labels, and notes their widths as they now are.
func (l *titleBar) apply(actions []fyne.CanvasObject, k int) {
	for i, b := range l.buttons {
		if b == nil || i >= l.compactable() {
			continue
		}
		text, width := l.labels[i], &l.full[i]
		if i < k {
			text, width = "", &l.compact[i]
		}
		if b.Text != text {
			b.SetText(text)
		}
		*width = actions[i].MinSize().Width
	}
}

// titleWidth is the title's width uncut.
func (l *titleBar) titleWidth() float32 { return uncutWidth(l.title) }

// uncutWidth is how wide a label must be for its text to show whole.
func uncutWidth(l *widget.Label) float32 {
	name := l.SizeName
	if name == "" {
		name = theme.SizeNameText
	}
	text := fyne.MeasureText(l.Text, theme.SizeForWidget(name, l), l.TextStyle)
	return text.Width + 2*theme.SizeForWidget(theme.SizeNameInnerPadding, l)
}
