package app

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/comptoir/comptoir/app/pos"
)

// Orders are the use cases of quotes and customer orders (SPEC sections 3–7):
// building them, their lifecycle, and the receipts and invoices generated from
// them. Documents the data service knows (pulled from the ERP or another
// terminal, or sent from here) are handled online under the service's lock
// (R-N1, R-N2); documents made here and not yet sent are handled locally
// (R-N4). Without the service, new documents and their receipts still work,
// and a receipt for a synced order is issued unlinked once the operator agrees
// (R-X2).
type Orders struct {
	store   DocumentStore
	remote  Remote // nil: the till has no data service and is always offline
	session *Session
	clock   Clock
	points  DeliveryPointStore // nil: no delivery points, warehouses or dictionaries (deliverypoints.go)
}

// NewOrders returns the orders use cases; remote may be nil.
func NewOrders(store DocumentStore, remote Remote, session *Session, clock Clock) *Orders {
	return &Orders{store: store, remote: remote, session: session, clock: clock}
}

// login returns the operator and group, or the error that nobody is logged in.
func (o *Orders) login() (Login, error) {
	l, ok := o.session.Current()
	if !ok {
		return Login{}, pos.Errorf(pos.CodeUnauthorized, "error.not_logged_in")
	}
	return l, nil
}

// New starts a quote or an order in memory, with the defaults of the terminal
// and of the undefined customer; nothing is stored until Save or Confirm.
func (o *Orders) New(ctx context.Context, k pos.Kind) (*pos.Document, error) {
	l, err := o.login()
	if err != nil {
		return nil, err
	}
	if k != pos.KindQuote && k != pos.KindOrder {
		return nil, pos.Errorf(pos.CodeInvalid, "error.kind_invalid", "Value", string(k))
	}
	if !l.Group.Has(editRightOf(k)) {
		return nil, pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", string(editRightOf(k)))
	}
	p, err := o.store.Params(ctx)
	if err != nil {
		return nil, err
	}
	t := o.session.Terminal()
	d := &pos.Document{Kind: k, Status: pos.StatusUnconfirmed, Source: pos.SourceTerminal,
		Terminal: t.Code, Center: t.Center, Operator: l.Operator.Code, HandledBy: l.Operator.Code,
		VATMethod: p.VATMethodFor(k), IssuedAt: o.clock.Now()}
	if err := o.SetCustomer(ctx, d, UndefinedCustomer); err != nil {
		return nil, err
	}
	return d, nil
}

// UndefinedCustomer is the walk-in customer every new document starts with.
const UndefinedCustomer = "UNDEF"

func editRightOf(k pos.Kind) pos.Right {
	if k == pos.KindQuote {
		return pos.RightQuoteEdit
	}
	return pos.RightOrderEdit
}

// SetCustomer sets the document's customer with its defaults: payment method
// (the customer's when this terminal has it, else Cash, R-F3) and due date. The
// recipient and the delivery point belong to the old customer and are cleared
// (R-F2).
func (o *Orders) SetCustomer(ctx context.Context, d *pos.Document, code string) error {
	c, err := o.store.Customer(ctx, code)
	if err != nil {
		return err
	}
	methods, err := o.store.PaymentMethods(ctx)
	if err != nil {
		return err
	}
	d.Customer, d.Recipient, d.DeliveryPoint, d.DeliveryAddress = c.Code, "", "", nil
	if m, ok := pos.DefaultPaymentMethod(c, methods, o.session.Terminal().Code); ok {
		d.PaymentMethod = m.Code
	}
	d.DueDate = time.Time{}
	if c.DueDays > 0 {
		d.DueDate = o.clock.Now().AddDate(0, 0, c.DueDays)
	}
	return nil
}

