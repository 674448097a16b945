package layout

import (
	"strconv"
	"strings"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/printing/escpos"
)

// TestPage returns the test page of the printer described by s, for profile p: the settings
// as the till has them, a column ruler, the letters of the shop's languages in the printer's
// code page, bold and large type, barcodes, and a specimen receipt, so that whoever sets up a
// printer sees at once whether the paper, the code page and the cutter are right, and what a
// customer will be handed. A printer with a drawer opens it too.
func (l *Layouts) TestPage(p escpos.Profile, s app.PrinterSettings) ([]byte, error) {
	pg := l.newPage(p)
	if s.Drawer {
		pg.w.Kick(escpos.DrawerPin2)
	}
	shop := ShopOf(s)
	pg.top(shop, pg.t.L("print.test.title"), false)
	pg.blank()
	pg.field("print.test.connection", pg.t.L("printer.kind."+string(s.Kind)))
	pg.text(s.Target)
	pg.field("print.test.paper", pg.t.L("printer.paper."+string(s.Paper)))
	pg.field("print.test.code_page", s.CodePage)
	drawer := "print.test.no"
	if s.Drawer {
		drawer = "print.test.yes"
	}
	pg.field("print.test.drawer", pg.t.L(drawer))

	pg.w.Rule()
	pg.heading(pg.t.Field("print.test.columns", strconv.Itoa(pg.cols)))
	pg.w.Text(ruler(pg.cols))
	pg.w.Rule()
	pg.heading(pg.t.L("print.test.letters"))
	for _, s := range specimenLetters {
		pg.text(s)
	}
	pg.w.Bold(true)
	pg.text(pg.t.L("print.test.bold"))
	pg.w.Bold(false)
	pg.w.Size(2, 2)
	pg.w.Text(pg.t.L("print.test.large"))
	pg.w.Size(1, 1)
	pg.w.Rule()
	pg.heading(pg.t.L("print.test.barcodes"))
	pg.w.Align(escpos.AlignCenter)
	pg.w.HRI(escpos.HRIBelow)
	pg.w.EAN13(SpecimenEAN)
	pg.blank()
	pg.w.QR("Comptoir " + s.CodePage + " " + string(s.Paper))
	pg.w.Align(escpos.AlignLeft)
	pg.blank()

	pg.w.Rule()
	mark := "*** " + pg.t.L("print.test.specimen") + " ***"
	pg.w.Align(escpos.AlignCenter)
	pg.heading(mark)
	pg.w.Align(escpos.AlignLeft)
	pg.blank()
	doc := Specimen()
	totals, err := doc.Totals()
	if err != nil {
		return nil, err
	}
	pg.document(shop, app.Printout{PrintJob: app.PrintJob{Document: doc}, Operator: "Anna Kowalska"}, totals)
	pg.blank()
	pg.w.Align(escpos.AlignCenter)
	pg.heading(mark)
	pg.w.Align(escpos.AlignLeft)
	pg.end()
	return pg.w.Bytes()
}

// SpecimenEAN is the EAN-13 the test page prints (GS1's own example number).
const SpecimenEAN = "5901234123457"

// specimenLetters are the accented letters of French, Italian and Polish, and the euro sign.
var specimenLetters = []string{
	"FR: Œuf, crème brûlée, garçon, à côté",
	"IT: Perché così, caffè, città, più",
	"PL: Zażółć gęślą jaźń, ŁÓDŹ",
	"12,50 €",
}

// ruler is 1234567890123… across the paper, to count the columns that print.
func ruler(cols int) string {
	var b strings.Builder
	for i := 1; i <= cols; i++ {
		b.WriteByte(byte('0' + i%10))
	}
	return b.String()
}

// Specimen is the receipt the test page ends with: four lines in three languages, two VAT
// rates, a discount, a weighed item and change given.
func Specimen() pos.Document {
	n, err := pos.NewDocNumber(pos.KindReceipt, 1, 42)
	if err != nil {
		panic(err) // constant arguments: cannot happen
	}
	return pos.Document{
		ID: "specimen", Kind: pos.KindReceipt, Number: "R/42/2026/TEST", BarcodeNo: n,
		Status: pos.StatusConfirmed, Terminal: "TEST", Operator: "ANNA", Customer: "UNDEF",
		VATMethod: pos.VATFromGross,
		IssuedAt:  time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC),
		Lines: []pos.Line{
			{No: 1, ProductCode: "P0001", Name: "Œufs frais de plein air x6", Unit: "pcs", Qty: pos.Units(2), Price: 320, VATRate: 550},
			{No: 2, ProductCode: "P0002", Name: "Caffè macinato 250 g", Unit: "pcs", Qty: pos.Units(1), Price: 490, VATRate: 2000},
			{No: 3, ProductCode: "P0003", Name: "Żurek łódzki 0,5 l", Unit: "pcs", Qty: pos.Units(1), Price: 299, Discount: 1000, VATRate: 2000},
			{No: 4, ProductCode: "P0004", Name: "Pommes Golden", Unit: "kg", Qty: 9814, Price: 249, VATRate: 550},
		},
		Payments: []pos.Payment{{Method: "Cash", Amount: 1643, Tendered: 2000}},
	}
}
