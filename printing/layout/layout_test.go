package layout_test

import (
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/printing/escdecode"
	"github.com/comptoir/comptoir/printing/escpos"
	"github.com/comptoir/comptoir/printing/internal/sample"
	"github.com/comptoir/comptoir/printing/layout"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// paris is the shop's time zone: 09:30 UTC prints as 10:30 in March.
var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// printer is a paper width, a code page and the language the till speaks.
type printer struct {
	name    string
	profile escpos.Profile
	paper   app.Paper
	lang    string
}

var (
	en58 = printer{"58", escpos.Paper58(escpos.CP858), app.Paper58, "en"}
	en80 = printer{"80", escpos.Paper80(escpos.CP858), app.Paper80, "en"}
	fr80 = printer{"80-fr", escpos.Paper80(escpos.CP1252), app.Paper80, "fr"}
	it58 = printer{"58-it", escpos.Paper58(escpos.CP858), app.Paper58, "it"}
	pl80 = printer{"80-pl", escpos.Paper80(escpos.CP852), app.Paper80, "pl"}
)

// printed is a job laid out, with what it takes to check it.
type printed struct {
	job    sample.Job
	p      printer
	labels *sample.Labels
	data   []byte
	doc    *escdecode.Document
}

func lay(tb testing.TB, job sample.Job, p printer) printed {
	tb.Helper()
	labels := sample.NewLabels(tb, p.lang)
	s := sample.Settings(p.paper, p.profile.CodePage.Name)
	data, err := layout.New(labels.L, paris).Document(p.profile, layout.ShopOf(s), job.Out)
	require.NoError(tb, err)
	require.Empty(tb, labels.Missing(), "keys without a %s translation", p.lang)
	d := escdecode.Decode(data, p.profile.DotWidth)
	require.Empty(tb, d.Notes, "the decoder understood every command")
	return printed{job: job, p: p, labels: labels, data: data, doc: d}
}

func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(tb, os.MkdirAll("testdata", 0o755))
		require.NoError(tb, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(tb, err, "run go test -update to create it")
	assert.Equal(tb, string(want), string(got), "%s differs: review the change, then go test -update", name)
}

// TestGoldenBytes keeps the exact bytes of every layout at both widths, with their decoded
// text beside them for review; other languages and code pages for the receipt and the order.
func TestGoldenBytes(t *testing.T) {
	for _, job := range sample.Jobs() {
		printers := []printer{en58, en80}
		if job.Name == "receipt" || job.Name == "order" {
			printers = append(printers, fr80, it58, pl80)
		}
		for _, p := range printers {
			t.Run(job.Name+"-"+p.name, func(t *testing.T) {
				pr := lay(t, job, p)
				golden(t, job.Name+"-"+p.name+".hex", []byte(hex.Dump(pr.data)))
				golden(t, job.Name+"-"+p.name+".txt", []byte(pr.doc.Text()))
				keepPicture(t, job.Name+"-"+p.name, pr.doc)
			})
		}
	}
	for _, p := range []printer{en58, en80, pl80} {
		t.Run("testpage-"+p.name, func(t *testing.T) {
			data := testPage(t, p, false)
			golden(t, "testpage-"+p.name+".hex", []byte(hex.Dump(data)))
			d := escdecode.Decode(data, p.profile.DotWidth)
			golden(t, "testpage-"+p.name+".txt", []byte(d.Text()))
			keepPicture(t, "testpage-"+p.name, d)
		})
	}
}

// keepPicture writes the rendered paper to $COMPTOIR_PRINT_DIR, when set, to look at:
// COMPTOIR_PRINT_DIR=/tmp/prints go test -run Golden ./printing/layout.
func keepPicture(tb testing.TB, name string, d *escdecode.Document) {
	tb.Helper()
	dir := os.Getenv("COMPTOIR_PRINT_DIR")
	if dir == "" {
		return
	}
	require.NoError(tb, os.MkdirAll(dir, 0o755))
	f, err := os.Create(filepath.Join(dir, name+".png"))
	require.NoError(tb, err)
	defer f.Close()
	require.NoError(tb, png.Encode(f, escdecode.Render(d)))
}

func testPage(tb testing.TB, p printer, drawer bool) []byte {
	tb.Helper()
	labels := sample.NewLabels(tb, p.lang)
	s := sample.Settings(p.paper, p.profile.CodePage.Name)
	s.Drawer = drawer
	data, err := layout.New(labels.L, paris).TestPage(p.profile, s)
	require.NoError(tb, err)
	require.Empty(tb, labels.Missing())
	return data
}

// shown is text as the printer shows it: through the code page, with its transliterations.
func shown(tb testing.TB, p escpos.Profile, s string) string {
	tb.Helper()
	w := escpos.New(p)
	w.Init()
	w.Text(s)
	b, err := w.Bytes()
	require.NoError(tb, err)
	// Decoded on paper wide enough that nothing wraps.
	return strings.TrimSuffix(escdecode.Decode(b, 4096).Text(), "\n")
}

// flat is the decoded text with every run of spaces and line breaks made one space, so that a
// name wrapped over lines reads as it was written.
func flat(d *escdecode.Document) string { return strings.Join(strings.Fields(d.Text()), " ") }

// lines returns the decoded text lines.
func lines(d *escdecode.Document) []escdecode.TextLine {
	var out []escdecode.TextLine
	for _, it := range d.Items {
		if l, ok := it.(escdecode.TextLine); ok {
			out = append(out, l)
		}
	}
	return out
}

// row finds the line made of left, spaces, right.
func row(tb testing.TB, d *escdecode.Document, left, right string) escdecode.TextLine {
	tb.Helper()
	for _, l := range lines(d) {
		s := l.String()
		if strings.HasPrefix(s, left) && strings.HasSuffix(s, right) && strings.TrimSpace(s[len(left):len(s)-len(right)]) == "" {
			return l
		}
	}
	require.Failf(tb, "row not found", "%q … %q in\n%s", left, right, d.Text())
	return escdecode.TextLine{}
}

// scan reads the barcodes of one reader from the rendered paper.
func scan(tb testing.TB, reader gozxing.Reader, img image.Image) string {
	tb.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	require.NoError(tb, err)
	res, err := reader.Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	require.NoError(tb, err)
	return res.GetText()
}

// barcodeArea crops the rendered paper around the first barcode, as a cashier aims a scanner at
// it rather than at the whole receipt.
func barcodeArea(tb testing.TB, d *escdecode.Document, sym escdecode.Symbology) image.Image {
	tb.Helper()
	// Render the barcode alone, as it sits on the paper: same width, same module and height.
	for _, it := range d.Items {
		if b, ok := it.(escdecode.Barcode); ok && b.Symbology == sym {
			return escdecode.Render(&escdecode.Document{DotWidth: d.DotWidth, Items: []escdecode.Item{b}})
		}
	}
	require.Failf(tb, "no barcode", "%s in\n%s", sym, d.Text())
	return nil
}

func TestDocumentsReadBack(t *testing.T) {
	for _, job := range sample.Jobs() {
		for _, p := range []printer{en58, en80, fr80, it58, pl80} {
			t.Run(job.Name+"-"+p.name, func(t *testing.T) {
				pr := lay(t, job, p)
				checkReadsBack(t, pr)
			})
		}
	}
}

func checkReadsBack(t *testing.T, pr printed) {
	d := &pr.job.Out.Document
	L := pr.labels.L
	txt := layout.Text{L: L, Loc: paris}
	text := flat(pr.doc)
	prof := pr.p.profile

	title := txt.Title(d.Kind)
	number := d.Number
	if pr.job.Out.Form == app.FormPicking {
		title = L("print.title.picking")
		number = "" // printed as the order's number below
		assert.Contains(t, text, shown(t, prof, L("print.order")+" "+d.Number))
	}
	assert.Contains(t, text, shown(t, prof, title))
	if number != "" {
		assert.Contains(t, text, shown(t, prof, L("print.no")+" "+number))
	}
	assert.Contains(t, text, shown(t, prof, txt.DateTime(d.IssuedAt)))
	assert.Contains(t, text, "Magasin XYZ")
	assert.Contains(t, text, "67000 Strasbourg")

	totals, err := d.Totals()
	require.NoError(t, err)
	for i, l := range d.Lines {
		assert.Contains(t, text, shown(t, prof, txt.LineName(d, l)), "line %d", i+1)
		if pr.job.Out.Form == app.FormPicking {
			assert.Contains(t, text, "[ ] "+shown(t, prof, l.Name))
			assert.Contains(t, text, txt.QtyUnit(l.Qty, l.Unit))
			assert.NotContains(t, text, txt.Money(totals.Lines[i].Amount), "a picking list shows no prices")
			continue
		}
		a := totals.Lines[i]
		if l.Qty == pos.Units(1) && a.Discount == 0 {
			assert.Contains(t, text, shown(t, prof, txt.LineName(d, l))+" "+txt.Money(a.Amount))
			continue
		}
		row(t, pr.doc, "  "+txt.QtyUnit(l.Qty, l.Unit)+" x "+txt.Money(l.Price), txt.Money(a.Base))
		if a.Discount != 0 {
			row(t, pr.doc, "  "+shown(t, prof, L("print.discount"))+" "+txt.Percent(l.Discount), "-"+txt.Money(a.Discount))
		}
	}
	if pr.job.Out.Form == app.FormPicking {
		checkBarcode(t, pr, d.BarcodeNo)
		return
	}

	// The grand total, large and bold, is the document's own.
	total := row(t, pr.doc, shown(t, prof, L("print.total")), txt.Money(totals.Gross))
	require.Len(t, total.Spans, 1)
	assert.True(t, total.Spans[0].Bold)
	assert.Equal(t, 2, total.Spans[0].Width)
	// One row per VAT rate with its net, VAT and gross, as the totals have them.
	for _, r := range totals.Rates {
		found := false
		for _, l := range lines(pr.doc) {
			f := strings.Fields(l.String())
			if len(f) == 4 && f[0] == txt.Percent(r.Rate) {
				assert.Equal(t, []string{txt.Money(r.Net), txt.Money(r.VAT), txt.Money(r.Gross)}, f[1:], "rate %s", r.Rate)
				found = true
			}
		}
		assert.True(t, found, "a row for rate %s in\n%s", r.Rate, pr.doc.Text())
	}
	if d.VATMethod == pos.VATFromNet {
		row(t, pr.doc, shown(t, prof, L("print.total_net")), txt.Money(totals.Net))
		row(t, pr.doc, shown(t, prof, L("print.total_vat")), txt.Money(totals.VAT))
	}
	if totals.Advances != 0 {
		row(t, pr.doc, shown(t, prof, L("print.advances")), "-"+txt.Money(totals.Advances))
		row(t, pr.doc, shown(t, prof, L("print.due")), txt.Money(totals.Due))
	}
	for _, p := range d.Payments {
		row(t, pr.doc, shown(t, prof, p.Label()), txt.Money(p.Amount))
		if p.Tendered > p.Amount {
			row(t, pr.doc, "  "+shown(t, prof, L("print.tendered")), txt.Money(p.Tendered))
			row(t, pr.doc, "  "+shown(t, prof, L("print.change")), txt.Money(p.Tendered-p.Amount))
		}
	}
	if job := pr.job.Out.PrintJob; len(job.Advances) > 0 || job.Collected != 0 {
		var sum pos.Money
		for _, a := range job.Advances {
			assert.Contains(t, text, a.Number+" "+txt.Date(a.IssuedAt))
			sum += a.Amount
		}
		row(t, pr.doc, shown(t, prof, L("print.advances_total")), txt.Money(sum))
		row(t, pr.doc, shown(t, prof, L("print.collected")), txt.Money(job.Collected))
		row(t, pr.doc, shown(t, prof, L("print.remaining")), txt.Money(totals.Gross-sum-job.Collected))
		assert.Contains(t, text, shown(t, prof, L("print.payment_method")+" "+job.PaymentMethod))
	}
	if d.Unlinked() {
		// R-X2: "Order: <number>", in the till's language.
		row(t, pr.doc, shown(t, prof, L("print.order")+" "+d.OrderRef), "")
	}
	if pr.job.Out.Copy {
		assert.Equal(t, "*** "+shown(t, prof, L("print.copy"))+" ***", lines(pr.doc)[0].String())
	}
	kicks := 0
	for _, it := range pr.doc.Items {
		if _, ok := it.(escdecode.DrawerKick); ok {
			kicks++
		}
	}
	if pr.job.Out.Kick {
		assert.IsType(t, escdecode.DrawerKick{}, pr.doc.Items[0], "the drawer opens first")
		assert.Equal(t, 1, kicks)
	} else {
		assert.Zero(t, kicks)
	}
	assert.Equal(t, escdecode.Cut{Partial: true}, pr.doc.Items[len(pr.doc.Items)-1])
	checkBarcode(t, pr, d.BarcodeNo)
}

// checkBarcode finds the document number as a CODE128 barcode and scans it off the paper.
func checkBarcode(t *testing.T, pr printed, n pos.DocNumber) {
	var codes []escdecode.Barcode
	for _, it := range pr.doc.Items {
		if b, ok := it.(escdecode.Barcode); ok {
			codes = append(codes, b)
		}
	}
	require.Len(t, codes, 1)
	assert.Equal(t, escdecode.Code128, codes[0].Symbology)
	assert.Equal(t, string(n), codes[0].Data)
	assert.Equal(t, escdecode.HRIBelow, codes[0].HRI, "the digits are printed for typing when a scanner fails")
	assert.Equal(t, string(n), scan(t, oned.NewCode128Reader(), barcodeArea(t, pr.doc, escdecode.Code128)))
}

// TestWholeReceiptScans aims the barcode reader at the whole rendered receipt, text and all, as
// the preview shows it.
func TestWholeReceiptScans(t *testing.T) {
	for _, p := range []printer{en58, en80} {
		pr := lay(t, sample.Jobs()[0], p)
		img := escdecode.Render(pr.doc)
		assert.Equal(t, string(pr.job.Out.Document.BarcodeNo), scan(t, oned.NewCode128Reader(), img), p.name)
	}
}

func TestTestPageReadsBack(t *testing.T) {
	for _, p := range []printer{en58, en80, pl80} {
		t.Run(p.name, func(t *testing.T) {
			data := testPage(t, p, true)
			d := escdecode.Decode(data, p.profile.DotWidth)
			require.Empty(t, d.Notes)
			assert.IsType(t, escdecode.DrawerKick{}, d.Items[0], "the drawer is tested too")
			text := d.Text()
			labels := sample.NewLabels(t, p.lang)
			assert.Contains(t, text, shown(t, p.profile, labels.L("print.test.title")))
			assert.Contains(t, text, "\n"+strings.Repeat("1234567890", 5)[:p.profile.Columns]+"\n", "a ruler across the paper")
			assert.Contains(t, text, "PL: "+shown(t, p.profile, "Zażółć gęślą jaźń"))
			if p.profile.CodePage.Name == "CP852" {
				assert.Contains(t, text, "PL: Zażółć gęślą jaźń", "Polish letters print as themselves on CP852")
			}
			assert.Equal(t, layout.SpecimenEAN, scan(t, oned.NewEAN13Reader(), barcodeArea(t, d, escdecode.EAN13)))
			specimen := layout.Specimen()
			assert.Equal(t, string(specimen.BarcodeNo), scan(t, oned.NewCode128Reader(), barcodeArea(t, d, escdecode.Code128)))
			var qr escdecode.QRCode
			for _, it := range d.Items {
				if q, ok := it.(escdecode.QRCode); ok {
					qr = q
				}
			}
			require.NotEmpty(t, qr.Data)
			img := escdecode.Render(&escdecode.Document{DotWidth: d.DotWidth, Items: []escdecode.Item{qr}})
			assert.Equal(t, qr.Data, scan(t, qrcode.NewQRCodeReader(), img))
			// The specimen adds up as a document does.
			totals, err := specimen.Totals()
			require.NoError(t, err)
			assert.Equal(t, totals.Gross, specimen.Payments[0].Amount)
			txt := layout.Text{L: labels.L, Loc: paris}
			assert.Contains(t, flat(d), shown(t, p.profile, labels.L("print.total"))+" "+txt.Money(totals.Gross))
		})
	}
}

// TestEveryLabelIsTranslated lays every document out and checks each key asked for exists in
// the four languages, so no heading prints as its key.
func TestEveryLabelIsTranslated(t *testing.T) {
	labels := sample.NewLabels(t, "en")
	l := layout.New(labels.L, paris)
	for _, job := range sample.Jobs() {
		_, err := l.Document(en80.profile, layout.Shop{Name: "X"}, job.Out)
		require.NoError(t, err)
	}
	for _, kind := range app.PrinterKinds {
		for _, paper := range []app.Paper{app.Paper58, app.Paper80} {
			_, err := l.TestPage(en80.profile, app.PrinterSettings{Kind: kind, Paper: paper, Target: "x", CodePage: "CP858", Drawer: true})
			require.NoError(t, err)
			_, err = l.TestPage(en80.profile, app.PrinterSettings{Kind: kind, Paper: paper, Target: "x", CodePage: "CP858"})
			require.NoError(t, err)
		}
	}
	require.NotEmpty(t, labels.Used())
	for _, lang := range []string{"fr", "it", "en", "pl"} {
		for _, key := range labels.Used() {
			assert.True(t, sample.Has(t, lang, key), "%s lacks %s", lang, key)
		}
	}
}

// TestUserTextStaysText puts printer commands in every text a person or the ERP fills in: none
// reaches the printer as a command (R-PR4).
func TestUserTextStaysText(t *testing.T) {
	evil := "A\x1b@\x1dV\x00\x1bp\x00\x19\xfa\x10\x04\x01\x7f\u0085B"
	job := sample.Jobs()[2] // the invoice, with a customer
	d := &job.Out.Document
	d.Lines[0].Name = "Vin " + evil
	d.Reference, d.Recipient, d.HandledBy = evil, evil, evil
	c := *job.Out.Customer
	c.Name, c.TaxID = evil, evil
	c.Addresses = []pos.Address{{Street: evil, City: evil}}
	job.Out.Customer = &c
	job.Out.Operator = evil
	d.Payments[0].Method = evil
	for _, p := range []printer{en58, en80} {
		pr := lay(t, job, p)
		kinds := map[string]int{}
		for _, it := range pr.doc.Items {
			kinds[fmt.Sprintf("%T", it)]++
		}
		assert.Equal(t, map[string]int{"escdecode.TextLine": kinds["escdecode.TextLine"], "escdecode.Feed": 1,
			"escdecode.Barcode": 1, "escdecode.Cut": 1}, kinds, "nothing but text, the barcode, a feed and the cut")
		// U+0085 is a line break: it becomes a space, as tabs and line feeds do.
		assert.Contains(t, pr.doc.Text(), "Vin A@Vp? B")
	}
}

func TestUnknownKindIsRefused(t *testing.T) {
	job := sample.Jobs()[0]
	job.Out.Document.Kind = "X"
	_, err := layout.New(sample.NewLabels(t, "en").L, paris).Document(en58.profile, layout.Shop{}, job.Out)
	assert.Error(t, err)
}

func TestWrap(t *testing.T) {
	assert.Nil(t, layout.Wrap("", 10))
	assert.Nil(t, layout.Wrap("   ", 10))
	assert.Equal(t, []string{"Batteur", "électrique", "Bosch"}, layout.Wrap("Batteur électrique Bosch", 10))
	assert.Equal(t, []string{"Batteur électrique", "Bosch"}, layout.Wrap("Batteur  électrique\tBosch", 18))
	assert.Equal(t, []string{"Zażółćgęśl", "ąjaźń x"}, layout.Wrap("Zażółćgęśląjaźń x", 10), "a word longer than the line is cut")
	assert.Equal(t, []string{"a"}, layout.Wrap("a", 0))
}
