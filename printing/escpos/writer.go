// Package escpos builds the byte stream an ESC/POS receipt printer understands. A layout drives a
// Writer line by line; the Writer tracks the character size so that two-column rows and rules
// fill the paper width, encodes text into the printer's code page, and keeps the first error it
// meets so that a layout can write a whole document and check once, in Bytes.
package escpos

import "fmt"

const (
	esc = 0x1b
	gs  = 0x1d
	lf  = 0x0a
)

// Alignment is the justification of the lines, barcodes and images that follow.
type Alignment byte

// Alignments, numbered as ESC a expects them.
const (
	AlignLeft Alignment = iota
	AlignCenter
	AlignRight
)

// DrawerPin is the connector pin the cash drawer is wired to; shops wire either.
type DrawerPin byte

// Drawer pins, numbered as ESC p expects them.
const (
	DrawerPin2 DrawerPin = 0
	DrawerPin5 DrawerPin = 1
)

// Writer accumulates the commands of one document in memory: transports send whole documents,
// and the preview decodes the very same bytes.
type Writer struct {
	p       Profile
	buf     []byte
	scratch []byte // reused by Line to measure its two halves without allocating
	err     error
	width   int         // current character width multiplier, for Line and Rule
	hri     HRIPosition // where the next barcodes print their digits
}

// New returns a Writer for a printer described by p.
func New(p Profile) *Writer {
	return &Writer{p: p, err: p.validate(), width: 1, hri: HRIBelow, buf: make([]byte, 0, 4096)}
}

// Err returns the first error met, if any.
func (w *Writer) Err() error { return w.err }

// Bytes returns the document built so far, or the first error met. The slice aliases the
// Writer's buffer.
func (w *Writer) Bytes() ([]byte, error) {
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

func (w *Writer) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("escpos: "+format, args...)
	}
}

func (w *Writer) cmd(b ...byte) {
	if w.err == nil {
		w.buf = append(w.buf, b...)
	}
}

// Init resets the printer (ESC @) and selects the profile's code page (ESC t n).
func (w *Writer) Init() {
	w.cmd(esc, '@', esc, 't', w.p.CodePage.Table)
	w.width = 1
}

// Bold turns emphasis on or off (ESC E n).
func (w *Writer) Bold(on bool) {
	w.cmd(esc, 'E', boolByte(on))
}

// Size sets the character width and height multipliers, 1 to 8 each (GS ! n).
func (w *Writer) Size(width, height int) {
	if width < 1 || width > 8 || height < 1 || height > 8 {
		w.fail("character size %dx%d outside 1..8", width, height)
		return
	}
	w.cmd(gs, '!', byte((width-1)<<4|(height-1)))
	if w.err == nil {
		w.width = width
	}
}

// Align justifies what follows (ESC a n). Printers honour it at the start of a line, which is
// where every Writer method leaves them.
func (w *Writer) Align(a Alignment) {
	if a > AlignRight {
		w.fail("unknown alignment %d", a)
		return
	}
	w.cmd(esc, 'a', byte(a))
}

// Text prints s on a line of its own; the printer wraps it if it is longer than the paper.
func (w *Writer) Text(s string) {
	if w.err != nil {
		return
	}
	w.buf = w.p.CodePage.appendText(w.buf, s)
	w.buf = append(w.buf, lf)
}

// Line prints left and right on one row, right flush against the margin, as receipts show a
// product and its amount. When both do not fit, left gets its own line(s) and right follows on
// the next row, still flush right, so that nothing is cut off.
func (w *Writer) Line(left, right string) {
	if w.err != nil {
		return
	}
	cols := w.p.Columns / w.width
	w.scratch = w.p.CodePage.appendText(w.scratch[:0], left)
	nl := len(w.scratch)
	w.scratch = w.p.CodePage.appendText(w.scratch, right)
	l, r := w.scratch[:nl], w.scratch[nl:]
	w.buf = append(w.buf, l...)
	if len(l) > 0 && len(l)+1+len(r) > cols {
		w.buf = append(w.buf, lf)
		l = nil
	}
	w.buf = appendRepeat(w.buf, ' ', cols-len(l)-len(r))
	w.buf = append(w.buf, r...)
	w.buf = append(w.buf, lf)
}

// Rule prints a dashed line across the paper.
func (w *Writer) Rule() {
	if w.err != nil {
		return
	}
	w.buf = appendRepeat(w.buf, '-', w.p.Columns/w.width)
	w.buf = append(w.buf, lf)
}

// Feed prints what is pending and feeds n more lines (ESC d n).
func (w *Writer) Feed(n int) {
	if n < 0 || n > 255 {
		w.fail("feed of %d lines outside 0..255", n)
		return
	}
	w.cmd(esc, 'd', byte(n))
}

// Cut feeds the paper to the cutter and cuts it through (GS V 65 0).
func (w *Writer) Cut() { w.cmd(gs, 'V', 65, 0) }

// PartialCut feeds the paper to the cutter and cuts it leaving a hinge (GS V 66 0).
func (w *Writer) PartialCut() { w.cmd(gs, 'V', 66, 0) }

// Kick pulses the cash drawer on pin for 50 ms on, 500 ms off (ESC p m 25 250).
func (w *Writer) Kick(pin DrawerPin) {
	if pin > DrawerPin5 {
		w.fail("unknown drawer pin %d", pin)
		return
	}
	w.cmd(esc, 'p', byte(pin), 25, 250)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func appendRepeat(dst []byte, c byte, n int) []byte {
	for range n {
		dst = append(dst, c)
	}
	return dst
}
