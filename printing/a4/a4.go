// Package a4 prints documents on A4 sheets for back-room PCs: invoices, advance invoices,
// quotes, orders (and receipts and picking lists, the same way) as PDF, with the content of the
// receipt layouts, the same translated headings and the document's barcode. Text is set in the
// Go fonts embedded as UTF-8 TrueType, so French, Italian and Polish letters print as themselves.
package a4

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/printing/layout"
)

// Page geometry, millimetres.
const (
	margin   = 15.0
	width    = 210.0 - 2*margin // printable width
	lineH    = 5.0              // one line of body text
	footerAt = 287.0 - margin   // baseline band of the footer
	bottom   = 25.0             // room kept for the footer
	barcodeW = 62.0             // the document barcode, quiet zones included
	barcodeH = 13.0
)

const family = "go"

// Layouts lays documents out on A4 in one language.
type Layouts struct {
	t        layout.Text
	compress bool
}

// New returns the A4 layouts speaking through labels, printing dates in loc.
func New(labels layout.Labels, loc *time.Location) *Layouts {
	return &Layouts{t: layout.Text{L: labels, Loc: loc}, compress: true}
}

// Document returns the PDF of out: the document as its kind prints, or its picking list.
func (l *Layouts) Document(shop layout.Shop, out app.Printout) ([]byte, error) {
	d := &out.Document
	if !d.Kind.Valid() {
		return nil, fmt.Errorf("a4: no layout for kind %q", d.Kind)
	}
	totals, err := d.Totals()
	if err != nil {
		return nil, err
	}
	s := l.newSheet(d)
	title := l.t.Title(d.Kind)
	if out.Form == app.FormPicking {
		title = l.t.L("print.title.picking")
	}
	s.pdf.SetTitle(title+" "+d.Number, true)
	s.footer = strings.TrimSpace(title + " " + d.Number)
	s.pdf.AddPage()
	s.top(shop, title, out)
	if out.Form == app.FormPicking {
		s.pickingLines(d)
	} else {
		s.lines(d, totals)
		s.totals(d, totals)
		if d.Kind.Commercial() {
			s.payments(d.Payments)
		} else {
			s.orderPayments(out.PrintJob, totals)
		}
		if d.Kind == pos.KindReceipt {
			s.pdf.Ln(lineH)
			s.text(l.t.L("print.thanks"), "C")
		}
	}
	return s.output()
}

// TestPage returns an A4 test page: the printer's settings and the specimen receipt, laid out
// as every A4 document is.
func (l *Layouts) TestPage(st app.PrinterSettings) ([]byte, error) {
	doc := layout.Specimen()
	totals, err := doc.Totals()
	if err != nil {
		return nil, err
	}
	s := l.newSheet(&doc)
	s.footer = l.t.L("print.test.title")
	s.pdf.AddPage()
	s.font("B", 16)
	s.text(l.t.L("print.test.title"), "C")
	s.font("", 10)
	s.text(l.t.Field("print.test.connection", l.t.L("printer.kind."+string(st.Kind))+" "+st.Target), "L")
	s.text(l.t.Field("print.test.paper", l.t.L("printer.paper."+string(st.Paper))), "L")
	s.text(l.t.L("print.test.letters")+": Œuf crème brûlée · Perché così, caffè · Zażółć gęślą jaźń · 12,50 €", "L")
	s.font("B", 12)
	s.text("*** "+l.t.L("print.test.specimen")+" ***", "C")
	s.pdf.Ln(lineH)
	out := app.Printout{PrintJob: app.PrintJob{Document: doc}, Operator: "Anna Kowalska"}
	s.top(layout.ShopOf(st), l.t.Title(doc.Kind), out)
	s.lines(&doc, totals)
	s.totals(&doc, totals)
	s.payments(doc.Payments)
	return s.output()
}

// sheet is one PDF being written.
type sheet struct {
	l      *Layouts
	t      layout.Text
	pdf    *fpdf.Fpdf
	footer string
	images int
}

