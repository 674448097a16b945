package escdecode

import (
	"fmt"
	"testing"
)

// receipt80 is a 50-row receipt for an 80 mm printer: header, rows, total, document barcode, QR
// code, cut.
func receipt80(tb testing.TB, rows int) []byte {
	tb.Helper()
	parts := []any{ESC + "@", ESC + "t", 19, ESC + "a", 1, GS + "!", 0x11, "Comptoir\n", GS + "!", 0, "12 rue de la Paix\n", ESC + "a", 0}
	for i := range rows {
		left := fmt.Sprintf("%d x Confiture de fraises n%c%d", i%3+1, 0xf8, i)
		right := fmt.Sprintf("%d,%02d ", i*3, i%100)
		parts = append(parts, left, fmt.Sprintf("%*s", 48-len(left)-len(right)-1, ""), right, 0xd5, "\n")
	}
	parts = append(parts,
		ESC+"E", 1, GS+"!", 0x10, "TOTAL           1234,50", 0xd5, "\n", GS+"!", 0, ESC+"E", 0,
		ESC+"a", 1, GS+"H", 2, GS+"h", 80, GS+"w", 3, GS+"k", 73, 12, "{C", 20, 25, 6, 12, 0, 1, 0, 0, 0, 42,
		GS+"(k", 3, 0, 49, 67, 8, GS+"(k", 3, 0, 49, 69, 49,
		GS+"(k", 50, 0, 49, 80, 48, "https://comptoir.example/r/20250612000100000042",
		GS+"(k", 3, 0, 49, 81, 48, ESC+"d", 3, GS+"V", 66, 0,
	)
	return stream(tb, parts...)
}

// BenchmarkDecodeRender50Lines measures what a print preview costs: decoding a 50-row receipt
// and rendering its image. The target is 50 ms.
func BenchmarkDecodeRender50Lines(b *testing.B) {
	data := receipt80(b, 50)
	if d := Decode(data, 576); len(d.Notes) > 0 {
		b.Fatalf("fixture misread: %v", d.Notes)
	}
	b.ReportAllocs()
	for b.Loop() {
		Render(Decode(data, 576))
	}
}
