package pos

import "slices"

// Right is a permission given to an operator group in the data service. The till
// hides what a right forbids; the data service refuses it regardless (R-SEC2).
type Right string

const (
	RightOrders            Right = "orders"           // see the orders and quotes list
	RightQuoteEdit         Right = "quote.edit"       // create and modify quotes
	RightOrderEdit         Right = "order.edit"       // create and modify orders
	RightOrderCancel       Right = "order.cancel"     // cancel, close, open orders
	RightReceipt           Right = "document.receipt" // issue receipts
	RightInvoice           Right = "document.invoice" // issue invoices
	RightAdvanceInvoice    Right = "document.advance" // issue advance invoices
	RightDeliveryStatus    Right = "status.delivery"  // change delivery status (R-F4)
	RightPaymentStatus     Right = "status.payment"   // change payment status (R-F4)
	RightOthersDocuments   Right = "drafts.others"    // modify other operators' drafts (R-D4)
	RightDiscount          Right = "discount"         // grant discounts
	RightPicking           Right = "picking"          // pick orders
	RightDiscardOperations Right = "sync.discard"     // discard a quarantined operation
	RightSettings          Right = "settings"         // change the terminal's settings
	RightProducts          Right = "products"         // look up products and prices
)

// AllRights lists every right, for administration and the demo's managers.
var AllRights = []Right{RightOrders, RightQuoteEdit, RightOrderEdit, RightOrderCancel, RightReceipt,
	RightInvoice, RightAdvanceInvoice, RightDeliveryStatus, RightPaymentStatus, RightOthersDocuments,
	RightDiscount, RightPicking, RightDiscardOperations, RightSettings, RightProducts}

// Group is an operator group with its rights.
type Group struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Rights []Right `json:"rights"`
}

// Has tells whether the group holds right r.
func (g Group) Has(r Right) bool {
	return slices.Contains(g.Rights, r)
}

// Operator is a person who logs in on a terminal. PINHash is a salted slow hash
// (see HashPIN); the PIN itself is never stored.
type Operator struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Group   string `json:"group"`
	PINHash string `json:"pin_hash"`
	Active  bool   `json:"active"`
}
