package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// OpDocumentSave is the outbox operation that carries a document's whole new
// state: the data service applies it by id and revision, so replaying it is
// harmless and the last state wins.
const OpDocumentSave = "document.save"

// SaveDocument writes one document; see SaveDocuments.
func (db *DB) SaveDocument(ctx context.Context, d *pos.Document, at time.Time) error {
	return db.SaveDocuments(ctx, at, app.OpMeta{}, d)
}

// SaveDocuments writes documents with their lines and payments and queues one
// outbox operation for each, all in one transaction: a receipt and the order it
// completes are stored together or not at all. The operations carry meta (who,
// under which lock); without an operator, each document's own is used. A new
// document gets its permanent id and its barcode number; a document leaving
// Unconfirmed without a number takes the next number of its terminal's series.
// The counters move in the same transaction, so a crash can neither reuse nor
// skip a number. On success the documents hold what was stored; on failure
// they are unchanged and nothing was written.
func (db *DB) SaveDocuments(ctx context.Context, at time.Time, meta app.OpMeta, docs ...*pos.Document) error {
	return db.saveDocuments(ctx, at, meta, docs, nil)
}

// saveDocuments is SaveDocuments with more written in the same transaction:
// then, when not nil, runs after the documents are written, on what they hold
// as stored.
func (db *DB) saveDocuments(ctx context.Context, at time.Time, meta app.OpMeta, docs []*pos.Document,
	then func(tx *sql.Tx, stored []pos.Document) error) error {
	work := make([]pos.Document, len(docs))
	totals := make([]pos.Totals, len(docs))
	for i, d := range docs {
		if err := d.Check(); err != nil {
			return err
		}
		tot, err := d.Totals()
		if err != nil {
			return err
		}
		doc := *d
		doc.Lines = slices.Clone(d.Lines) // numbered below; the caller's copy stays as it was on failure
		if doc.ID == "" {
			doc.ID = uuid.NewString()
		}
		if doc.IssuedAt.IsZero() {
			doc.IssuedAt = at
		}
		work[i], totals[i] = doc, tot
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for i := range work {
			doc := &work[i]
			if err := assignNumbers(ctx, tx, doc); err != nil {
				return err
			}
			if err := writeDocument(ctx, tx, doc, totals[i], at); err != nil {
				return err
			}
			m := meta
			if m.Operator == "" {
				m.Operator = doc.Operator
			}
			if err := enqueueAs(ctx, tx, OpDocumentSave, doc.ID, doc, at, m); err != nil {
				return err
			}
		}
		if then != nil {
			return then(tx, work)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, d := range docs {
		*d = work[i]
	}
	return nil
}

// assignNumbers gives the document its barcode number and, once confirmed, its
// series number, from the counters of its terminal.
func assignNumbers(ctx context.Context, tx *sql.Tx, d *pos.Document) error {
	if d.BarcodeNo != "" && (d.Number != "" || d.Status == pos.StatusUnconfirmed) {
		return nil
	}
	var t pos.Terminal
	var data []byte
	if err := tx.QueryRowContext(ctx, `SELECT data FROM terminals WHERE code = ?`, d.Terminal).Scan(&data); err != nil {
		return notFound(err, "terminal", d.Terminal)
	}
	if err := json.Unmarshal(data, &t); err != nil {
		return fmt.Errorf("decode terminal %s: %w", d.Terminal, err)
	}
	if d.BarcodeNo == "" {
		seq, err := nextCounter(ctx, tx, "barcode")
		if err != nil {
			return err
		}
		if d.BarcodeNo, err = pos.NewDocNumber(d.Kind, t.Number, seq); err != nil {
			return err
		}
	}
	if d.Number == "" && d.Status != pos.StatusUnconfirmed {
		s := pos.Series{Pattern: t.Series, Terminal: t.Code}
		if s.Pattern == "" {
			s.Pattern = pos.DefaultSeriesPattern
		}
		year := d.IssuedAt.Year()
		name := fmt.Sprintf("series/%s/%d", d.Kind, year)
		if !s.YearScoped() {
			name = "series/" + string(d.Kind)
		}
		seq, err := nextCounter(ctx, tx, name)
		if err != nil {
			return err
		}
		d.Number = s.Format(d.Kind, seq, year)
	}
	return nil
}

// nextCounter increments a counter and returns its new value.
func nextCounter(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var v int64
	err := tx.QueryRowContext(ctx, `INSERT INTO counters (name, value) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`, name).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("counter %s: %w", name, err)
	}
	return v, nil
}

func writeDocument(ctx context.Context, tx *sql.Tx, d *pos.Document, tot pos.Totals, at time.Time) error {
	attrs, err := json.Marshal(d.Attributes)
	if err != nil {
		return fmt.Errorf("encode attributes: %w", err)
	}
	deductions, err := encodeDeductions(d)
	if err != nil {
		return err
	}
	var number, numberKey sql.NullString
	if d.Number != "" {
		number = sql.NullString{String: d.Number, Valid: true}
		numberKey = sql.NullString{String: pos.NumberSortKey(d.Number), Valid: true}
	}
	address, err := encodeAddress(d.DeliveryAddress)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO documents (id, kind, number, barcode_no, status, revision, source,
		terminal, center, operator, handled_by, customer, recipient, vat_method, issued_at, delivery_date,
		due_date, expiry_date, delivery_point, delivery_status, payment_status, payment_method, reference,
		source_order, order_ref, attributes, net, vat, gross, advances, line_count, synced, updated_at, deductions,
		fulfilled_at_pickup, delivery_address, number_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, number = excluded.number,
		barcode_no = excluded.barcode_no, status = excluded.status, revision = excluded.revision,
		source = excluded.source, terminal = excluded.terminal, center = excluded.center,
		operator = excluded.operator, handled_by = excluded.handled_by, customer = excluded.customer,
		recipient = excluded.recipient, vat_method = excluded.vat_method, issued_at = excluded.issued_at,
		delivery_date = excluded.delivery_date, due_date = excluded.due_date, expiry_date = excluded.expiry_date,
		delivery_point = excluded.delivery_point, delivery_status = excluded.delivery_status,
		payment_status = excluded.payment_status, payment_method = excluded.payment_method,
		reference = excluded.reference, source_order = excluded.source_order, order_ref = excluded.order_ref,
		attributes = excluded.attributes, net = excluded.net, vat = excluded.vat, gross = excluded.gross,
		advances = excluded.advances, line_count = excluded.line_count,
		synced = max(documents.synced, excluded.synced), updated_at = excluded.updated_at,
		deductions = excluded.deductions, fulfilled_at_pickup = excluded.fulfilled_at_pickup,
		delivery_address = excluded.delivery_address, number_key = excluded.number_key`,
		d.ID, string(d.Kind), number, string(d.BarcodeNo), string(d.Status), d.Revision, string(d.Source),
		d.Terminal, d.Center, d.Operator, d.HandledBy, d.Customer, d.Recipient, string(d.VATMethod),
		formatTime(d.IssuedAt), nullTime(d.DeliveryDate), nullTime(d.DueDate), nullTime(d.ExpiryDate),
		d.DeliveryPoint, d.DeliveryStatus, d.PaymentStatus, d.PaymentMethod, d.Reference, d.SourceOrder,
		d.OrderRef, attrs, int64(tot.Net), int64(tot.VAT), int64(tot.Gross), int64(tot.Advances),
		len(d.Lines), d.Synced, formatTime(at), deductions, d.FulfilledAtPickup, address, numberKey)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed") {
			return pos.Errorf(pos.CodeConflict, "error.document_duplicate", "Number", d.Number)
		}
		return fmt.Errorf("write document %s: %w", d.ID, err)
	}
	if err := writeLines(ctx, tx, d, tot); err != nil {
		return err
	}
	return writePayments(ctx, tx, d)
}

func writeLines(ctx context.Context, tx *sql.Tx, d *pos.Document, tot pos.Totals) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM document_lines WHERE doc_id = ?`, d.ID); err != nil {
		return fmt.Errorf("clear lines: %w", err)
	}
	if len(d.Lines) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO document_lines (doc_id, no, product_code, name, unit,
		qty, price, base_price, discount, markup, vat_rate, warehouse, service, from_order, order_line, amount,
		bundle_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare lines: %w", err)
	}
	defer stmt.Close()
	for i := range d.Lines {
		l := &d.Lines[i]
		l.No = i + 1
		if _, err := stmt.ExecContext(ctx, d.ID, l.No, l.ProductCode, l.Name, l.Unit, int64(l.Qty),
			int64(l.Price), int64(l.BasePrice), int64(l.Discount), int64(l.Markup), int64(l.VATRate),
			l.Warehouse, l.Service, int64(l.FromOrder), l.OrderLine, int64(tot.Lines[i].Amount), l.BundleID); err != nil {
			return fmt.Errorf("write line %d: %w", l.No, err)
		}
	}
	return nil
}

func writePayments(ctx context.Context, tx *sql.Tx, d *pos.Document) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM document_payments WHERE doc_id = ?`, d.ID); err != nil {
		return fmt.Errorf("clear payments: %w", err)
	}
	for i, p := range d.Payments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_payments (doc_id, seq, method, amount, tendered)
			VALUES (?, ?, ?, ?, ?)`, d.ID, i+1, p.Method, int64(p.Amount), int64(p.Tendered)); err != nil {
			return fmt.Errorf("write payment %d: %w", i+1, err)
		}
	}
	return nil
}

