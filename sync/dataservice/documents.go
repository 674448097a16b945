package dataservice

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// Visibility (R-L2), written once as SQL and used by every query that serves
// documents. A terminal sees:
//   - its own documents (created on it), whatever their kind and status;
//   - orders and quotes of other terminals and of the ERP that are Confirmed,
//     In progress or Completed and belong to its center: owned by it, delivered
//     at it, or delivered at a warehouse available to it (column centers);
//   - e-shop orders that are Confirmed or Completed and delivered at its store;
//   - receipts, invoices and advance invoices generated from an order of its
//     center: another till needs them to know what is left to deliver and
//     which advances exist (R-L6, R-O4, R-A1).
//
// ?1 is the terminal's code, ?2 its center between commas, ?3 its center.
var visibleSQL = fmt.Sprintf(`(terminal = ?1 OR (kind IN ('%s', '%s') AND (
		(source != '%s' AND status IN ('%s', '%s', '%s') AND instr(centers, ?2) > 0)
		OR (source = '%s' AND status IN ('%s', '%s') AND store_center = ?3)))
		OR (kind IN ('%s', '%s', '%s') AND instr(centers, ?2) > 0))`,
	pos.KindOrder, pos.KindQuote,
	pos.SourceEShop, pos.StatusConfirmed, pos.StatusInProgress, pos.StatusCompleted,
	pos.SourceEShop, pos.StatusConfirmed, pos.StatusCompleted,
	pos.KindReceipt, pos.KindInvoice, pos.KindAdvanceInvoice)

// relevantSQL selects the documents whose changes a terminal must hear: the
// visible ones and the ones that were visible to its center once and may have
// left (they are sent as removed).
const relevantSQL = `(terminal = ?1 OR instr(seen_centers, ?2) > 0)`

// reachableSQL selects the documents a terminal may fetch, lock and find by
// search: its own, and those of its center in any status and kind.
const reachableSQL = `(terminal = ?1 OR instr(centers, ?2) > 0 OR store_center = ?3)`

// visArgs are the arguments ?1 ?2 ?3 of the SQL above.
func visArgs(t pos.Terminal) []any { return []any{t.Code, "," + t.Center + ",", t.Center} }

// storedDoc is a document row as the service keeps it.
type storedDoc struct {
	doc         pos.Document // whole, or its head only (loadHead)
	terminal    string
	version     int64
	seenCenters string
}

// loadDoc reads a stored document, whole; nil when absent.
func loadDoc(ctx context.Context, q queryer, id string) (*storedDoc, error) {
	return readDoc(ctx, q, id, func(data []byte, d *pos.Document) error { return json.Unmarshal(data, d) })
}

// docHead is the part of a stored document that the rules of a save and the
// visibility read: decoding it skips the lines, most of the work.
type docHead struct {
	ID             string     `json:"id"`
	Kind           pos.Kind   `json:"kind"`
	Number         string     `json:"number"`
	Status         pos.Status `json:"status"`
	Revision       int        `json:"revision"`
	Terminal       string     `json:"terminal"`
	Center         string     `json:"center"`
	DeliveryPoint  string     `json:"delivery_point"`
	DeliveryStatus string     `json:"delivery_status"`
	PaymentStatus  string     `json:"payment_status"`
	SourceOrder    string     `json:"source_order"`
}

// loadHead reads a stored document with only the fields of docHead filled.
func loadHead(ctx context.Context, q queryer, id string) (*storedDoc, error) {
	return readDoc(ctx, q, id, func(data []byte, d *pos.Document) error {
		var h docHead
		if err := json.Unmarshal(data, &h); err != nil {
			return err
		}
		*d = pos.Document{ID: h.ID, Kind: h.Kind, Number: h.Number, Status: h.Status, Revision: h.Revision, Terminal: h.Terminal,
			Center: h.Center, DeliveryPoint: h.DeliveryPoint, DeliveryStatus: h.DeliveryStatus,
			PaymentStatus: h.PaymentStatus, SourceOrder: h.SourceOrder}
		return nil
	})
}

func readDoc(ctx context.Context, q queryer, id string, decode func([]byte, *pos.Document) error) (*storedDoc, error) {
	var sd storedDoc
	var data []byte
	err := q.QueryRowContext(ctx, `SELECT data, terminal, version, seen_centers FROM documents WHERE id = ?`, id).
		Scan(&data, &sd.terminal, &sd.version, &sd.seenCenters)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read document %s: %w", id, err)
	}
	if err := decode(data, &sd.doc); err != nil {
		return nil, fmt.Errorf("decode document %s: %w", id, err)
	}
	return &sd, nil
}

