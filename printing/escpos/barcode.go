package escpos

// HRIPosition is where the printer writes a barcode's human readable digits.
type HRIPosition byte

// HRI positions, numbered as GS H expects them.
const (
	HRINone HRIPosition = iota
	HRIAbove
	HRIBelow
	HRIBoth
)

const (
	barHeight = 80 // dots, 10 mm at 203 dpi: tall enough for a hand scanner
	// barQuiet is the blank margin, in modules, a scanner needs on each side of a 1D barcode.
	barQuiet   = 10
	maxBarUnit = 3 // widest module, in dots: wider only makes long codes overflow 58 mm paper
	minBarUnit = 2 // narrowest module most printers accept (GS w 2..6)
)

// HRI sets where the digits of the following barcodes are printed.
func (w *Writer) HRI(pos HRIPosition) {
	if pos > HRIBoth {
		w.fail("unknown HRI position %d", pos)
		return
	}
	w.hri = pos
}

// EAN13 prints an EAN-13 barcode. code has 12 digits (the check digit is computed) or 13 (the
// check digit is verified).
func (w *Writer) EAN13(code string) {
	if !allDigits(code) || (len(code) != 12 && len(code) != 13) {
		w.fail("EAN-13 needs 12 or 13 digits, got %q", code)
		return
	}
	check := ean13Check(code[:12])
	if len(code) == 13 && code[12] != check {
		w.fail("EAN-13 %q: check digit should be %c", code, check)
		return
	}
	full := code[:12] + string(check)
	w.barcode(95, 67, []byte(full)) // 95 modules; GS k 67 is EAN-13, length-prefixed form
}

// Barcode128C prints digits as a CODE128 barcode in code set C, two digits per symbol, which
// keeps the 20-digit document number short enough for 58 mm paper. digits must be an even
// count.
func (w *Writer) Barcode128C(digits string) {
	if !allDigits(digits) || len(digits) == 0 || len(digits)%2 != 0 || len(digits) > 2*250 {
		w.fail("CODE128 set C needs an even count of digits, got %q", digits)
		return
	}
	data := make([]byte, 0, 2+len(digits)/2)
	data = append(data, '{', 'C')
	for i := 0; i < len(digits); i += 2 {
		data = append(data, (digits[i]-'0')*10+digits[i+1]-'0')
	}
	// start, one symbol per pair, check symbol: 11 modules each; the stop symbol has 13.
	modules := 11*(len(digits)/2+2) + 13
	w.barcode(modules, 73, data)
}

// barcode emits the full barcode setup before GS k so that each barcode prints the same whatever
// came before it.
func (w *Writer) barcode(modules int, symbology byte, data []byte) {
	unit := min(maxBarUnit, w.p.DotWidth/(modules+2*barQuiet))
	if unit < minBarUnit {
		w.fail("barcode of %d modules does not fit %d dots", modules, w.p.DotWidth)
		return
	}
	w.cmd(gs, 'H', byte(w.hri), gs, 'h', barHeight, gs, 'w', byte(unit), gs, 'k', symbology, byte(len(data)))
	w.cmd(data...)
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ean13Check computes the check digit of 12 digits: weights 1 and 3 alternate from the left.
func ean13Check(digits string) byte {
	sum := 0
	for i := range len(digits) {
		d := int(digits[i] - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

// qrCapacityM is the number of bytes a QR code of each version (1 to 40) holds in byte mode at
// error correction level M; it tells how large the symbol will be, so that the module size can
// be chosen to fit the paper.
var qrCapacityM = [40]int{
	14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
	711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911,
	1989, 2099, 2213, 2331,
}

const (
	qrMaxModule = 8 // dots per module; larger symbols only waste paper
	qrQuiet     = 4 // blank modules a reader needs around the symbol
)

// QR prints data as a QR code, model 2, error correction M, with the largest module size (up to 8
// dots) that keeps the symbol and its quiet zone on the paper. data is framed by its length, so
// whatever bytes it holds cannot be taken for commands.
func (w *Writer) QR(data string) {
	version := 0
	for v, capacity := range qrCapacityM {
		if len(data) <= capacity {
			version = v + 1
			break
		}
	}
	if len(data) == 0 || version == 0 {
		w.fail("QR data of %d bytes outside 1..%d", len(data), qrCapacityM[39])
		return
	}
	modules := 17 + 4*version
	size := min(qrMaxModule, w.p.DotWidth/(modules+2*qrQuiet))
	if size < 1 {
		w.fail("QR code of %d modules does not fit %d dots", modules, w.p.DotWidth)
		return
	}
	store := len(data) + 3 // cn, fn, m precede the data
	w.cmd(
		gs, '(', 'k', 4, 0, 49, 65, 50, 0, // model 2
		gs, '(', 'k', 3, 0, 49, 67, byte(size), // module size
		gs, '(', 'k', 3, 0, 49, 69, 49, // error correction M
		gs, '(', 'k', byte(store), byte(store>>8), 49, 80, 48, // store the data …
	)
	if w.err == nil {
		w.buf = append(w.buf, data...)
	}
	w.cmd(gs, '(', 'k', 3, 0, 49, 81, 48) // … and print it
}
