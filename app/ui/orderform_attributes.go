package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/app/pos"
)

// The form's attributes (R-F7): the attributes the ERP defines for the
// document's type, each typed or, when the ERP lists its values, chosen
// with large keys. Mandatory ones are marked; the use case checks them at
// confirmation only, so the window never insists.

// attributesText is the attributes field's value: how many of the
// document's attributes are filled, or that a mandatory one is missing
// (the window names it; the field is too narrow for a name).
func (f *orderForm) attributesText(as []pos.Attribute) string {
	if len(as) == 0 {
		return lang.L("details.none")
	}
	filled := 0
	for _, a := range as {
		if strings.TrimSpace(f.doc.Attributes[a.Code]) != "" {
			filled++
		} else if a.Mandatory {
			return lang.L("attributes.missing")
		}
	}
	return lang.L("attributes.filled", map[string]any{"Count": filled, "Total": len(as)})
}

// askMissingAttribute opens the attributes window when err is the refusal
// of a confirmation for a mandatory attribute left empty (R-F7), saying so,
// so that the cashier fills it in and confirms again.
func (f *orderForm) askMissingAttribute(err error) {
	if e, ok := pos.AsError(err); ok && e.Key == "error.attribute_missing" {
		f.askAttributes(orderErrorText(f.log, err))
	}
}

// askAttributes opens the attributes window; OK applies every value, and a
// value refused keeps the window open with the reason. why, when set, says
// first why the window opened.
func (f *orderForm) askAttributes(why string) {
	as, err := f.orders.Attributes(f.ctx, f.doc.Kind)
	if err != nil {
		f.fail(err)
		return
	}
	message := newMessage()
	message.SetText(why)
	values := make([]func() string, len(as))
	rows := container.NewVBox()
	for i, a := range as {
		name := a.Name
		if a.Mandatory {
			name = lang.L("attributes.mandatory", map[string]any{"Name": a.Name})
		}
		title := widget.NewLabel(name)
		title.TextStyle.Bold = true
		current := f.doc.Attributes[a.Code]
		if len(a.Values) == 0 {
			e := widget.NewEntry()
			e.SetText(current)
			values[i] = func() string { return strings.TrimSpace(e.Text) }
			rows.Add(container.NewVBox(title, atLeast(fyne.NewSize(0, bigButton), e)))
			continue
		}
		chosen := current
		keys := container.NewGridWithColumns(min(len(a.Values)+1, 4))
		var buttons []*widget.Button
		mark := func() {
			for j, b := range buttons {
				b.Importance = widget.MediumImportance
				if (j == 0 && chosen == "") || (j > 0 && a.Values[j-1] == chosen) {
					b.Importance = widget.HighImportance
				}
				b.Refresh()
			}
		}
		for j, v := range append([]string{lang.L("details.none")}, a.Values...) {
			b := widget.NewButton(v, func() {
				chosen = ""
				if j > 0 {
					chosen = v
				}
				mark()
			})
			buttons = append(buttons, b)
			keys.Add(atLeast(fyne.NewSize(0, bigButton), b))
		}
		mark()
		values[i] = func() string { return chosen }
		rows.Add(container.NewVBox(title, keys))
	}
	if len(as) == 0 {
		rows.Add(wrappedLabel(lang.L("attributes.none")))
	}
	var o *overlay
	cancel := bigAction(lang.L("orders.cancel_choice"), theme.CancelIcon(), widget.MediumImportance, func() { o.close() })
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, func() {
		for i, a := range as {
			if err := f.orders.SetAttribute(f.ctx, f.doc, a.Code, values[i]()); err != nil {
				message.SetText(orderErrorText(f.log, err))
				return
			}
		}
		o.close()
		f.detailChanged()
	})
	enable(ok, f.doc.Status == pos.StatusUnconfirmed)
	body := container.NewBorder(nil, message, nil, nil, container.NewVScroll(rows))
	o = showOverlay(canvasOf(f.view), lang.L("attributes.title"), body, fyne.NewSize(640, 640), cancel, ok)
}
