package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/assets"
)

// maxPINLen is the longest PIN pos.CheckPINFormat accepts; the keypad stops
// there so a finger resting on a key cannot overflow the field.
const maxPINLen = 8

// pinPad is the login screen's keypad: digits, erase and OK as large keys,
// feeding a masked entry that a keyboard can type into as well.
type pinPad struct {
	entry *widget.Entry
	erase *widget.Button
	keys  []*widget.Button // every key, to disable them while a PIN is checked
	view  fyne.CanvasObject
}

func newPINPad(submit func()) *pinPad {
	p := &pinPad{entry: widget.NewEntry()}
	p.entry.Password = true
	p.entry.PlaceHolder = lang.L("login.pin")
	p.entry.OnSubmitted = func(string) { submit() }

	keySize := fyne.NewSize(96, 84)
	grid := container.NewGridWithColumns(3)
	add := func(b *widget.Button) {
		p.keys = append(p.keys, b)
		grid.Add(atLeast(keySize, b))
	}
	for _, d := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		add(widget.NewButton(d, func() { p.typeDigit(d) }))
	}
	p.erase = widget.NewButtonWithIcon("", assets.BackspaceIcon, p.eraseDigit)
	add(p.erase)
	add(widget.NewButton("0", func() { p.typeDigit("0") }))
	ok := widget.NewButtonWithIcon(lang.L("keypad.ok"), theme.ConfirmIcon(), submit)
	ok.Importance = widget.HighImportance
	add(ok)
	p.view = container.NewVBox(atLeast(fyne.NewSize(0, bigButton), p.entry), grid)
	return p
}

func (p *pinPad) typeDigit(d string) {
	if len(p.entry.Text) < maxPINLen {
		p.entry.Append(d)
	}
}

func (p *pinPad) eraseDigit() {
	if r := []rune(p.entry.Text); len(r) > 0 {
		p.entry.SetText(string(r[:len(r)-1]))
	}
}

// setEnabled turns the keys and the entry on or off together.
func (p *pinPad) setEnabled(on bool) {
	enable(p.entry, on)
	for _, k := range p.keys {
		enable(k, on)
	}
}
