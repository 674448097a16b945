package dataservice

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/sync/protocol"
)

// wirePage is protocol.ChangesPage with its records kept as the JSON the
// database holds: a page of 5,000 products is copied to the wire without being
// decoded and encoded again. TestWirePageIsChangesPage keeps the two in step.
type wirePage struct {
	Cursor    string            `json:"cursor"`
	More      bool              `json:"more"`
	Master    wireMaster        `json:"master"`
	Documents []json.RawMessage `json:"documents,omitempty"`
	Removed   []string          `json:"removed,omitempty"`
}

type wireMaster struct {
	Centers        []json.RawMessage `json:"centers,omitempty"`
	Warehouses     []json.RawMessage `json:"warehouses,omitempty"`
	DeliveryPoints []json.RawMessage `json:"delivery_points,omitempty"`
	Terminals      []json.RawMessage `json:"terminals,omitempty"`
	Groups         []json.RawMessage `json:"groups,omitempty"`
	Operators      []json.RawMessage `json:"operators,omitempty"`
	Customers      []json.RawMessage `json:"customers,omitempty"`
	Units          []json.RawMessage `json:"units,omitempty"`
	Products       []json.RawMessage `json:"products,omitempty"`
	PaymentMethods []json.RawMessage `json:"payment_methods,omitempty"`
	Dicts          []json.RawMessage `json:"dicts,omitempty"`
	Bundles        []json.RawMessage `json:"bundles,omitempty"`
	Attributes     []json.RawMessage `json:"attributes,omitempty"`
	Params         json.RawMessage   `json:"params,omitempty"`
}

func (m *wireMaster) add(entity string, data json.RawMessage) {
	switch entity {
	case entCenter:
		m.Centers = append(m.Centers, data)
	case entWarehouse:
		m.Warehouses = append(m.Warehouses, data)
	case entDeliveryPoint:
		m.DeliveryPoints = append(m.DeliveryPoints, data)
	case entTerminal:
		m.Terminals = append(m.Terminals, data)
	case entGroup:
		m.Groups = append(m.Groups, data)
	case entOperator:
		m.Operators = append(m.Operators, data)
	case entCustomer:
		m.Customers = append(m.Customers, data)
	case entUnit:
		m.Units = append(m.Units, data)
	case entProduct:
		m.Products = append(m.Products, data)
	case entPaymentMethod:
		m.PaymentMethods = append(m.PaymentMethods, data)
	case entDict:
		m.Dicts = append(m.Dicts, data)
	case entBundle:
		m.Bundles = append(m.Bundles, data)
	case entAttribute:
		m.Attributes = append(m.Attributes, data)
	case entParams:
		m.Params = data
	}
}

type change struct {
	seq     int64
	entity  string // "" for a document
	id      string // a document's id
	data    json.RawMessage
	visible bool
}

func (s *Service) changes(w http.ResponseWriter, r *http.Request, t pos.Terminal) error {
	after, err := parseCursor(r.URL.Query().Get("after"))
	if err != nil {
		return err
	}
	limit, err := parseLimit(r.URL.Query().Get("limit"), protocol.DefaultPageSize, protocol.MaxPageSize)
	if err != nil {
		return err
	}
	page, err := s.page(r.Context(), t, after, limit)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// page reads, in one snapshot, the first limit changes after the cursor that
// concern terminal t: master records, and documents merged in change order.
func (s *Service) page(ctx context.Context, t pos.Terminal, after int64, limit int) (*wirePage, error) {
	var recs, docs []change
	var head int64
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if recs, err = readChanges(ctx, tx, `SELECT seq, entity, '', data, 1 FROM records
			WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit); err != nil {
			return err
		}
		args := append(visArgs(t), after, limit)
		if docs, err = readChanges(ctx, tx, `SELECT seq, '', id, data, `+visibleSQL+` FROM documents
			WHERE seq > ?4 AND `+relevantSQL+` ORDER BY seq LIMIT ?5`, args...); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM counters WHERE name = 'seq'), 0)`).Scan(&head)
	})
	if err != nil {
		return nil, err
	}
	p := &wirePage{}
	last := after
	taken := 0
	for i, j := 0, 0; taken < limit && (i < len(recs) || j < len(docs)); taken++ {
		var c change
		if j >= len(docs) || (i < len(recs) && recs[i].seq < docs[j].seq) {
			c, i = recs[i], i+1
		} else {
			c, j = docs[j], j+1
		}
		last = c.seq
		switch {
		case c.entity != "":
			p.Master.add(c.entity, c.data)
		case c.visible:
			p.Documents = append(p.Documents, c.data)
		default:
			p.Removed = append(p.Removed, c.id)
		}
	}
	if taken == limit {
		p.More = true
	} else if head > last {
		// Nothing more for this terminal: skip the changes it does not see.
		last = head
	}
	p.Cursor = strconv.FormatInt(last, 10)
	return p, nil
}

func readChanges(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]change, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read changes: %w", err)
	}
	defer rows.Close()
	var out []change
	for rows.Next() {
		var c change
		var data []byte
		if err := rows.Scan(&c.seq, &c.entity, &c.id, &data, &c.visible); err != nil {
			return nil, fmt.Errorf("read changes: %w", err)
		}
		c.data = data
		out = append(out, c)
	}
	return out, rows.Err()
}
