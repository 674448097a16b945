package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// deliveryKinds are the window's four tabs, in the order of R-F2.
var deliveryKinds = []pos.DeliveryPointKind{pos.DeliveryHome, pos.DeliveryWarehouse, pos.DeliveryStore, pos.DeliveryCustomer}

// deliveryPointWindow chooses where an order is handed over (R-F2): one of
// four kinds as large tabs, the points of that kind filtered on name and
// address, the current selection, and Clear. A choice or Clear closes it
// and calls changed.
type deliveryPointWindow struct {
	ctx     context.Context
	orders  *app.Orders
	doc     *pos.Document
	log     zerolog.Logger
	changed func()

	kind    pos.DeliveryPointKind
	tabs    map[pos.DeliveryPointKind]*widget.Button
	filter  *widget.Entry
	current *widget.Label
	choices *fyne.Container
	message *widget.Label
	clear   *widget.Button
	// addAddress adds a home address (R-F2), on the Home delivery tab only;
	// fulfilled says the pickup point fulfils the order (R-F1).
	addAddress *widget.Button
	fulfilled  *widget.Check
	o          *overlay
}

func showDeliveryPointWindow(ctx context.Context, c fyne.Canvas, orders *app.Orders, d *pos.Document, log zerolog.Logger, changed func()) *deliveryPointWindow {
	w := &deliveryPointWindow{ctx: ctx, orders: orders, doc: d, log: log, changed: changed,
		kind: pos.DeliveryHome, tabs: map[pos.DeliveryPointKind]*widget.Button{}}
	// A document with a point opens on that point's kind.
	if cur, ok, err := orders.DeliveryPoint(ctx, d); err == nil && ok {
		w.kind = cur.Kind
	}
	tabs := container.NewGridWithColumns(len(deliveryKinds))
	for _, k := range deliveryKinds {
		b := widget.NewButton(deliveryKindName(k), func() { w.setKind(k) })
		w.tabs[k] = b
		tabs.Add(atLeast(fyne.NewSize(0, bigButton), b))
	}
	w.current = wrappedLabel("")
	w.filter = widget.NewEntry()
	w.filter.PlaceHolder = lang.L("delivery.filter")
	w.filter.OnChanged = func(string) { w.reload() }
	w.choices = container.NewVBox()
	w.message = newMessage()
	w.addAddress = widget.NewButtonWithIcon(lang.L("delivery.add_address"), theme.ContentAddIcon(), w.askAddress)
	w.fulfilled = widget.NewCheck(lang.L("delivery.fulfilled"), func(on bool) {
		if err := orders.SetFulfilledAtPickup(w.doc, on); err != nil {
			w.message.SetText(orderErrorText(w.log, err))
			return
		}
		w.changed()
	})
	w.fulfilled.Checked = d.FulfilledAtPickup
	enable(w.fulfilled, d.Status == pos.StatusUnconfirmed)
	find := container.NewBorder(nil, nil, nil, atLeast(fyne.NewSize(0, bigButton), w.addAddress), atLeast(fyne.NewSize(0, bigButton), w.filter))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, w.fulfilled, w.current), tabs, find, w.message)
	body := container.NewBorder(top, nil, nil, nil, container.NewVScroll(w.choices))
	w.clear = bigAction(lang.L("delivery.clear"), theme.ContentClearIcon(), widget.MediumImportance, func() { w.choose("") })
	cancel := bigAction(lang.L("orders.cancel_choice"), theme.CancelIcon(), widget.MediumImportance, func() { w.o.close() })
	w.o = showOverlay(c, lang.L("delivery.title"), body, fyne.NewSize(820, 640), w.clear, cancel)
	w.showCurrent()
	w.setKind(w.kind)
	return w
}

func deliveryKindName(k pos.DeliveryPointKind) string {
	return lang.L("delivery.kind." + string(k))
}

func (w *deliveryPointWindow) setKind(k pos.DeliveryPointKind) {
	w.kind = k
	w.addAddress.Hidden = k != pos.DeliveryHome
	enable(w.addAddress, w.doc.Status == pos.StatusUnconfirmed)
	for kind, b := range w.tabs {
		b.Importance = widget.MediumImportance
		if kind == k {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	w.reload()
}

// reload lists the points of the kind chosen that match the filter.
func (w *deliveryPointWindow) reload() {
	w.choices.RemoveAll()
	cs, err := w.orders.DeliveryChoices(w.ctx, w.doc, w.kind, w.filter.Text)
	if err != nil {
		w.message.SetText(orderErrorText(w.log, err))
		return
	}
	w.message.SetText("")
	if len(cs) == 0 {
		w.choices.Add(wrappedLabel(lang.L("delivery.none_found")))
	}
	for _, c := range cs {
		b := newTouchButton(choiceText(c), func() { w.choose(c.Code) })
		w.choices.Add(b.view)
	}
	w.choices.Refresh()
}

// choiceText is a point on one line: its name and address.
func choiceText(c app.DeliveryChoice) string {
	a := c.Address
	text := c.Name
	if a.Street != "" || a.City != "" {
		text += " — " + a.OneLine()
	}
	return text
}

func (w *deliveryPointWindow) showCurrent() {
	text := lang.L("delivery.current_none")
	if c, ok, err := w.orders.DeliveryPoint(w.ctx, w.doc); err == nil && ok {
		text = lang.L("delivery.current", map[string]any{"Name": choiceText(c)})
	}
	w.current.SetText(text)
	enable(w.clear, w.doc.DeliveryPoint != "")
}

func (w *deliveryPointWindow) choose(code string) {
	if err := w.orders.SetDeliveryPoint(w.doc, code); err != nil {
		w.message.SetText(orderErrorText(w.log, err))
		return
	}
	w.o.close()
	w.changed()
}

// askAddress types a new home address for the recipient or the customer;
// OK adds it to the document and chooses it, closing the window.
func (w *deliveryPointWindow) askAddress() {
	entry := func(key string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = lang.L(key)
		return e
	}
	street, postcode, city := entry("delivery.street"), entry("delivery.postcode"), entry("delivery.city")
	message := newMessage()
	var o *overlay
	cancel := bigAction(lang.L("orders.cancel_choice"), theme.CancelIcon(), widget.MediumImportance, func() { o.close() })
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, func() {
		a := pos.Address{Street: street.Text, Postcode: postcode.Text, City: city.Text}
		if err := w.orders.AddDeliveryAddress(w.ctx, w.doc, a); err != nil {
			message.SetText(orderErrorText(w.log, err))
			return
		}
		o.close()
		w.o.close()
		w.changed()
	})
	tall := func(e *widget.Entry) fyne.CanvasObject { return atLeast(fyne.NewSize(0, bigButton), e) }
	body := container.NewVBox(tall(street), container.NewGridWithColumns(2, tall(postcode), tall(city)), message)
	o = showOverlay(w.o.pop.Canvas, lang.L("delivery.add_address"), body, fyne.NewSize(640, 0), cancel, ok)
	focus(street)
}
