package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// docStore adds app.DocumentStore to memStore: documents, customers, payment
// methods and the ERP's parameters in memory, numbered as the real store
// numbers them, so the orders screens run against the real use cases.
type docStore struct {
	*memStore

	dmu       sync.Mutex
	docs      map[string]pos.Document
	customers map[string]pos.Customer
	methods   []pos.PaymentMethod
	params    pos.Params
	ids       int
	barcodes  int64
	series    map[pos.Kind]int64
	saves     int   // SaveDocuments calls that wrote: one outbox batch each
	failSave  error // when set, SaveDocuments fails with it and writes nothing

	// The printer behind the screens: the layouts stand-in and what it was sent.
	types    *fakeTypesetter
	printers *fakePrinters
}

var _ app.DocumentStore = (*docStore)(nil)

// consultant may build quotes and orders and issue invoices, but not
// receipts; his PIN is the manager's.
const (
	consultant     = "LUCA"
	consultantName = "Luca Bianchi"
)

// newDocStore is the orders fixture on top of newMemStore: 30 products, the
// walk-in customer and one with an account, Cash and Card on this till (a
// transfer only elsewhere), quantities copied from orders.
func newDocStore(tb testing.TB) *docStore {
	tb.Helper()
	s := newMemStore(tb)
	s.addProducts(30)
	s.groups["consultants"] = pos.Group{Code: "consultants", Name: "Consultants",
		Rights: []pos.Right{pos.RightOrders, pos.RightQuoteEdit, pos.RightOrderEdit, pos.RightInvoice}}
	s.operators = append(s.operators, pos.Operator{Code: consultant, Name: consultantName, Group: "consultants",
		PINHash: pinHashes()[manager], Active: true})
	return &docStore{
		memStore: s,
		docs:     map[string]pos.Document{},
		customers: map[string]pos.Customer{
			app.UndefinedCustomer: {Code: app.UndefinedCustomer, Name: "Retail customer", Type: pos.CustomerUndefined, Active: true, PaymentMethod: "CASH"},
			"C0001": {Code: "C0001", Name: "Martin Dubois", Type: pos.CustomerPerson, Active: true, PaymentMethod: "CARD",
				Addresses: []pos.Address{{Street: "12 rue des Lilas", Postcode: "69003", City: "Lyon"}}},
		},
		methods: []pos.PaymentMethod{
			{Code: "CARD", Name: "Card", Type: pos.PaymentCard},
			{Code: "CASH", Name: "Cash", Type: pos.PaymentCash},
			{Code: "TRANSFER", Name: "Bank transfer", Type: pos.PaymentTransfer, Terminals: []string{"KRPOS3"}},
		},
		params: pos.Params{CopyQtyFromOrder: true, SearchMethod: pos.SearchLocal, Currency: "EUR",
			VATMethods: map[pos.Kind]pos.VATMethod{pos.KindOrder: pos.VATFromGross, pos.KindReceipt: pos.VATFromGross}},
		series:   map[pos.Kind]int64{},
		types:    &fakeTypesetter{},
		printers: &fakePrinters{},
	}
}

func cloneDoc(d pos.Document) pos.Document {
	d.Lines = slices.Clone(d.Lines)
	d.Payments = slices.Clone(d.Payments)
	return d
}

func (s *docStore) Document(_ context.Context, id string) (pos.Document, error) {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return pos.Document{}, pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "document", "Key", id)
	}
	return cloneDoc(d), nil
}

