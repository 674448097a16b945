package escdecode

import (
	"flag"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// Command bytes, spelled here from the ESC/POS reference rather than taken from the encoder.
const (
	ESC = "\x1b"
	GS  = "\x1d"
	FS  = "\x1c"
	DLE = "\x10"
)

// stream concatenates strings, byte slices and single bytes into an ESC/POS stream.
func stream(tb testing.TB, parts ...any) []byte {
	tb.Helper()
	var b []byte
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			b = append(b, p...)
		case []byte:
			b = append(b, p...)
		case int:
			require.True(tb, p >= 0 && p <= 0xff, "byte %d", p)
			b = append(b, byte(p))
		default:
			tb.Fatalf("stream: unexpected %T", p)
		}
	}
	return b
}

func golden(tb testing.TB, name string, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(tb, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(tb, err, "run go test -update to create it")
	assert.Equal(tb, string(want), got)
}

func noteTexts(d *Document) []string {
	var out []string
	for _, n := range d.Notes {
		out = append(out, n.String())
	}
	return out
}

// receipt58 is a receipt as a driver might send it to a 58 mm printer, written by hand.
func receipt58(tb testing.TB) []byte {
	tb.Helper()
	return stream(tb,
		ESC+"@", ESC+"t", 18, ESC+"a", 1, GS+"!", 0x11, "Sklep", "\n", GS+"!", 0,
		"ul. ", []byte{0x9d, 0xa2, 'd', 0xab}, "ska 5\n", ESC+"a", 0,
		strings.Repeat("-", 32), "\n",
		"Chleb", strings.Repeat(" ", 20), "4,50 z", 0x88, "\n",
		ESC+"E", 1, "RAZEM", ESC+"E", 0, strings.Repeat(" ", 21), "4,50\n",
		ESC+"d", 2,
		GS+"H", 2, GS+"h", 80, GS+"w", 2, GS+"k", 73, 12, "{C", 20, 25, 6, 12, 0, 1, 0, 0, 0, 42,
		GS+"(k", 4, 0, 49, 65, 50, 0, GS+"(k", 3, 0, 49, 67, 6, GS+"(k", 3, 0, 49, 69, 49,
		GS+"(k", 7, 0, 49, 80, 48, "ABCD", GS+"(k", 3, 0, 49, 81, 48,
		GS+"v0", 0, 1, 0, 2, 0, 0xf0, 0x0f,
		ESC+"d", 3, GS+"V", 66, 0, ESC+"p", 0, 25, 250,
	)
}

func TestDecodeReceiptGolden(t *testing.T) {
	d := Decode(receipt58(t), 384)
	assert.Empty(t, d.Notes)
	golden(t, "receipt58.txt", d.Text())
}

func TestTextAttributesAndCodePages(t *testing.T) {
	d := Decode(stream(t,
		ESC+"t", 16, "Prix ", ESC+"E", 1, "12 ", 0x80, ESC+"E", 0, "\n",
		ESC+"t", 19, GS+"!", 0x10, "OEuf cr", 0x8a, "me", GS+"!", 0, "\n",
		ESC+"!", 0x38, "Big", ESC+"!", 0, "\n",
	), 576)
	require.Len(t, d.Items, 3)
	assert.Equal(t, TextLine{Spacing: 30, Spans: []Span{
		{Text: "Prix ", Width: 1, Height: 1},
		{Text: "12 €", Bold: true, Width: 1, Height: 1},
	}}, d.Items[0])
	assert.Equal(t, TextLine{Spacing: 30, Spans: []Span{{Text: "OEuf crème", Width: 2, Height: 1}}}, d.Items[1])
	assert.Equal(t, TextLine{Spacing: 30, Spans: []Span{{Text: "Big", Bold: true, Width: 2, Height: 2}}}, d.Items[2])
}

func TestAlignmentIsTakenAtTheStartOfTheLine(t *testing.T) {
	d := Decode(stream(t, ESC+"a", 1, "centred", ESC+"a", 2, "\n", "right\n"), 384)
	require.Len(t, d.Items, 2)
	assert.Equal(t, Center, d.Items[0].(TextLine).Align)
	assert.Equal(t, Right, d.Items[1].(TextLine).Align)
}

func TestLongLinesWrapAtThePaperWidth(t *testing.T) {
	d := Decode(stream(t, strings.Repeat("a", 40), "\n", GS+"!", 0x10, strings.Repeat("b", 17), "\n"), 384)
	assert.Equal(t, strings.Repeat("a", 32)+"\n"+"aaaaaaaa\n"+strings.Repeat("b", 16)+"\nb\n", d.Text())
}

func TestTabsMoveToEveryEighthColumn(t *testing.T) {
	d := Decode([]byte("a\tb\t\tc\n"), 576)
	assert.Equal(t, "a       b               c\n", d.Text())
}

func TestFeeds(t *testing.T) {
	d := Decode(stream(t, "x", ESC+"d", 3, ESC+"d", 2, "y", ESC+"J", 50, ESC+"J", 10, "z", ESC+"d", 0), 384)
	assert.Equal(t, []Item{
		TextLine{Spacing: 30, Spans: []Span{{Text: "x", Width: 1, Height: 1}}},
		Feed{Lines: 2, Dots: 60},
		Feed{Lines: 2, Dots: 60},
		TextLine{Spacing: 50, Spans: []Span{{Text: "y", Width: 1, Height: 1}}},
		Feed{Dots: 10},
		TextLine{Spacing: 0, Spans: []Span{{Text: "z", Width: 1, Height: 1}}},
	}, d.Items)
	assert.Empty(t, d.Notes)
}

func TestBarcodes(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want Barcode
	}{
		{"EAN-13, length form", stream(t, GS+"k", 67, 13, "5901234123457"),
			Barcode{Symbology: EAN13, Data: "5901234123457", Height: 162, ModuleWidth: 3}},
		{"EAN-13, NUL-terminated form", stream(t, GS+"H", 2, GS+"k", 2, "590123412345", 0),
			Barcode{Symbology: EAN13, Data: "590123412345", HRI: HRIBelow, Height: 162, ModuleWidth: 3}},
		{"CODE128 code set C digits", stream(t, GS+"h", 60, GS+"w", 2, GS+"k", 73, 6, "{C", 1, 23, 45, 99),
			Barcode{Symbology: Code128, Data: "01234599", Height: 60, ModuleWidth: 2}},
		{"CODE128 switching from B to C", stream(t, GS+"k", 73, 10, "{BNo{{", "{C", 12, 34),
			Barcode{Symbology: Code128, Data: "No{1234", Height: 162, ModuleWidth: 3}},
		{"CODE39", stream(t, ESC+"a", 1, GS+"k", 69, 4, "AB-1"),
			Barcode{Align: Center, Symbology: Code39, Data: "AB-1", Height: 162, ModuleWidth: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decode(tt.in, 576)
			assert.Empty(t, d.Notes)
			require.Len(t, d.Items, 1)
			assert.Equal(t, tt.want, d.Items[0])
		})
	}
}

