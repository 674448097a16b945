// Package escdecode reads an ESC/POS byte stream back into what a receipt printer would put on
// paper: lines of text with their attributes, barcodes with their contents, raster images and
// cuts, and renders them as an image of the paper roll for the print preview.
//
// It is deliberately written from the ESC/POS command reference alone and shares nothing with the
// encoder, so that a test decoding the encoder's output checks the encoder against a second
// reading of the specification rather than against itself. Commands it does not know are stepped
// over and reported as notes; no input makes it panic.
package escdecode

import (
	"fmt"
	"image"
	"strings"
)

// Document is what a printer would print from a byte stream.
type Document struct {
	DotWidth int    // printable width the stream was decoded for
	Items    []Item // in paper order
	Notes    []Note // commands skipped or not rendered
}

// Note reports a command the decoder stepped over or could not render faithfully.
type Note struct {
	Offset int // of the command's first byte
	Text   string
}

func (n Note) String() string { return fmt.Sprintf("@%d: %s", n.Offset, n.Text) }

// Item is one thing on the paper: a TextLine, Feed, Barcode, QRCode, Raster, Cut or DrawerKick.
type Item interface{ item() }

// Align is the justification a line or symbol was printed with.
type Align byte

// Justifications.
const (
	Left Align = iota
	Center
	Right
)

// TextLine is one printed line, cut into spans of equal attributes.
type TextLine struct {
	Align   Align
	Spacing int // line spacing in dots in effect when it was printed
	Spans   []Span
}

// Span is a run of characters printed with the same attributes.
type Span struct {
	Text   string
	Bold   bool
	Width  int // character width multiplier, 1 to 8
	Height int // character height multiplier, 1 to 8
}

// String returns the line's characters.
func (l TextLine) String() string {
	var b strings.Builder
	for _, s := range l.Spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Feed is blank paper: Lines line feeds (ESC d) or Dots motion units (ESC J).
type Feed struct {
	Lines int
	Dots  int
}

// Symbology names a 1D barcode type.
type Symbology string

// The symbologies of GS k.
const (
	UPCA    Symbology = "UPC-A"
	UPCE    Symbology = "UPC-E"
	EAN13   Symbology = "EAN13"
	EAN8    Symbology = "EAN8"
	Code39  Symbology = "CODE39"
	ITF     Symbology = "ITF"
	Codabar Symbology = "CODABAR"
	Code93  Symbology = "CODE93"
	Code128 Symbology = "CODE128"
)

// HRI says where a barcode's human readable interpretation is printed.
type HRI byte

// HRI positions.
const (
	HRINone HRI = iota
	HRIAbove
	HRIBelow
	HRIBoth
)

// Barcode is a 1D barcode. Data is its content: for CODE128 the code set selectors are resolved,
// so a code set C barcode gives back its digits.
type Barcode struct {
	Align       Align
	Symbology   Symbology
	Data        string
	HRI         HRI
	Height      int // dots
	ModuleWidth int // dots
}

// QRCode is a printed QR code symbol.
type QRCode struct {
	Align      Align
	Data       string
	ModuleSize int  // dots
	ECLevel    byte // 'L', 'M', 'Q' or 'H'
}

// Raster is a printed bit image, already scaled as the printer scales it and clipped to the
// paper; black pixels are ink.
type Raster struct {
	Align Align
	Image *image.Gray
}

// Cut is a paper cut; a partial cut leaves a hinge.
type Cut struct{ Partial bool }

// DrawerKick is a cash drawer pulse; it leaves nothing on paper.
type DrawerKick struct{ Pin int }

func (TextLine) item()   {}
func (Feed) item()       {}
func (Barcode) item()    {}
func (QRCode) item()     {}
func (Raster) item()     {}
func (Cut) item()        {}
func (DrawerKick) item() {}

// Text returns the document as plain text, one printed line per line; barcodes, images, cuts and
// drawer pulses appear as bracketed tags such as [CODE128 0123] so that a test or a log can read
// the whole document.
func (d *Document) Text() string {
	var b strings.Builder
	for _, it := range d.Items {
		switch it := it.(type) {
		case TextLine:
			b.WriteString(it.String())
			b.WriteByte('\n')
		case Feed:
			for range it.Lines {
				b.WriteByte('\n')
			}
		case Barcode:
			fmt.Fprintf(&b, "[%s %s]\n", it.Symbology, it.Data)
		case QRCode:
			fmt.Fprintf(&b, "[QR %s]\n", it.Data)
		case Raster:
			fmt.Fprintf(&b, "[IMAGE %dx%d]\n", it.Image.Rect.Dx(), it.Image.Rect.Dy())
		case Cut:
			if it.Partial {
				b.WriteString("[PARTIAL CUT]\n")
			} else {
				b.WriteString("[CUT]\n")
			}
		case DrawerKick:
			fmt.Fprintf(&b, "[DRAWER pin %d]\n", it.Pin)
		}
	}
	return b.String()
}
