package escpos

import (
	"fmt"

	"golang.org/x/text/encoding/charmap"
)

// CodePage is a printer character table: the number ESC t selects it by and the byte mapping used
// to encode text for it. Table is a field, not a constant, because clones number their tables
// differently from Epson; the values below are Epson's.
type CodePage struct {
	Name    string
	Table   byte
	Charmap *charmap.Charmap
}

// The code pages the shops need: CP858 (PC850 with €) and CP1252 for French and Italian, CP852 for
// Polish.
var (
	CP858  = CodePage{Name: "CP858", Table: 19, Charmap: charmap.CodePage858}
	CP1252 = CodePage{Name: "CP1252", Table: 16, Charmap: charmap.Windows1252}
	CP852  = CodePage{Name: "CP852", Table: 18, Charmap: charmap.CodePage852}
)

// Profile describes one printer: how many font A characters fit on a line, how many dots wide the
// printable area is, and which code page text is sent in.
type Profile struct {
	Columns  int
	DotWidth int
	CodePage CodePage
}

// Paper58 is the profile of a 58 mm printer (384 dots, 32 columns of 12-dot font A).
func Paper58(cp CodePage) Profile { return Profile{Columns: 32, DotWidth: 384, CodePage: cp} }

// Paper80 is the profile of an 80 mm printer (576 dots, 48 columns of 12-dot font A).
func Paper80(cp CodePage) Profile { return Profile{Columns: 48, DotWidth: 576, CodePage: cp} }

func (p Profile) validate() error {
	if p.Columns < 1 || p.DotWidth < 8 || p.CodePage.Charmap == nil {
		return fmt.Errorf("escpos: incomplete profile (columns %d, dot width %d, code page %q)",
			p.Columns, p.DotWidth, p.CodePage.Name)
	}
	return nil
}

// Width is the number of characters s prints as in p's code page: a letter the page lacks counts
// as what it is spelled with ("€" is "EUR" on CP852, "Œ" is "OE" on CP858), a control character
// as nothing. Layouts measure with it so that their columns line up on paper.
func (p Profile) Width(s string) int {
	var buf [8]byte // the longest spelling of one letter is three bytes
	n := 0
	for _, r := range s {
		n += len(p.CodePage.appendRune(buf[:0], r))
	}
	return n
}