// AddItem adds what a scanner or a typed code names: by EAN first, then by
// product code. The same product scanned again adds to its line. An inactive
// product cannot be added.
func (o *Orders) AddItem(ctx context.Context, d *pos.Document, code string, qty pos.Qty) error {
	code = strings.TrimSpace(code)
	if code == "" || len(code) > pos.MaxTextLen {
		return pos.Errorf(pos.CodeInvalid, "error.scan_invalid")
	}
	if err := qty.Check(); err != nil {
		return err
	}
	if qty == 0 {
		return pos.Errorf(pos.CodeInvalid, "error.quantity_invalid", "Value", qty.String())
	}
	p, err := o.store.ProductByEAN(ctx, code)
	if pos.ErrorCode(err) == pos.CodeNotFound {
		p, err = o.store.ProductByCode(ctx, code)
	}
	if pos.ErrorCode(err) == pos.CodeNotFound {
		return pos.Errorf(pos.CodeNotFound, "error.product_not_found", "Code", code)
	}
	if err != nil {
		return err
	}
	if !p.Active {
		return pos.Errorf(pos.CodeConflict, "error.product_inactive", "Name", p.Name)
	}
	lines := append([]pos.Line(nil), d.Lines...)
	merged := false
	for i := range lines {
		if lines[i].ProductCode == p.Code && lines[i].OrderLine == 0 && lines[i].Price == p.Price && lines[i].BundleID == "" {
			lines[i].Qty += qty
			merged = true
			break
		}
	}
	if !merged {
		lines = append(lines, pos.Line{ProductCode: p.Code, Name: p.Name, Unit: p.Unit, Qty: qty,
			Price: priceOn(p, d.VATMethod), BasePrice: priceOn(p, d.VATMethod), VATRate: p.VATRate, Service: p.Service})
	}
	return o.setLines(d, lines)
}

// priceOn gives a product's price on the document's VAT basis; the price list
// holds gross prices.
func priceOn(p pos.Product, m pos.VATMethod) pos.Money {
	if m == pos.VATFromGross {
		return p.Price
	}
	return p.Price - pos.VATOf(pos.VATFromGross, p.Price, p.VATRate)
}

// setLines replaces the lines only if the document stays valid: bad input
// changes nothing. Deductions of advances shrink when the gross falls below
// them.
func (o *Orders) setLines(d *pos.Document, lines []pos.Line) error {
	t, err := pos.ComputeTotals(d.VATMethod, lines, 0)
	if err != nil {
		return err
	}
	d.Lines = lines
	pos.FitDeductions(d, t.Gross) // advances deducted never exceed the gross
	return nil
}

// SetQty changes the quantity of line i (0-based). A line in a bundle is not
// changed: M7 asks first, and Yes is SetQtyRebundle (R-G4).
func (o *Orders) SetQty(d *pos.Document, i int, qty pos.Qty) error {
	if i < 0 || i >= len(d.Lines) {
		return pos.Errorf(pos.CodeInvalid, "error.line_unknown")
	}
	if qty != d.Lines[i].Qty && pos.TouchesBundle(d, i) {
		return pos.Errorf(pos.CodeConflict, pos.MsgBundleRemoved)
	}
	lines := append([]pos.Line(nil), d.Lines...)
	lines[i].Qty = qty
	return o.setLines(d, lines)
}

// SetPrice changes the unit price of line i; a price below the product's floor
// needs the discount right.
func (o *Orders) SetPrice(d *pos.Document, i int, price pos.Money) error {
	if i < 0 || i >= len(d.Lines) {
		return pos.Errorf(pos.CodeInvalid, "error.line_unknown")
	}
	if err := price.CheckPrice(); err != nil {
		return err
	}
	if price < d.Lines[i].BasePrice && !o.session.Can(pos.RightDiscount) {
		return pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", string(pos.RightDiscount))
	}
	lines := append([]pos.Line(nil), d.Lines...)
	lines[i].Price = price
	return o.setLines(d, lines)
}

