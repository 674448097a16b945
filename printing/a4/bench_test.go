package a4_test

import (
	"testing"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/printing/a4"
	"github.com/comptoir/comptoir/printing/internal/sample"
	"github.com/comptoir/comptoir/printing/layout"
)

// BenchmarkInvoicePDF lays the sample invoice out as an A4 PDF: fonts subset and embedded,
// barcode drawn, page contents compressed.
func BenchmarkInvoicePDF(b *testing.B) {
	l := a4.New(sample.NewLabels(b, "fr").L, paris)
	job := sample.Jobs()[2]
	shop := layout.ShopOf(sample.Settings(app.PaperA4, "CP858"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Document(shop, job.Out); err != nil {
			b.Fatal(err)
		}
	}
}
