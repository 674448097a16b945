package layout

import (
	"fmt"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/printing/escpos"
)

// Layouts lays documents out in one language.
type Layouts struct {
	t Text
}

// New returns the layouts speaking through labels, printing dates in loc.
func New(labels Labels, loc *time.Location) *Layouts {
	return &Layouts{t: Text{L: labels, Loc: loc}}
}

// Shop is the header of every document: the shop's name and address lines.
type Shop struct {
	Name    string
	Address []string
}

// ShopOf reads the shop header from the printer settings.
func ShopOf(s app.PrinterSettings) Shop {
	sh := Shop{Name: s.ShopName}
	if s.ShopAddress != "" {
		sh.Address = strings.Split(s.ShopAddress, "\n")
	}
	return sh
}

// Document returns the ESC/POS bytes of out for printer p: the document as its kind prints, or
// its picking list.
func (l *Layouts) Document(p escpos.Profile, shop Shop, out app.Printout) ([]byte, error) {
	d := &out.Document
	totals, err := d.Totals()
	if err != nil {
		return nil, err
	}
	pg := l.newPage(p)
	if out.Kick {
		// First, so that the drawer opens while the paper comes out.
		pg.w.Kick(escpos.DrawerPin2)
	}
	switch {
	case out.Form == app.FormPicking:
		pg.picking(shop, out)
	case d.Kind.Valid():
		pg.document(shop, out, totals)
	default:
		return nil, fmt.Errorf("layout: no layout for kind %q", d.Kind)
	}
	pg.end()
	return pg.w.Bytes()
}

// page is one document being written.
type page struct {
	w    *escpos.Writer
	t    Text
	p    escpos.Profile
	cols int
}

func (l *Layouts) newPage(p escpos.Profile) *page {
	pg := &page{w: escpos.New(p), t: l.t.Cached(), p: p, cols: p.Columns}
	pg.w.Init()
	return pg
}

// wrap cuts s into lines of cols characters as the printer prints them.
func (pg *page) wrap(s string, cols int) []string { return wrap(s, cols, pg.p.Width) }

// text prints s wrapped at words.
func (pg *page) text(s string) {
	for _, line := range pg.wrap(s, pg.cols) {
		pg.w.Text(line)
	}
}

// field prints "Label: value" when there is a value.
func (pg *page) field(key, value string) {
	if value != "" {
		pg.text(pg.t.Field(key, value))
	}
}

// line prints left wrapped at words with right flush against the margin of its last line.
func (pg *page) line(left, right string) {
	lines := pg.wrap(left, pg.cols)
	if len(lines) == 0 {
		lines = []string{""}
	}
	for _, l := range lines[:len(lines)-1] {
		pg.w.Text(l)
	}
	pg.w.Line(lines[len(lines)-1], right)
}

// heading prints a section's title in bold.
func (pg *page) heading(s string) {
	pg.w.Bold(true)
	pg.text(s)
	pg.w.Bold(false)
}

// blank prints an empty line.
func (pg *page) blank() { pg.w.Text("") }

// top prints the copy mark, the shop and the document's title, centred.
func (pg *page) top(shop Shop, title string, copyMark bool) {
	pg.w.Align(escpos.AlignCenter)
	if copyMark {
		pg.heading("*** " + pg.t.L("print.copy") + " ***")
		pg.blank()
	}
	if shop.Name != "" {
		pg.w.Bold(true)
		pg.w.Size(2, 2)
		for _, l := range pg.wrap(shop.Name, pg.cols/2) {
			pg.w.Text(l)
		}
		pg.w.Size(1, 1)
		pg.w.Bold(false)
	}
	for _, a := range shop.Address {
		pg.text(a)
	}
	if shop.Name != "" || len(shop.Address) > 0 {
		pg.blank()
	}
	pg.w.Bold(true)
	pg.w.Size(2, 1)
	for _, l := range pg.wrap(title, pg.cols/2) {
		pg.w.Text(l)
	}
	pg.w.Size(1, 1)
	pg.w.Bold(false)
	pg.w.Align(escpos.AlignLeft)
}

// end feeds the last lines past the cutter and cuts, leaving a hinge.
func (pg *page) end() {
	pg.w.Feed(3)
	pg.w.PartialCut()
}

// barcode prints the document's 20-digit number as a CODE128 set C barcode with its digits, so
// that any till of the chain finds the document by scanning it (R-D7). Numbers that are not a
// valid document number are not printed as a barcode.
func (pg *page) barcode(n pos.DocNumber) {
	if _, err := pos.ParseDocNumber(string(n)); err != nil {
		return
	}
	pg.blank()
	pg.w.Align(escpos.AlignCenter)
	pg.w.HRI(escpos.HRIBelow)
	pg.w.Barcode128C(string(n))
	pg.w.Align(escpos.AlignLeft)
}

