package pos

import (
	"slices"
	"time"
	"unicode/utf8"
)

// Kind is a document type, by its short French code as the ERP prints it.
type Kind string

const (
	KindQuote          Kind = "DEVC" // devis client / offerta di vendita
	KindOrder          Kind = "COMC" // commande client / ordine di vendita
	KindReceipt        Kind = "R"    // reçu / scontrino
	KindInvoice        Kind = "FC"   // facture client / fattura di vendita
	KindAdvanceInvoice Kind = "FAC"  // facture d'acompte / fattura di acconto
)

// Kinds lists every document kind, in menu order.
var Kinds = []Kind{KindQuote, KindOrder, KindReceipt, KindInvoice, KindAdvanceInvoice}

// kindDigits are the two leading digits of a document barcode number (R-D7).
var kindDigits = map[Kind]int{KindQuote: 10, KindOrder: 11, KindReceipt: 20, KindInvoice: 21, KindAdvanceInvoice: 22}

// Valid tells whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindDigits[k]; return ok }

// Commercial tells whether k is a sales document that takes payments (R, FC, FAC),
// as opposed to a quote or order that only promises them.
func (k Kind) Commercial() bool {
	return k == KindReceipt || k == KindInvoice || k == KindAdvanceInvoice
}

// Status is a document status. Quotes and orders move through the lifecycle of
// SPEC section 1; commercial documents are Confirmed once issued.
type Status string

const (
	StatusUnconfirmed Status = "unconfirmed"
	StatusConfirmed   Status = "confirmed"
	StatusInProgress  Status = "in_progress"
	StatusCompleted   Status = "completed"
	StatusClosed      Status = "closed"
	StatusCancelled   Status = "cancelled"
	StatusAccepted    Status = "accepted"
	StatusRejected    Status = "rejected"
)

// Statuses lists every status, in the order a filter shows them.
var Statuses = []Status{StatusUnconfirmed, StatusConfirmed, StatusInProgress, StatusCompleted,
	StatusClosed, StatusCancelled, StatusAccepted, StatusRejected}

// transitions are the allowed status changes per kind. Opening a confirmed
// document sends it back to Unconfirmed; Completed and In progress are reached by
// generating documents (R-O5); a quote is Completed once turned into an order.
var transitions = map[Kind]map[Status][]Status{
	KindOrder: {
		StatusUnconfirmed: {StatusConfirmed},
		StatusConfirmed:   {StatusUnconfirmed, StatusInProgress, StatusCompleted, StatusClosed, StatusCancelled},
		StatusInProgress:  {StatusCompleted, StatusClosed},
		StatusCompleted:   {StatusClosed},
	},
	KindQuote: {
		StatusUnconfirmed: {StatusConfirmed},
		StatusConfirmed:   {StatusUnconfirmed, StatusAccepted, StatusRejected, StatusCancelled},
		StatusAccepted:    {StatusCompleted, StatusClosed},
		StatusRejected:    {StatusClosed},
	},
	KindReceipt:        {StatusConfirmed: {StatusCancelled}},
	KindInvoice:        {StatusConfirmed: {StatusCancelled}},
	KindAdvanceInvoice: {StatusConfirmed: {StatusCancelled}},
}

// CanTransition tells whether a document of kind k may go from one status to another.
func CanTransition(k Kind, from, to Status) bool {
	return slices.Contains(transitions[k][from], to)
}

// NextStatuses lists the statuses a document of kind k may go to from s.
func NextStatuses(k Kind, s Status) []Status { return transitions[k][s] }

// Source says where a document was created; the list shows it (R-L3).
type Source string

const (
	SourceTerminal Source = "pos"
	SourceERP      Source = "erp"
	SourceEShop    Source = "eshop"
)

// Payment is one payment taken on a commercial document. Tendered is what the
// customer handed over (cash), Amount what the document keeps; the change is the
// difference. No card data is ever held here (R-SEC3).
type Payment struct {
	Method string `json:"method"`
	// Name is the method's name when the customer paid: the receipt and its
	// reprints say "Carte bancaire", not "CARD", whatever the ERP renames later.
	Name     string `json:"name,omitempty"`
	Amount   Money  `json:"amount"`
	Tendered Money  `json:"tendered,omitempty"`
}

// Label is the payment as printed: its method's name, or its code for a
// payment recorded before payments kept the name.
func (p Payment) Label() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Method
}

