package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// The form's fields besides lines and customer (R-F1): the delivery point
// (R-F2), the payment method and dates (R-F3), the delivery and payment
// statuses (R-F4), and the warehouses of the lines (R-F8).

// DeliveryPointStore reads the master data those fields and the form's
// other choices (customers, attributes) choose from. It is apart from
// DocumentStore so the doubles of that one need not grow.
type DeliveryPointStore interface {
	DeliveryPoints(ctx context.Context) ([]pos.DeliveryPoint, error)
	Warehouses(ctx context.Context) ([]pos.Warehouse, error)
	DictEntries(ctx context.Context, dict string) ([]pos.DictEntry, error)
	// Attributes are the attributes of document types (R-F7).
	Attributes(ctx context.Context) ([]pos.Attribute, error)
	// SearchCustomers returns a page of active customers whose name starts
	// with text or whose code or tax id is text, by name.
	SearchCustomers(ctx context.Context, text string, offset, limit int) ([]pos.Customer, error)
}

// WithDeliveryPoints gives the orders use cases their delivery points,
// warehouses, dictionaries, attributes and customer search; without them
// the choices are empty and no attribute is checked.
func (o *Orders) WithDeliveryPoints(p DeliveryPointStore) *Orders {
	o.points = p
	return o
}

// homePrefix marks a delivery point that is one of the customer's or the
// recipient's own addresses: HOME/<owner code>/<index>, or
// HOME/<owner code>/added for the address added on the form.
const homePrefix = "HOME/"

// addedHome ends the code of the address added on the form. Such an
// address is kept on the document (pos.Document.DeliveryAddress) and
// travels with it to the data service, which hands it to the ERP as the
// order's delivery address: customers are master data the till only
// pulls, so an address written into them here would be overwritten by the
// next pull, and the protocol has no operation to change them.
const addedHome = "/added"

// DeliveryChoice is one entry of the delivery point window.
type DeliveryChoice struct {
	Code    string // what the document keeps
	Kind    pos.DeliveryPointKind
	Name    string
	Address pos.Address
	Own     bool // of this terminal's center
}

// Matches tells whether the filter text is in the name or the address
// (street, postcode, city), regardless of case.
func (c DeliveryChoice) Matches(filter string) bool {
	filter = strings.ToLower(strings.TrimSpace(filter))
	if filter == "" {
		return true
	}
	for _, s := range []string{c.Name, c.Address.Street, c.Address.Postcode, c.Address.City} {
		if strings.Contains(strings.ToLower(s), filter) {
			return true
		}
	}
	return false
}

// DeliveryChoices lists the delivery points of one kind for d, filtered on
// name and address (R-F2): home delivery is the recipient's addresses when
// there is one, else the customer's; warehouse and store pickup list this
// center's points first; customer points are those of d's customer.
func (o *Orders) DeliveryChoices(ctx context.Context, d *pos.Document, kind pos.DeliveryPointKind, filter string) ([]DeliveryChoice, error) {
	if _, err := o.login(); err != nil {
		return nil, err
	}
	var all []DeliveryChoice
	if kind == pos.DeliveryHome {
		owner, name, addrs, err := o.homeAddresses(ctx, d)
		if err != nil {
			return nil, err
		}
		if a := d.DeliveryAddress; a != nil && owner != "" {
			all = append(all, DeliveryChoice{Code: homePrefix + owner + addedHome, Kind: kind, Name: name, Address: *a})
		}
		for i, a := range addrs {
			all = append(all, DeliveryChoice{Code: fmt.Sprintf("%s%s/%d", homePrefix, owner, i), Kind: kind, Name: name, Address: a})
		}
	} else {
		if o.points == nil {
			return nil, nil
		}
		dps, err := o.points.DeliveryPoints(ctx)
		if err != nil {
			return nil, err
		}
		center := o.session.Terminal().Center
		for _, p := range dps {
			if p.Kind != kind || (kind == pos.DeliveryCustomer && p.Customer != d.Customer) {
				continue
			}
			all = append(all, DeliveryChoice{Code: p.Code, Kind: p.Kind, Name: p.Name, Address: p.Address, Own: p.Center == center})
		}
		slices.SortStableFunc(all, func(a, b DeliveryChoice) int {
			if a.Own != b.Own {
				return boolRank(a.Own) - boolRank(b.Own)
			}
			return strings.Compare(a.Name, b.Name)
		})
	}
	out := all[:0]
	for _, c := range all {
		if c.Matches(filter) {
			out = append(out, c)
		}
	}
	return out, nil
}

// homeAddresses are the addresses of d's recipient, or of its customer.
func (o *Orders) homeAddresses(ctx context.Context, d *pos.Document) (owner, name string, addrs []pos.Address, err error) {
	if d.Customer == "" {
		return "", "", nil, nil
	}
	c, err := o.store.Customer(ctx, d.Customer)
	if err != nil {
		return "", "", nil, err
	}
	if d.Recipient != "" {
		for _, r := range c.Recipients {
			if r.Code == d.Recipient {
				return r.Code, r.Name, r.Addresses, nil
			}
		}
	}
	return c.Code, c.Name, c.Addresses, nil
}

