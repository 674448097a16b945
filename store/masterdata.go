package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/comptoir/comptoir/app/pos"
)

// ApplyMasterData upserts every record of md in one transaction: the demo loads
// its data this way, and each page the sync agent pulls is applied the same way.
func (db *DB) ApplyMasterData(ctx context.Context, md pos.MasterData) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return applyMasterData(ctx, tx, md) })
}

func applyMasterData(ctx context.Context, tx *sql.Tx, md pos.MasterData) error {
	for _, c := range md.Centers {
		if err := upsert(ctx, tx, `INSERT INTO centers (code, data) VALUES (?, ?)
			ON CONFLICT (code) DO UPDATE SET data = excluded.data`, c, c.Code); err != nil {
			return fmt.Errorf("center %s: %w", c.Code, err)
		}
	}
	for _, w := range md.Warehouses {
		if err := upsert(ctx, tx, `INSERT INTO warehouses (code, center, data) VALUES (?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET center = excluded.center, data = excluded.data`, w, w.Code, w.Center); err != nil {
			return fmt.Errorf("warehouse %s: %w", w.Code, err)
		}
	}
	for _, d := range md.DeliveryPoints {
		if err := upsert(ctx, tx, `INSERT INTO delivery_points (code, kind, data) VALUES (?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, data = excluded.data`, d, d.Code, string(d.Kind)); err != nil {
			return fmt.Errorf("delivery point %s: %w", d.Code, err)
		}
	}
	for _, t := range md.Terminals {
		if err := upsert(ctx, tx, `INSERT INTO terminals (code, number, center, data) VALUES (?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET number = excluded.number, center = excluded.center, data = excluded.data`,
			t, t.Code, t.Number, t.Center); err != nil {
			return fmt.Errorf("terminal %s: %w", t.Code, err)
		}
	}
	for _, g := range md.Groups {
		if err := upsert(ctx, tx, `INSERT INTO operator_groups (code, data) VALUES (?, ?)
			ON CONFLICT (code) DO UPDATE SET data = excluded.data`, g, g.Code); err != nil {
			return fmt.Errorf("group %s: %w", g.Code, err)
		}
	}
	for _, o := range md.Operators {
		if err := upsert(ctx, tx, `INSERT INTO operators (code, name, active, data) VALUES (?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, active = excluded.active, data = excluded.data`,
			o, o.Code, o.Name, o.Active); err != nil {
			return fmt.Errorf("operator %s: %w", o.Code, err)
		}
	}
	for _, c := range md.Customers {
		if err := upsert(ctx, tx, `INSERT INTO customers (code, name, active, tax_id, data) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, active = excluded.active, tax_id = excluded.tax_id,
			data = excluded.data`, c, c.Code, c.Name, c.Active, c.TaxID); err != nil {
			return fmt.Errorf("customer %s: %w", c.Code, err)
		}
	}
	for _, u := range md.Units {
		if err := upsert(ctx, tx, `INSERT INTO units (code, data) VALUES (?, ?)
			ON CONFLICT (code) DO UPDATE SET data = excluded.data`, u, u.Code); err != nil {
			return fmt.Errorf("unit %s: %w", u.Code, err)
		}
	}
	if err := applyProducts(ctx, tx, md.Products); err != nil {
		return err
	}
	for _, m := range md.PaymentMethods {
		if err := upsert(ctx, tx, `INSERT INTO payment_methods (code, data) VALUES (?, ?)
			ON CONFLICT (code) DO UPDATE SET data = excluded.data`, m, m.Code); err != nil {
			return fmt.Errorf("payment method %s: %w", m.Code, err)
		}
	}
	if err := applyBundles(ctx, tx, md.Bundles); err != nil {
		return err
	}
	for _, a := range md.Attributes {
		if err := upsert(ctx, tx, `INSERT INTO attributes (code, data) VALUES (?, ?)
			ON CONFLICT (code) DO UPDATE SET data = excluded.data`, a, a.Code); err != nil {
			return fmt.Errorf("attribute %s: %w", a.Code, err)
		}
	}
	for _, d := range md.Dicts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO dicts (dict, code, name) VALUES (?, ?, ?)
			ON CONFLICT (dict, code) DO UPDATE SET name = excluded.name`, d.Dict, d.Code, d.Name); err != nil {
			return fmt.Errorf("dictionary %s/%s: %w", d.Dict, d.Code, err)
		}
	}
	if md.Params.Currency != "" {
		if err := upsert(ctx, tx, `INSERT INTO params (id, data) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET data = excluded.data`, md.Params); err != nil {
			return fmt.Errorf("parameters: %w", err)
		}
	}
	return nil
}

// applyProducts upserts products and replaces their EANs, with prepared
// statements: a first pull brings 100,000 of them.
func applyProducts(ctx context.Context, tx *sql.Tx, products []pos.Product) error {
	if len(products) == 0 {
		return nil
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO products (code, name, active, data) VALUES (?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, active = excluded.active, data = excluded.data`)
	if err != nil {
		return fmt.Errorf("prepare products: %w", err)
	}
	defer ins.Close()
	del, err := tx.PrepareContext(ctx, `DELETE FROM product_eans WHERE product = ?`)
	if err != nil {
		return fmt.Errorf("prepare eans: %w", err)
	}
	defer del.Close()
	ean, err := tx.PrepareContext(ctx, `INSERT INTO product_eans (ean, product) VALUES (?, ?)
		ON CONFLICT (ean) DO UPDATE SET product = excluded.product`)
	if err != nil {
		return fmt.Errorf("prepare eans: %w", err)
	}
	defer ean.Close()
	for _, p := range products {
		data, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("product %s: %w", p.Code, err)
		}
		if _, err := ins.ExecContext(ctx, p.Code, p.Name, p.Active, data); err != nil {
			return fmt.Errorf("product %s: %w", p.Code, err)
		}
		if _, err := del.ExecContext(ctx, p.Code); err != nil {
			return fmt.Errorf("product %s eans: %w", p.Code, err)
		}
		for _, e := range p.EANs {
			if _, err := ean.ExecContext(ctx, e, p.Code); err != nil {
				return fmt.Errorf("product %s ean %s: %w", p.Code, e, err)
			}
		}
	}
	return nil
}

