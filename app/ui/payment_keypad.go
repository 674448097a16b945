package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/assets"
)

// maxPadLen bounds what the keypad types: a finger resting on a key must not
// build a number no shop uses (pos refuses it anyway).
const maxPadLen = 16

// numberPad is a large keypad for amounts and quantities: digits, the
// language's decimal separator, erase and clear, feeding an entry that a
// keyboard or a scanner can type into as well. The entry holds text as typed;
// pos.ParseMoney and pos.ParseQty read it with either separator.
type numberPad struct {
	entry *widget.Entry
	keys  []*widget.Button
	view  fyne.CanvasObject
	// replace is set while the entry shows a value to change: the first key
	// typed starts a new number instead of adding to it.
	replace bool
}

// newNumberPad returns a keypad; submit runs on Enter from a keyboard.
func newNumberPad(placeholder string, submit func()) *numberPad {
	p := &numberPad{entry: widget.NewEntry()}
	p.entry.PlaceHolder = placeholder
	p.entry.OnSubmitted = func(string) {
		if submit != nil {
			submit()
		}
	}
	keySize := fyne.NewSize(88, 72)
	grid := container.NewGridWithColumns(3)
	add := func(b *widget.Button) {
		p.keys = append(p.keys, b)
		grid.Add(atLeast(keySize, b))
	}
	for _, d := range []string{"7", "8", "9", "4", "5", "6", "1", "2", "3"} {
		add(widget.NewButton(d, func() { p.typeText(d) }))
	}
	sep := lang.L("number.decimal")
	add(widget.NewButton(sep, func() { p.typeText(sep) }))
	add(widget.NewButton("0", func() { p.typeText("0") }))
	add(widget.NewButtonWithIcon("", assets.BackspaceIcon, p.erase))
	clear := widget.NewButton(lang.L("payment.clear"), func() {
		p.replace = false
		p.entry.SetText("")
	})
	p.keys = append(p.keys, clear)
	top := container.NewBorder(nil, nil, nil, atLeast(fyne.NewSize(110, bigButton), clear), atLeast(fyne.NewSize(0, bigButton), p.entry))
	p.view = container.NewVBox(top, grid)
	return p
}

// setValue shows the value being changed; typing replaces it.
func (p *numberPad) setValue(text string) {
	p.entry.SetText(text)
	p.replace = true
}

func (p *numberPad) typeText(s string) {
	if p.replace {
		p.entry.SetText("")
		p.replace = false
	}
	if len(p.entry.Text)+len(s) <= maxPadLen {
		p.entry.Append(s)
	}
}

func (p *numberPad) erase() {
	p.replace = false
	if r := []rune(p.entry.Text); len(r) > 0 {
		p.entry.SetText(string(r[:len(r)-1]))
	}
}

// setEnabled turns the keys and the entry on or off together.
func (p *numberPad) setEnabled(on bool) {
	enable(p.entry, on)
	for _, k := range p.keys {
		enable(k, on)
	}
}