func TestCode128WithoutCodeSetIsNoted(t *testing.T) {
	d := Decode(stream(t, GS+"k", 73, 3, "abc"), 576)
	require.Len(t, d.Items, 1)
	assert.Equal(t, "abc", d.Items[0].(Barcode).Data)
	assert.Contains(t, noteTexts(d)[0], "printer rejects it")
}

func TestQRCode(t *testing.T) {
	d := Decode(stream(t,
		GS+"(k", 3, 0, 49, 67, 5, GS+"(k", 3, 0, 49, 69, 51,
		GS+"(k", 8, 0, 49, 80, 48, "https", GS+"(k", 3, 0, 49, 81, 48,
	), 384)
	assert.Equal(t, []Item{QRCode{Data: "https", ModuleSize: 5, ECLevel: 'H'}}, d.Items)
}

func TestRaster(t *testing.T) {
	t.Run("bits map to black pixels", func(t *testing.T) {
		d := Decode(stream(t, GS+"v0", 0, 1, 0, 2, 0, 0x81, 0x40), 384)
		require.Len(t, d.Items, 1)
		img := d.Items[0].(Raster).Image
		assert.Equal(t, image.Rect(0, 0, 8, 2), img.Rect)
		assert.Equal(t, []uint8{0, 255, 255, 255, 255, 255, 255, 0, 255, 0, 255, 255, 255, 255, 255, 255}, img.Pix)
	})
	t.Run("quadruple mode doubles both ways", func(t *testing.T) {
		d := Decode(stream(t, GS+"v0", 51, 1, 0, 1, 0, 0x80), 384)
		img := d.Items[0].(Raster).Image
		assert.Equal(t, image.Rect(0, 0, 16, 2), img.Rect)
		assert.Equal(t, uint8(0), img.GrayAt(1, 1).Y)
		assert.Equal(t, uint8(255), img.GrayAt(2, 1).Y)
	})
	t.Run("what lies beyond the paper is dropped", func(t *testing.T) {
		d := Decode(stream(t, GS+"v0", 0, 60, 0, 1, 0, make([]byte, 60)), 384)
		assert.Equal(t, 384, d.Items[0].(Raster).Image.Rect.Dx())
	})
}

