package dataservice

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/comptoir/comptoir/app/pos"
)

// The money of an order, guarded on the service (R-A1, R-A4, R-SEC2): a till
// checks the advance rules on the order's latest version under its lock, and
// the service checks them again against every document it holds for the
// order, so that no advance takes the order above its gross amount and no
// invoice deducts more than the order's advances hold, nor another
// customer's, whatever a till sends.

// checkOrderMoney applies the advance rules to a new document d generated
// from an order and linked to it: an advance invoice may take at most what
// the order has not been paid yet (M5); a receipt or invoice deducts only the
// order's advance invoices of its own customer, each for at most what is left
// of it (M6). A document the service already holds has nothing new to check:
// an issued one keeps its content (checkUnchanged refuses any change but its
// cancellation), and one not issued can never become so (receipts, invoices
// and advance invoices do not leave Unconfirmed, pos.CanTransition). One not
// linked to an order (unlinked offline, R-X2), not yet issued, or whose order
// the service does not know has nothing to check either.
func checkOrderMoney(ctx context.Context, tx *sql.Tx, q queryer, prev *pos.Document, d *pos.Document) error {
	if prev != nil || d.SourceOrder == "" || d.Status == pos.StatusUnconfirmed || d.Status == pos.StatusCancelled {
		return nil
	}
	sale := d.Kind == pos.KindReceipt || d.Kind == pos.KindInvoice
	if d.Kind != pos.KindAdvanceInvoice && (!sale || d.Advances == 0 && len(d.Deductions) == 0) {
		return nil // nothing to check, nothing read: most receipts deduct nothing
	}
	order, err := loadDoc(ctx, q, d.SourceOrder)
	if err != nil || order == nil {
		return err
	}
	related, err := relatedOf(ctx, tx, d.SourceOrder, d.ID)
	if err != nil {
		return err
	}
	if d.Kind == pos.KindAdvanceInvoice {
		return checkAdvance(&order.doc, related, d)
	}
	return checkDeductions(related, d)
}

// checkAdvance refuses an advance invoice above what the order has left
// unpaid: its advances and invoices would exceed its gross amount (M5).
func checkAdvance(order *pos.Document, related []pos.Related, d *pos.Document) error {
	bal, err := pos.Balance(order, related)
	if err != nil {
		return err
	}
	t, err := d.Totals()
	if err != nil {
		return err
	}
	if t.Gross > bal.Unpaid() {
		return pos.Errorf(pos.CodeConflict, pos.MsgAdvancesFull, "Advance", t.Gross.String(), "Left", bal.Unpaid().String())
	}
	return nil
}

// checkDeductions refuses a receipt or invoice that deducts an advance
// invoice the order does not have, one of another customer, more than is
// left of one, or advances it does not say where from beyond what the
// order's advances of its customer hold (M6).
func checkDeductions(related []pos.Related, d *pos.Document) error {
	refused := pos.Errorf(pos.CodeConflict, pos.MsgAdvanceCustomer, "Advances", d.Advances.String())
	advances := pos.AdvanceInvoices(related)
	var left pos.Money
	for _, a := range advances {
		if a.Customer == d.Customer {
			left += a.Left
		}
	}
	if d.Advances > left {
		return refused
	}
	taken := map[string]pos.Money{}
	for _, x := range d.Deductions {
		i := slices.IndexFunc(advances, func(a pos.AdvanceInvoice) bool { return a.ID == x.AdvanceID })
		taken[x.AdvanceID] += x.Amount
		if i < 0 || advances[i].Customer != d.Customer || taken[x.AdvanceID] > advances[i].Left {
			return refused
		}
	}
	return nil
}

// relatedOf reads the documents generated from order, but the one being
// saved, as the advance rules see them.
func relatedOf(ctx context.Context, tx *sql.Tx, order, except string) ([]pos.Related, error) {
	rows, err := tx.QueryContext(ctx, `SELECT data FROM documents
		WHERE json_extract(data, '$.source_order') = ? AND id != ?`, order, except)
	if err != nil {
		return nil, fmt.Errorf("read the documents of order %s: %w", order, err)
	}
	defer rows.Close()
	var out []pos.Related
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("read the documents of order %s: %w", order, err)
		}
		var d pos.Document
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("decode a document of order %s: %w", order, err)
		}
		r, err := pos.RelatedOf(&d)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the documents of order %s: %w", order, err)
	}
	return out, nil
}