func (l *Layouts) newSheet(d *pos.Document) *sheet {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, bottom)
	pdf.SetCompression(l.compress)
	pdf.AddUTF8FontFromBytes(family, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(family, "B", gobold.TTF)
	pdf.SetCreator("Comptoir", false)
	pdf.SetCatalogSort(true) // fonts and images listed in order, not in map order
	// The document's own time, not the clock: the same document gives the same file.
	at := d.IssuedAt
	if at.IsZero() {
		at = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.AliasNbPages("{nb}")
	s := &sheet{l: l, t: l.t, pdf: pdf}
	pdf.SetFooterFunc(func() {
		pdf.SetY(footerAt)
		s.font("", 8)
		pdf.CellFormat(width/2, 4, clean(s.footer), "", 0, "L", false, 0, "")
		pdf.CellFormat(width/2, 4, fmt.Sprintf("%s %d/{nb}", s.t.L("print.page"), pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	return s
}

func (s *sheet) output() ([]byte, error) {
	var b bytes.Buffer
	if err := s.pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("a4: %w", err)
	}
	return b.Bytes(), nil
}

func (s *sheet) font(style string, size float64) { s.pdf.SetFont(family, style, size) }

// text prints a paragraph across the page, wrapped.
func (s *sheet) text(txt, align string) {
	s.pdf.MultiCell(width, lineH, clean(txt), "", align, false)
}

// top prints the shop and the copy mark on the left, the title, number, date and barcode on
// the right, then who buys and the document's particulars in two columns.
func (s *sheet) top(shop layout.Shop, title string, out app.Printout) {
	d := &out.Document
	pdf := s.pdf
	y0 := pdf.GetY()
	if out.Copy {
		s.font("B", 12)
		s.text("*** "+s.t.L("print.copy")+" ***", "C")
		y0 = pdf.GetY()
	}
	// Left: the shop.
	s.font("B", 14)
	pdf.SetXY(margin, y0)
	pdf.MultiCell(width/2, 6, clean(shop.Name), "", "L", false)
	s.font("", 10)
	for _, a := range shop.Address {
		pdf.SetX(margin)
		pdf.MultiCell(width/2, lineH, clean(a), "", "L", false)
	}
	yLeft := pdf.GetY()
	// Right: title, number, date, barcode.
	x := margin + width/2
	pdf.SetXY(x, y0)
	s.font("B", 16)
	pdf.MultiCell(width/2, 7, clean(title), "", "R", false)
	s.font("", 10)
	for _, f := range [][2]string{{"print.no", d.Number}, {"print.date", s.t.DateTime(d.IssuedAt)}} {
		if f[1] != "" {
			pdf.SetX(x)
			pdf.MultiCell(width/2, lineH, clean(s.t.Field(f[0], f[1])), "", "R", false)
		}
	}
	if err := s.barcode(d.BarcodeNo, margin+width-barcodeW, pdf.GetY()+1); err == nil {
		pdf.SetXY(x, pdf.GetY()+barcodeH+1)
		s.font("", 9)
		pdf.CellFormat(width/2, 4, string(d.BarcodeNo), "", 1, "R", false, 0, "")
	}
	pdf.SetY(max(yLeft, pdf.GetY()) + 4)

	// Who buys, and the particulars.
	y1 := pdf.GetY()
	var left []string
	c := out.Customer
	switch {
	case c != nil && c.Type == pos.CustomerUndefined && d.Kind == pos.KindReceipt:
	case c != nil:
		left = append(left, s.t.Field("print.customer", c.Name))
		if c.TaxID != "" {
			left = append(left, s.t.Field("print.tax_id", c.TaxID))
		}
		if len(c.Addresses) > 0 {
			a := c.Addresses[0]
			for _, line := range []string{a.Street, strings.TrimSpace(a.Postcode + " " + a.City), a.Country} {
				if line != "" {
					left = append(left, line)
				}
			}
		}
	case d.Kind != pos.KindReceipt && d.Customer != "":
		left = append(left, s.t.Field("print.customer", d.Customer))
	}
	if d.Recipient != "" {
		left = append(left, s.t.Field("print.recipient", d.Recipient))
	}
	var right []string
	field := func(key, value string) {
		if value != "" {
			right = append(right, s.t.Field(key, value))
		}
	}
	field("print.terminal", d.Terminal)
	field("print.operator", out.Operator)
	field("print.handled_by", d.HandledBy)
	if out.Form == app.FormPicking {
		field("print.order", d.Number)
	} else {
		field("print.order", d.OrderRef) // R-X2 on an unlinked document
	}
	field("print.reference", d.Reference)
	switch d.Kind {
	case pos.KindQuote:
		field("print.expiry_date", date(s.t, d.ExpiryDate))
		field("print.delivery_date", date(s.t, d.DeliveryDate))
		field("print.delivery_point", d.DeliveryPoint)
	case pos.KindOrder:
		field("print.delivery_date", date(s.t, d.DeliveryDate))
		field("print.delivery_point", d.DeliveryPoint)
	case pos.KindInvoice, pos.KindAdvanceInvoice:
		field("print.due_date", date(s.t, d.DueDate))
	}
	s.font("", 10)
	for i, line := range left {
		if i == 0 {
			s.font("B", 10)
		}
		pdf.SetX(margin)
		pdf.MultiCell(width/2-4, lineH, clean(line), "", "L", false)
		s.font("", 10)
	}
	yLeft = pdf.GetY()
	pdf.SetY(y1)
	for _, line := range right {
		pdf.SetX(margin + width/2)
		pdf.MultiCell(width/2, lineH, clean(line), "", "L", false)
	}
	pdf.SetY(max(yLeft, pdf.GetY()) + 4)
}

// barcode draws the document's number as a CODE128 barcode at x, y, with its quiet zones; an
// invalid number draws nothing.
func (s *sheet) barcode(n pos.DocNumber, x, y float64) error {
	if _, err := pos.ParseDocNumber(string(n)); err != nil {
		return err
	}
	img, err := BarcodeImage(n)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return err
	}
	s.images++
	name := fmt.Sprintf("barcode-%d", s.images)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	s.pdf.RegisterImageOptionsReader(name, opt, &b)
	s.pdf.ImageOptions(name, x, y, barcodeW, barcodeH, false, opt, 0, "")
	return s.pdf.Error()
}

// quiet is the blank margin of a 1D barcode, in modules, each side.
const quiet = 10

// BarcodeImage draws n as CODE128 with its quiet zones, three pixels per module: black bars on
// white, the picture the PDF embeds.
func BarcodeImage(n pos.DocNumber) (*image.Gray, error) {
	bc, err := code128.Encode(string(n))
	if err != nil {
		return nil, fmt.Errorf("a4: barcode %s: %w", n, err)
	}
	const unit, height = 3, 60
	modules := bc.Bounds().Dx()
	img := image.NewGray(image.Rect(0, 0, (modules+2*quiet)*unit, height))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for m := range modules {
		if !ink(bc, m) {
			continue
		}
		for x := (quiet + m) * unit; x < (quiet+m+1)*unit; x++ {
			for y := range height {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	return img, nil
}

func ink(bc barcode.Barcode, m int) bool {
	b := bc.Bounds()
	r, _, _, _ := bc.At(b.Min.X+m, b.Min.Y).RGBA()
	return r < 0x8000
}

// column is one column of a table.
type column struct {
	key   string
	w     float64
	align string
}

// row prints cells in cols, each text wrapped in its column, on a new page with the header
// again when it does not fit; it returns where the row starts.
func (s *sheet) row(cols []column, cells []string, bold bool, header func()) float64 {
	pdf := s.pdf
	style := ""
	if bold {
		style = "B"
	}
	s.font(style, 9)
	split := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		split[i] = pdf.SplitText(clean(c), cols[i].w)
		if len(split[i]) == 0 {
			split[i] = []string{""}
		}
		n = max(n, len(split[i]))
	}
	h := float64(n)*4.5 + 1.5
	_, pageH := pdf.GetPageSize()
	if header != nil && pdf.GetY()+h > pageH-bottom {
		pdf.AddPage()
		header()
		s.font(style, 9)
	}
	y := pdf.GetY()
	x := margin
	for i, c := range cols {
		for j, line := range split[i] {
			pdf.SetXY(x, y+0.75+float64(j)*4.5)
			pdf.CellFormat(c.w, 4.5, line, "", 0, c.align, false, 0, "")
		}
		x += c.w
	}
	pdf.SetY(y + h)
	if bold {
		pdf.Line(margin, pdf.GetY(), x, pdf.GetY())
	}
	return y
}

// header prints the columns' titles, underlined.
func (s *sheet) header(cols []column) {
	cells := make([]string, len(cols))
	for i, c := range cols {
		cells[i] = s.t.L(c.key)
	}
	s.row(cols, cells, true, nil)
}

// lines prints the document's lines as a table: number, name, quantity, unit price, discount,
// VAT rate, amount.
func (s *sheet) lines(d *pos.Document, totals pos.Totals) {
	cols := []column{
		{"print.col.no", 8, "R"}, {"print.col.item", 70, "L"}, {"print.col.qty", 22, "R"},
		{"print.col.price", 24, "R"}, {"print.col.discount", 18, "R"}, {"print.col.rate", 14, "R"},
		{"print.col.amount", 24, "R"},
	}
	header := func() { s.header(cols) }
	header()
	for i, l := range d.Lines {
		a := totals.Lines[i]
		discount := ""
		if a.Discount != 0 {
			discount = s.t.Percent(l.Discount)
		}
		if a.Markup != 0 {
			discount = strings.TrimSpace(discount + " +" + s.t.Percent(l.Markup))
		}
		s.row(cols, []string{
			fmt.Sprint(i + 1), s.t.LineName(d, l), s.t.QtyUnit(l.Qty, l.Unit), s.t.Money(l.Price), discount,
			s.t.Percent(l.VATRate), s.t.Money(a.Amount),
		}, false, header)
	}
	s.pdf.Line(margin, s.pdf.GetY(), margin+width, s.pdf.GetY())
	s.pdf.Ln(2)
	s.font("", 9)
	if d.VATMethod == pos.VATFromNet {
		s.text(s.t.L("print.prices_net"), "L")
	} else if d.Kind == pos.KindInvoice || d.Kind == pos.KindAdvanceInvoice {
		s.text(s.t.L("print.prices_gross"), "L")
	}
}

// totals prints the VAT per rate on the left and the totals on the right.
func (s *sheet) totals(d *pos.Document, t pos.Totals) {
	pdf := s.pdf
	s.keep(float64(len(t.Rates)+5) * lineH)
	y := pdf.GetY() + 2
	cols := []column{{"print.col.rate", 18, "R"}, {"print.col.net", 24, "R"}, {"print.col.vat", 22, "R"}, {"print.col.gross", 24, "R"}}
	pdf.SetY(y)
	s.header(cols)
	for _, r := range t.Rates {
		s.row(cols, []string{s.t.Percent(r.Rate), s.t.Money(r.Net), s.t.Money(r.VAT), s.t.Money(r.Gross)}, false, nil)
	}
	yVAT := pdf.GetY()

	pdf.SetY(y)
	x, w := margin+width-80, 80.0
	sum := func(key, value string, bold bool, size float64) {
		style := ""
		if bold {
			style = "B"
		}
		s.font(style, size)
		pdf.SetX(x)
		pdf.CellFormat(w-30, lineH+size/4, clean(s.t.L(key)), "", 0, "L", false, 0, "")
		pdf.CellFormat(30, lineH+size/4, value, "", 1, "R", false, 0, "")
	}
	if t.Discount != 0 {
		sum("print.total_discount", "-"+s.t.Money(t.Discount), false, 10)
	}
	if d.VATMethod == pos.VATFromNet {
		sum("print.total_net", s.t.Money(t.Net), false, 10)
		sum("print.total_vat", s.t.Money(t.VAT), false, 10)
	}
	sum("print.total", s.t.Money(t.Gross), true, 14)
	if t.Advances != 0 {
		sum("print.advances", "-"+s.t.Money(t.Advances), false, 10)
		sum("print.due", s.t.Money(t.Due), true, 12)
	}
	pdf.SetY(max(yVAT, pdf.GetY()) + 4)
}

// keep starts a new page unless h millimetres fit on this one.
func (s *sheet) keep(h float64) {
	_, pageH := s.pdf.GetPageSize()
	if s.pdf.GetY()+h > pageH-bottom {
		s.pdf.AddPage()
	}
}

func (s *sheet) payments(ps []pos.Payment) {
	if len(ps) == 0 {
		return
	}
	s.keep(float64(len(ps)+2) * lineH * 2)
	s.font("B", 10)
	s.text(s.t.L("print.payments"), "L")
	s.font("", 10)
	for _, p := range ps {
		s.pair(p.Label(), s.t.Money(p.Amount))
		if p.Tendered > p.Amount {
			s.pair("   "+s.t.L("print.tendered"), s.t.Money(p.Tendered))
			s.pair("   "+s.t.L("print.change"), s.t.Money(p.Tendered-p.Amount))
		}
	}
}

// pair prints a label and an amount in the left half of the page.
func (s *sheet) pair(label, value string) {
	s.pdf.SetX(margin)
	s.pdf.CellFormat(70, lineH, clean(label), "", 0, "L", false, 0, "")
	s.pdf.CellFormat(30, lineH, clean(value), "", 1, "R", false, 0, "")
}

// orderPayments is the payment section of a quote or an order: how it is to be paid and the
// advances paid for it (R-A3), with what remains.
func (s *sheet) orderPayments(job app.PrintJob, t pos.Totals) {
	d := &job.Document
	s.font("", 10)
	if method := job.MethodName(); method != "" {
		s.text(s.t.Field("print.payment_method", method), "L")
	}
	if d.PaymentStatus != "" {
		s.text(s.t.Field("print.payment_status", d.PaymentStatus), "L")
	}
	if len(job.Advances) == 0 && job.Collected == 0 {
		return
	}
	advances, remaining := job.Paid(t)
	s.keep(float64(len(job.Advances)+4) * lineH)
	if len(job.Advances) > 0 {
		s.font("B", 10)
		s.text(s.t.L("print.advances_paid"), "L")
		s.font("", 10)
		for _, a := range job.Advances {
			s.pair(a.Number+"  "+date(s.t, a.IssuedAt), s.t.Money(a.Amount))
		}
		s.pair(s.t.L("print.advances_total"), s.t.Money(advances))
	}
	if job.Collected != 0 {
		s.pair(s.t.L("print.collected"), s.t.Money(job.Collected))
	}
	s.font("B", 10)
	s.pair(s.t.L("print.remaining"), s.t.Money(remaining))
	s.font("", 10)
}

// pickingLines prints what to collect: each line with its code, warehouse, quantity and a box
// to tick.
func (s *sheet) pickingLines(d *pos.Document) {
	cols := []column{
		{"print.col.no", 8, "R"}, {"print.col.item", 80, "L"}, {"print.col.code", 24, "L"},
		{"print.col.warehouse", 28, "L"}, {"print.col.qty", 22, "R"}, {"print.col.picked", 18, "C"},
	}
	header := func() { s.header(cols) }
	header()
	for i, l := range d.Lines {
		y := s.row(cols, []string{fmt.Sprint(i + 1), l.Name, l.ProductCode, l.Warehouse, s.t.QtyUnit(l.Qty, l.Unit), ""}, false, header)
		s.pdf.Rect(margin+width-18/2-2.5, y+0.75, 4.5, 4.5, "D")
	}
	s.pdf.Line(margin, s.pdf.GetY(), margin+width, s.pdf.GetY())
}

// clean drops control characters from user text: a PDF would show them as boxes.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r == unicode.ReplacementChar:
			return '?' // as on receipts: a byte that is not UTF-8 shows, it does not vanish
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

func date(t layout.Text, tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	return t.Date(tm)
}
