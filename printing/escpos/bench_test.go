package escpos

import "testing"

// BenchmarkEncodeReceipt50Lines measures a whole 50-row receipt with its barcode and QR code; the
// target is 200 µs.
func BenchmarkEncodeReceipt50Lines(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		w := New(Paper80(CP858))
		writeReceipt(w, 50)
		if _, err := w.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}
