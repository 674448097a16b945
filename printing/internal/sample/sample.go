// Package sample holds the documents and translations the printing tests lay out: one job per
// layout, with the quirks each must handle (two VAT rates, a discount, a weighed item, change,
// an unlinked receipt, advances deducted and advances paid, long names in three languages).
package sample

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// Job is a named print job.
type Job struct {
	Name string
	Out  app.Printout
}

var issued = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func number(k pos.Kind, seq int64) pos.DocNumber {
	n, err := pos.NewDocNumber(k, 3, seq)
	if err != nil {
		panic(err)
	}
	return n
}

// Customer is a company customer with a tax number and an address.
var Customer = pos.Customer{
	Code: "C0002", Name: "Boulangerie Kowalczyk & Fils SARL", Type: pos.CustomerCompany, TaxID: "FR40303265045",
	Addresses: []pos.Address{{Street: "12 rue de la Paix", Postcode: "75002", City: "Paris", Country: "FR"}},
	Active:    true,
}

// Walkin is the undefined customer of counter sales.
var Walkin = pos.Customer{Code: "UNDEF", Name: "Retail customer", Type: pos.CustomerUndefined, Active: true}

func lines() []pos.Line {
	return []pos.Line{
		{No: 1, ProductCode: "P0101", Name: "Batteur électrique Bosch MFQ 3520 blanc, 5 vitesses", Unit: "pcs", Qty: pos.Units(1), Price: 4999, VATRate: 2000, Warehouse: "XYZ-MAG"},
		{No: 2, ProductCode: "P0102", Name: "Ventilatore a colonna", Unit: "pcs", Qty: pos.Units(2), Price: 3450, Discount: 1000, VATRate: 2000, Warehouse: "XYZ-BACK"},
		{No: 3, ProductCode: "P0103", Name: "Jabłka Szampion", Unit: "kg", Qty: 9814, Price: 349, VATRate: 550, Warehouse: "XYZ-MAG"},
		{No: 4, ProductCode: "P0104", Name: "Pain de campagne", Unit: "pcs", Qty: pos.Units(3), Price: 215, VATRate: 550, Warehouse: "XYZ-MAG"},
	}
}

// Order is a confirmed customer order with a delivery and two advances paid.
func Order() pos.Document {
	return pos.Document{
		ID: "order-1", Kind: pos.KindOrder, Number: "COMC/7/2026/KRPOS3", BarcodeNo: number(pos.KindOrder, 7),
		Status: pos.StatusConfirmed, Terminal: "KRPOS3", Center: "XYZ", Operator: "MARC", HandledBy: "Marc Dupont",
		Customer: Customer.Code, VATMethod: pos.VATFromGross, Lines: lines(), IssuedAt: issued,
		DeliveryDate: time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC), DeliveryPoint: "XYZ - Magasin, retrait en caisse",
		PaymentMethod: "TRANSFER",
	}
}

func grossOf(d pos.Document) pos.Money {
	t, err := d.Totals()
	if err != nil {
		panic(err)
	}
	return t.Gross
}

// Advances are the order's advance invoices.
var Advances = []app.AdvancePaid{
	{Number: "FAC/1/2026/KRPOS3", IssuedAt: issued, Amount: 2000},
	{Number: "FAC/2/2026/KRKASA1", IssuedAt: issued.Add(48 * time.Hour), Amount: 1500},
}