// SaveDocuments numbers and keeps the documents all together or not at all,
// like the real store: a permanent id and a barcode number when new, the
// series number when leaving Unconfirmed.
func (s *docStore) SaveDocuments(_ context.Context, at time.Time, _ app.OpMeta, docs ...*pos.Document) error {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	if s.failSave != nil {
		return s.failSave
	}
	work := make([]pos.Document, len(docs))
	for i, d := range docs {
		if err := d.Check(); err != nil {
			return err
		}
		work[i] = cloneDoc(*d)
	}
	for i := range work {
		d := &work[i]
		if d.ID == "" {
			s.ids++
			d.ID = fmt.Sprintf("doc-%04d", s.ids)
		}
		if d.IssuedAt.IsZero() {
			d.IssuedAt = at
		}
		if d.BarcodeNo == "" {
			s.barcodes++
			n, err := pos.NewDocNumber(d.Kind, s.terminal.Number, s.barcodes)
			if err != nil {
				return err
			}
			d.BarcodeNo = n
		}
		if d.Number == "" && d.Status != pos.StatusUnconfirmed {
			s.series[d.Kind]++
			d.Number = pos.Series{Terminal: s.terminal.Code}.Format(d.Kind, s.series[d.Kind], d.IssuedAt.Year())
		}
		for j := range d.Lines {
			d.Lines[j].No = j + 1
		}
		if old, ok := s.docs[d.ID]; ok && old.Synced {
			d.Synced = true
		}
	}
	for i, d := range docs {
		s.docs[work[i].ID] = cloneDoc(work[i])
		*d = work[i]
	}
	s.saves++
	return nil
}