// DeliveryPoint describes d's delivery point for the form's button and the
// window's current selection; false when it has none or it is no longer known.
func (o *Orders) DeliveryPoint(ctx context.Context, d *pos.Document) (DeliveryChoice, bool, error) {
	if d.DeliveryPoint == "" {
		return DeliveryChoice{}, false, nil
	}
	if strings.HasPrefix(d.DeliveryPoint, homePrefix) {
		cs, err := o.DeliveryChoices(ctx, d, pos.DeliveryHome, "")
		if err != nil {
			return DeliveryChoice{}, false, err
		}
		for _, c := range cs {
			if c.Code == d.DeliveryPoint {
				return c, true, nil
			}
		}
		return DeliveryChoice{}, false, nil
	}
	if o.points == nil {
		return DeliveryChoice{}, false, nil
	}
	dps, err := o.points.DeliveryPoints(ctx)
	if err != nil {
		return DeliveryChoice{}, false, err
	}
	for _, p := range dps {
		if p.Code == d.DeliveryPoint {
			return DeliveryChoice{Code: p.Code, Kind: p.Kind, Name: p.Name, Address: p.Address,
				Own: p.Center == o.session.Terminal().Center}, true, nil
		}
	}
	return DeliveryChoice{}, false, nil
}

// editable refuses changes to a document no longer being built: the
// delivery point, payment method and dates change until confirmation (R-F2).
func editable(d *pos.Document) error {
	if d.Status != pos.StatusUnconfirmed {
		return pos.Errorf(pos.CodeConflict, "error.form_confirmed")
	}
	return nil
}

// SetDeliveryPoint sets d's delivery point; an empty code clears it (R-F2).
func (o *Orders) SetDeliveryPoint(d *pos.Document, code string) error {
	if _, err := o.login(); err != nil {
		return err
	}
	if err := editable(d); err != nil {
		return err
	}
	if len(code) > pos.MaxTextLen {
		return pos.Errorf(pos.CodeInvalid, "error.delivery_point_invalid")
	}
	d.DeliveryPoint = code
	if !strings.HasSuffix(code, addedHome) {
		d.DeliveryAddress = nil // the added address was this document's only
	}
	return nil
}

// AddDeliveryAddress adds a home delivery address for the recipient, or the
// customer, on this document, and makes it the delivery point (R-F2 [Add
// address]; see addedHome for why it stays on the document). It needs a
// street and a city.
func (o *Orders) AddDeliveryAddress(ctx context.Context, d *pos.Document, a pos.Address) error {
	if _, err := o.login(); err != nil {
		return err
	}
	if err := editable(d); err != nil {
		return err
	}
	a = pos.Address{Street: strings.TrimSpace(a.Street), Postcode: strings.TrimSpace(a.Postcode),
		City: strings.TrimSpace(a.City), Country: strings.TrimSpace(a.Country)}
	if a.Street == "" || a.City == "" {
		return pos.Errorf(pos.CodeInvalid, "error.address_incomplete")
	}
	owner, _, _, err := o.homeAddresses(ctx, d)
	if err != nil {
		return err
	}
	if owner == "" {
		return pos.Errorf(pos.CodeInvalid, "error.address_no_customer")
	}
	c := *d
	c.DeliveryAddress, c.DeliveryPoint = &a, homePrefix+owner+addedHome
	if err := c.Check(); err != nil {
		return err
	}
	*d = c
	return nil
}

// SetFulfilledAtPickup says whether the pickup point fulfils the order
// (R-F1); it changes with the delivery point, until confirmation.
func (o *Orders) SetFulfilledAtPickup(d *pos.Document, on bool) error {
	if _, err := o.login(); err != nil {
		return err
	}
	if err := editable(d); err != nil {
		return err
	}
	d.FulfilledAtPickup = on
	return nil
}

// SetRecipient sets one of the customer's recipients, or none with an empty
// code. A different recipient has other addresses: the delivery point is
// cleared (R-F2).
func (o *Orders) SetRecipient(ctx context.Context, d *pos.Document, code string) error {
	if _, err := o.login(); err != nil {
		return err
	}
	if err := editable(d); err != nil {
		return err
	}
	if code != "" {
		c, err := o.store.Customer(ctx, d.Customer)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(c.Recipients, func(r pos.Recipient) bool { return r.Code == code }) {
			return pos.Errorf(pos.CodeNotFound, "error.recipient_unknown", "Code", code)
		}
	}
	if code != d.Recipient {
		d.Recipient, d.DeliveryPoint, d.DeliveryAddress = code, "", nil
	}
	return nil
}

// SetPaymentMethod sets one of this terminal's payment methods (R-F3).
func (o *Orders) SetPaymentMethod(ctx context.Context, d *pos.Document, code string) error {
	if err := editable(d); err != nil {
		return err
	}
	methods, err := o.PaymentMethods(ctx)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(methods, func(m pos.PaymentMethod) bool { return m.Code == code }) {
		return pos.Errorf(pos.CodeInvalid, "error.payment_method_unavailable", "Code", code)
	}
	d.PaymentMethod = code
	return nil
}