// Document is a quote, an order or a commercial document. ID is permanent across
// terminals and the data service; Number is the series number given at
// confirmation; BarcodeNo is the 20-digit number printed as a barcode (R-D7).
type Document struct {
	ID             string            `json:"id"`
	Kind           Kind              `json:"kind"`
	Number         string            `json:"number"`
	BarcodeNo      DocNumber         `json:"barcode_no"`
	Status         Status            `json:"status"`
	Revision       int               `json:"revision"`
	Source         Source            `json:"source"`
	Terminal       string            `json:"terminal"`
	Center         string            `json:"center"`
	Operator       string            `json:"operator"`
	HandledBy      string            `json:"handled_by,omitempty"`
	Customer       string            `json:"customer"`
	Recipient      string            `json:"recipient,omitempty"`
	VATMethod      VATMethod         `json:"vat_method"`
	Lines          []Line            `json:"lines"`
	IssuedAt       time.Time         `json:"issued_at"`
	DeliveryDate   time.Time         `json:"delivery_date,omitzero"`
	DueDate        time.Time         `json:"due_date,omitzero"`
	ExpiryDate     time.Time         `json:"expiry_date,omitzero"`
	DeliveryPoint  string            `json:"delivery_point,omitempty"`
	DeliveryStatus string            `json:"delivery_status,omitempty"`
	PaymentStatus  string            `json:"payment_status,omitempty"`
	PaymentMethod  string            `json:"payment_method,omitempty"`
	Reference      string            `json:"reference,omitempty"`
	SourceOrder    string            `json:"source_order,omitempty"` // id of the order this document was generated from (linked)
	OrderRef       string            `json:"order_ref,omitempty"`    // the order's number, printed "Order: …"; alone when unlinked (R-X2)
	Advances       Money             `json:"advances,omitempty"`     // advances deducted from this document
	Deductions     []Deduction       `json:"deductions,omitempty"`   // which advance invoices Advances comes from (R-A4)
	Payments       []Payment         `json:"payments,omitempty"`
	Attributes     map[string]string `json:"attributes,omitempty"`
	// FulfilledAtPickup: the order is fulfilled at its pickup point, which
	// prepares it, rather than by the store that took it (R-F1).
	FulfilledAtPickup bool `json:"fulfilled_at_pickup,omitempty"`
	// DeliveryAddress is a home delivery address added on the form for this
	// document only, not (yet) one of the customer's (R-F2).
	DeliveryAddress *Address `json:"delivery_address,omitempty"`
	// Synced is local knowledge, not sent: the data service knows this
	// document (pulled, or sent from here), so it is handled online (R-N1).
	Synced bool `json:"-"`
}

// Totals computes the document's summary.
func (d *Document) Totals() (Totals, error) {
	return ComputeTotals(d.VATMethod, d.Lines, d.Advances)
}

// Unlinked tells whether d was issued for an order without being associated with
// it (offline, R-X2): it carries the order number but no link.
func (d *Document) Unlinked() bool { return d.OrderRef != "" && d.SourceOrder == "" }

// Check refuses a document that must never be stored: unknown kind or VAT method,
// too many lines, a bad line, oversized texts, or totals out of range.
func (d *Document) Check() error {
	if !d.Kind.Valid() {
		return Errorf(CodeInvalid, "error.kind_invalid", "Value", string(d.Kind))
	}
	for _, s := range []string{d.ID, d.Number, d.Terminal, d.Center, d.Operator, d.Customer, d.Recipient,
		d.Reference, d.SourceOrder, d.OrderRef, d.HandledBy, d.DeliveryPoint, d.DeliveryStatus,
		d.PaymentStatus, d.PaymentMethod} {
		if utf8.RuneCountInString(s) > MaxTextLen {
			return Errorf(CodeInvalid, "error.text_invalid", "Field", "header")
		}
	}
	if a := d.DeliveryAddress; a != nil {
		for _, s := range []string{a.Street, a.Postcode, a.City, a.Country} {
			if utf8.RuneCountInString(s) > MaxTextLen {
				return Errorf(CodeInvalid, "error.text_invalid", "Field", "address")
			}
		}
	}
	for k, v := range d.Attributes {
		if utf8.RuneCountInString(k) > MaxTextLen || utf8.RuneCountInString(v) > MaxTextLen {
			return Errorf(CodeInvalid, "error.text_invalid", "Field", "attribute")
		}
	}
	for _, p := range d.Payments {
		if utf8.RuneCountInString(p.Method) > MaxTextLen || utf8.RuneCountInString(p.Name) > MaxTextLen {
			return Errorf(CodeInvalid, "error.text_invalid", "Field", "payment")
		}
		if p.Amount < 0 || p.Amount > MaxAmount || p.Tendered < 0 || p.Tendered > MaxAmount {
			return Errorf(CodeInvalid, "error.amount_invalid", "Value", p.Amount.String())
		}
	}
	if err := d.checkDeductions(); err != nil {
		return err
	}
	_, err := d.Totals()
	return err
}

// CheckConfirm adds the rules of confirmation to Check: at least one line (M12).
// Zero prices and a zero total are allowed (R-F5).
func (d *Document) CheckConfirm() error {
	if len(d.Lines) == 0 {
		return Errorf(CodeInvalid, MsgNoLine)
	}
	return d.Check()
}

// SetStatus moves d to status to when its kind allows it from its current status.
func (d *Document) SetStatus(to Status) error {
	if !CanTransition(d.Kind, d.Status, to) {
		return Errorf(CodeConflict, "error.status_transition", "From", string(d.Status), "To", string(to))
	}
	d.Status = to
	return nil
}