func (s *docStore) RelatedDocuments(_ context.Context, orderID string) ([]pos.Related, error) {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	var docs []pos.Document
	for _, d := range s.docs {
		if d.SourceOrder == orderID {
			docs = append(docs, d)
		}
	}
	slices.SortFunc(docs, func(a, b pos.Document) int {
		return cmp.Or(a.IssuedAt.Compare(b.IssuedAt), cmp.Compare(a.ID, b.ID))
	})
	out := make([]pos.Related, 0, len(docs))
	for _, d := range docs {
		r, err := pos.RelatedOf(&d)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// ListDocuments filters as the real store does and orders by number, the
// unnumbered (unconfirmed) first.
func (s *docStore) ListDocuments(_ context.Context, f app.DocFilter) ([]app.DocSummary, error) {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	in := func(t time.Time, from, to time.Time) bool {
		return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
	}
	var out []app.DocSummary
	for _, d := range s.docs {
		tot, err := d.Totals()
		if err != nil {
			return nil, err
		}
		n := strings.TrimSpace(f.Number)
		switch {
		case len(f.Kinds) > 0 && !slices.Contains(f.Kinds, d.Kind),
			len(f.Statuses) > 0 && !slices.Contains(f.Statuses, d.Status),
			n != "" && pos.LooksLikeDocNumber(n) && string(d.BarcodeNo) != n,
			n != "" && !pos.LooksLikeDocNumber(n) && !strings.HasPrefix(d.Number, n),
			f.Source != "" && d.Source != f.Source,
			f.DeliveryStatus != "" && d.DeliveryStatus != f.DeliveryStatus,
			f.PaymentStatus != "" && d.PaymentStatus != f.PaymentStatus,
			f.MinGross != 0 && tot.Gross < f.MinGross,
			f.MaxGross != 0 && tot.Gross > f.MaxGross,
			!in(d.IssuedAt, f.IssuedFrom, f.IssuedTo),
			(!f.DeliveryFrom.IsZero() || !f.DeliveryTo.IsZero()) && (d.DeliveryDate.IsZero() || !in(d.DeliveryDate, f.DeliveryFrom, f.DeliveryTo)):
			continue
		}
		sum := app.DocSummary{ID: d.ID, Kind: d.Kind, Number: d.Number, BarcodeNo: d.BarcodeNo, Status: d.Status,
			Customer: d.Customer, Recipient: d.Recipient, HandledBy: d.HandledBy, Net: tot.Net, Gross: tot.Gross,
			IssuedAt: d.IssuedAt, DeliveryDate: d.DeliveryDate, ExpiryDate: d.ExpiryDate,
			DeliveryStatus: d.DeliveryStatus, PaymentStatus: d.PaymentStatus, Source: d.Source, Synced: d.Synced,
			FulfilledAtPickup: d.FulfilledAtPickup}
		if c, ok := s.customers[d.Customer]; ok {
			sum.Customer = c.Name
			if len(c.Addresses) > 0 {
				a := c.Addresses[0]
				sum.Address = a.Street + ", " + a.Postcode + " " + a.City
			}
		}
		for _, r := range s.docs {
			if r.SourceOrder == d.ID {
				sum.Related++
			}
		}
		out = append(out, sum)
	}
	// In natural number order, as the store pages them (COMC/2 before COMC/10).
	slices.SortFunc(out, func(a, b app.DocSummary) int {
		return cmp.Or(cmp.Compare(pos.NumberSortKey(a.Number), pos.NumberSortKey(b.Number)), cmp.Compare(a.ID, b.ID))
	})
	if f.Offset >= len(out) {
		return nil, nil
	}
	return out[f.Offset:min(f.Offset+f.Limit, len(out))], nil
}

func (s *docStore) Params(context.Context) (pos.Params, error) { return s.params, nil }

func (s *docStore) Customer(_ context.Context, code string) (pos.Customer, error) {
	c, ok := s.customers[code]
	if !ok {
		return pos.Customer{}, pos.Errorf(pos.CodeNotFound, "error.not_found", "What", "customer", "Key", code)
	}
	return c, nil
}

// SaveFetched stores a document as the service sent it: synced, nothing
// queued.
func (s *docStore) SaveFetched(_ context.Context, _ time.Time, d pos.Document) error {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	d.Synced = true
	s.docs[d.ID] = cloneDoc(d)
	return nil
}

func (s *docStore) PaymentMethods(context.Context) ([]pos.PaymentMethod, error) {
	return slices.Clone(s.methods), nil
}

// doc returns a stored document, for the tests' checks.
func (s *docStore) doc(tb testing.TB, id string) pos.Document {
	tb.Helper()
	d, err := s.Document(context.Background(), id)
	require.NoError(tb, err)
	return d
}

// byNumber returns the stored documents whose order reference is number:
// the receipts issued for it, linked or not.
func (s *docStore) issuedFor(number string) []pos.Document {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	var out []pos.Document
	for _, d := range s.docs {
		if d.OrderRef == number {
			out = append(out, cloneDoc(d))
		}
	}
	return out
}

// confirmedOrder stores a confirmed order of qty units of each of the
// products given (by number, see addProducts), issued at fixedNow.
func (s *docStore) confirmedOrder(tb testing.TB, customer string, qty int64, products ...int) pos.Document {
	tb.Helper()
	d := pos.Document{Kind: pos.KindOrder, Status: pos.StatusConfirmed, Source: pos.SourceTerminal,
		Terminal: terminalCode, Center: "KRK", Operator: manager, HandledBy: manager, Customer: customer,
		VATMethod: pos.VATFromGross, PaymentMethod: "CASH", IssuedAt: fixedNow}
	for _, n := range products {
		p := s.products[n-1]
		d.Lines = append(d.Lines, pos.Line{ProductCode: p.Code, Name: p.Name, Unit: p.Unit, Qty: pos.Units(qty),
			Price: p.Price, BasePrice: p.Price, VATRate: p.VATRate})
	}
	require.NoError(tb, s.SaveDocuments(context.Background(), fixedNow, app.OpMeta{}, &d))
	return d
}

// confirmedOrderID returns the id of the document with that number.
func (s *docStore) confirmedOrderID(tb testing.TB, number string) string {
	tb.Helper()
	s.dmu.Lock()
	defer s.dmu.Unlock()
	for id, d := range s.docs {
		if d.Number == number {
			return id
		}
	}
	require.Failf(tb, "no such document", "%s", number)
	return ""
}

// markSynced makes a stored document one the data service knows, so the
// use cases handle it online (R-N1).
func (s *docStore) markSynced(id string) {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	d := s.docs[id]
	d.Synced = true
	s.docs[id] = d
}

// ordersUseCases wires the real use cases on the fixture, Orders and
// Printing included, offline (no data service), the USB printer set.
func ordersUseCases(tb testing.TB, s *docStore) UseCases {
	tb.Helper()
	uc := useCases(tb, s.memStore)
	uc.Orders = app.NewOrders(s, nil, uc.Session, fixedClock)
	uc.Printing = app.NewPrinting(s.memStore, uc.Session, s.types, s.printers, usbPrinter)
	return uc
}