// SetDiscount sets the discount of line i, 0 to 100 % (the lines' check
// refuses the rest); changing it needs the discount right. A pre-registered
// document's lines keep the discount they were saved with: Drafts.SetDiscount
// (R-D9).
func (o *Orders) SetDiscount(d *pos.Document, i int, p pos.Percent) error {
	if i < 0 || i >= len(d.Lines) {
		return pos.Errorf(pos.CodeInvalid, "error.line_unknown")
	}
	if p != d.Lines[i].Discount && !o.session.Can(pos.RightDiscount) {
		return pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", string(pos.RightDiscount))
	}
	lines := append([]pos.Line(nil), d.Lines...)
	lines[i].Discount = p
	return o.setLines(d, lines)
}

// RemoveLine removes line i. A line in a bundle is not removed: M7 asks
// first, and Yes is RemoveLineRebundle (R-G4).
func (o *Orders) RemoveLine(d *pos.Document, i int) error {
	if i < 0 || i >= len(d.Lines) {
		return pos.Errorf(pos.CodeInvalid, "error.line_unknown")
	}
	if pos.TouchesBundle(d, i) {
		return pos.Errorf(pos.CodeConflict, pos.MsgBundleRemoved)
	}
	lines := append(append([]pos.Line(nil), d.Lines[:i]...), d.Lines[i+1:]...)
	return o.setLines(d, lines)
}

// Save stores a quote or order being built, Unconfirmed, on this terminal.
func (o *Orders) Save(ctx context.Context, d *pos.Document) error {
	l, err := o.login()
	if err != nil {
		return err
	}
	if err := pos.Allowed(pos.ActionEdit, d, nil, l.Group); err != nil {
		return err
	}
	if d.Status != pos.StatusUnconfirmed {
		return pos.Errorf(pos.CodeConflict, "error.action_status", "Action", string(pos.ActionEdit), "Status", string(d.Status))
	}
	return o.store.SaveDocuments(ctx, o.clock.Now(), OpMeta{Operator: l.Operator.Code}, d)
}

// Confirm checks the document (at least one line, M12; zero prices allowed,
// R-F5; its type's mandatory attributes, R-F7) and stores it Confirmed with
// the next number of this terminal's series. Save checks no attribute: a
// document saved or pre-registered may still lack them.
func (o *Orders) Confirm(ctx context.Context, d *pos.Document) error {
	l, err := o.login()
	if err != nil {
		return err
	}
	if err := pos.Allowed(pos.ActionConfirm, d, nil, l.Group); err != nil {
		return err
	}
	c := *d
	c.Status = pos.StatusConfirmed
	if err := c.CheckConfirm(); err != nil {
		return err
	}
	if err := o.checkAttributes(ctx, &c); err != nil {
		return err
	}
	if err := o.store.SaveDocuments(ctx, o.clock.Now(), OpMeta{Operator: l.Operator.Code}, &c); err != nil {
		return err
	}
	*d = c
	return nil
}

// Get reads a document with the documents generated from it.
func (o *Orders) Get(ctx context.Context, id string) (pos.Document, []pos.Related, error) {
	d, err := o.store.Document(ctx, id)
	if err != nil {
		return pos.Document{}, nil, err
	}
	rel, err := o.store.RelatedDocuments(ctx, id)
	return d, rel, err
}

// List returns a page of quotes and orders.
func (o *Orders) List(ctx context.Context, f DocFilter) ([]DocSummary, error) {
	if _, err := o.login(); err != nil {
		return nil, err
	}
	if !o.session.Can(pos.RightOrders) {
		return nil, pos.Errorf(pos.CodeForbidden, "error.right_missing", "Right", string(pos.RightOrders))
	}
	if f.Limit < 1 || f.Limit > 500 || f.Offset < 0 || len(f.Number) > pos.MaxTextLen {
		return nil, pos.Errorf(pos.CodeInvalid, "error.search_invalid")
	}
	if len(f.Kinds) == 0 {
		f.Kinds = []pos.Kind{pos.KindQuote, pos.KindOrder}
	}
	return o.store.ListDocuments(ctx, f)
}

// Allowed tells whether the logged-in operator may do a on the document now,
// for the list's and the form's buttons (R-L5).
func (o *Orders) Allowed(a pos.Action, d *pos.Document, related []pos.Related) error {
	l, err := o.login()
	if err != nil {
		return err
	}
	return pos.Allowed(a, d, related, l.Group)
}

