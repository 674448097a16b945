package pos

// Rules of pre-registered documents (drafts, SPEC section 10) while they are
// edited again: whose they are (R-D4), their VAT method (R-D8) and their
// discounts (R-D9).

// CheckDraftOwner refuses to modify, delete or confirm a draft made by another
// operator unless the group holds RightOthersDocuments (R-D4). owner is the
// operator who made the draft (Document.Operator).
func CheckDraftOwner(owner, operator string, g Group) error {
	if owner == "" || owner == operator || g.Has(RightOthersDocuments) {
		return nil
	}
	return Errorf(CodeForbidden, "drafts.others_right", "Operator", owner)
}

// VATByCustomer tells whether documents of kind k follow the customer's VAT
// status instead of a fixed method: the COMC definition's option "VAT method
// by customer status" (R-M1, R-D8).
func (p Params) VATByCustomer(k Kind) bool { return k == KindOrder && p.ByCustomerStatus }

// VATStatusRegistered is the VAT status of a customer buying with a VAT
// number (a business): such a customer is sold to from net; anyone else, from
// gross (what a shop prints on a receipt).
const VATStatusRegistered = "registered"

// CustomerVATMethod is the VAT method a document following the customer's VAT
// status takes for c.
func CustomerVATMethod(c Customer) VATMethod {
	if c.VATStatus == VATStatusRegistered {
		return VATFromNet
	}
	return VATFromGross
}

// CheckDraftVATMethod refuses to change the VAT method of a document once
// pre-registered (R-D8), except on a COMC whose type follows the customer's
// VAT status; there changing the customer also asks (DraftCustomerVAT).
func CheckDraftVATMethod(d *Document, p Params, to VATMethod) error {
	if !to.Valid() {
		return Errorf(CodeInvalid, "error.vat_method_invalid")
	}
	if to == d.VATMethod || p.VATByCustomer(d.Kind) {
		return nil
	}
	return Errorf(CodeForbidden, "drafts.vat_method_fixed")
}

// DraftCustomerVAT says what changing a pre-registered document's customer to
// c means for its VAT method (R-D8): ask is true when the operator must be
// asked whether to recalculate the VAT to method to (a COMC following the
// customer's VAT status, whose new customer has another status). Otherwise
// the method stays as it is.
func DraftCustomerVAT(d *Document, p Params, c Customer) (to VATMethod, ask bool) {
	if !p.VATByCustomer(d.Kind) {
		return d.VATMethod, false
	}
	to = CustomerVATMethod(c)
	return to, to != d.VATMethod
}

// RecalculateVAT moves the document to VAT method to, turning each line's
// price and base price to the new basis as a generated receipt does
// (convertPrice), so the customer pays the same to within a cent per unit. Nothing changes on error.
func RecalculateVAT(d *Document, to VATMethod) error {
	if !to.Valid() {
		return Errorf(CodeInvalid, "error.vat_method_invalid")
	}
	if to == d.VATMethod {
		return nil
	}
	lines := make([]Line, len(d.Lines))
	for i, l := range d.Lines {
		l.Price = convertPrice(l.Price, l.VATRate, d.VATMethod, to)
		l.BasePrice = convertPrice(l.BasePrice, l.VATRate, d.VATMethod, to)
		lines[i] = l
	}
	if _, err := ComputeTotals(to, lines, d.Advances); err != nil {
		return err
	}
	d.VATMethod, d.Lines = to, lines
	return nil
}

// CheckDraftDiscount checks a new discount on a line of a pre-registered
// document against the discount it was saved with (R-D9): discounts are not
// recalculated; an operator without the discount right keeps the saved one,
// one with it may lower it, from the saved value down to zero, never raise
// it.
func CheckDraftDiscount(saved, to Percent, canDiscount bool) error {
	if to == saved {
		return nil
	}
	if !canDiscount {
		return Errorf(CodeForbidden, "drafts.discount_kept", "Discount", saved.String())
	}
	if to < 0 || to > saved {
		return Errorf(CodeInvalid, "drafts.discount_range", "Max", saved.String())
	}
	return nil
}
