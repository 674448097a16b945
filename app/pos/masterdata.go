package pos

import (
	"slices"
	"strings"
)

// The master data of R-M1, pulled from the data service and kept locally. Codes
// are the ERP's identifiers; they are what documents refer to.

// Center is a store.
type Center struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Warehouse belongs to a center; Available lists the other centers that may take
// goods from it (reservations, R-F8).
type Warehouse struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Center    string   `json:"center"`
	Available []string `json:"available,omitempty"`
}

// AvailableTo tells whether a center may use the warehouse.
func (w Warehouse) AvailableTo(center string) bool {
	return w.Center == center || slices.Contains(w.Available, center)
}

// DeliveryPointKind is one of the kinds of R-F2.
type DeliveryPointKind string

const (
	DeliveryHome      DeliveryPointKind = "home"
	DeliveryWarehouse DeliveryPointKind = "warehouse"
	DeliveryStore     DeliveryPointKind = "store"
	DeliveryCustomer  DeliveryPointKind = "customer"
)

// Address is a postal address.
type Address struct {
	Street   string `json:"street"`
	Postcode string `json:"postcode"`
	City     string `json:"city"`
	Country  string `json:"country,omitempty"`
}

// OneLine is the address on one line, as lists show it: "12 rue de la Paix,
// 75002 Paris".
func (a Address) OneLine() string {
	return strings.TrimSpace(a.Street + ", " + strings.TrimSpace(a.Postcode+" "+a.City))
}

// DeliveryPoint is where an order is handed over.
type DeliveryPoint struct {
	Code      string            `json:"code"`
	Kind      DeliveryPointKind `json:"kind"`
	Name      string            `json:"name"`
	Address   Address           `json:"address"`
	Center    string            `json:"center,omitempty"`
	Warehouse string            `json:"warehouse,omitempty"`
	Customer  string            `json:"customer,omitempty"`
}

// Terminal is a till or back-room PC. Number is unique in the chain and goes into
// every document barcode number it creates.
type Terminal struct {
	Code   string `json:"code"`
	Number int    `json:"number"`
	Center string `json:"center"`
	Series string `json:"series,omitempty"` // numbering pattern; DefaultSeriesPattern when empty
}

// CustomerType separates companies, people and the undefined (walk-in) customer.
type CustomerType string

const (
	CustomerCompany   CustomerType = "company"
	CustomerPerson    CustomerType = "person"
	CustomerUndefined CustomerType = "undefined"
)

// Recipient is a person or company who receives the goods for a customer.
type Recipient struct {
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Addresses []Address `json:"addresses,omitempty"`
}

// Customer is a buyer. Limits are in cents; zero means none.
type Customer struct {
	Code          string       `json:"code"`
	Name          string       `json:"name"`
	Type          CustomerType `json:"type"`
	TaxID         string       `json:"tax_id,omitempty"`
	VATStatus     string       `json:"vat_status,omitempty"`
	Addresses     []Address    `json:"addresses,omitempty"`
	Recipients    []Recipient  `json:"recipients,omitempty"`
	PaymentMethod string       `json:"payment_method,omitempty"`
	DueDays       int          `json:"due_days,omitempty"`
	Active        bool         `json:"active"`
	CreditLimit   Money        `json:"credit_limit,omitempty"`
	MinOrder      Money        `json:"min_order,omitempty"`
}

// Unit is a unit of measure with its picking tolerance, as a value (±0.1 kg) or a
// percentage of the ordered quantity.
type Unit struct {
	Code         string  `json:"code"`
	Decimals     int     `json:"decimals"` // 0 for pieces, up to 4 for kg
	Tolerance    Qty     `json:"tolerance,omitempty"`
	TolerancePct Percent `json:"tolerance_pct,omitempty"`
}

// margin is the accepted deviation from an ordered quantity.
func (u Unit) margin(ordered Qty) Qty {
	if u.TolerancePct > 0 {
		v, _ := mulDiv(int64(ordered), int64(u.TolerancePct), percentFull)
		return Qty(v)
	}
	return u.Tolerance
}

// FullyPicked tells whether picked covers ordered within tolerance: 0.9814 kg
// picked for 1 kg ordered at ±0.1 kg is complete (R-P3).
func (u Unit) FullyPicked(ordered, picked Qty) bool {
	return picked >= ordered-u.margin(ordered)
}

// OverPicked tells whether picked exceeds what tolerance allows (M11).
func (u Unit) OverPicked(ordered, picked Qty) bool {
	return picked > ordered+u.margin(ordered)
}

// Product is an item sold. Prices are gross, in cents.
type Product struct {
	Code       string   `json:"code"`
	EANs       []string `json:"eans,omitempty"`
	Name       string   `json:"name"`
	Unit       string   `json:"unit"`
	VATRate    Percent  `json:"vat_rate"`
	Price      Money    `json:"price"`
	FloorPrice Money    `json:"floor_price,omitempty"`
	Cost       Money    `json:"cost,omitempty"`
	Active     bool     `json:"active"`
	Service    bool     `json:"service,omitempty"`
}

// PaymentType groups payment methods; each terminal has exactly one Cash method,
// the fallback of R-F3.
type PaymentType string

const (
	PaymentCash     PaymentType = "cash"
	PaymentCard     PaymentType = "card"
	PaymentTransfer PaymentType = "transfer"
	PaymentOther    PaymentType = "other"
)

// PaymentMethod is a way to pay, available on some terminals.
type PaymentMethod struct {
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	Type      PaymentType `json:"type"`
	Terminals []string    `json:"terminals,omitempty"` // empty: every terminal
}

// AvailableOn tells whether the method may be used on the terminal.
func (m PaymentMethod) AvailableOn(terminal string) bool {
	return len(m.Terminals) == 0 || slices.Contains(m.Terminals, terminal)
}

// DefaultPaymentMethod applies R-F3: the customer's method if this terminal has
// it, otherwise the terminal's Cash method.
func DefaultPaymentMethod(c Customer, methods []PaymentMethod, terminal string) (PaymentMethod, bool) {
	var cash PaymentMethod
	found := false
	for _, m := range methods {
		if !m.AvailableOn(terminal) {
			continue
		}
		if m.Code == c.PaymentMethod {
			return m, true
		}
		if m.Type == PaymentCash && !found {
			cash, found = m, true
		}
	}
	return cash, found
}

// DictEntry is a value of an ERP dictionary (delivery status, payment status).
type DictEntry struct {
	Dict string `json:"dict"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// Dictionaries synced from the ERP.
const (
	DictDeliveryStatus = "delivery_status"
	DictPaymentStatus  = "payment_status"
)
