package roundtrip

import (
	"flag"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/comptoir/comptoir/printing/escdecode"
	"github.com/comptoir/comptoir/printing/escpos"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// encode runs write on a fresh Writer for p and returns the bytes.
func encode(tb testing.TB, p escpos.Profile, write func(w *escpos.Writer)) []byte {
	tb.Helper()
	w := escpos.New(p)
	w.Init()
	write(w)
	b, err := w.Bytes()
	require.NoError(tb, err)
	return b
}

// decode reads b for p's paper and requires that the decoder met nothing it had to skip.
func decode(tb testing.TB, p escpos.Profile, b []byte) *escdecode.Document {
	tb.Helper()
	d := escdecode.Decode(b, p.DotWidth)
	require.Empty(tb, d.Notes, "the decoder understood every command")
	return d
}

func TestLanguagesPrintInTheirCodePage(t *testing.T) {
	tests := []struct {
		name    string
		cp      escpos.CodePage
		text    string
		letters map[string]byte // letter → byte it must be sent as
		back    string          // what the printer shows
	}{
		{"Polish", escpos.CP852, "Zażółć gęślą jaźń",
			map[string]byte{"ż": 0xbe, "ó": 0xa2, "ł": 0x88, "ć": 0x86, "ę": 0xa9, "ś": 0x98, "ą": 0xa5, "ź": 0xab, "ń": 0xe4},
			"Zażółć gęślą jaźń"},
		{"French on CP1252", escpos.CP1252, "Œuf crème brûlée",
			map[string]byte{"Œ": 0x8c, "è": 0xe8, "û": 0xfb, "é": 0xe9}, "Œuf crème brûlée"},
		{"French on CP858", escpos.CP858, "Œuf crème brûlée",
			map[string]byte{"è": 0x8a, "û": 0x96, "é": 0x82}, "OEuf crème brûlée"},
		{"Italian on CP858", escpos.CP858, "Perché così",
			map[string]byte{"é": 0x82, "ì": 0x8d}, "Perché così"},
		{"Italian on CP1252", escpos.CP1252, "Perché così",
			map[string]byte{"é": 0xe9, "ì": 0xec}, "Perché così"},
		{"Italian on the Polish page", escpos.CP852, "Perché così",
			map[string]byte{"é": 0x82}, "Perché cosi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := escpos.Paper58(tt.cp)
			b := encode(t, p, func(w *escpos.Writer) { w.Text(tt.text) })
			for letter, want := range tt.letters {
				assert.Contains(t, string(b), string([]byte{want}), "%s sent as %#02x", letter, want)
			}
			assert.Equal(t, tt.back+"\n", decode(t, p, b).Text())
		})
	}
}

func TestEuroSignOnEachCodePage(t *testing.T) {
	for cp, want := range map[*escpos.CodePage]string{&escpos.CP858: "12,50 €", &escpos.CP1252: "12,50 €", &escpos.CP852: "12,50 EUR"} {
		p := escpos.Paper80(*cp)
		assert.Equal(t, want+"\n", decode(t, p, encode(t, p, func(w *escpos.Writer) { w.Text("12,50 €") })).Text(), cp.Name)
	}
}

// writeReceipt is a receipt as the layouts will write one.
func writeReceipt(w *escpos.Writer) {
	w.Align(escpos.AlignCenter)
	w.Bold(true)
	w.Size(2, 2)
	w.Text("Comptoir")
	w.Size(1, 1)
	w.Bold(false)
	w.Text("Order: 20250612000100000042")
	w.Align(escpos.AlignLeft)
	w.Rule()
	w.Line("2 x Œuf crème brûlée", "7,00 €")
	w.Line("1 x Confiture de fraises bio, pot de 370 g", "4,50 €")
	w.Rule()
	w.Size(2, 1)
	w.Bold(true)
	w.Line("TOTAL", "11,50 €")
	w.Bold(false)
	w.Size(1, 1)
	w.Feed(1)
	w.Align(escpos.AlignCenter)
	w.HRI(escpos.HRIBelow)
	w.Barcode128C("20250612000100000042")
	w.QR("https://comptoir.example/r/20250612000100000042")
	w.Feed(3)
	w.PartialCut()
	w.Kick(escpos.DrawerPin2)
}

func TestReceiptDecodesAsLaidOut(t *testing.T) {
	p := escpos.Paper80(escpos.CP858)
	d := decode(t, p, encode(t, p, writeReceipt))
	golden(t, "receipt80.txt", d.Text())

	require.IsType(t, escdecode.TextLine{}, d.Items[0])
	title := d.Items[0].(escdecode.TextLine)
	assert.Equal(t, escdecode.Center, title.Align)
	assert.Equal(t, []escdecode.Span{{Text: "Comptoir", Bold: true, Width: 2, Height: 2}}, title.Spans)

	var total escdecode.TextLine
	var barcode escdecode.Barcode
	for _, it := range d.Items {
		switch it := it.(type) {
		case escdecode.TextLine:
			if strings.HasPrefix(it.String(), "TOTAL") {
				total = it
			}
		case escdecode.Barcode:
			barcode = it
		}
	}
	assert.Equal(t, []escdecode.Span{{Text: "TOTAL" + strings.Repeat(" ", 24-5-7) + "11,50 €", Bold: true, Width: 2, Height: 1}}, total.Spans)
	assert.Equal(t, escdecode.Barcode{
		Align: escdecode.Center, Symbology: escdecode.Code128, Data: "20250612000100000042",
		HRI: escdecode.HRIBelow, Height: 80, ModuleWidth: 3,
	}, barcode)
}