// docCenters returns the centers a document belongs to (R-L2): its own, its
// delivery point's, and, for a warehouse delivery point, every center the
// warehouse is available to; a generated document also its order's; and the
// center of a store delivery point.
func docCenters(ctx context.Context, q queryer, d *pos.Document) (centers []string, storeCenter string, err error) {
	centers = []string{d.Center}
	if d.SourceOrder != "" && d.Kind.Commercial() {
		// A document generated from an order belongs to the order's centers.
		order, err := loadHead(ctx, q, d.SourceOrder)
		if err != nil {
			return nil, "", err
		}
		if order != nil {
			oc, _, err := docCenters(ctx, q, &order.doc)
			if err != nil {
				return nil, "", err
			}
			centers = append(centers, oc...)
		}
	}
	if d.DeliveryPoint != "" {
		var dp pos.DeliveryPoint
		err := getRecord(ctx, q, entDeliveryPoint, d.DeliveryPoint, &dp)
		switch {
		case pos.ErrorCode(err) == pos.CodeNotFound:
		case err != nil:
			return nil, "", err
		case dp.Kind == pos.DeliveryStore:
			centers = append(centers, dp.Center)
			storeCenter = dp.Center
		case dp.Kind == pos.DeliveryWarehouse:
			var w pos.Warehouse
			err := getRecord(ctx, q, entWarehouse, dp.Warehouse, &w)
			if err != nil && pos.ErrorCode(err) != pos.CodeNotFound {
				return nil, "", err
			}
			if err == nil {
				centers = append(centers, w.Center)
				centers = append(centers, w.Available...)
			}
		}
	}
	return centers, storeCenter, nil
}

// centerList writes a set of centers as ",A,B," so that instr finds ",A,".
func centerList(sets ...[]string) string {
	var all []string
	for _, s := range sets {
		for _, c := range s {
			if c != "" && !strings.Contains(c, ",") {
				all = append(all, c)
			}
		}
	}
	slices.Sort(all)
	all = slices.Compact(all)
	if len(all) == 0 {
		return ","
	}
	return "," + strings.Join(all, ",") + ","
}

func splitCenters(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' })
}

// writeDoc stores a document's new state as a new change and returns its
// version.
func writeDoc(ctx context.Context, tx cachedQ, d *pos.Document, prev *storedDoc, writer string, at time.Time) (int64, error) {
	centers, storeCenter, err := docCenters(ctx, tx, d)
	if err != nil {
		return 0, err
	}
	var seen []string
	version := int64(1)
	if prev != nil {
		seen = splitCenters(prev.seenCenters)
		version = prev.version + 1
	}
	data, err := json.Marshal(d)
	if err != nil {
		return 0, fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	seq, err := nextSeq(ctx, tx, 1)
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO documents (id, kind, number, barcode_no, status, source, terminal, center,
		centers, seen_centers, store_center, version, writer, data, seq, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, number = excluded.number, barcode_no = excluded.barcode_no,
		status = excluded.status, source = excluded.source, terminal = excluded.terminal, center = excluded.center,
		centers = excluded.centers, seen_centers = excluded.seen_centers, store_center = excluded.store_center,
		version = excluded.version, writer = excluded.writer, data = excluded.data, seq = excluded.seq,
		updated_at = excluded.updated_at`,
		d.ID, string(d.Kind), d.Number, string(d.BarcodeNo), string(d.Status), string(d.Source), d.Terminal, d.Center,
		centerList(centers), centerList(seen, centers, []string{storeCenter}), storeCenter, version, writer, data, seq,
		formatTime(at))
	if err != nil {
		return 0, fmt.Errorf("write document %s: %w", d.ID, err)
	}
	return version, nil
}

// PutDocument writes a document as the ERP would: no operator, no rights, no
// lock. The demo seeds its ERP orders this way, and tests their visibility.
func (s *Service) PutDocument(ctx context.Context, d pos.Document) (int64, error) {
	if err := checkCode("document", d.ID); err != nil {
		return 0, err
	}
	if err := d.Check(); err != nil {
		return 0, err
	}
	at := s.now()
	var version int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		prev, err := loadHead(ctx, s.writer(tx), d.ID)
		if err != nil {
			return err
		}
		version, err = writeDoc(ctx, s.writer(tx), &d, prev, "ERP", at)
		return err
	})
	return version, err
}

// Document returns a document at its latest version with that version, for
// tests and tools; not_found when absent.
func (s *Service) Document(ctx context.Context, id string) (pos.Document, int64, error) {
	sd, err := loadDoc(ctx, s.read, id)
	if err != nil {
		return pos.Document{}, 0, err
	}
	if sd == nil {
		return pos.Document{}, 0, notFound("document", id)
	}
	return sd.doc, sd.version, nil
}
