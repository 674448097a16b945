package escpos

import (
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// writeReceipt lays out a receipt with n article rows the way a layout will drive the Writer.
func writeReceipt(w *Writer, n int) {
	w.Init()
	w.Align(AlignCenter)
	w.Size(2, 2)
	w.Text("Comptoir")
	w.Size(1, 1)
	w.Text("12 rue de la Paix, Kraków")
	w.Align(AlignLeft)
	w.Rule()
	for i := range n {
		w.Line(fmt.Sprintf("%d x Œuf crème brûlée n°%d", i%3+1, i), fmt.Sprintf("%d,%02d €", i*3, i%100))
	}
	w.Rule()
	w.Bold(true)
	w.Size(2, 1)
	w.Line("TOTAL", "1 234,50 €")
	w.Size(1, 1)
	w.Bold(false)
	w.Feed(1)
	w.Align(AlignCenter)
	w.Barcode128C("20250612000100000042")
	w.QR("https://comptoir.example/r/20250612000100000042")
	w.Feed(3)
	w.PartialCut()
	w.Kick(DrawerPin2)
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
	assert.Equal(tb, string(want), string(got))
}

func TestReceiptGolden(t *testing.T) {
	w := New(Paper58(CP858))
	writeReceipt(w, 3)
	b, err := w.Bytes()
	require.NoError(t, err)
	golden(t, "receipt58.hex", []byte(hex.Dump(b)))
}

func TestCommandBytes(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *Writer)
		want  []byte
	}{
		{"init selects the code page", (*Writer).Init, []byte{esc, '@', esc, 't', 19}},
		{"bold on", func(w *Writer) { w.Bold(true) }, []byte{esc, 'E', 1}},
		{"bold off", func(w *Writer) { w.Bold(false) }, []byte{esc, 'E', 0}},
		{"double width and height", func(w *Writer) { w.Size(2, 2) }, []byte{gs, '!', 0x11}},
		{"triple width", func(w *Writer) { w.Size(3, 1) }, []byte{gs, '!', 0x20}},
		{"align right", func(w *Writer) { w.Align(AlignRight) }, []byte{esc, 'a', 2}},
		{"feed", func(w *Writer) { w.Feed(4) }, []byte{esc, 'd', 4}},
		{"full cut", (*Writer).Cut, []byte{gs, 'V', 65, 0}},
		{"partial cut", (*Writer).PartialCut, []byte{gs, 'V', 66, 0}},
		{"drawer on pin 5", func(w *Writer) { w.Kick(DrawerPin5) }, []byte{esc, 'p', 1, 25, 250}},
		{"text", func(w *Writer) { w.Text("Ciao") }, []byte("Ciao\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New(Paper58(CP858))
			tt.write(w)
			b, err := w.Bytes()
			require.NoError(t, err)
			assert.Equal(t, tt.want, b)
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct {
		name        string
		width       int
		left, right string
		want        string
	}{
		{"padded to the paper", 1, "Pain", "1,20 €", "Pain" + spaces(32-4-6) + "1,20 \xd5\n"},
		{"half the columns at double width", 2, "TOTAL", "9,99", "TOTAL" + spaces(16-5-4) + "9,99\n"},
		{"right only", 1, "", "42", spaces(30) + "42\n"},
		{"left only", 1, "Merci", "", "Merci" + spaces(27) + "\n"},
		{"exactly full keeps one space", 1, "Baguette tradition de la maison", "1", "Baguette tradition de la maison" + "\n" + spaces(31) + "1\n"},
		{"too long moves the amount down", 1, "Confiture de fraises bio 370 g extra", "12,00", "Confiture de fraises bio 370 g extra\n" + spaces(27) + "12,00\n"},
		{"amount longer than the paper", 1, "x", "0123456789012345678901234567890123", "x\n0123456789012345678901234567890123\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New(Paper58(CP858))
			w.Size(tt.width, 1)
			w.Line(tt.left, tt.right)
			b, err := w.Bytes()
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(b[3:]))
		})
	}
}

func TestRuleFillsTheLineAtTheCurrentWidth(t *testing.T) {
	w := New(Paper80(CP1252))
	w.Rule()
	w.Size(2, 1)
	w.Rule()
	w.Init() // a reset returns to single width
	w.Rule()
	b, err := w.Bytes()
	require.NoError(t, err)
	want := dashes(48) + "\x1d!\x10" + dashes(24) + "\x1b@\x1bt\x10" + dashes(48)
	assert.Equal(t, want, string(b))
}

func TestErrorsAreStickyAndReported(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *Writer)
	}{
		{"size out of range", func(w *Writer) { w.Size(9, 1) }},
		{"size zero", func(w *Writer) { w.Size(1, 0) }},
		{"feed too long", func(w *Writer) { w.Feed(256) }},
		{"unknown alignment", func(w *Writer) { w.Align(7) }},
		{"unknown drawer pin", func(w *Writer) { w.Kick(3) }},
		{"unknown HRI position", func(w *Writer) { w.HRI(9) }},
		{"EAN-13 with letters", func(w *Writer) { w.EAN13("59012341234A") }},
		{"EAN-13 with a wrong check digit", func(w *Writer) { w.EAN13("5901234123458") }},
		{"EAN-13 too short", func(w *Writer) { w.EAN13("12345") }},
		{"CODE128 C with an odd count", func(w *Writer) { w.Barcode128C("123") }},
		{"CODE128 C with letters", func(w *Writer) { w.Barcode128C("12AB") }},
		{"CODE128 C empty", func(w *Writer) { w.Barcode128C("") }},
		{"QR empty", func(w *Writer) { w.QR("") }},
		{"QR beyond version 40", func(w *Writer) { w.QR(string(make([]byte, 2332))) }},
		{"empty image", func(w *Writer) { w.Image(image.NewGray(image.Rect(0, 0, 0, 5))) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New(Paper58(CP858))
			w.Text("before")
			tt.write(w)
			first := w.Err()
			require.Error(t, first)
			w.Text("after")
			w.Size(20, 20)
			assert.Equal(t, first, w.Err(), "the first error is kept")
			b, err := w.Bytes()
			assert.Nil(t, b)
			assert.Equal(t, first, err)
		})
	}
}