func golden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(tb, os.MkdirAll("testdata", 0o755))
		require.NoError(tb, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(tb, err, "run go test -update to create it")
	assert.Equal(tb, string(want), got)
}

// scan reads the one barcode of the given reader from img.
func scan(tb testing.TB, reader gozxing.Reader, img image.Image) string {
	tb.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	require.NoError(tb, err)
	res, err := reader.Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	require.NoError(tb, err)
	return res.GetText()
}

func TestBarcodesScanBackFromThePreview(t *testing.T) {
	for _, p := range []escpos.Profile{escpos.Paper58(escpos.CP858), escpos.Paper80(escpos.CP852)} {
		t.Run(p.CodePage.Name, func(t *testing.T) {
			render := func(write func(w *escpos.Writer)) image.Image {
				return escdecode.Render(decode(t, p, encode(t, p, func(w *escpos.Writer) {
					w.Text("Zażółć gęślą jaźń") // text around the symbol, as on a receipt
					w.Align(escpos.AlignCenter)
					write(w)
					w.Text("Merci")
				})))
			}
			ean := render(func(w *escpos.Writer) { w.EAN13("590123412345") })
			assert.Equal(t, "5901234123457", scan(t, oned.NewEAN13Reader(), ean))

			code128 := render(func(w *escpos.Writer) { w.Barcode128C("20250612000100000042") })
			assert.Equal(t, "20250612000100000042", scan(t, oned.NewCode128Reader(), code128))

			url := "https://comptoir.example/r/20250612000100000042?ł=ż"
			qr := render(func(w *escpos.Writer) { w.QR(url) })
			assert.Equal(t, url, scan(t, qrcode.NewQRCodeReader(), qr))
		})
	}
}

func TestLogoRoundTrip(t *testing.T) {
	logo := image.NewNRGBA(image.Rect(0, 0, 37, 11))
	for y := range 11 {
		for x := range 37 {
			if (x/3+y/2)%2 == 0 {
				logo.Set(x, y, color.NRGBA{R: 30, G: 20, B: 10, A: 255})
			}
		}
	}
	p := escpos.Paper58(escpos.CP858)
	d := decode(t, p, encode(t, p, func(w *escpos.Writer) { w.Image(logo) }))
	require.Len(t, d.Items, 1)
	raster := d.Items[0].(escdecode.Raster).Image
	require.Equal(t, image.Rect(0, 0, 40, 11), raster.Rect, "rows are padded to whole bytes")
	for y := range 11 {
		for x := range 40 {
			want := x < 37 && (x/3+y/2)%2 == 0
			assert.Equal(t, want, raster.GrayAt(x, y).Y == 0, "pixel %d,%d", x, y)
		}
	}
}

// TestUserTextNeverBecomesACommand is R-PR4 end to end: whatever a product name holds, the
// printer sees only lines of text: no cut, no drawer pulse, no reset, no command at all.
func TestUserTextNeverBecomesACommand(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.OneOf(
			rapid.String(),
			rapid.StringOf(rapid.RuneFrom([]rune{0x1b, 0x1d, 0x10, 0x1c, 0, 0x7f, 0x85, 0x9b, '@', 'V', 'p', 'i', 'm', '\n'})),
			rapid.Map(rapid.SliceOf(rapid.Byte()), func(b []byte) string { return string(b) }),
		).Draw(t, "name")
		p := escpos.Paper58(escpos.CP852)
		w := escpos.New(p)
		w.Text(name)
		w.Line(name, "1,00")
		b, err := w.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		d := escdecode.Decode(b, p.DotWidth)
		if len(d.Notes) > 0 {
			t.Fatalf("notes %v for %q", d.Notes, name)
		}
		for _, it := range d.Items {
			l, ok := it.(escdecode.TextLine)
			if !ok {
				t.Fatalf("%T from %q", it, name)
			}
			for _, s := range l.Spans {
				if s.Bold || s.Width != 1 || s.Height != 1 {
					t.Fatalf("attributes changed by %q", name)
				}
			}
		}
	})
}

func TestInjectedProductName(t *testing.T) {
	p := escpos.Paper80(escpos.CP858)
	name := "Vin\x1b@\x1dV\x00\x1bp\x00\x19\xfa rouge\x10\x04\x01\x7f\u0085\u009b"
	d := decode(t, p, encode(t, p, func(w *escpos.Writer) { w.Line(name, "9,90 €") }))
	require.Len(t, d.Items, 1)
	// 0xFA on its own is not UTF-8: it shows as "?" rather than vanishing.
	assert.Equal(t, "Vin@Vp? rouge"+strings.Repeat(" ", 48-13-6)+"9,90 €", d.Items[0].(escdecode.TextLine).String())
}