// Document reads one document with its lines and payments.
func (db *DB) Document(ctx context.Context, id string) (pos.Document, error) {
	var d pos.Document
	var number sql.NullString
	var issued, delivery, due, expiry sql.NullString
	var attrs []byte
	var kind, status, source, method, barcode, deductions, address string
	err := db.read.QueryRowContext(ctx, `SELECT id, kind, number, barcode_no, status, revision, source, terminal,
		center, operator, handled_by, customer, recipient, vat_method, issued_at, delivery_date, due_date,
		expiry_date, delivery_point, delivery_status, payment_status, payment_method, reference, source_order,
		order_ref, attributes, advances, synced, deductions, fulfilled_at_pickup, delivery_address
		FROM documents WHERE id = ?`, id).Scan(
		&d.ID, &kind, &number, &barcode, &status, &d.Revision, &source, &d.Terminal, &d.Center, &d.Operator,
		&d.HandledBy, &d.Customer, &d.Recipient, &method, &issued, &delivery, &due, &expiry, &d.DeliveryPoint,
		&d.DeliveryStatus, &d.PaymentStatus, &d.PaymentMethod, &d.Reference, &d.SourceOrder, &d.OrderRef,
		&attrs, &d.Advances, &d.Synced, &deductions, &d.FulfilledAtPickup, &address)
	if err != nil {
		return pos.Document{}, notFound(err, "document", id)
	}
	d.Kind, d.Status, d.Source, d.VATMethod = pos.Kind(kind), pos.Status(status), pos.Source(source), pos.VATMethod(method)
	d.Number, d.BarcodeNo = number.String, pos.DocNumber(barcode)
	for _, f := range []struct {
		dst *time.Time
		src sql.NullString
	}{{&d.IssuedAt, issued}, {&d.DeliveryDate, delivery}, {&d.DueDate, due}, {&d.ExpiryDate, expiry}} {
		if *f.dst, err = parseTime(f.src); err != nil {
			return pos.Document{}, err
		}
	}
	if err := json.Unmarshal(attrs, &d.Attributes); err != nil {
		return pos.Document{}, fmt.Errorf("decode attributes of %s: %w", id, err)
	}
	if err := decodeDeductions(&d, deductions); err != nil {
		return pos.Document{}, err
	}
	if address != "" {
		d.DeliveryAddress = new(pos.Address)
		if err := json.Unmarshal([]byte(address), d.DeliveryAddress); err != nil {
			return pos.Document{}, fmt.Errorf("decode delivery address of %s: %w", id, err)
		}
	}
	if d.Lines, err = db.lines(ctx, id); err != nil {
		return pos.Document{}, err
	}
	if d.Payments, err = db.payments(ctx, id); err != nil {
		return pos.Document{}, err
	}
	return d, nil
}