func (pg *page) document(shop Shop, out app.Printout, totals pos.Totals) {
	d := &out.Document
	pg.top(shop, pg.t.Title(d.Kind), out.Copy)
	pg.blank()
	pg.field("print.no", d.Number)
	pg.field("print.date", pg.t.DateTime(d.IssuedAt))
	pg.field("print.terminal", d.Terminal)
	pg.field("print.operator", out.Operator)
	pg.field("print.handled_by", d.HandledBy)
	// An unlinked document carries the order's number and says so (R-X2).
	pg.field("print.order", d.OrderRef)
	pg.field("print.reference", d.Reference)
	switch d.Kind {
	case pos.KindQuote:
		pg.field("print.expiry_date", date(pg.t, d.ExpiryDate))
		pg.field("print.delivery_date", date(pg.t, d.DeliveryDate))
		pg.field("print.delivery_point", d.DeliveryPoint)
	case pos.KindOrder:
		pg.field("print.delivery_date", date(pg.t, d.DeliveryDate))
		pg.field("print.delivery_point", d.DeliveryPoint)
	case pos.KindInvoice, pos.KindAdvanceInvoice:
		pg.field("print.due_date", date(pg.t, d.DueDate))
	}
	pg.customer(out)
	pg.w.Rule()
	pg.lines(d, totals)
	pg.w.Rule()
	pg.totals(d, totals)
	switch {
	case d.Kind.Commercial():
		pg.payments(d.Payments)
	default:
		pg.orderPayments(out.PrintJob, totals)
	}
	pg.barcode(d.BarcodeNo)
	if d.Kind == pos.KindReceipt {
		pg.blank()
		pg.w.Align(escpos.AlignCenter)
		pg.text(pg.t.L("print.thanks"))
		pg.w.Align(escpos.AlignLeft)
	}
}

// customer prints who buys: the customer's name, tax number and first address when the screen
// gave the customer, its code otherwise. A receipt for the walk-in customer names nobody.
func (pg *page) customer(out app.Printout) {
	d := &out.Document
	c := out.Customer
	switch {
	case c != nil && c.Type == pos.CustomerUndefined && d.Kind == pos.KindReceipt:
		return
	case c != nil:
		pg.field("print.customer", c.Name)
		pg.field("print.tax_id", c.TaxID)
		if len(c.Addresses) > 0 {
			for _, l := range addressLines(c.Addresses[0]) {
				pg.text("  " + l)
			}
		}
	case d.Kind != pos.KindReceipt:
		pg.field("print.customer", d.Customer)
	}
	pg.field("print.recipient", d.Recipient)
}

func addressLines(a pos.Address) []string {
	var out []string
	if a.Street != "" {
		out = append(out, a.Street)
	}
	if city := strings.TrimSpace(a.Postcode + " " + a.City); city != "" {
		out = append(out, city)
	}
	if a.Country != "" {
		out = append(out, a.Country)
	}
	return out
}

// lines prints each line as its name, then quantity × price = amount, then its discount and
// markup; one unit at its price takes a single row.
func (pg *page) lines(d *pos.Document, totals pos.Totals) {
	for i, l := range d.Lines {
		a := totals.Lines[i]
		name := pg.t.LineName(d, l)
		if l.Qty == pos.Units(1) && a.Discount == 0 && a.Markup == 0 {
			pg.line(name, pg.t.Money(a.Amount))
			continue
		}
		pg.text(name)
		pg.w.Line("  "+pg.t.QtyUnit(l.Qty, l.Unit)+" x "+pg.t.Money(l.Price), pg.t.Money(a.Base))
		if a.Discount != 0 {
			pg.w.Line("  "+pg.t.L("print.discount")+" "+pg.t.Percent(l.Discount), "-"+pg.t.Money(a.Discount))
		}
		if a.Markup != 0 {
			pg.w.Line("  "+pg.t.L("print.markup")+" "+pg.t.Percent(l.Markup), "+"+pg.t.Money(a.Markup))
		}
	}
	if d.VATMethod == pos.VATFromNet {
		pg.text(pg.t.L("print.prices_net"))
	} else if d.Kind == pos.KindInvoice || d.Kind == pos.KindAdvanceInvoice {
		pg.text(pg.t.L("print.prices_gross"))
	}
}

// totals prints the grand total large, the advances deducted and what remains to pay, and the
// VAT per rate exactly as the document's totals have them.
func (pg *page) totals(d *pos.Document, t pos.Totals) {
	if t.Discount != 0 {
		pg.w.Line(pg.t.L("print.total_discount"), "-"+pg.t.Money(t.Discount))
	}
	if d.VATMethod == pos.VATFromNet {
		pg.w.Line(pg.t.L("print.total_net"), pg.t.Money(t.Net))
		pg.w.Line(pg.t.L("print.total_vat"), pg.t.Money(t.VAT))
	}
	pg.w.Bold(true)
	pg.w.Size(2, 1)
	pg.w.Line(pg.t.L("print.total"), pg.t.Money(t.Gross))
	pg.w.Size(1, 1)
	pg.w.Bold(false)
	if t.Advances != 0 {
		pg.w.Line(pg.t.L("print.advances"), "-"+pg.t.Money(t.Advances))
		pg.w.Bold(true)
		pg.w.Line(pg.t.L("print.due"), pg.t.Money(t.Due))
		pg.w.Bold(false)
	}
	pg.blank()
	pg.vatTable(t)
}

