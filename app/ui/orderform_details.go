package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/comptoir/comptoir/app/pos"
)

// formDetails are the form's fields of R-F1 under the customer: where and
// when the order is delivered, how it is paid, and its statuses.
type formDetails struct {
	deliveryPoint  *fieldButton
	paymentMethod  *fieldButton
	dueDate        *fieldButton
	deliveryDate   *fieldButton
	deliveryStatus *fieldButton
	paymentStatus  *fieldButton
	attributes     *fieldButton
}

// newDetails builds the details row, one touch field each.
func (f *orderForm) newDetails() fyne.CanvasObject {
	f.details = formDetails{
		// The captions are short: seven fields share a 1024-pixel row.
		deliveryPoint:  newFieldButton(lang.L("details.caption.delivery_point"), f.askDeliveryPoint),
		paymentMethod:  newFieldButton(lang.L("details.caption.payment_method"), f.askPaymentMethod),
		dueDate:        newFieldButton(lang.L("details.caption.due_date"), func() { f.askDate(lang.L("details.due_date"), f.orders.SetDueDate) }),
		deliveryDate:   newFieldButton(lang.L("details.caption.delivery_date"), func() { f.askDate(lang.L("details.delivery_date"), f.orders.SetDeliveryDate) }),
		deliveryStatus: newFieldButton(lang.L("details.caption.delivery_status"), func() { f.askDictStatus(pos.DictDeliveryStatus) }),
		paymentStatus:  newFieldButton(lang.L("details.caption.payment_status"), func() { f.askDictStatus(pos.DictPaymentStatus) }),
		attributes:     newFieldButton(lang.L("attributes.title"), func() { f.askAttributes("") }),
	}
	d := f.details
	row := container.New(columnsLayout{weights: []float32{3, 2, 1.6, 1.6, 2, 2, 2}, gap: theme.Padding()},
		d.deliveryPoint.view, d.paymentMethod.view, d.dueDate.view, d.deliveryDate.view, d.deliveryStatus.view,
		d.paymentStatus.view, d.attributes.view)
	f.showDetails()
	return atLeast(fyne.NewSize(0, bigButton), row)
}

// showDetails puts the document's values on the fields; what can no longer
// change is disabled (R-F2: until confirmation).
func (f *orderForm) showDetails() {
	d := f.details
	none := lang.L("details.none")
	dp := none
	if c, ok, err := f.orders.DeliveryPoint(f.ctx, f.doc); err == nil && ok {
		dp = c.Name
	}
	if f.doc.FulfilledAtPickup {
		dp = lang.L("delivery.fulfilled_mark", map[string]any{"Name": dp})
	}
	d.deliveryPoint.value.SetText(dp)
	method := f.doc.PaymentMethod
	if ms, err := f.orders.PaymentMethods(f.ctx); err == nil {
		for _, m := range ms {
			if m.Code == method {
				method = m.Name
			}
		}
	}
	d.paymentMethod.value.SetText(orText(method, none))
	d.dueDate.value.SetText(formatDay(f.doc.DueDate, none))
	d.deliveryDate.value.SetText(formatDay(f.doc.DeliveryDate, none))
	d.deliveryStatus.value.SetText(f.dictName(pos.DictDeliveryStatus, f.doc.DeliveryStatus, none))
	d.paymentStatus.value.SetText(f.dictName(pos.DictPaymentStatus, f.doc.PaymentStatus, none))
	as, err := f.orders.Attributes(f.ctx, f.doc.Kind)
	if err != nil {
		f.fail(err)
	}
	d.attributes.value.SetText(f.attributesText(as))
	// A mandatory attribute missing reads as a warning before Confirm says it.
	d.attributes.value.Importance = widget.MediumImportance
	if pos.CheckAttributes(f.doc, as) != nil {
		d.attributes.value.Importance = widget.WarningImportance
	}
	d.attributes.value.Refresh()
	open := f.doc.Status == pos.StatusUnconfirmed
	for _, b := range []*fieldButton{d.deliveryPoint, d.paymentMethod, d.dueDate, d.deliveryDate} {
		enable(b.button, open)
	}
	enable(d.deliveryStatus.button, f.orders.CanSetDictStatus(pos.DictDeliveryStatus, f.doc) == nil)
	enable(d.paymentStatus.button, f.orders.CanSetDictStatus(pos.DictPaymentStatus, f.doc) == nil)
}

