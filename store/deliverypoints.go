package store

import (
	"context"
	"fmt"

	"github.com/comptoir/comptoir/app/pos"
)

// DeliveryPoints lists every delivery point by kind and name (R-F2).
func (db *DB) DeliveryPoints(ctx context.Context) ([]pos.DeliveryPoint, error) {
	dps, err := listJSON[pos.DeliveryPoint](ctx, db.read, `SELECT data FROM delivery_points ORDER BY kind, code`)
	if err != nil {
		return nil, fmt.Errorf("delivery points: %w", err)
	}
	return dps, nil
}

// Warehouses lists every warehouse by code (R-F8).
func (db *DB) Warehouses(ctx context.Context) ([]pos.Warehouse, error) {
	ws, err := listJSON[pos.Warehouse](ctx, db.read, `SELECT data FROM warehouses ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("warehouses: %w", err)
	}
	return ws, nil
}

// DictEntries lists the values of one ERP dictionary by name.
func (db *DB) DictEntries(ctx context.Context, dict string) ([]pos.DictEntry, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT dict, code, name FROM dicts WHERE dict = ? ORDER BY name, code`, dict)
	if err != nil {
		return nil, fmt.Errorf("dictionary %s: %w", dict, err)
	}
	defer rows.Close()
	var out []pos.DictEntry
	for rows.Next() {
		var e pos.DictEntry
		if err := rows.Scan(&e.Dict, &e.Code, &e.Name); err != nil {
			return nil, fmt.Errorf("dictionary %s: %w", dict, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
