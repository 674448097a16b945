package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

var _ app.Store = (*DB)(nil)

// DocFilter selects documents for a list. Number is a number prefix as typed, or
// a whole scanned barcode number, which finds exactly its document.
type DocFilter struct {
	Kinds    []pos.Kind
	Statuses []pos.Status
	Number   string
	Offset   int
	Limit    int
}

// DocSummary is one row of a documents list: what the columns show, without lines.
type DocSummary struct {
	ID        string
	Kind      pos.Kind
	Number    string
	BarcodeNo pos.DocNumber
	Status    pos.Status
	Customer  string
	Net       pos.Money
	Gross     pos.Money
	IssuedAt  time.Time
	Source    pos.Source
}

// maxPrefixRune closes a prefix range: every string starting with p sorts
// between p and p followed by the highest code point.
const maxPrefixRune = "\U0010FFFF"

// ListDocuments returns one page of documents, ordered by number. Each filter is
// a condition an index serves (status and number range), so a page costs the
// same with 100 documents or 100,000.
func (db *DB) ListDocuments(ctx context.Context, f DocFilter) ([]DocSummary, error) {
	var where []string
	var args []any
	if len(f.Kinds) > 0 {
		where = append(where, "kind IN ("+placeholders(len(f.Kinds))+")")
		for _, k := range f.Kinds {
			args = append(args, string(k))
		}
	}
	if len(f.Statuses) > 0 {
		where = append(where, "status IN ("+placeholders(len(f.Statuses))+")")
		for _, s := range f.Statuses {
			args = append(args, string(s))
		}
	}
	if n := strings.TrimSpace(f.Number); n != "" {
		if pos.LooksLikeDocNumber(n) {
			where = append(where, "barcode_no = ?")
			args = append(args, n)
		} else {
			where = append(where, "number >= ? AND number < ?")
			args = append(args, n, n+maxPrefixRune)
		}
	}
	q := `SELECT id, kind, number, barcode_no, status, customer, net, gross, issued_at, source FROM documents`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY number LIMIT ? OFFSET ?"
	args = append(args, f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	out := make([]DocSummary, 0, f.Limit)
	for rows.Next() {
		var s DocSummary
		var number, issued sql.NullString
		if err := rows.Scan(&s.ID, &s.Kind, &number, &s.BarcodeNo, &s.Status, &s.Customer, &s.Net, &s.Gross,
			&issued, &s.Source); err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		s.Number = number.String
		if s.IssuedAt, err = parseTime(issued); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