func (db *DB) lines(ctx context.Context, id string) ([]pos.Line, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT no, product_code, name, unit, qty, price, base_price,
		discount, markup, vat_rate, warehouse, service, from_order, order_line, bundle_id FROM document_lines
		WHERE doc_id = ? ORDER BY no`, id)
	if err != nil {
		return nil, fmt.Errorf("read lines of %s: %w", id, err)
	}
	defer rows.Close()
	var out []pos.Line
	for rows.Next() {
		var l pos.Line
		if err := rows.Scan(&l.No, &l.ProductCode, &l.Name, &l.Unit, &l.Qty, &l.Price, &l.BasePrice,
			&l.Discount, &l.Markup, &l.VATRate, &l.Warehouse, &l.Service, &l.FromOrder, &l.OrderLine, &l.BundleID); err != nil {
			return nil, fmt.Errorf("read line of %s: %w", id, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func (db *DB) payments(ctx context.Context, id string) ([]pos.Payment, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT method, amount, tendered FROM document_payments
		WHERE doc_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("read payments of %s: %w", id, err)
	}
	defer rows.Close()
	var out []pos.Payment
	for rows.Next() {
		var p pos.Payment
		if err := rows.Scan(&p.Method, &p.Amount, &p.Tendered); err != nil {
			return nil, fmt.Errorf("read payment of %s: %w", id, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// encodeAddress is the delivery_address column: the address as JSON, or ”
// when the document has none of its own.
func encodeAddress(a *pos.Address) (string, error) {
	if a == nil {
		return "", nil
	}
	data, err := json.Marshal(a)
	if err != nil {
		return "", fmt.Errorf("encode delivery address: %w", err)
	}
	return string(data), nil
}