// SetDueDate and SetDeliveryDate set a date, as a day; the zero time clears
// it. Neither may be before the document's day.
func (o *Orders) SetDueDate(d *pos.Document, day time.Time) error {
	return o.setDate(d, &d.DueDate, day)
}

func (o *Orders) SetDeliveryDate(d *pos.Document, day time.Time) error {
	return o.setDate(d, &d.DeliveryDate, day)
}

func (o *Orders) setDate(d *pos.Document, field *time.Time, day time.Time) error {
	if _, err := o.login(); err != nil {
		return err
	}
	if err := editable(d); err != nil {
		return err
	}
	if day.IsZero() {
		*field = time.Time{}
		return nil
	}
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	issued := d.IssuedAt
	if issued.IsZero() {
		issued = o.clock.Now()
	}
	if day.Before(time.Date(issued.Year(), issued.Month(), issued.Day(), 0, 0, 0, 0, time.UTC)) {
		return pos.Errorf(pos.CodeInvalid, "error.date_past")
	}
	*field = day
	return nil
}

// DictEntries lists the values of a dictionary (delivery or payment status).
func (o *Orders) DictEntries(ctx context.Context, dict string) ([]pos.DictEntry, error) {
	if _, err := o.login(); err != nil {
		return nil, err
	}
	if o.points == nil {
		return nil, nil
	}
	return o.points.DictEntries(ctx, dict)
}

// CanSetDictStatus tells whether the operator may change the delivery or
// payment status of d now (R-F4).
func (o *Orders) CanSetDictStatus(dict string, d *pos.Document) error {
	l, err := o.login()
	if err != nil {
		return err
	}
	return pos.CanChangeDictStatus(dict, d, l.Group)
}

// SetDictStatus sets the delivery or payment status of d being edited, with
// the right of R-F4; a value not in the dictionary is refused.
func (o *Orders) SetDictStatus(ctx context.Context, d *pos.Document, dict, code string) error {
	if err := o.CanSetDictStatus(dict, d); err != nil {
		return err
	}
	entries, err := o.DictEntries(ctx, dict)
	if err != nil {
		return err
	}
	if code != "" && !slices.ContainsFunc(entries, func(e pos.DictEntry) bool { return e.Code == code }) {
		return pos.Errorf(pos.CodeInvalid, "error.dict_value_unknown", "Value", code)
	}
	if dict == pos.DictDeliveryStatus {
		d.DeliveryStatus = code
	} else {
		d.PaymentStatus = code
	}
	return nil
}

// UnavailableWarehouses lists the lines (0-based) of d whose warehouse this
// center may not use, an unknown warehouse included (R-F8): the form warns
// with M9 on opening, the list asks M10 before generating a document.
func (o *Orders) UnavailableWarehouses(ctx context.Context, d *pos.Document) ([]int, error) {
	if _, err := o.login(); err != nil {
		return nil, err
	}
	if o.points == nil {
		return nil, nil
	}
	ws, err := o.warehousesByCode(ctx)
	if err != nil {
		return nil, err
	}
	center := o.session.Terminal().Center
	var out []int
	for i, l := range d.Lines {
		if l.Warehouse == "" {
			continue
		}
		if w, ok := ws[l.Warehouse]; !ok || !w.AvailableTo(center) {
			out = append(out, i)
		}
	}
	return out, nil
}

// SwitchWarehouses puts every line on a warehouse this center may use: the
// center's own first (by code), else one made available to it (R-F8). It
// returns how many lines changed; none changes when the center has no
// warehouse at all.
func (o *Orders) SwitchWarehouses(ctx context.Context, d *pos.Document) (int, error) {
	bad, err := o.UnavailableWarehouses(ctx, d)
	if err != nil || len(bad) == 0 {
		return 0, err
	}
	ws, err := o.points.Warehouses(ctx)
	if err != nil {
		return 0, err
	}
	center := o.session.Terminal().Center
	var usable []pos.Warehouse
	for _, w := range ws {
		if w.AvailableTo(center) {
			usable = append(usable, w)
		}
	}
	if len(usable) == 0 {
		return 0, pos.Errorf(pos.CodeConflict, "error.no_available_warehouse")
	}
	slices.SortStableFunc(usable, func(a, b pos.Warehouse) int {
		if (a.Center == center) != (b.Center == center) {
			return boolRank(a.Center == center) - boolRank(b.Center == center)
		}
		return strings.Compare(a.Code, b.Code)
	})
	lines := append([]pos.Line(nil), d.Lines...)
	for _, i := range bad {
		lines[i].Warehouse = usable[0].Code
	}
	d.Lines = lines
	return len(bad), nil
}

func (o *Orders) warehousesByCode(ctx context.Context) (map[string]pos.Warehouse, error) {
	ws, err := o.points.Warehouses(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]pos.Warehouse, len(ws))
	for _, w := range ws {
		out[w.Code] = w
	}
	return out, nil
}
