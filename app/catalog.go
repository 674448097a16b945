package app

import (
	"context"
	"strings"

	"github.com/comptoir/comptoir/app/pos"
)

// Catalog finds products for the cashier: by a scanned EAN, a typed code, or a
// name prefix page by page.
type Catalog struct {
	store   Store
	session *Session
}

// NewCatalog returns the product lookup use case.
func NewCatalog(store Store, session *Session) *Catalog {
	return &Catalog{store: store, session: session}
}

// Scan finds the product a scanner or a typed code names: EAN first (scanners
// send EANs), then the product code.
func (c *Catalog) Scan(ctx context.Context, code string) (pos.Product, error) {
	if err := c.session.require(pos.RightProducts); err != nil {
		return pos.Product{}, err
	}
	code = strings.TrimSpace(code)
	if code == "" || len(code) > pos.MaxTextLen {
		return pos.Product{}, pos.Errorf(pos.CodeInvalid, "error.scan_invalid")
	}
	p, err := c.store.ProductByEAN(ctx, code)
	if pos.ErrorCode(err) == pos.CodeNotFound {
		p, err = c.store.ProductByCode(ctx, code)
	}
	if pos.ErrorCode(err) == pos.CodeNotFound {
		return pos.Product{}, pos.Errorf(pos.CodeNotFound, "error.product_not_found", "Code", code)
	}
	return p, err
}

// Search returns one page of products whose name, code or EAN starts with text.
func (c *Catalog) Search(ctx context.Context, text string, offset, limit int) ([]pos.Product, error) {
	if err := c.session.require(pos.RightProducts); err != nil {
		return nil, err
	}
	if len(text) > pos.MaxTextLen || offset < 0 || limit < 1 || limit > 500 {
		return nil, pos.Errorf(pos.CodeInvalid, "error.search_invalid")
	}
	return c.store.SearchProducts(ctx, strings.TrimSpace(text), offset, limit)
}
