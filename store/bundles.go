package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/comptoir/comptoir/app/pos"
)

// Bundles (R-G4) and the deductions of advances (R-A4): the master data's
// bundle definitions, and the JSON of a document's deductions (migration
// 00003).

// applyBundles upserts bundle definitions, in the transaction of a master
// data page. The ERP retires a bundle by sending it inactive. A definition
// the till cannot apply is kept as it came (pos.ApplyBundles skips it), so
// that one bad record does not stop the pull.
func applyBundles(ctx context.Context, tx *sql.Tx, bundles []pos.Bundle) error {
	for _, b := range bundles {
		if err := upsert(ctx, tx, `INSERT INTO bundles (code, data) VALUES (?, ?)
			ON CONFLICT (code) DO UPDATE SET data = excluded.data`, b, b.Code); err != nil {
			return fmt.Errorf("bundle %s: %w", b.Code, err)
		}
	}
	return nil
}

// Bundles lists the bundle definitions by code, inactive ones included.
func (db *DB) Bundles(ctx context.Context) ([]pos.Bundle, error) {
	return listJSON[pos.Bundle](ctx, db.read, `SELECT data FROM bundles ORDER BY code`)
}

// encodeDeductions is the deductions column of a document: empty when it
// deducts nothing from any advance invoice.
func encodeDeductions(d *pos.Document) (string, error) {
	if len(d.Deductions) == 0 {
		return "", nil
	}
	b, err := json.Marshal(d.Deductions)
	if err != nil {
		return "", fmt.Errorf("encode deductions: %w", err)
	}
	return string(b), nil
}

// decodeDeductions reads the deductions column back.
func decodeDeductions(d *pos.Document, s string) error {
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), &d.Deductions); err != nil {
		return fmt.Errorf("decode deductions of %s: %w", d.ID, err)
	}
	return nil
}