func TestIncompleteProfileIsAnError(t *testing.T) {
	w := New(Profile{Columns: 32, DotWidth: 384})
	w.Text("x")
	_, err := w.Bytes()
	assert.ErrorContains(t, err, "incomplete profile")
}

func TestBarcodeBytes(t *testing.T) {
	t.Run("EAN-13 computes the check digit", func(t *testing.T) {
		w := New(Paper58(CP858))
		w.EAN13("590123412345")
		b, err := w.Bytes()
		require.NoError(t, err)
		want := append([]byte{gs, 'H', 2, gs, 'h', 80, gs, 'w', 3, gs, 'k', 67, 13}, "5901234123457"...)
		assert.Equal(t, want, b)
	})
	t.Run("CODE128 packs digit pairs in code set C", func(t *testing.T) {
		w := New(Paper58(CP858))
		w.HRI(HRINone)
		w.Barcode128C("20250612000100000042")
		b, err := w.Bytes()
		require.NoError(t, err)
		want := []byte{gs, 'H', 0, gs, 'h', 80, gs, 'w', 2, gs, 'k', 73, 12, '{', 'C', 20, 25, 6, 12, 0, 1, 0, 0, 0, 42}
		assert.Equal(t, want, b)
	})
	t.Run("CODE128 uses wider bars on 80 mm paper", func(t *testing.T) {
		w := New(Paper80(CP858))
		w.Barcode128C("20250612000100000042")
		b, err := w.Bytes()
		require.NoError(t, err)
		assert.Equal(t, []byte{gs, 'w', 3}, b[6:9])
	})
	t.Run("CODE128 too long for the paper", func(t *testing.T) {
		w := New(Paper58(CP858))
		w.Barcode128C("1234567890123456789012345678901234567890")
		assert.ErrorContains(t, w.Err(), "does not fit")
	})
}

func TestQRBytes(t *testing.T) {
	w := New(Paper58(CP858))
	w.QR("AB")
	b, err := w.Bytes()
	require.NoError(t, err)
	want := []byte{
		gs, '(', 'k', 4, 0, 49, 65, 50, 0,
		gs, '(', 'k', 3, 0, 49, 67, 8, // version 1: 21 modules, 8 dots each fit 384
		gs, '(', 'k', 3, 0, 49, 69, 49,
		gs, '(', 'k', 5, 0, 49, 80, 48, 'A', 'B',
		gs, '(', 'k', 3, 0, 49, 81, 48,
	}
	assert.Equal(t, want, b)
}

func TestQRModuleShrinksToFitThePaper(t *testing.T) {
	w := New(Paper58(CP858))
	w.QR(string(make([]byte, 500))) // version 17: 85 modules + quiet zone, 4 dots each
	b, err := w.Bytes()
	require.NoError(t, err)
	assert.Equal(t, byte(4), b[16])
	assert.Equal(t, []byte{0xf7, 0x01}, b[28:30], "store length is data + 3, little endian")
}

func TestImageRaster(t *testing.T) {
	img := image.NewNRGBA(image.Rect(10, 10, 20, 12)) // 10×2, offset origin
	for x := 10; x < 20; x++ {
		img.Set(x, 10, color.White)
		img.Set(x, 11, color.NRGBA{A: 0}) // transparent: paper
	}
	img.Set(10, 10, color.Black)
	img.Set(19, 10, color.NRGBA{R: 40, G: 40, B: 40, A: 255})
	img.Set(12, 11, color.NRGBA{R: 200, G: 200, B: 200, A: 255}) // light grey stays white
	img.Set(13, 11, color.NRGBA{A: 255})                         // opaque black
	w := New(Paper58(CP858))
	w.Image(img)
	b, err := w.Bytes()
	require.NoError(t, err)
	want := []byte{gs, 'v', '0', 0, 2, 0, 2, 0, 0x80, 0x40, 0x10, 0x00}
	assert.Equal(t, want, b)
}

func TestImageWiderThanPaperIsScaledDown(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 768, 100))
	w := New(Paper58(CP858))
	w.Image(img)
	b, err := w.Bytes()
	require.NoError(t, err)
	assert.Equal(t, []byte{gs, 'v', '0', 0, 48, 0, 50, 0}, b[:8], "384 dots = 48 bytes, 50 rows")
	assert.Len(t, b, 8+48*50)
	assert.Equal(t, byte(0xff), b[8], "black image stays black")
}

func spaces(n int) string { return string(appendRepeat(nil, ' ', n)) }
func dashes(n int) string { return string(appendRepeat(nil, '-', n)) + "\n" }