// Jobs returns one job per layout.
func Jobs() []Job {
	order := Order()

	quote := Order()
	quote.ID, quote.Kind, quote.Number, quote.BarcodeNo = "quote-1", pos.KindQuote, "DEVC/3/2026/KRPOS3", number(pos.KindQuote, 3)
	quote.ExpiryDate = time.Date(2026, 4, 13, 0, 0, 0, 0, time.UTC)
	quote.PaymentMethod = ""

	receipt := pos.Document{
		ID: "receipt-1", Kind: pos.KindReceipt, Number: "R/12/2026/KRKASA1", BarcodeNo: number(pos.KindReceipt, 12),
		Status: pos.StatusConfirmed, Terminal: "KRKASA1", Center: "XYZ", Operator: "ANNA", Customer: Walkin.Code,
		VATMethod: pos.VATFromGross, Lines: lines(), IssuedAt: issued,
	}
	gross := grossOf(receipt)
	receipt.Payments = []pos.Payment{{Method: "CARD", Name: "Carte bancaire", Amount: 5000},
		{Method: "CASH", Name: "Espèces", Amount: gross - 5000, Tendered: 8000}}

	// Issued offline for a synced order: not linked, the order's number written on it (R-X2).
	unlinked := receipt
	unlinked.ID, unlinked.Number, unlinked.BarcodeNo = "receipt-2", "R/13/2026/KRKASA1", number(pos.KindReceipt, 13)
	unlinked.OrderRef = order.Number
	unlinked.Payments = []pos.Payment{{Method: "CASH", Amount: gross, Tendered: gross}}

	invoice := pos.Document{
		ID: "invoice-1", Kind: pos.KindInvoice, Number: "FC/4/2026/KRKASA1", BarcodeNo: number(pos.KindInvoice, 4),
		Status: pos.StatusConfirmed, Terminal: "KRKASA1", Center: "XYZ", Operator: "ANNA", Customer: Customer.Code,
		VATMethod: pos.VATFromNet, Lines: lines(), IssuedAt: issued, DueDate: issued.Add(30 * 24 * time.Hour),
		SourceOrder: order.ID, OrderRef: order.Number, Advances: 3500,
	}
	invoice.Payments = []pos.Payment{{Method: "TRANSFER", Amount: grossOf(invoice) - invoice.Advances}}

	advance := pos.Document{
		ID: "advance-1", Kind: pos.KindAdvanceInvoice, Number: "FAC/2/2026/KRKASA1", BarcodeNo: number(pos.KindAdvanceInvoice, 2),
		Status: pos.StatusConfirmed, Terminal: "KRKASA1", Center: "XYZ", Operator: "ANNA", Customer: Customer.Code,
		VATMethod: pos.VATFromGross, IssuedAt: issued.Add(48 * time.Hour), SourceOrder: order.ID, OrderRef: order.Number,
		Lines: []pos.Line{
			{No: 1, Name: "Acompte 15 % / Advance on COMC/7/2026/KRPOS3", Unit: "", Qty: pos.Units(1), Price: 1500, VATRate: 2000},
		},
		Payments: []pos.Payment{{Method: "CASH", Amount: 1500, Tendered: 2000}},
	}

	c := Customer
	return []Job{
		{"receipt", app.Printout{PrintJob: app.PrintJob{Document: receipt, Customer: &Walkin, CashTaken: true}, Operator: "Anna Kowalska", Kick: true}},
		{"receipt-unlinked", app.Printout{PrintJob: app.PrintJob{Document: unlinked, Copy: true}, Operator: "Anna Kowalska"}},
		{"invoice", app.Printout{PrintJob: app.PrintJob{Document: invoice, Customer: &c}, Operator: "Anna Kowalska"}},
		{"advance-invoice", app.Printout{PrintJob: app.PrintJob{Document: advance, Customer: &c}, Operator: "Anna Kowalska"}},
		{"quote", app.Printout{PrintJob: app.PrintJob{Document: quote, Customer: &c}, Operator: "Marc Dupont"}},
		{"order", app.Printout{PrintJob: app.PrintJob{Document: order, Customer: &c, Advances: Advances, Collected: 2000,
			PaymentMethod: "Virement bancaire"}, Operator: "Marc Dupont"}},
		{"picking", app.Printout{PrintJob: app.PrintJob{Document: order, Form: app.FormPicking, Customer: &c}, Operator: "Marc Dupont"}},
	}
}

// Settings are printer settings with a shop header, for paper p.
func Settings(p app.Paper, codePage string) app.PrinterSettings {
	return app.PrinterSettings{
		Kind: app.PrinterVirtual, Target: "/var/lib/comptoir/prints", Paper: p, CodePage: codePage,
		ShopName: "Magasin XYZ", ShopAddress: "3 place Kleber\n67000 Strasbourg",
	}
}

var (
	loaded sync.Map // language → map[string]string
)

// translations reads assets/translations/<lang>.json from the repository.
func translations(tb testing.TB, lang string) map[string]string {
	tb.Helper()
	if m, ok := loaded.Load(lang); ok {
		return m.(map[string]string)
	}
	_, self, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(self), "..", "..", "..", "assets", "translations", lang+".json")
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	loaded.Store(lang, m)
	return m
}

// Labels translates from the till's translation files, as cmd's lang.L does, and remembers the
// keys it was asked for and the ones it lacked.
type Labels struct {
	mu      sync.Mutex
	texts   map[string]string
	used    map[string]bool
	missing map[string]bool
}

// NewLabels returns the labels of one language.
func NewLabels(tb testing.TB, lang string) *Labels {
	tb.Helper()
	return &Labels{texts: translations(tb, lang), used: map[string]bool{}, missing: map[string]bool{}}
}

// L translates key; a missing key comes back as itself, as lang.L does.
func (l *Labels) L(key string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.used[key] = true
	if t, ok := l.texts[key]; ok {
		return t
	}
	l.missing[key] = true
	return key
}

// Missing lists the keys asked for that the language lacks.
func (l *Labels) Missing() []string { return sorted(l.missing) }

// Used lists the keys asked for.
func (l *Labels) Used() []string { return sorted(l.used) }

// Has tells whether lang translates key.
func Has(tb testing.TB, lang, key string) bool {
	tb.Helper()
	_, ok := translations(tb, lang)[key]
	return ok
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
