package escpos

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// transliterations spell letters and signs a code page may lack with ones it has, so that a name
// never prints as "?" when a readable spelling exists. Letters with a canonical decomposition
// (é, ż, ì …) need no entry: appendRune falls back to their base letter.
var transliterations = map[rune]string{
	'€': "EUR", '£': "GBP", '¢': "c", '¥': "JPY",
	'Œ': "OE", 'œ': "oe", 'Æ': "AE", 'æ': "ae", 'ß': "ss", 'ẞ': "SS",
	'Ł': "L", 'ł': "l", 'Đ': "D", 'đ': "d", 'Ð': "D", 'ð': "d", 'Ø': "O", 'ø': "o",
	'Þ': "Th", 'þ': "th", 'Ħ': "H", 'ħ': "h", 'ı': "i", 'Ĳ': "IJ", 'ĳ': "ij", 'ĸ': "k",
	'Ŀ': "L", 'ŀ': "l", 'ŉ': "'n", 'Ŋ': "N", 'ŋ': "n", 'Ŧ': "T", 'ŧ': "t", 'ſ': "s",
	'‘': "'", '’': "'", '‚': ",", '‛': "'", '“': "\"", '”': "\"", '„': "\"", '‟': "\"",
	'«': "<<", '»': ">>", '‹': "<", '›': ">", '–': "-", '—': "-", '‐': "-", '‑': "-", '−': "-",
	'…': "...", '•': "*", '·': ".", '×': "x", '÷': "/", '°': "o", '±': "+/-",
	'©': "(C)", '®': "(R)", '™': "TM", '§': "S", '¶': "P", '¼': "1/4", '½': "1/2", '¾': "3/4",
	'¹': "1", '²': "2", '³': "3", 'µ': "u", 'ª': "a", 'º': "o", '¡': "!", '¿': "?",
	'\u00a0': " ", '\u202f': " ", '\u2009': " ",
}

// appendText appends s encoded in cp. Every control character is dropped (tabs and line breaks
// become spaces) so that text typed by a person or pulled from master data can never carry a
// printer command: no byte below 0x20, nor DEL, comes out of here (R-PR4).
func (cp CodePage) appendText(dst []byte, s string) []byte {
	for _, r := range s {
		dst = cp.appendRune(dst, r)
	}
	return dst
}

func (cp CodePage) appendRune(dst []byte, r rune) []byte {
	switch {
	case r >= 0x20 && r < 0x7f:
		return append(dst, byte(r))
	case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
		return append(dst, ' ')
	case r < 0x20 || (r >= 0x7f && r <= 0x9f) || unicode.Is(unicode.Cf, r):
		return dst
	}
	// The code page's own letter wins; a byte that would land in the control range is refused
	// whatever the table says.
	if b, ok := cp.Charmap.EncodeRune(r); ok && b >= 0x20 && b != 0x7f {
		return append(dst, b)
	}
	if t, ok := transliterations[r]; ok {
		for _, tr := range t {
			dst = cp.appendRune(dst, tr)
		}
		return dst
	}
	var enc [utf8.UTFMax]byte
	if d := norm.NFD.Properties(utf8.AppendRune(enc[:0], r)).Decomposition(); len(d) > 0 {
		if base, _ := utf8.DecodeRune(d); base != r {
			return cp.appendRune(dst, base)
		}
	}
	return append(dst, '?')
}
