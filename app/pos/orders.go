package pos

import (
	"slices"
	"time"
)

// The rules of section 5 of the spec: what may be done with an order or a quote,
// given its status, the documents generated from it and the operator's rights.
// The till asks them to enable its buttons; the use cases and the data service
// ask them again before doing anything.

// Related is a commercial document generated for an order, as the order's rules
// see it. Unlinked documents (issued offline, R-X2) only carry the order's number
// and are not related in this sense: they neither block nor fulfil it.
type Related struct {
	ID       string `json:"id"`
	Kind     Kind   `json:"kind"`
	Number   string `json:"number"`
	Status   Status `json:"status"`
	Customer string `json:"customer"`
	Gross    Money  `json:"gross"`
	Lines    []Line `json:"lines,omitempty"`
	// What the advance rules need (R-A1, R-A4): when it was issued, the
	// advances it deducted and from which advance invoices.
	IssuedAt   time.Time   `json:"issued_at,omitzero"`
	Advances   Money       `json:"advances,omitempty"`
	Deductions []Deduction `json:"deductions,omitempty"`
}

// RelatedOf describes a document generated from an order.
func RelatedOf(d *Document) (Related, error) {
	t, err := d.Totals()
	if err != nil {
		return Related{}, err
	}
	return Related{ID: d.ID, Kind: d.Kind, Number: d.Number, Status: d.Status, Customer: d.Customer,
		Gross: t.Gross, Lines: d.Lines, IssuedAt: d.IssuedAt, Advances: d.Advances, Deductions: d.Deductions}, nil
}

// Action is something an operator does to a quote or an order.
type Action string

const (
	ActionEdit         Action = "edit"
	ActionConfirm      Action = "confirm"
	ActionCancel       Action = "cancel"
	ActionClose        Action = "close"
	ActionOpen         Action = "open"
	ActionReceipt      Action = "receipt"
	ActionInvoice      Action = "invoice"
	ActionAdvance      Action = "advance"
	ActionChangeStatus Action = "change_status"
	ActionPickup       Action = "pickup"
	ActionDelete       Action = "delete"
)

// DeliveryPickedUp is the delivery status "Picked up" of the ERP's dictionary.
const DeliveryPickedUp = "picked_up"

// live returns the documents generated from the order that still count: those
// not cancelled.
func live(related []Related) []Related {
	var out []Related
	for _, r := range related {
		if r.Status != StatusCancelled {
			out = append(out, r)
		}
	}
	return out
}

// HasAdvance tells whether an advance invoice that is not cancelled exists.
func HasAdvance(related []Related) bool {
	for _, r := range live(related) {
		if r.Kind == KindAdvanceInvoice {
			return true
		}
	}
	return false
}

// editRight is the right to create and modify documents of kind k.
func editRight(k Kind) Right {
	if k == KindQuote {
		return RightQuoteEdit
	}
	return RightOrderEdit
}

// Allowed returns nil when an operator of group g may do action a on document o
// with the documents generated from it, and otherwise the reason, for a person.
func Allowed(a Action, o *Document, related []Related, g Group) error {
	if o.Kind != KindOrder && o.Kind != KindQuote {
		return Errorf(CodeInvalid, "error.not_an_order")
	}
	need, ok := actionRules[a]
	if !ok {
		return Errorf(CodeInvalid, "error.action_unknown", "Action", string(a))
	}
	if need.ordersOnly && o.Kind != KindOrder {
		return Errorf(CodeConflict, "error.action_orders_only")
	}
	if !need.statuses(o.Status) || a == ActionChangeStatus && len(NextStatuses(o.Kind, o.Status)) == 0 {
		return Errorf(CodeConflict, "error.action_status", "Action", string(a), "Status", string(o.Status))
	}
	if need.noLiveDocuments && len(live(related)) > 0 || need.noDocuments && len(related) > 0 {
		return Errorf(CodeConflict, "error.action_has_documents")
	}
	if a == ActionReceipt && HasAdvance(related) {
		return Errorf(CodeConflict, "error.receipt_after_advance")
	}
	if a == ActionPickup && o.DeliveryStatus == DeliveryPickedUp {
		return Errorf(CodeConflict, "error.already_picked_up")
	}
	right := need.right
	if right == "" {
		right = editRight(o.Kind)
	}
	if !g.Has(right) {
		return Errorf(CodeForbidden, "error.right_missing", "Right", string(right))
	}
	return nil
}

type actionRule struct {
	statuses        func(Status) bool
	noLiveDocuments bool
	noDocuments     bool // not even cancelled ones
	ordersOnly      bool
	right           Right // "" means the right to edit the document's kind
}

func among(ss ...Status) func(Status) bool {
	return func(s Status) bool { return slices.Contains(ss, s) }
}