func orText(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

func formatDay(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return t.UTC().Format(lang.L("orders.format.date"))
}

func (f *orderForm) dictName(dict, code, none string) string {
	if code == "" {
		return none
	}
	entries, err := f.orders.DictEntries(f.ctx, dict)
	if err == nil {
		for _, e := range entries {
			if e.Code == code {
				return e.Name
			}
		}
	}
	return code
}

// detailChanged records a change of a detail and shows it.
func (f *orderForm) detailChanged() {
	f.changed()
	f.showDetails()
}

func (f *orderForm) askDeliveryPoint() {
	f.pointWindow = showDeliveryPointWindow(f.ctx, canvasOf(f.view), f.orders, f.doc, f.log, f.detailChanged)
}

// askPaymentMethod offers this terminal's methods (R-F3).
func (f *orderForm) askPaymentMethod() {
	ms, err := f.orders.PaymentMethods(f.ctx)
	if err != nil {
		f.fail(err)
		return
	}
	options := make([]offer, len(ms))
	for i, m := range ms {
		options[i] = offer{text: m.Name, chosen: func() {
			if err := f.orders.SetPaymentMethod(f.ctx, f.doc, m.Code); err != nil {
				f.fail(err)
				return
			}
			f.detailChanged()
		}}
	}
	chooseOffer(canvasOf(f.view), lang.L("details.payment_method"), options)
}

// today is the till's day, for the date keys.
func (f *orderForm) today() time.Time {
	now := f.doc.IssuedAt
	if f.clock != nil {
		now = f.clock.Now()
	}
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

// askDate chooses a day with large keys — today, tomorrow, in a week — or
// a calendar, or none.
func (f *orderForm) askDate(title string, set func(*pos.Document, time.Time) error) {
	message := newMessage()
	var o *overlay
	apply := func(day time.Time) {
		if err := set(f.doc, day); err != nil {
			message.SetText(orderErrorText(f.log, err))
			return
		}
		o.close()
		f.detailChanged()
	}
	today := f.today()
	keys := container.NewGridWithColumns(4,
		newTouchButton(lang.L("details.today"), func() { apply(today) }).view,
		newTouchButton(lang.L("details.tomorrow"), func() { apply(today.AddDate(0, 0, 1)) }).view,
		newTouchButton(lang.L("details.in_a_week"), func() { apply(today.AddDate(0, 0, 7)) }).view,
		newTouchButton(lang.L("details.no_date"), func() { apply(time.Time{}) }).view,
	)
	calendar := widget.NewCalendar(today, func(t time.Time) {
		apply(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	})
	calendar.Hide()
	pick := newTouchButton(lang.L("details.pick"), func() { calendar.Show() })
	body := container.NewVBox(keys, pick.view, calendar, message)
	cancel := bigAction(lang.L("orders.cancel_choice"), theme.CancelIcon(), widget.MediumImportance, func() { o.close() })
	o = showOverlay(canvasOf(f.view), title, body, fyne.NewSize(640, 0), cancel)
}

// askDictStatus changes the delivery or payment status, with its right and
// on an open order (R-F4).
func (f *orderForm) askDictStatus(dict string) {
	if err := f.orders.CanSetDictStatus(dict, f.doc); err != nil {
		f.fail(err)
		return
	}
	entries, err := f.orders.DictEntries(f.ctx, dict)
	if err != nil {
		f.fail(err)
		return
	}
	options := make([]offer, len(entries))
	for i, e := range entries {
		options[i] = offer{text: e.Name, chosen: func() {
			if err := f.orders.SetDictStatus(f.ctx, f.doc, dict, e.Code); err != nil {
				f.fail(err)
				return
			}
			f.detailChanged()
		}}
	}
	title := lang.L("details.delivery_status")
	if dict == pos.DictPaymentStatus {
		title = lang.L("details.payment_status")
	}
	chooseOffer(canvasOf(f.view), title, options)
}

// warnWarehouses says M9 when lines are on warehouses this center may not
// use: saving switches them (R-F8).
func (f *orderForm) warnWarehouses() {
	bad, err := f.orders.UnavailableWarehouses(f.ctx, f.doc)
	if err != nil {
		f.fail(err)
		return
	}
	if len(bad) > 0 {
		f.setMessage(widget.WarningImportance, lang.L("M9"))
	}
}

// switchWarehouses puts the lines on available warehouses before a save.
func (f *orderForm) switchWarehouses() error {
	_, err := f.orders.SwitchWarehouses(f.ctx, f.doc)
	return err
}
