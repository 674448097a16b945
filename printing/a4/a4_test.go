package a4_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/printing/a4"
	"github.com/comptoir/comptoir/printing/internal/sample"
	"github.com/comptoir/comptoir/printing/layout"
)

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// pdf is an uncompressed PDF as a test reads it.
type pdf struct {
	raw  []byte
	text []string // the strings drawn, in drawing order
}

// render lays job out on A4 in lang, uncompressed, and reads it back.
func render(tb testing.TB, lang string, out app.Printout) (pdf, *sample.Labels) {
	tb.Helper()
	labels := sample.NewLabels(tb, lang)
	raw, err := a4.New(labels.L, paris).Uncompressed().Document(layout.ShopOf(sample.Settings(app.PaperA4, "CP852")), out)
	require.NoError(tb, err)
	require.Empty(tb, labels.Missing(), "keys without a %s translation", lang)
	keep(tb, lang+"-"+out.Document.ID+string(out.Form), raw)
	return read(tb, raw), labels
}

// keep writes the PDF to $COMPTOIR_PRINT_DIR, when set, to look at.
func keep(tb testing.TB, name string, raw []byte) {
	tb.Helper()
	if dir := os.Getenv("COMPTOIR_PRINT_DIR"); dir != "" {
		require.NoError(tb, os.MkdirAll(dir, 0o755))
		require.NoError(tb, os.WriteFile(filepath.Join(dir, name+".pdf"), raw, 0o644))
	}
}

func read(tb testing.TB, raw []byte) pdf {
	tb.Helper()
	require.True(tb, bytes.HasPrefix(raw, []byte("%PDF-1.")), "a PDF")
	require.True(tb, bytes.HasSuffix(bytes.TrimSpace(raw), []byte("%%EOF")), "a whole PDF")
	return pdf{raw: raw, text: drawnText(tb, raw)}
}

// drawnText reads the text operators fpdf writes, "BT x y Td (UTF-16BE)Tj ET", and decodes
// their strings.
func drawnText(tb testing.TB, raw []byte) []string {
	tb.Helper()
	var out []string
	rest := raw
	for {
		i := bytes.Index(rest, []byte(" Td ("))
		if i < 0 {
			return out
		}
		rest = rest[i+5:]
		var s []byte
		j := 0
		for ; j < len(rest) && rest[j] != ')'; j++ {
			if rest[j] == '\\' && j+1 < len(rest) {
				j++
				switch rest[j] {
				case 'r':
					s = append(s, '\r')
				case 'n':
					s = append(s, '\n')
				default:
					s = append(s, rest[j])
				}
				continue
			}
			s = append(s, rest[j])
		}
		require.True(tb, bytes.HasPrefix(rest[j:], []byte(")Tj")), "a text operator")
		require.Zero(tb, len(s)%2, "UTF-16")
		units := make([]uint16, len(s)/2)
		for k := range units {
			units[k] = binary.BigEndian.Uint16(s[2*k:])
		}
		out = append(out, string(utf16.Decode(units)))
		rest = rest[j:]
	}
}

// flat is the drawn text joined by spaces, so that a name wrapped in its column reads whole.
func (p pdf) flat() string { return strings.Join(p.text, " ") }

// pages counts the pages.
func (p pdf) pages() int { return bytes.Count(p.raw, []byte("/Type /Page\n")) }

var imageDict = regexp.MustCompile(`/Type /XObject\n/Subtype /Image\n/Width (\d+)\n/Height (\d+)\n/ColorSpace /DeviceGray\n/BitsPerComponent 8\n/Filter /FlateDecode\n/DecodeParms <</Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns \d+>>\n/Length (\d+)>>\nstream\n`)

// images extracts the grey images the PDF embeds, undoing the PNG row filters.
func (p pdf) images(tb testing.TB) []*image.Gray {
	tb.Helper()
	var out []*image.Gray
	for _, m := range imageDict.FindAllSubmatchIndex(p.raw, -1) {
		w, _ := strconv.Atoi(string(p.raw[m[2]:m[3]]))
		h, _ := strconv.Atoi(string(p.raw[m[4]:m[5]]))
		n, _ := strconv.Atoi(string(p.raw[m[6]:m[7]]))
		zr, err := zlib.NewReader(bytes.NewReader(p.raw[m[1] : m[1]+n]))
		require.NoError(tb, err)
		data, err := io.ReadAll(zr)
		require.NoError(tb, err)
		out = append(out, unfilter(tb, data, w, h))
	}
	return out
}

