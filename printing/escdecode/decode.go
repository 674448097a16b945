package escdecode

import (
	"fmt"
	"image"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Printer geometry and power-on defaults, from the ESC/POS reference for 203 dpi printers.
const (
	cellWidth       = 12  // font A character cell, dots
	cellHeight      = 24  // font A character cell, dots
	defaultSpacing  = 30  // ESC 2 line spacing, dots
	defaultBarH     = 162 // GS h
	defaultBarW     = 3   // GS w
	defaultQRSize   = 3   // GS ( k fn 67
	tabStop         = 8   // default horizontal tab, characters
	defaultDotWidth = 576
	maxDotWidth     = 4096
	maxNotes        = 200 // a garbage stream must not turn into an unbounded list of complaints
)

// codePages maps ESC t table numbers to byte mappings. Unknown tables keep the current one.
var codePages = map[byte]*charmap.Charmap{
	0:  charmap.CodePage437,
	2:  charmap.CodePage850,
	3:  charmap.CodePage860,
	4:  charmap.CodePage863,
	5:  charmap.CodePage865,
	16: charmap.Windows1252,
	17: charmap.CodePage866,
	18: charmap.CodePage852,
	19: charmap.CodePage858,
}

// Decode reads data as a printer with dotWidth printable dots would (576 when dotWidth is out of
// range) and returns what it would print. It never fails: what it cannot follow becomes a note.
func Decode(data []byte, dotWidth int) *Document {
	d := &decoder{in: data}
	if dotWidth < cellWidth*8 || dotWidth > maxDotWidth {
		d.note(0, fmt.Sprintf("dot width %d out of range, using %d", dotWidth, defaultDotWidth))
		dotWidth = defaultDotWidth
	}
	d.doc.DotWidth = dotWidth
	d.reset()
	for d.pos < len(d.in) {
		d.step()
	}
	if len(d.line) > 0 {
		d.note(len(d.in), "text without a final line feed: the printer holds it until the next one")
		d.flushLine()
	}
	return &d.doc
}

type decoder struct {
	in  []byte
	pos int
	doc Document

	cm            *charmap.Charmap
	bold          bool
	width, height int
	align         Align
	spacing       int

	line      []Span
	lineAlign Align
	lineDots  int

	hri        HRI
	barH, barW int

	qrSize int
	qrEC   byte
	qrData []byte
}

// reset is ESC @: modes back to power-on values, unprinted text dropped.
func (d *decoder) reset() {
	d.cm = charmap.CodePage437
	d.bold, d.width, d.height, d.align, d.spacing = false, 1, 1, Left, defaultSpacing
	d.line, d.lineDots = nil, 0
	d.hri, d.barH, d.barW = HRINone, defaultBarH, defaultBarW
	d.qrSize, d.qrEC, d.qrData = defaultQRSize, 'L', nil
}

func (d *decoder) note(offset int, text string) {
	switch {
	case len(d.doc.Notes) < maxNotes:
		d.doc.Notes = append(d.doc.Notes, Note{Offset: offset, Text: text})
	case len(d.doc.Notes) == maxNotes:
		d.doc.Notes = append(d.doc.Notes, Note{Offset: offset, Text: "further notes omitted"})
	}
}

// take returns the next n bytes, or notes the command as cut short and consumes the rest.
func (d *decoder) take(start, n int, what string) ([]byte, bool) {
	if n < 0 || len(d.in)-d.pos < n {
		d.note(start, what+": stream ends inside the command")
		d.pos = len(d.in)
		return nil, false
	}
	b := d.in[d.pos : d.pos+n]
	d.pos += n
	return b, true
}

// arg takes one parameter byte.
func (d *decoder) arg(start int, what string) (byte, bool) {
	b, ok := d.take(start, 1, what)
	if !ok {
		return 0, false
	}
	return b[0], true
}

// skip steps over a known command this decoder does not render.
func (d *decoder) skip(start, n int, what string) {
	if _, ok := d.take(start, n, what); ok {
		d.note(start, what+": not rendered")
	}
}

func (d *decoder) step() {
	start, b := d.pos, d.in[d.pos]
	d.pos++
	switch b {
	case 0x1b:
		d.esc(start)
	case 0x1d:
		d.gs(start)
	case 0x1c:
		d.fs(start)
	case 0x10:
		d.dle(start)
	case '\n':
		d.flushLine()
	case '\r': // ignored while automatic line feed is off, the factory setting
	case '\t':
		for range tabStop {
			d.addRune(' ')
			if d.lineDots%(tabStop*cellWidth) == 0 {
				break
			}
		}
	default:
		if b < 0x20 || b == 0x7f {
			d.note(start, fmt.Sprintf("control byte %#02x ignored", b))
			return
		}
		d.addRune(d.cm.DecodeByte(b))
	}
}

// addRune buffers one character, printing the buffered line first when the character would
// overflow the paper, as the printer does.
func (d *decoder) addRune(r rune) {
	w := cellWidth * d.width
	if d.lineDots > 0 && d.lineDots+w > d.doc.DotWidth {
		d.flushLine()
	}
	if len(d.line) == 0 {
		d.lineAlign = d.align
	}
	if n := len(d.line); n > 0 && d.line[n-1].Bold == d.bold && d.line[n-1].Width == d.width && d.line[n-1].Height == d.height {
		d.line[n-1].Text += string(r)
	} else {
		d.line = append(d.line, Span{Text: string(r), Bold: d.bold, Width: d.width, Height: d.height})
	}
	d.lineDots += w
}

// flushLine prints the buffered line, empty or not, and feeds one line.
func (d *decoder) flushLine() {
	d.printLine(d.spacing)
}

func (d *decoder) printLine(spacing int) {
	align := d.align
	if len(d.line) > 0 {
		align = d.lineAlign
	}
	d.doc.Items = append(d.doc.Items, TextLine{Align: align, Spacing: spacing, Spans: d.line})
	d.line, d.lineDots = nil, 0
}

// flushPending prints buffered text before something that starts on a fresh line (a barcode, an
// image, a cut).
func (d *decoder) flushPending() {
	if len(d.line) > 0 {
		d.flushLine()
	}
}

func (d *decoder) esc(start int) {
	c, ok := d.arg(start, "ESC")
	if !ok {
		return
	}
	name := fmt.Sprintf("ESC %s", printable(c))
	switch c {
	case '@':
		if len(d.line) > 0 {
			d.note(start, "ESC @ dropped unprinted text")
		}
		d.reset()
	case 't':
		if n, ok := d.arg(start, name); ok {
			if cm, known := codePages[n]; known {
				d.cm = cm
			} else {
				d.note(start, fmt.Sprintf("code page %d unknown, keeping the current one", n))
			}
		}
	case 'E', 'G': // emphasis and double-strike look alike on thermal paper
		if n, ok := d.arg(start, name); ok {
			d.bold = n&1 == 1
		}
	case '!':
		if n, ok := d.arg(start, name); ok {
			d.bold = n&0x08 != 0
			d.height = 1 + int(n>>4&1)
			d.width = 1 + int(n>>5&1)
			if n&0x81 != 0 {
				d.note(start, "ESC ! font B or underline: not rendered")
			}
		}
	case 'a':
		if n, ok := d.arg(start, name); ok {
			switch n {
			case 0, '0':
				d.align = Left
			case 1, '1':
				d.align = Center
			case 2, '2':
				d.align = Right
			default:
				d.note(start, fmt.Sprintf("ESC a %d: unknown justification", n))
			}
		}
	case 'd':
		if n, ok := d.arg(start, name); ok {
			lines := int(n)
			if len(d.line) > 0 {
				if lines == 0 { // prints without moving the paper
					d.printLine(0)
				} else {
					d.flushLine()
					lines--
				}
			}
			if lines > 0 {
				d.doc.Items = append(d.doc.Items, Feed{Lines: lines, Dots: lines * d.spacing})
			}
		}
	case 'J':
		if n, ok := d.arg(start, name); ok {
			if len(d.line) > 0 {
				d.printLine(int(n))
			} else {
				d.doc.Items = append(d.doc.Items, Feed{Dots: int(n)})
			}
		}
	case '2':
		d.spacing = defaultSpacing
	case '3':
		if n, ok := d.arg(start, name); ok {
			d.spacing = int(n)
		}
	case 'p':
		if b, ok := d.take(start, 3, name); ok {
			d.doc.Items = append(d.doc.Items, DrawerKick{Pin: 2 + 3*int(b[0]&1)})
		}
	case 'i', 'm':
		d.flushPending()
		d.doc.Items = append(d.doc.Items, Cut{Partial: c == 'm'})
	case '*':
		d.escBitImage(start)
	case 'D': // tab positions: up to 32 ascending bytes ended by NUL
		for d.pos < len(d.in) && d.in[d.pos] != 0 {
			d.pos++
		}
		d.skip(start, 1, "ESC D tab positions")
	case '&':
		d.escUserChars(start)
	default:
		if n, known := escArgs[c]; known {
			d.skip(start, n, name)
			return
		}
		d.note(start, name+": unknown command skipped")
	}
}

// escArgs lists ESC commands that are understood only well enough to step over: the number of
// parameter bytes after the command letter.
var escArgs = map[byte]int{
	'-': 1, 'M': 1, 'R': 1, ' ': 1, '{': 1, 'V': 1, 'c': 2, '=': 1, 'U': 1, 'r': 1,
	'$': 2, '\\': 2, '%': 1, '?': 1, 'L': 0, 'S': 0, 'T': 1, 'W': 8, 0x0c: 0,
}

// escBitImage steps over ESC * m nL nH d…, the column bit image older drivers send.
func (d *decoder) escBitImage(start int) {
	b, ok := d.take(start, 3, "ESC *")
	if !ok {
		return
	}
	n := int(b[1]) | int(b[2])<<8
	switch b[0] {
	case 0, 1:
	case 32, 33:
		n *= 3
	default:
		d.note(start, fmt.Sprintf("ESC * mode %d unknown", b[0]))
		return
	}
	d.skip(start, n, "ESC * bit image")
}

// escUserChars steps over ESC & y c1 c2 [x d1…d(y×x)]…, user-defined characters.
func (d *decoder) escUserChars(start int) {
	b, ok := d.take(start, 3, "ESC &")
	if !ok {
		return
	}
	y := int(b[0])
	for c := int(b[1]); c <= int(b[2]); c++ {
		x, ok := d.arg(start, "ESC &")
		if !ok {
			return
		}
		if _, ok := d.take(start, y*int(x), "ESC &"); !ok {
			return
		}
	}
	d.note(start, "ESC & user-defined characters: not rendered")
}

func (d *decoder) gs(start int) {
	c, ok := d.arg(start, "GS")
	if !ok {
		return
	}
	name := fmt.Sprintf("GS %s", printable(c))
	switch c {
	case '!':
		if n, ok := d.arg(start, name); ok {
			d.width = 1 + min(int(n>>4), 7)
			d.height = 1 + min(int(n&0x0f), 7)
		}
	case 'H':
		if n, ok := d.arg(start, name); ok {
			d.hri = HRI(n & 3)
		}
	case 'h':
		if n, ok := d.arg(start, name); ok {
			d.barH = max(1, int(n))
		}
	case 'w':
		if n, ok := d.arg(start, name); ok {
			d.barW = min(max(1, int(n)), 6)
		}
	case 'k':
		d.barcode(start)
	case '(':
		d.gsParen(start)
	case 'v':
		d.raster(start)
	case 'V':
		d.cut(start)
	case '8': // GS 8 L: graphics with a four-byte length
		if b, ok := d.take(start, 5, name); ok {
			d.skip(start, int(b[1])|int(b[2])<<8|int(b[3])<<16|int(b[4])<<24, "GS 8 graphics")
		}
	case '*': // define a downloaded bit image: x×y×8 bytes
		if b, ok := d.take(start, 2, name); ok {
			d.skip(start, int(b[0])*int(b[1])*8, name)
		}
	default:
		if n, known := gsArgs[c]; known {
			d.skip(start, n, name)
			return
		}
		d.note(start, name+": unknown command skipped")
	}
}

// gsArgs lists GS commands stepped over without rendering, with their parameter byte counts.
var gsArgs = map[byte]int{
	'B': 1, 'f': 1, 'L': 2, 'W': 2, '$': 2, '\\': 2, 'P': 2, 'a': 1, 'b': 1, 'r': 1, 'I': 1,
	'E': 1, 'T': 1, '/': 1, ':': 0, '^': 3, 'g': 4, 'c': 0,
}

func (d *decoder) fs(start int) {
	c, ok := d.arg(start, "FS")
	if !ok {
		return
	}
	name := fmt.Sprintf("FS %s", printable(c))
	if c == '(' {
		if b, ok := d.take(start, 3, name); ok {
			d.skip(start, int(b[1])|int(b[2])<<8, fmt.Sprintf("FS ( %s", printable(b[0])))
		}
		return
	}
	if n, known := fsArgs[c]; known {
		d.skip(start, n, name)
		return
	}
	d.note(start, name+": unknown command skipped")
}

// fsArgs lists FS commands (Kanji modes, NV images) with their parameter byte counts.
var fsArgs = map[byte]int{'&': 0, '.': 0, '!': 1, '-': 1, 'W': 1, 'C': 1, 'p': 2, 'S': 2}

// dle steps over the real-time commands, which ask for status or recovery and print nothing.
func (d *decoder) dle(start int) {
	c, ok := d.arg(start, "DLE")
	if !ok {
		return
	}
	switch c {
	case 0x04, 0x05:
		d.skip(start, 1, "DLE real-time request")
	case 0x14:
		d.skip(start, 3, "DLE DC4 real-time command")
	default:
		d.note(start, fmt.Sprintf("DLE %#02x: unknown command skipped", c))
	}
}

// symbologies of GS k, by m; the first seven are the NUL-terminated form, the rest take a length.
var symbologies = map[byte]Symbology{
	0: UPCA, 1: UPCE, 2: EAN13, 3: EAN8, 4: Code39, 5: ITF, 6: Codabar,
	65: UPCA, 66: UPCE, 67: EAN13, 68: EAN8, 69: Code39, 70: ITF, 71: Codabar, 72: Code93, 73: Code128,
}

func (d *decoder) barcode(start int) {
	m, ok := d.arg(start, "GS k")
	if !ok {
		return
	}
	sym, known := symbologies[m]
	if !known {
		d.note(start, fmt.Sprintf("GS k %d: unknown symbology, the rest of the stream may be misread", m))
		return
	}
	var data []byte
	if m < 65 {
		end := d.pos
		for end < len(d.in) && d.in[end] != 0 {
			end++
		}
		if data, ok = d.take(start, end-d.pos+1, "GS k"); !ok {
			return
		}
		data = data[:len(data)-1]
	} else {
		n, ok := d.arg(start, "GS k")
		if !ok {
			return
		}
		if data, ok = d.take(start, int(n), "GS k"); !ok {
			return
		}
	}
	content := latin1(data)
	if sym == Code128 {
		var problem string
		if content, problem = code128Content(data); problem != "" {
			d.note(start, "CODE128 "+problem)
		}
	}
	d.flushPending()
	d.doc.Items = append(d.doc.Items, Barcode{
		Align: d.align, Symbology: sym, Data: content, HRI: d.hri, Height: d.barH, ModuleWidth: d.barW,
	})
}

// code128Content resolves the code set selectors ({A, {B, {C), shifts and escapes of GS k CODE128
// data into the characters the barcode carries. Function codes carry no character and are
// reported.
func code128Content(data []byte) (string, string) {
	if len(data) < 2 || data[0] != '{' || data[1] < 'A' || data[1] > 'C' {
		return latin1(data), "data does not start with a code set ({A, {B or {C): the printer rejects it"
	}
	var out []byte
	var problem string
	set := data[1]
	for i := 2; i < len(data); i++ {
		b := data[i]
		if b == '{' && i+1 < len(data) {
			i++
			switch e := data[i]; e {
			case 'A', 'B', 'C':
				set = e
			case '{':
				out = append(out, '{')
			case 'S', '1', '2', '3', '4':
				problem = "shift or function codes not shown"
			default:
				problem = fmt.Sprintf("unknown escape {%s", printable(e))
			}
			continue
		}
		if set == 'C' {
			if b > 99 {
				problem = fmt.Sprintf("code set C value %d out of range", b)
				continue
			}
			out = append(out, '0'+b/10, '0'+b%10)
			continue
		}
		out = append(out, b)
	}
	return latin1(out), problem
}

// gsParen handles the GS ( x pL pH … family; of it only QR codes (GS ( k, cn 49) are rendered.
func (d *decoder) gsParen(start int) {
	hdr, ok := d.take(start, 3, "GS (")
	if !ok {
		return
	}
	name := fmt.Sprintf("GS ( %s", printable(hdr[0]))
	p, ok := d.take(start, int(hdr[1])|int(hdr[2])<<8, name)
	if !ok {
		return
	}
	if hdr[0] != 'k' || len(p) < 2 || p[0] != 49 {
		d.note(start, name+": not rendered")
		return
	}
	fn, params := p[1], p[2:]
	switch {
	case fn == 65 && len(params) >= 1:
		if params[0] != 50 {
			d.note(start, fmt.Sprintf("QR model %d: drawn as model 2", params[0]-48))
		}
	case fn == 67 && len(params) >= 1:
		d.qrSize = min(max(1, int(params[0])), 16)
	case fn == 69 && len(params) >= 1:
		if params[0] >= 48 && params[0] <= 51 {
			d.qrEC = "LMQH"[params[0]-48]
		}
	case fn == 80 && len(params) >= 1:
		d.qrData = append(d.qrData[:0], params[1:]...)
	case fn == 81:
		if len(d.qrData) == 0 {
			d.note(start, "QR print without stored data")
			return
		}
		d.flushPending()
		d.doc.Items = append(d.doc.Items, QRCode{Align: d.align, Data: string(d.qrData), ModuleSize: d.qrSize, ECLevel: d.qrEC})
	case fn == 82: // symbol size information goes back to the host
	default:
		d.note(start, fmt.Sprintf("QR function %d: not understood", fn))
	}
}

// raster decodes GS v 0 m xL xH yL yH d…: x bytes per row, y rows, scaled by m. What lies beyond
// the paper is dropped, as the printer drops it.
func (d *decoder) raster(start int) {
	if sub, ok := d.arg(start, "GS v"); !ok || sub != '0' {
		if ok {
			d.note(start, fmt.Sprintf("GS v %s: unknown command skipped", printable(sub)))
		}
		return
	}
	hdr, ok := d.take(start, 5, "GS v 0")
	if !ok {
		return
	}
	m := hdr[0]
	xBytes, rows := int(hdr[1])|int(hdr[2])<<8, int(hdr[3])|int(hdr[4])<<8
	bits, ok := d.take(start, xBytes*rows, "GS v 0")
	if !ok || xBytes == 0 || rows == 0 {
		return
	}
	if m >= '0' {
		m -= '0'
	}
	if m > 3 {
		d.note(start, fmt.Sprintf("GS v 0 mode %d unknown, drawn unscaled", hdr[0]))
		m = 0
	}
	sx, sy := 1+int(m&1), 1+int(m>>1)
	w := min(xBytes*8*sx, d.doc.DotWidth)
	img := image.NewGray(image.Rect(0, 0, w, rows*sy))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := range rows * sy {
		row := bits[(y/sy)*xBytes:]
		for x := range w {
			if row[x/sx/8]&(0x80>>(x/sx%8)) != 0 {
				img.Pix[y*img.Stride+x] = 0
			}
		}
	}
	d.flushPending()
	d.doc.Items = append(d.doc.Items, Raster{Align: d.align, Image: img})
}

// cuts describes GS V by m: function A cuts where the paper is, the others first feed the paper
// to the cutter and take the feed amount as one more byte.
var cuts = map[byte]struct{ partial, feed bool }{
	0: {false, false}, 48: {false, false}, 1: {true, false}, 49: {true, false},
	65: {false, true}, 66: {true, true}, 97: {false, true}, 98: {true, true},
	103: {false, true}, 104: {true, true},
}

func (d *decoder) cut(start int) {
	m, ok := d.arg(start, "GS V")
	if !ok {
		return
	}
	c, known := cuts[m]
	if !known {
		d.note(start, fmt.Sprintf("GS V %d: unknown cut", m))
		return
	}
	if c.feed {
		if _, ok := d.arg(start, "GS V"); !ok {
			return
		}
	}
	d.flushPending()
	d.doc.Items = append(d.doc.Items, Cut{Partial: c.partial})
}

// latin1 turns barcode bytes into a string byte for byte: barcode data is ASCII, and any other
// byte stays visible rather than turning into U+FFFD.
func latin1(b []byte) string {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return string(out)
}

// printable names a command letter in notes.
func printable(c byte) string {
	if c > 0x20 && c < 0x7f {
		return string(rune(c))
	}
	return fmt.Sprintf("%#02x", c)
}