// vatTable prints a row per VAT rate: rate, net, VAT, gross. When the columns do not fit the
// paper (long figures on 58 mm), each rate takes a block of rows instead.
func (pg *page) vatTable(t pos.Totals) {
	head := []string{pg.t.L("print.col.rate"), pg.t.L("print.col.net"), pg.t.L("print.col.vat"), pg.t.L("print.col.gross")}
	rows := [][]string{head}
	for _, r := range t.Rates {
		rows = append(rows, []string{pg.t.Percent(r.Rate), pg.t.Money(r.Net), pg.t.Money(r.VAT), pg.t.Money(r.Gross)})
	}
	widths := make([]int, len(head))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], pg.p.Width(c))
		}
	}
	// The rate column takes what the amounts leave.
	amounts := widths[1] + widths[2] + widths[3] + 3
	if widths[0]+amounts > pg.cols {
		for _, r := range rows[1:] {
			pg.heading(head[2] + " " + r[0])
			pg.w.Line("  "+head[1], r[1])
			pg.w.Line("  "+head[2], r[2])
			pg.w.Line("  "+head[3], r[3])
		}
		return
	}
	widths[0] = pg.cols - amounts
	for i, row := range rows {
		var b strings.Builder
		b.WriteString(row[0])
		b.WriteString(strings.Repeat(" ", widths[0]-pg.p.Width(row[0])))
		for c := 1; c < 4; c++ {
			b.WriteString(strings.Repeat(" ", 1+widths[c]-pg.p.Width(row[c])))
			b.WriteString(row[c])
		}
		pg.w.Bold(i == 0)
		pg.w.Text(b.String())
	}
	pg.w.Bold(false)
}

// payments prints what was paid on a commercial document, and the change given.
func (pg *page) payments(ps []pos.Payment) {
	if len(ps) == 0 {
		return
	}
	pg.w.Rule()
	pg.heading(pg.t.L("print.payments"))
	for _, p := range ps {
		pg.line(p.Label(), pg.t.Money(p.Amount))
		if p.Tendered > p.Amount {
			pg.w.Line("  "+pg.t.L("print.tendered"), pg.t.Money(p.Tendered))
			pg.w.Line("  "+pg.t.L("print.change"), pg.t.Money(p.Tendered-p.Amount))
		}
	}
}

// orderPayments is the payment section of a quote or an order: how it is to be paid and the
// advances already paid for it (R-A3), with what remains.
func (pg *page) orderPayments(job app.PrintJob, t pos.Totals) {
	d := &job.Document
	if d.PaymentMethod == "" && d.PaymentStatus == "" && len(job.Advances) == 0 && job.Collected == 0 {
		return
	}
	pg.w.Rule()
	pg.field("print.payment_method", job.MethodName())
	pg.field("print.payment_status", d.PaymentStatus)
	if len(job.Advances) == 0 && job.Collected == 0 {
		return
	}
	advances, remaining := job.Paid(t)
	if len(job.Advances) > 0 {
		pg.heading(pg.t.L("print.advances_paid"))
		for _, a := range job.Advances {
			pg.line(a.Number+" "+date(pg.t, a.IssuedAt), pg.t.Money(a.Amount))
		}
		pg.w.Line(pg.t.L("print.advances_total"), pg.t.Money(advances))
	}
	if job.Collected != 0 {
		pg.line(pg.t.L("print.collected"), pg.t.Money(job.Collected))
	}
	pg.w.Bold(true)
	pg.w.Line(pg.t.L("print.remaining"), pg.t.Money(remaining))
	pg.w.Bold(false)
}

// picking prints what to collect for an order: each line with a box to tick, its code and
// warehouse, the quantity; then the order's barcode, which the picking window scans.
func (pg *page) picking(shop Shop, out app.Printout) {
	d := &out.Document
	pg.top(shop, pg.t.L("print.title.picking"), out.Copy)
	pg.blank()
	pg.field("print.order", d.Number)
	pg.field("print.date", pg.t.DateTime(d.IssuedAt))
	pg.field("print.delivery_date", date(pg.t, d.DeliveryDate))
	pg.field("print.delivery_point", d.DeliveryPoint)
	pg.customer(out)
	pg.field("print.operator", out.Operator)
	pg.w.Rule()
	for _, l := range d.Lines {
		pg.text("[ ] " + l.Name)
		where := strings.TrimSpace(l.ProductCode + "  " + l.Warehouse)
		pg.w.Line("    "+where, pg.t.QtyUnit(l.Qty, l.Unit))
	}
	pg.w.Rule()
	pg.barcode(d.BarcodeNo)
}

// date prints a day, or nothing for a date that is not set.
func date(t Text, tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	return t.Date(tm)
}