func TestCutsAndDrawer(t *testing.T) {
	d := Decode(stream(t,
		GS+"V", 0, GS+"V", 49, GS+"V", 65, 3, GS+"V", 66, 0, GS+"V", 104, 5, ESC+"i", ESC+"m",
		ESC+"p", 0, 25, 250, ESC+"p", 49, 25, 250,
	), 384)
	assert.Equal(t, []Item{
		Cut{}, Cut{Partial: true}, Cut{}, Cut{Partial: true}, Cut{Partial: true}, Cut{}, Cut{Partial: true},
		DrawerKick{Pin: 2}, DrawerKick{Pin: 5},
	}, d.Items)
	assert.Equal(t, "[CUT]\n[PARTIAL CUT]\n", Decode(stream(t, GS+"V", 48, GS+"V", 1), 384).Text())
}

func TestUnknownAndIgnoredCommandsBecomeNotes(t *testing.T) {
	d := Decode(stream(t,
		"a", 0, "b", 0x7f, ESC+"-", 1, "c", ESC, 0xfe, GS, 0xfe, FS, 0xfe, DLE, 0xfe,
		DLE, 4, 1, ESC+"t", 99, ESC+"*", 0, 2, 0, 0xff, 0xff, "d",
		GS+"(L", 2, 0, 48, 69, ESC+"D", 8, 16, 0, "\n",
	), 384)
	assert.Equal(t, "abcd\n", d.Text())
	assert.Equal(t, []string{
		"@1: control byte 0x00 ignored",
		"@3: control byte 0x7f ignored",
		"@4: ESC -: not rendered",
		"@8: ESC 0xfe: unknown command skipped",
		"@10: GS 0xfe: unknown command skipped",
		"@12: FS 0xfe: unknown command skipped",
		"@14: DLE 0xfe: unknown command skipped",
		"@16: DLE real-time request: not rendered",
		"@19: code page 99 unknown, keeping the current one",
		"@22: ESC * bit image: not rendered",
		"@30: GS ( L: not rendered",
		"@37: ESC D tab positions: not rendered",
	}, noteTexts(d))
}

func TestTruncatedCommandsAreNoted(t *testing.T) {
	for _, in := range []string{ESC, ESC + "t", GS + "k", GS + "k\x49\x05{C", GS + "(k\x10\x00", GS + "v0\x00\x02\x00\x02\x00\x01", GS + "V\x41", GS + "8L\x01"} {
		d := Decode([]byte("x\n"+in), 384)
		assert.Equal(t, "x\n", d.Text(), "%q", in)
		require.Len(t, d.Notes, 1, "%q", in)
		assert.Contains(t, d.Notes[0].Text, "stream ends inside the command", "%q", in)
	}
}

func TestResetDropsUnprintedText(t *testing.T) {
	d := Decode(stream(t, ESC+"E", 1, "lost", ESC+"@", "kept\n"), 384)
	assert.Equal(t, []Item{TextLine{Spacing: 30, Spans: []Span{{Text: "kept", Width: 1, Height: 1}}}}, d.Items)
	assert.Equal(t, []string{"@7: ESC @ dropped unprinted text"}, noteTexts(d))
}

func TestUnterminatedTextIsShownAndNoted(t *testing.T) {
	d := Decode([]byte("tail"), 384)
	assert.Equal(t, "tail\n", d.Text())
	assert.Equal(t, []string{"@4: text without a final line feed: the printer holds it until the next one"}, noteTexts(d))
}

func TestNotesAreBounded(t *testing.T) {
	d := Decode(make([]byte, 10000), 384)
	assert.Len(t, d.Notes, maxNotes+1)
	assert.Equal(t, "further notes omitted", d.Notes[maxNotes].Text)
}

func TestDotWidthOutOfRangeFallsBack(t *testing.T) {
	d := Decode(nil, 0)
	assert.Equal(t, defaultDotWidth, d.DotWidth)
	assert.Len(t, d.Notes, 1)
}