// upsert runs query with the record's JSON as the last argument.
func upsert(ctx context.Context, tx *sql.Tx, query string, record any, keys ...any) error {
	data, err := json.Marshal(record)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, query, append(keys, data)...)
	return err
}

// getJSON reads one JSON record into v.
func (db *DB) getJSON(ctx context.Context, v any, what, key, query string, args ...any) error {
	var data []byte
	if err := db.read.QueryRowContext(ctx, query, args...).Scan(&data); err != nil {
		return notFound(err, what, key)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", what, key, err)
	}
	return nil
}

// listJSON reads every JSON record a query returns.
func listJSON[T any](ctx context.Context, db *sql.DB, query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("decode: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Terminal returns a terminal by code.
func (db *DB) Terminal(ctx context.Context, code string) (pos.Terminal, error) {
	var t pos.Terminal
	err := db.getJSON(ctx, &t, "terminal", code, `SELECT data FROM terminals WHERE code = ?`, code)
	return t, err
}

// Operators lists every operator by name.
func (db *DB) Operators(ctx context.Context) ([]pos.Operator, error) {
	return listJSON[pos.Operator](ctx, db.read, `SELECT data FROM operators ORDER BY name, code`)
}

// Operator returns an operator by code.
func (db *DB) Operator(ctx context.Context, code string) (pos.Operator, error) {
	var o pos.Operator
	err := db.getJSON(ctx, &o, "operator", code, `SELECT data FROM operators WHERE code = ?`, code)
	return o, err
}

// Group returns an operator group by code.
func (db *DB) Group(ctx context.Context, code string) (pos.Group, error) {
	var g pos.Group
	err := db.getJSON(ctx, &g, "group", code, `SELECT data FROM operator_groups WHERE code = ?`, code)
	return g, err
}

// ProductByCode returns a product by its code.
func (db *DB) ProductByCode(ctx context.Context, code string) (pos.Product, error) {
	var p pos.Product
	err := db.getJSON(ctx, &p, "product", code, `SELECT data FROM products WHERE code = ?`, code)
	return p, err
}

// ProductByEAN returns the product an EAN belongs to.
func (db *DB) ProductByEAN(ctx context.Context, ean string) (pos.Product, error) {
	var p pos.Product
	err := db.getJSON(ctx, &p, "product", ean,
		`SELECT p.data FROM product_eans e JOIN products p ON p.code = e.product WHERE e.ean = ?`, ean)
	return p, err
}

// SearchProducts returns a page of active products whose name starts with text,
// whose code is text, or that carry text as an EAN, by name. Each term has its
// index, so SQLite answers the OR as a union of index lookups.
func (db *DB) SearchProducts(ctx context.Context, text string, offset, limit int) ([]pos.Product, error) {
	if text == "" {
		return listJSON[pos.Product](ctx, db.read, `SELECT data FROM products WHERE active
			ORDER BY name, code LIMIT ? OFFSET ?`, limit, offset)
	}
	pattern := escapeLike(text) + "%"
	return listJSON[pos.Product](ctx, db.read, `SELECT data FROM products WHERE active AND (
			name LIKE ?1 ESCAPE '\' OR code = ?2
			OR code IN (SELECT product FROM product_eans WHERE ean = ?2))
		ORDER BY name, code LIMIT ?3 OFFSET ?4`, pattern, text, limit, offset)
}

// PaymentMethods lists the payment methods.
func (db *DB) PaymentMethods(ctx context.Context) ([]pos.PaymentMethod, error) {
	return listJSON[pos.PaymentMethod](ctx, db.read, `SELECT data FROM payment_methods ORDER BY code`)
}

// Customer returns a customer by code.
func (db *DB) Customer(ctx context.Context, code string) (pos.Customer, error) {
	var c pos.Customer
	err := db.getJSON(ctx, &c, "customer", code, `SELECT data FROM customers WHERE code = ?`, code)
	return c, err
}

// SearchCustomers returns a page of active customers whose name starts
// with text, or whose code or tax id is text, by name (every active one
// when text is empty). Each term has its index, as in SearchProducts.
func (db *DB) SearchCustomers(ctx context.Context, text string, offset, limit int) ([]pos.Customer, error) {
	if text == "" {
		return listJSON[pos.Customer](ctx, db.read, `SELECT data FROM customers WHERE active
			ORDER BY name, code LIMIT ? OFFSET ?`, limit, offset)
	}
	return listJSON[pos.Customer](ctx, db.read, `SELECT data FROM customers WHERE active AND (
			name LIKE ?1 ESCAPE '\' OR code = ?2 OR tax_id = ?2)
		ORDER BY name, code LIMIT ?3 OFFSET ?4`, escapeLike(text)+"%", text, limit, offset)
}

// Attributes lists the attributes of document types (R-F7), by code.
func (db *DB) Attributes(ctx context.Context) ([]pos.Attribute, error) {
	return listJSON[pos.Attribute](ctx, db.read, `SELECT data FROM attributes ORDER BY code`)
}

func escapeLike(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' || s[i] == '_' || s[i] == '\\' {
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return string(out)
}
