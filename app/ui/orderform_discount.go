package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/app/pos"
)

// The selected line's discount key, beside Quantity and Price: a percentage
// typed on the keypad, for operators with the discount right. On a new
// document any discount from 0 to 100 %; on a draft continued from the draft
// list, a line as saved keeps its discount, which the right only lowers
// (R-D9). The summary's Discount line shows the outcome.

// newLineDiscount is the discount key, enabled by showLineDiscount.
func (f *orderForm) newLineDiscount() *widget.Button {
	f.lineDiscount = widget.NewButton(lang.L("form.discount"), f.askDiscount)
	return f.lineDiscount
}

// showLineDiscount offers the key on a selected line to an operator who may
// discount; others keep the discounts as they are.
func (f *orderForm) showLineDiscount(has bool) {
	enable(f.lineDiscount, has && f.session.Can(pos.RightDiscount))
}

// askDiscount types the selected line's discount in percent; a refusal
// (above 100 %, above the draft's saved discount) stays in the keypad with
// its reason.
func (f *orderForm) askDiscount() {
	i := f.current
	l := f.doc.Lines[i]
	f.askNumber(lang.L("form.discount_of", map[string]any{"Name": l.Name}), localDecimal(l.Discount.String()), func(text string) error {
		p, err := pos.ParsePercent(text)
		if err != nil {
			return err
		}
		if f.draft.open != nil {
			return f.draft.drafts.SetDiscount(f.draft.open, i, p)
		}
		return f.orders.SetDiscount(f.doc, i, p)
	})
}
