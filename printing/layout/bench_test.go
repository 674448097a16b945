package layout_test

import (
	"testing"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/printing/escdecode"
	"github.com/comptoir/comptoir/printing/internal/sample"
	"github.com/comptoir/comptoir/printing/layout"
)

// receipt50 is the sample receipt with 50 lines, cycling through its four kinds of line
// (wrapped name, discount, weighed item, several units).
func receipt50(tb testing.TB) sample.Job {
	tb.Helper()
	job := sample.Jobs()[0]
	d := &job.Out.Document
	base := d.Lines
	d.Lines = make([]pos.Line, 50)
	for i := range d.Lines {
		d.Lines[i] = base[i%len(base)]
		d.Lines[i].No = i + 1
	}
	t, err := d.Totals()
	if err != nil {
		tb.Fatal(err)
	}
	d.Payments = []pos.Payment{{Method: "CASH", Amount: t.Gross, Tendered: t.Gross + 1000}}
	return job
}

// BenchmarkLayoutReceipt50Lines lays a 50-line receipt out on 80 mm paper, from the document
// to the ESC/POS bytes: totals, translated headings, wrapping, encoding. The target is 200 µs.
func BenchmarkLayoutReceipt50Lines(b *testing.B) {
	job := receipt50(b)
	l := layout.New(sample.NewLabels(b, "fr").L, paris)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Document(en80.profile, layout.Shop{Name: "Magasin XYZ"}, job.Out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreviewReceipt50Lines decodes that receipt's bytes and renders the preview's
// picture, barcode included. The target is 50 ms.
func BenchmarkPreviewReceipt50Lines(b *testing.B) {
	job := receipt50(b)
	data, err := layout.New(sample.NewLabels(b, "fr").L, paris).Document(en80.profile, layout.Shop{Name: "Magasin XYZ"}, job.Out)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		escdecode.Render(escdecode.Decode(data, en80.profile.DotWidth))
	}
}