// unfilter undoes PNG's per-row filters for one byte per pixel.
func unfilter(tb testing.TB, data []byte, w, h int) *image.Gray {
	tb.Helper()
	require.Len(tb, data, h*(w+1))
	img := image.NewGray(image.Rect(0, 0, w, h))
	prev := make([]byte, w)
	for y := range h {
		row := data[y*(w+1) : (y+1)*(w+1)]
		filter, cur := row[0], img.Pix[y*w:(y+1)*w]
		copy(cur, row[1:])
		for x := range w {
			var a, c byte
			if x > 0 {
				a, c = cur[x-1], prev[x-1]
			}
			b := prev[x]
			switch filter {
			case 1:
				cur[x] += a
			case 2:
				cur[x] += b
			case 3:
				cur[x] += byte((int(a) + int(b)) / 2)
			case 4:
				cur[x] += paeth(a, b, c)
			}
		}
		copy(prev, cur)
	}
	return img
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func scan128(tb testing.TB, img image.Image) string {
	tb.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	require.NoError(tb, err)
	res, err := oned.NewCode128Reader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	require.NoError(tb, err)
	return res.GetText()
}

func TestDocumentsOnA4(t *testing.T) {
	for _, job := range sample.Jobs() {
		for _, lang := range []string{"fr", "it", "en", "pl"} {
			t.Run(job.Name+"-"+lang, func(t *testing.T) {
				p, labels := render(t, lang, job.Out)
				L := labels.L
				txt := layout.Text{L: L, Loc: paris}
				d := &job.Out.Document
				text := p.flat()

				assert.Contains(t, text, "Magasin XYZ")
				assert.Contains(t, text, "67000 Strasbourg")
				assert.Contains(t, text, txt.DateTime(d.IssuedAt))
				for _, l := range d.Lines {
					// The till's UTF-8 font: Polish, French and Italian letters as themselves.
					assert.Contains(t, text, txt.LineName(d, l))
					assert.Contains(t, text, txt.QtyUnit(l.Qty, l.Unit))
				}
				imgs := p.images(t)
				require.Len(t, imgs, 1, "the document barcode")
				assert.Equal(t, string(d.BarcodeNo), scan128(t, imgs[0]), "the barcode reads back as the document number")
				assert.Contains(t, p.text, string(d.BarcodeNo), "its digits under it")
				assert.Equal(t, 1, p.pages())
				assert.Contains(t, text, L("print.page")+" 1/1")

				if job.Out.Form == app.FormPicking {
					assert.Contains(t, text, L("print.title.picking"))
					assert.Contains(t, text, txt.Field("print.order", d.Number))
					for _, l := range d.Lines {
						assert.Contains(t, p.text, l.ProductCode)
						assert.Contains(t, p.text, l.Warehouse)
					}
					return
				}
				assert.Contains(t, p.text, txt.Title(d.Kind))
				assert.Contains(t, text, txt.Field("print.no", d.Number))
				totals, err := d.Totals()
				require.NoError(t, err)
				for i := range d.Lines {
					assert.Contains(t, p.text, txt.Money(totals.Lines[i].Amount))
				}
				assert.Contains(t, text, L("print.total")+" "+txt.Money(totals.Gross))
				for _, r := range totals.Rates {
					assert.Contains(t, text, strings.Join([]string{txt.Percent(r.Rate), txt.Money(r.Net), txt.Money(r.VAT), txt.Money(r.Gross)}, " "))
				}
				if totals.Advances != 0 {
					assert.Contains(t, text, L("print.advances")+" -"+txt.Money(totals.Advances))
					assert.Contains(t, text, L("print.due")+" "+txt.Money(totals.Due))
				}
				for _, pm := range d.Payments {
					assert.Contains(t, text, pm.Label()+" "+txt.Money(pm.Amount))
				}
				var paid pos.Money
				for _, a := range job.Out.Advances {
					assert.Contains(t, text, a.Number+"  "+txt.Date(a.IssuedAt)+" "+txt.Money(a.Amount))
					paid += a.Amount
				}
				if paid != 0 || job.Out.Collected != 0 {
					assert.Contains(t, text, L("print.remaining")+" "+txt.Money(totals.Gross-paid-job.Out.Collected))
				}
				if d.OrderRef != "" {
					assert.Contains(t, p.text, txt.Field("print.order", d.OrderRef), "R-X2")
				}
				if job.Out.Copy {
					assert.Contains(t, p.text, "*** "+L("print.copy")+" ***")
				}
				if c := job.Out.Customer; c != nil && c.Type != pos.CustomerUndefined {
					assert.Contains(t, text, txt.Field("print.customer", c.Name))
					assert.Contains(t, text, txt.Field("print.tax_id", c.TaxID))
				}
			})
		}
	}
}

func TestPolishLettersAreTheFontsNotTransliterated(t *testing.T) {
	job := sample.Jobs()[2]
	p, _ := render(t, "pl", job.Out)
	assert.Contains(t, p.flat(), "FAKTURA")
	assert.Contains(t, p.flat(), "Jabłka Szampion")
	assert.Contains(t, p.flat(), "Termin płatności:")
	assert.Contains(t, p.flat(), "Wartość")
}

func TestLongDocumentsTurnThePage(t *testing.T) {
	job := sample.Jobs()[5] // the order
	d := &job.Out.Document
	base := d.Lines
	d.Lines = nil
	for i := range 90 {
		l := base[i%len(base)]
		l.No = i + 1
		d.Lines = append(d.Lines, l)
	}
	job.Out.Document.ID = "long"
	p, labels := render(t, "en", job.Out)
	require.GreaterOrEqual(t, p.pages(), 3)
	text := p.flat()
	n := p.pages()
	assert.Contains(t, text, fmt.Sprintf("%s %d/%d", labels.L("print.page"), n, n))
	assert.GreaterOrEqual(t, strings.Count(text, labels.L("print.col.item")), n-1, "the table's header again on each page of lines")
	totals, err := d.Totals()
	require.NoError(t, err)
	assert.Contains(t, text, "TOTAL "+layout.Text{L: labels.L}.Money(totals.Gross))
}

func TestUserTextIsCleaned(t *testing.T) {
	job := sample.Jobs()[2]
	job.Out.Document.Lines[0].Name = "Vin\x1b@\x1dV\x00 rouge\n\xfa"
	p, _ := render(t, "en", job.Out)
	assert.Contains(t, p.flat(), "Vin@V rouge ?")
	assert.NotContains(t, p.flat(), "\x1b")
}

func TestSameDocumentSameFile(t *testing.T) {
	labels := sample.NewLabels(t, "fr")
	l := a4.New(labels.L, paris)
	job := sample.Jobs()[2]
	shop := layout.ShopOf(sample.Settings(app.PaperA4, "CP858"))
	a, err := l.Document(shop, job.Out)
	require.NoError(t, err)
	b, err := l.Document(shop, job.Out)
	require.NoError(t, err)
	assert.Equal(t, a, b, "no clock in the file: a reprint is byte for byte the same")
	assert.Less(t, len(a), 120_000, "fonts are subset, the page contents compressed")
}

func TestBarcodeImageScans(t *testing.T) {
	for _, job := range sample.Jobs() {
		n := job.Out.Document.BarcodeNo
		img, err := a4.BarcodeImage(n)
		require.NoError(t, err)
		assert.Equal(t, string(n), scan128(t, img))
	}
}

func TestA4TestPage(t *testing.T) {
	labels := sample.NewLabels(t, "it")
	raw, err := a4.New(labels.L, paris).Uncompressed().TestPage(sample.Settings(app.PaperA4, "CP858"))
	require.NoError(t, err)
	require.Empty(t, labels.Missing())
	keep(t, "testpage-it", raw)
	p := read(t, raw)
	text := p.flat()
	assert.Contains(t, text, labels.L("print.test.title"))
	assert.Contains(t, text, "Zażółć gęślą jaźń")
	assert.Contains(t, text, labels.L("print.test.specimen"))
	imgs := p.images(t)
	require.Len(t, imgs, 1)
	assert.Equal(t, string(layout.Specimen().BarcodeNo), scan128(t, imgs[0]))
}

func TestUnknownKindIsRefused(t *testing.T) {
	job := sample.Jobs()[0]
	job.Out.Document.Kind = "X"
	_, err := a4.New(sample.NewLabels(t, "en").L, paris).Document(layout.Shop{}, job.Out)
	assert.Error(t, err)
}
