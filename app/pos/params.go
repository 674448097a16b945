package pos

// SearchMethod says where the orders list searches (R-M2, R-L4).
type SearchMethod string

const (
	SearchLocal       SearchMethod = "local"
	SearchLocalAndERP SearchMethod = "local+erp"
)

// Params are the ERP parameters that change the till's behaviour (R-M2).
type Params struct {
	CopyQtyFromOrder        bool         `json:"copy_qty_from_order"`
	DeductAdvancesFull      bool         `json:"deduct_advances_full"`
	SearchMethod            SearchMethod `json:"search_method"`
	CompletedSyncDays       int          `json:"completed_sync_days"`
	PickingEnabled          bool         `json:"picking_enabled"`
	PickingQtyControl       bool         `json:"picking_qty_control"`
	CollectedInReservations bool         `json:"collected_in_reservations"`
	CloseAfterPartialPick   bool         `json:"close_after_partial_pick"`
	Currency                string       `json:"currency"`
	// VATMethods is the VAT method of each document type's definition; a COMC may
	// instead follow the customer's VAT status (ByCustomerStatus).
	VATMethods       map[Kind]VATMethod `json:"vat_methods"`
	ByCustomerStatus bool               `json:"vat_by_customer_status"`
}

// VATMethodFor returns the VAT method a new document of kind k takes.
func (p Params) VATMethodFor(k Kind) VATMethod {
	if m, ok := p.VATMethods[k]; ok && m.Valid() {
		return m
	}
	return VATFromGross
}

// MasterData is everything the till keeps from the ERP (R-M1): what the demo
// loads, what a first pull brings.
type MasterData struct {
	Centers        []Center        `json:"centers"`
	Warehouses     []Warehouse     `json:"warehouses"`
	DeliveryPoints []DeliveryPoint `json:"delivery_points"`
	Terminals      []Terminal      `json:"terminals"`
	Groups         []Group         `json:"groups"`
	Operators      []Operator      `json:"operators"`
	Customers      []Customer      `json:"customers"`
	Units          []Unit          `json:"units"`
	Products       []Product       `json:"products"`
	PaymentMethods []PaymentMethod `json:"payment_methods"`
	Dicts          []DictEntry     `json:"dicts"`
	Bundles        []Bundle        `json:"bundles,omitempty"`
	Attributes     []Attribute     `json:"attributes,omitempty"` // of document types (R-F7)
	Params         Params          `json:"params"`
}