// change runs one operation on an existing order: online under the service's
// lock on its latest version when the service knows it, locally otherwise. The
// operation's effects are saved with the lock's token, and the lock is always
// released.
func (o *Orders) change(ctx context.Context, id string, a pos.Action, apply func(d *pos.Document, rel []pos.Related) ([]*pos.Document, error)) error {
	l, err := o.login()
	if err != nil {
		return err
	}
	local, rel, err := o.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := pos.Allowed(a, &local, rel, l.Group); err != nil {
		return err
	}
	meta := OpMeta{Operator: l.Operator.Code}
	if !local.Synced {
		docs, err := apply(&local, rel)
		if err != nil {
			return err
		}
		return o.store.SaveDocuments(ctx, o.clock.Now(), meta, docs...)
	}
	if o.remote == nil {
		return pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	err = o.remote.WithLock(ctx, LockRequest{DocID: id, Operator: l.Operator.Code}, func(ctx context.Context, lk Lock) error {
		latest := lk.Document
		latest.Synced = true
		if err := pos.Allowed(a, &latest, rel, l.Group); err != nil {
			return err
		}
		docs, err := apply(&latest, rel)
		if err != nil {
			return err
		}
		meta.LockToken = lk.Token
		return o.store.SaveDocuments(ctx, o.clock.Now(), meta, docs...)
	})
	if pos.ErrorCode(err) == pos.CodeUnavailable {
		return pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	return err
}

// Cancel cancels a confirmed order or quote (R-O1).
func (o *Orders) Cancel(ctx context.Context, id string) error {
	return o.change(ctx, id, pos.ActionCancel, setStatus(pos.StatusCancelled))
}

// Close gives up fulfilling an order (R-O2).
func (o *Orders) Close(ctx context.Context, id string) error {
	return o.change(ctx, id, pos.ActionClose, setStatus(pos.StatusClosed))
}

// Open sends a confirmed document back to editing (R-O3).
func (o *Orders) Open(ctx context.Context, id string) error {
	return o.change(ctx, id, pos.ActionOpen, setStatus(pos.StatusUnconfirmed))
}

// ChangeStatus moves a document along an allowed transition (R-O7); a target
// with its own operation (cancel, close, open) follows that operation's rules.
func (o *Orders) ChangeStatus(ctx context.Context, id string, to pos.Status) error {
	g := o.session.groupOrEmpty()
	return o.change(ctx, id, pos.ActionChangeStatus, func(d *pos.Document, rel []pos.Related) ([]*pos.Document, error) {
		if err := pos.AllowedStatusChange(d, to, rel, g); err != nil {
			return nil, err
		}
		return setStatus(to)(d, rel)
	})
}

// Pickup records that the customer collected the order (R-O6); the screen then
// shows M8.
func (o *Orders) Pickup(ctx context.Context, id string) error {
	return o.change(ctx, id, pos.ActionPickup, func(d *pos.Document, _ []pos.Related) ([]*pos.Document, error) {
		d.DeliveryStatus = pos.DeliveryPickedUp
		d.Revision++
		return []*pos.Document{d}, nil
	})
}

func setStatus(to pos.Status) func(d *pos.Document, _ []pos.Related) ([]*pos.Document, error) {
	return func(d *pos.Document, _ []pos.Related) ([]*pos.Document, error) {
		if err := d.SetStatus(to); err != nil {
			return nil, err
		}
		d.Revision++
		return []*pos.Document{d}, nil
	}
}

// Generation is a receipt, invoice or advance invoice being generated from an
// order: prepared, shown in the payment window, then paid or abandoned. Online
// it holds the order's lock on the data service until it ends.
type Generation struct {
	Order   pos.Document
	Related []pos.Related
	Doc     *pos.Document

	orders *Orders
	login  Login
	params pos.Params
	lock   *Lock
	stop   context.CancelFunc
	renew  sync.WaitGroup
	once   sync.Once
	// refresh brings the document's derived figures up to date (the advances
	// deducted automatically) before they are shown or paid; check applies
	// its kind's rules before it is paid. Either may be nil.
	refresh func(d *pos.Document) error
	check   func(d *pos.Document) error
}

// Consent is what the operator agreed to when asked before a document is
// generated from an order; the use case refuses with the question's message
// until then.
type Consent uint8

const (
	// ConsentUnlinked: the data service cannot be reached and the document
	// is issued unlinked (M2, R-X2).
	ConsentUnlinked Consent = 1 << iota
	// ConsentSwitchWarehouses: lines on warehouses this center may not use
	// are switched to available ones first (M10, R-F8).
	ConsentSwitchWarehouses
)

// Generate prepares a receipt or invoice for an order (R-O4, R-G1). For an
// order the data service knows, it takes the order's lock and works on its
// latest version. When the service cannot be reached it refuses with M2
// unless the operator consented: then the document is issued unlinked,
// carrying the order's number and deducting nothing (R-X2). Lines on
// warehouses this center may not use are refused with M10 unless the
// operator consented to switching them: the document takes the available
// warehouses, and a linked one stores the order switched with it when paid
// (R-F8). A linked invoice deducts the order's advances automatically when
// the ERP says so (R-A4, see advances.go). The caller must end the
// Generation with Pay or Abort.
func (o *Orders) Generate(ctx context.Context, orderID string, k pos.Kind, consent Consent) (*Generation, error) {
	action := pos.ActionInvoice
	if k == pos.KindReceipt {
		action = pos.ActionReceipt
	}
	return o.generate(ctx, orderID, action, consent&ConsentUnlinked != 0, func(g *Generation, linked bool) error {
		bad, err := o.UnavailableWarehouses(ctx, &g.Order)
		if err != nil {
			return err
		}
		if len(bad) > 0 {
			if consent&ConsentSwitchWarehouses == 0 {
				return pos.Errorf(pos.CodeConflict, pos.MsgSetWarehouses)
			}
			if _, err := o.SwitchWarehouses(ctx, &g.Order); err != nil {
				return err
			}
		}
		doc, err := pos.GenerateFrom(&g.Order, g.Related, k, g.params, linked)
		if err != nil {
			return err
		}
		g.Doc = doc
		return o.prepareSale(ctx, g)
	})
}

// generate runs what every document generated from an order shares: the
// rules of action a, the order's lock online, M2 and the unlinked document
// offline, the parameters, the issuing terminal. build sets g.Doc from
// g.Order and g.Related.
func (o *Orders) generate(ctx context.Context, orderID string, action pos.Action, unlinkedOK bool,
	build func(g *Generation, linked bool) error) (*Generation, error) {
	l, err := o.login()
	if err != nil {
		return nil, err
	}
	order, rel, err := o.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if err := pos.Allowed(action, &order, rel, l.Group); err != nil {
		return nil, err
	}
	g := &Generation{orders: o, login: l, Related: rel}
	linked := true
	if order.Synced {
		lk, err := o.lockOrder(ctx, orderID, l)
		switch {
		case err == nil:
			g.lock = lk
			order = lk.Document
			order.Synced = true
		case pos.ErrorCode(err) == pos.CodeUnavailable && !unlinkedOK:
			return nil, pos.Errorf(pos.CodeUnavailable, pos.MsgOfflineUnlinked)
		case pos.ErrorCode(err) == pos.CodeUnavailable:
			linked = false
		default:
			return nil, err
		}
	}
	if linked {
		if err := pos.Allowed(action, &order, rel, l.Group); err != nil {
			g.Abort(ctx)
			return nil, err
		}
	}
	if g.params, err = o.store.Params(ctx); err != nil {
		g.Abort(ctx)
		return nil, err
	}
	g.Order = order
	if err := build(g, linked); err != nil {
		g.Abort(ctx)
		return nil, err
	}
	t := o.session.Terminal()
	g.Doc.Terminal, g.Doc.Center, g.Doc.Operator, g.Doc.IssuedAt = t.Code, t.Center, l.Operator.Code, o.clock.Now()
	if g.lock != nil {
		g.keepRenewing(ctx)
	}
	return g, nil
}

func (o *Orders) lockOrder(ctx context.Context, id string, l Login) (*Lock, error) {
	if o.remote == nil {
		return nil, pos.Errorf(pos.CodeUnavailable, "error.offline_required")
	}
	lk, err := o.remote.Lock(ctx, LockRequest{DocID: id, Operator: l.Operator.Code})
	if err != nil {
		return nil, err
	}
	return &lk, nil
}

// keepRenewing renews the lock at a third of its lease while the cashier is in
// the payment window.
func (g *Generation) keepRenewing(ctx context.Context) {
	ctx, g.stop = context.WithCancel(context.WithoutCancel(ctx))
	every := g.lock.Lease / 3
	if every <= 0 {
		every = 10 * time.Second
	}
	g.renew.Add(1)
	go func() {
		defer g.renew.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if lk, err := g.orders.remote.Renew(ctx, *g.lock); err == nil {
					g.lock.Expires = lk.Expires
				}
			}
		}
	}()
}

