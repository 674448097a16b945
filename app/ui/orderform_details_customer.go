package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// The form's customer / recipient field (R-F1): the customer found by name,
// code or tax id in a paged list, or typed or scanned from a card; then one
// of its recipients, whose addresses home delivery offers (R-F2).

// showCustomer puts the customer's name, and its recipient's, on the
// customer button.
func (f *orderForm) showCustomer() {
	name := f.doc.Customer
	if c, err := f.orders.Customer(f.ctx, f.doc.Customer); err == nil {
		name = c.Name
		for _, r := range c.Recipients {
			if r.Code == f.doc.Recipient {
				name = lang.L("form.customer_recipient", map[string]any{"Customer": c.Name, "Recipient": r.Name})
			}
		}
	}
	f.customer.value.SetText(name)
}

// askCustomer chooses the customer: the list follows what is typed (the
// start of a name, a code, a tax id), a row tapped is chosen, and Enter
// takes a code as a card scanner sends it. Changing it clears the recipient
// and the delivery point and takes the customer's payment defaults (R-F2,
// R-F3). [Recipient] chooses among the current customer's recipients.
func (f *orderForm) askCustomer() {
	message := newMessage()
	message.Hide() // it takes no room from the list until there is something to say
	say := func(text string) {
		message.SetText(text)
		message.Hidden = text == ""
		message.Refresh()
	}
	var o *overlay
	setCustomer := func(code string) {
		c, err := f.orders.Customer(f.ctx, code)
		then := func() {}
		if err == nil {
			then, err = f.changeCustomer(c.Code)
		}
		if err != nil {
			say(orderErrorText(f.log, err))
			return
		}
		o.close()
		f.customerChanged()
		then() // a question about the change, once the window is closed
	}
	search := widget.NewEntry()
	search.PlaceHolder = lang.L("form.customer_search")
	list := NewPagedList(f.ctx, PageFunc[pos.Customer](func(ctx context.Context, offset, limit int) ([]pos.Customer, error) {
		return f.orders.SearchCustomers(ctx, search.Text, offset, limit)
	}), []Column[pos.Customer]{
		{Title: lang.L("form.customer_name"), Weight: 4, Text: func(c pos.Customer) string { return c.Name }},
		{Title: lang.L("form.customer_code_col"), Weight: 1.6, Text: func(c pos.Customer) string { return c.Code }},
		{Title: lang.L("form.customer_tax_id"), Weight: 2.2, Text: func(c pos.Customer) string { return c.TaxID }},
	})
	list.OnSelected = func(c pos.Customer) { setCustomer(c.Code) }
	list.OnError = func(err error) { say(orderErrorText(f.log, err)) }
	search.OnChanged = func(string) {
		say("")
		reloadPage(list, true)
	}
	// Enter takes the one customer the text finds, else the text as a code
	// (a card scanned), which says when there is no such customer.
	search.OnSubmitted = func(text string) {
		cs, err := f.orders.SearchCustomers(f.ctx, text, 0, 2)
		if err == nil && len(cs) == 1 {
			text = cs[0].Code
		}
		setCustomer(text)
	}
	current := wrappedLabel(lang.L("form.customer_current", map[string]any{"Name": f.customer.value.Text}))
	// The walk-in customer has the whole width: its label is long.
	walkIn := bigAction(lang.L("form.customer_walk_in"), theme.AccountIcon(), widget.MediumImportance, func() { setCustomer(app.UndefinedCustomer) })
	top := container.NewVBox(container.NewBorder(nil, nil, nil, atLeast(fyne.NewSize(0, bigButton), walkIn), current),
		atLeast(fyne.NewSize(0, bigButton), search), message)
	body := container.NewBorder(top, nil, nil, nil, list)

	recipient := bigAction(lang.L("form.recipient"), theme.MailForwardIcon(), widget.MediumImportance, func() {
		o.close()
		f.askRecipient()
	})
	enable(recipient, f.doc.Status == pos.StatusUnconfirmed && len(f.recipients()) > 0)
	cancel := bigAction(lang.L("orders.cancel_choice"), theme.CancelIcon(), widget.MediumImportance, func() { o.close() })
	o = showOverlay(canvasOf(f.view), lang.L("form.customer"), body, fyne.NewSize(900, 640), recipient, cancel)
	focus(search)
}

// recipients are the current customer's.
func (f *orderForm) recipients() []pos.Recipient {
	c, err := f.orders.Customer(f.ctx, f.doc.Customer)
	if err != nil {
		return nil
	}
	return c.Recipients
}

// askRecipient offers the customer's recipients, or none; another one
// clears the delivery point, whose addresses were the old one's (R-F2).
func (f *orderForm) askRecipient() {
	set := func(code string) func() {
		return func() {
			if err := f.orders.SetRecipient(f.ctx, f.doc, code); err != nil {
				f.fail(err)
				return
			}
			f.customerChanged()
		}
	}
	options := []offer{{text: lang.L("form.recipient_none"), chosen: set("")}}
	for _, r := range f.recipients() {
		options = append(options, offer{text: r.Name, chosen: set(r.Code)})
	}
	chooseOffer(canvasOf(f.view), lang.L("form.recipient"), options)
}

// customerChanged shows the customer, the recipient and the details they
// reset.
func (f *orderForm) customerChanged() {
	f.changed()
	f.showCustomer()
	f.showDetails()
}
