package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

var (
	_ app.Store         = (*DB)(nil)
	_ app.DocumentStore = (*DB)(nil)
)

// maxPrefixRune closes a prefix range: every string starting with p sorts
// between p and p followed by the highest code point.
const maxPrefixRune = "\U0010FFFF"

// numberParts is the number's parts as the list's indexes hold them
// (migration 00009, the same expression): '/' before each part, '-' read as
// '/', up to nine leading zeros of a part dropped.
const numberParts = `replace(replace(replace(replace(replace(replace(replace(replace(replace('/' || replace(number, '-', '/'),
    '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/'), '/0', '/')`

// textParts is typed text as numberParts reads a number, so that a number
// whose parts start with the text's holds it: the same replaces.
func textParts(text string) string {
	s := "/" + strings.ReplaceAll(text, "-", "/")
	for range 9 {
		s = strings.ReplaceAll(s, "/0", "/")
	}
	return s
}

// keyDigits is the width pos.NumberSortKey pads runs of digits to.
const keyDigits = 10

// ListDocuments returns one page of documents, in natural number order. The filters
// that narrow most (status, number range) are served by indexes, so a page
// costs about the same with 100 documents or 100,000.
func (db *DB) ListDocuments(ctx context.Context, f app.DocFilter) ([]app.DocSummary, error) {
	q, args := listQuery(f)
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	out := make([]app.DocSummary, 0, f.Limit)
	for rows.Next() {
		var s app.DocSummary
		var number, issued, delivery, expiry sql.NullString
		var added, dpData, custData []byte
		if err := rows.Scan(&s.ID, &s.Kind, &number, &s.BarcodeNo, &s.Status, &s.Customer, &added, &dpData, &custData,
			&s.Recipient, &s.HandledBy, &s.Net, &s.Gross, &issued, &delivery, &expiry, &s.DeliveryStatus,
			&s.PaymentStatus, &s.Source, &s.Synced, &s.FulfilledAtPickup, &s.Related); err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		s.Number = number.String
		s.Address = listAddress(added, dpData, custData)
		if s.IssuedAt, err = parseTime(issued); err != nil {
			return nil, err
		}
		if s.DeliveryDate, err = parseTime(delivery); err != nil {
			return nil, err
		}
		if s.ExpiryDate, err = parseTime(expiry); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// listQuery is ListDocuments' query for f and its arguments.
func listQuery(f app.DocFilter) (string, []any) {
	var where []string
	var args []any
	in := func(col string, vals []string) {
		if len(vals) > 0 {
			where = append(where, col+" IN ("+placeholders(len(vals))+")")
			for _, v := range vals {
				args = append(args, v)
			}
		}
	}
	cond := func(ok bool, c string, v any) {
		if ok {
			where = append(where, c)
			args = append(args, v)
		}
	}
	// The list asks for quotes and orders together unless its Type filter
	// is set: the (kind, number_key) index serves one kind's page in order,
	// but for several the planner would take it and sort every row, so the
	// unary + keeps it on the number_key index (first page 410 ms → <1 ms
	// over 100,000 orders).
	if len(f.Kinds) > 1 {
		in("+d.kind", strs(f.Kinds))
	} else {
		in("d.kind", strs(f.Kinds))
	}
	in("d.status", strs(f.Statuses))
	text := false // a text filter: its matches are read before their rows (below)
	if n := strings.TrimSpace(f.Number); n != "" {
		if pos.LooksLikeDocNumber(n) {
			cond(true, "d.barcode_no = ?", n)
		} else {
			text = true
			c, a := numberText(n)
			where, args = append(where, c...), append(args, a...)
		}
	}
	// The conditions above are those the list's indexes hold; their
	// arguments come first.
	indexed := len(where)
	cond(f.Source != "", "d.source = ?", string(f.Source))
	cond(f.DeliveryStatus != "", "d.delivery_status = ?", f.DeliveryStatus)
	cond(f.PaymentStatus != "", "d.payment_status = ?", f.PaymentStatus)
	cond(f.MinGross != 0, "d.gross >= ?", int64(f.MinGross))
	cond(f.MaxGross != 0, "d.gross <= ?", int64(f.MaxGross))
	cond(!f.IssuedFrom.IsZero(), "d.issued_at >= ?", formatTime(f.IssuedFrom))
	cond(!f.IssuedTo.IsZero(), "d.issued_at < ?", formatTime(f.IssuedTo))
	cond(!f.DeliveryFrom.IsZero(), "d.delivery_date >= ?", formatTime(f.DeliveryFrom))
	cond(!f.DeliveryTo.IsZero(), "d.delivery_date < ?", formatTime(f.DeliveryTo))

	q := `SELECT d.id, d.kind, d.number, d.barcode_no, d.status, coalesce(c.name, d.customer),
		d.delivery_address, coalesce(dp.data, ''), coalesce(c.data, ''), d.recipient, d.handled_by, d.net, d.gross, d.issued_at,
		d.delivery_date, d.expiry_date, d.delivery_status, d.payment_status, d.source, d.synced,
		d.fulfilled_at_pickup, (SELECT count(*) FROM documents r WHERE r.source_order = d.id)`
	joins := ` LEFT JOIN customers c ON c.code = d.customer
		LEFT JOIN delivery_points dp ON dp.code = d.delivery_point`
	// Numbers in natural order (COMC/2 before COMC/10); the id keeps pages
	// of unnumbered documents steady. Each index on number_key ends with
	// the id (the table's key), so the order costs no sort.
	if text {
		// The text's matches first, in order, then their rows: the table
		// has no rowid, so a query reading rows reads each index entry's
		// row before checking the text, however few match (0.1–0.6 s over
		// 100,000 orders). The text, kind and status are all in the
		// (status,) number_key indexes (migration 00009); the other filters
		// are checked on the matches' rows. The LIMIT -1 keeps the matches
		// a subquery walked in order, not merged into the join.
		q += ` FROM (SELECT d.id, d.number_key FROM documents d WHERE ` + strings.Join(where[:indexed], " AND ") +
			` ORDER BY d.number_key, d.id LIMIT -1) m JOIN documents d ON d.id = m.id` + joins
		if len(where) > indexed {
			q += " WHERE " + strings.Join(where[indexed:], " AND ")
		}
		q += " ORDER BY m.number_key, m.id LIMIT ? OFFSET ?"
	} else {
		q += " FROM documents d" + joins
		if len(where) > 0 {
			q += " WHERE " + strings.Join(where, " AND ")
		}
		q += " ORDER BY d.number_key, d.id LIMIT ? OFFSET ?"
	}
	return q, append(args, f.Limit, f.Offset)
}

// numberText is the list's text filter on the number (R-L4), other than a
// scanned barcode: the conditions and their arguments.
//
// Text starting with a digit finds the numbers that, from the start of one
// of their parts (after '/' or '-', or the number's start), begin with it,
// leading zeros of each part aside: 1004 finds COMC/ERP/1004/2026,
// COMC/ERP/001004/2026 and COMC/ERP/10040/2026, and 1004/2026 the first two
// of them. A cashier types the number read on the customer's paper without
// its series, and the series' numbers are often padded. Other text
// (COMC/ERP/10) is the number's beginning as printed, and finds the numbers
// starting with it, as it always did; so do zeros alone, which are no part's
// start once dropped.
//
// Both are checked on the number_key index walked in the list's order, so
// that a page stops at its last match. The prefix also bounds the walk to
// the keys its numbers can have: the key pads each run of digits to ten, so
// the numbers starting with COMC/5 have keys from COMC/0000000005 to
// COMC/5\U0010FFFF (COMC/5, COMC/50, COMC/5000…; COMC/6 to COMC/49 in
// between fail the prefix in the index).
func numberText(n string) ([]string, []any) {
	if n[0] >= '0' && n[0] <= '9' {
		if parts := textParts(n); parts != "/" {
			return []string{"instr(" + numberParts + ", ?) > 0"}, []any{parts}
		}
	}
	head := strings.TrimRight(n, "0123456789")
	digits := n[len(head):]
	sig := strings.TrimLeft(digits, "0")
	k := pos.NumberSortKey(head) // head ends with a non-digit: its runs are whole
	lo, hi := k, k+maxPrefixRune
	switch {
	case len(digits) >= keyDigits || (digits != "" && sig == ""):
		// A run of ten digits or more is kept as it is; zeros alone start
		// every padded run.
		lo, hi = k+digits, k+digits+maxPrefixRune
	case digits != "":
		lo, hi = k+strings.Repeat("0", keyDigits-len(sig))+sig, k+sig+maxPrefixRune
	}
	return []string{"d.number_key >= ?", "d.number_key < ?", "d.number >= ?", "d.number < ?"},
		[]any{lo, hi, n, n + maxPrefixRune}
}

// listAddress is the Address column: the address added on the form for the
// document, else the delivery point's, else the customer's first.
func listAddress(added, deliveryPoint, customer []byte) string {
	var a pos.Address
	if len(added) > 0 && json.Unmarshal(added, &a) == nil && a.City != "" {
		return a.OneLine()
	}
	var dp pos.DeliveryPoint
	if len(deliveryPoint) > 0 && json.Unmarshal(deliveryPoint, &dp) == nil && dp.Address.City != "" {
		return dp.Address.OneLine()
	}
	var c pos.Customer
	if len(customer) > 0 && json.Unmarshal(customer, &c) == nil && len(c.Addresses) > 0 {
		return c.Addresses[0].OneLine()
	}
	return ""
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// RelatedDocuments returns the documents generated from an order and linked to
// it, with their lines (what they deliver).
func (db *DB) RelatedDocuments(ctx context.Context, orderID string) ([]pos.Related, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM documents WHERE source_order = ? ORDER BY issued_at, id`, orderID)
	if err != nil {
		return nil, fmt.Errorf("related documents of %s: %w", orderID, err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]pos.Related, 0, len(ids))
	for _, id := range ids {
		d, err := db.Document(ctx, id)
		if err != nil {
			return nil, err
		}
		r, err := pos.RelatedOf(&d)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Params returns the ERP parameters; the defaults until the first pull.
func (db *DB) Params(ctx context.Context) (pos.Params, error) {
	var p pos.Params
	err := db.getJSON(ctx, &p, "params", "1", `SELECT data FROM params WHERE id = 1`)
	if pos.ErrorCode(err) == pos.CodeNotFound {
		return pos.Params{SearchMethod: pos.SearchLocal}, nil
	}
	return p, err
}

// SaveFetched stores a document the data service sent on request (the
// list's remote rows, R-L4) as a pulled one: synced, with no outbox
// operation. A local version with changes waiting to be sent is kept, as a
// pull keeps it.
func (db *DB) SaveFetched(ctx context.Context, at time.Time, d pos.Document) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		waiting, err := hasOutbox(ctx, tx, d.ID)
		if err != nil || waiting {
			return err
		}
		ok, err := writePulled(ctx, tx, &d, at)
		if err == nil && !ok {
			err = pos.Errorf(pos.CodeConflict, "error.fetched_refused", "Number", d.Number)
		}
		return err
	})
}