var actionRules = map[Action]actionRule{
	// R-E1: modifiable until fully closed; confirmed orders get a new revision.
	ActionEdit:    {statuses: among(StatusUnconfirmed, StatusConfirmed, StatusInProgress)},
	ActionConfirm: {statuses: among(StatusUnconfirmed)},
	// R-O1: only Confirmed, and no document generated that is not cancelled.
	ActionCancel: {statuses: among(StatusConfirmed), noLiveDocuments: true, right: RightOrderCancel},
	// R-O2: Confirmed or In progress, no document or only cancelled ones.
	ActionClose: {statuses: among(StatusConfirmed, StatusInProgress), noLiveDocuments: true, ordersOnly: true, right: RightOrderCancel},
	// R-O3: Confirmed with no document or only cancelled ones.
	ActionOpen: {statuses: among(StatusConfirmed), noLiveDocuments: true},
	// R-O4: Confirmed or In progress; each kind needs its right.
	ActionReceipt: {statuses: among(StatusConfirmed, StatusInProgress), ordersOnly: true, right: RightReceipt},
	ActionInvoice: {statuses: among(StatusConfirmed, StatusInProgress), ordersOnly: true, right: RightInvoice},
	ActionAdvance: {statuses: among(StatusConfirmed, StatusInProgress), ordersOnly: true, right: RightAdvanceInvoice},
	// R-O7: any status with somewhere to go for the document's kind; the target
	// itself is checked by AllowedStatusChange.
	ActionChangeStatus: {statuses: func(Status) bool { return true }},
	// R-O6: any order the customer can still collect.
	ActionPickup: {statuses: among(StatusConfirmed, StatusInProgress, StatusCompleted), ordersOnly: true, right: RightDeliveryStatus},
	// R-E5: only when no document is linked (cancelled ones included).
	ActionDelete: {statuses: among(StatusUnconfirmed, StatusConfirmed), noDocuments: true},
}

// AllowedStatusChange applies R-O7: [Change status] moves a document along an
// allowed transition, and a target that has its own operation obeys that
// operation's rules and right (cancel, close, open, confirm). In progress and
// Completed are reached only by generating documents (R-O5).
func AllowedStatusChange(o *Document, to Status, related []Related, g Group) error {
	if err := Allowed(ActionChangeStatus, o, related, g); err != nil {
		return err
	}
	if !CanTransition(o.Kind, o.Status, to) {
		return Errorf(CodeConflict, "error.status_transition", "From", string(o.Status), "To", string(to))
	}
	switch to {
	case StatusCancelled:
		return Allowed(ActionCancel, o, related, g)
	case StatusClosed:
		if o.Kind == KindOrder {
			return Allowed(ActionClose, o, related, g)
		}
	case StatusUnconfirmed:
		return Allowed(ActionOpen, o, related, g)
	case StatusConfirmed:
		return Allowed(ActionConfirm, o, related, g)
	case StatusInProgress, StatusCompleted:
		if o.Kind == KindOrder {
			return Errorf(CodeConflict, "error.status_by_documents")
		}
	}
	return nil
}

// CanChangeDictStatus applies R-F4: the delivery or payment status of a quote
// or an order may change only with its right and while it is Unconfirmed,
// Confirmed or In progress.
func CanChangeDictStatus(dict string, o *Document, g Group) error {
	var right Right
	switch dict {
	case DictDeliveryStatus:
		right = RightDeliveryStatus
	case DictPaymentStatus:
		right = RightPaymentStatus
	default:
		return Errorf(CodeInvalid, "error.dict_unknown", "Value", dict)
	}
	if o.Kind != KindOrder && o.Kind != KindQuote {
		return Errorf(CodeInvalid, "error.not_an_order")
	}
	if !among(StatusUnconfirmed, StatusConfirmed, StatusInProgress)(o.Status) {
		return Errorf(CodeConflict, "error.action_status", "Action", dict, "Status", string(o.Status))
	}
	if !g.Has(right) {
		return Errorf(CodeForbidden, "error.right_missing", "Right", string(right))
	}
	return nil
}

// ToDeliver returns, per line of the order, the ordered quantity less what the
// receipts and invoices generated from it (not cancelled) hold for that line
// (R-L6). Advance invoices deliver nothing.
func ToDeliver(o *Document, related []Related) []Qty {
	out := make([]Qty, len(o.Lines))
	for i, l := range o.Lines {
		out[i] = l.Qty
	}
	for _, r := range live(related) {
		if r.Kind != KindReceipt && r.Kind != KindInvoice {
			continue
		}
		for _, l := range r.Lines {
			if i := l.OrderLine - 1; i >= 0 && i < len(out) {
				out[i] -= l.Qty
			}
		}
	}
	for i := range out {
		out[i] = max(out[i], 0)
	}
	return out
}

// StatusAfterDocument is the order's status once a document generated from it
// has been paid (R-O5): Completed when nothing remains to deliver, else In
// progress.
func StatusAfterDocument(o *Document, related []Related) Status {
	for _, q := range ToDeliver(o, related) {
		if q > 0 {
			return StatusInProgress
		}
	}
	return StatusCompleted
}