// Unlinked tells whether the document will be issued without a link to the
// order (R-X2).
func (g *Generation) Unlinked() bool { return g.Doc.Unlinked() }

// Totals is the document's summary for the payment window, with the
// advances it deducts.
func (g *Generation) Totals() (pos.Totals, error) {
	if g.refresh != nil {
		if err := g.refresh(g.Doc); err != nil {
			return pos.Totals{}, err
		}
	}
	return g.Doc.Totals()
}

// Pay settles the tenders against the amount due, issues the document and, when
// it is a linked receipt or invoice, moves the order to In progress or
// Completed (R-O5) — the document and the order in one local transaction,
// with the lock's token. An advance invoice leaves the order as it is. It
// returns the change to give. The lock is released whatever happens.
func (g *Generation) Pay(ctx context.Context, tenders []pos.Tender) (pos.Money, error) {
	defer g.Abort(ctx)
	tot, err := g.Totals()
	if err != nil {
		return 0, err
	}
	if err := g.Doc.CheckGenerated(); err != nil {
		return 0, err
	}
	if g.check != nil {
		if err := g.check(g.Doc); err != nil {
			return 0, err
		}
	}
	payments, change, err := pos.Settle(tot.Due, tenders)
	if err != nil {
		return 0, err
	}
	doc := *g.Doc
	doc.Payments, doc.Status = payments, pos.StatusConfirmed
	doc.Lines = pos.DeliveredLines(doc.Lines)
	docs := []*pos.Document{&doc}
	meta := OpMeta{Operator: g.login.Operator.Code}
	if g.lock != nil && !doc.Unlinked() {
		meta.LockToken = g.lock.Token
	}
	if !doc.Unlinked() && doc.Kind != pos.KindAdvanceInvoice { // an advance delivers nothing
		rel, err := pos.RelatedOf(&doc)
		if err != nil {
			return 0, err
		}
		order := g.Order
		if next := pos.StatusAfterDocument(&order, append(g.Related, rel)); next != order.Status {
			if err := order.SetStatus(next); err != nil {
				return 0, err
			}
		}
		order.Revision++
		docs = append(docs, &order)
	}
	if err := g.orders.store.SaveDocuments(ctx, g.orders.clock.Now(), meta, docs...); err != nil {
		return 0, err
	}
	*g.Doc = doc
	return change, nil
}

// Abort ends the generation without issuing anything, releasing the lock.
func (g *Generation) Abort(ctx context.Context) {
	g.once.Do(func() {
		if g.lock == nil {
			return
		}
		g.stop()
		g.renew.Wait()
		// Unlock even when the caller's context is already cancelled; a failed
		// unlock is left to the lease, which runs out by itself.
		_ = g.orders.remote.Unlock(context.WithoutCancel(ctx), *g.lock)
	})
}
