package escdecode

import (
	"fmt"
	"image"
	"unicode/utf8"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/codabar"
	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/code39"
	"github.com/boombuler/barcode/code93"
	"github.com/boombuler/barcode/ean"
	"github.com/boombuler/barcode/qr"
	"github.com/boombuler/barcode/twooffive"
)

const (
	margin    = 16      // paper beyond the printable area, each side
	hriBand   = 28      // a line of font A plus a little air between bars and digits
	cutBand   = 24      // room for the dashed cut mark
	maxHeight = 1 << 15 // about 4 m of paper at 203 dpi; a longer preview is truncated
)

// block is an item laid out: its height on paper and how to draw it at a given top.
type block struct {
	height int
	draw   func(c *canvas, top int)
}

// Render draws the document as the paper would come out of the printer: white paper with the
// printable area inside a margin, text in font A scaled by its size, barcodes and QR codes drawn
// as real bars from their decoded contents, raster images as sent, cuts as dashed lines.
func Render(d *Document) *image.Gray {
	// Lay out only what fits the longest preview: laying out is where barcodes get encoded.
	blocks := make([]block, 0, len(d.Items))
	total, truncated := 2*margin, false
	for _, it := range d.Items {
		if total > maxHeight {
			truncated = true
			break
		}
		b := layout(it, d.DotWidth)
		blocks = append(blocks, b)
		total += b.height
	}
	c := newCanvas(d.DotWidth+2*margin, min(total, maxHeight), d.DotWidth)
	y := margin
	for _, b := range blocks {
		if y+b.height > c.img.Rect.Dy()-margin {
			truncated = true
			break
		}
		b.draw(c, y)
		y += b.height
	}
	if truncated {
		c.text(margin, c.img.Rect.Dy()-margin-cellHeight, "--- preview truncated ---", false, 1, 1)
	}
	return c.img
}

func layout(it Item, dotWidth int) block {
	switch it := it.(type) {
	case TextLine:
		return layoutText(it, dotWidth)
	case Feed:
		return block{height: it.Dots, draw: func(*canvas, int) {}}
	case Barcode:
		return layoutBarcode(it, dotWidth)
	case QRCode:
		return layoutQR(it, dotWidth)
	case Raster:
		return block{height: it.Image.Rect.Dy(), draw: func(c *canvas, top int) {
			c.raster(c.alignX(it.Align, it.Image.Rect.Dx()), top, it.Image)
		}}
	case Cut:
		return block{height: cutBand, draw: func(c *canvas, top int) { c.cutMark(top+cutBand/2, it.Partial) }}
	}
	return block{draw: func(*canvas, int) {}} // a drawer kick leaves nothing on paper
}

func layoutText(l TextLine, dotWidth int) block {
	tall, width := 1, 0
	for _, s := range l.Spans {
		tall = max(tall, s.Height)
		width += utf8.RuneCountInString(s.Text) * cellWidth * s.Width
	}
	return block{
		height: max(l.Spacing, cellHeight) + cellHeight*(tall-1),
		draw: func(c *canvas, top int) {
			x := c.alignX(l.Align, min(width, dotWidth))
			for _, s := range l.Spans {
				// characters of different sizes on a line share its baseline
				x = c.text(x, top+fontBaseline*(tall-s.Height), s.Text, s.Bold, s.Width, s.Height)
			}
		},
	}
}

func layoutBarcode(b Barcode, dotWidth int) block {
	bands := 0
	if b.HRI == HRIAbove || b.HRI == HRIBoth {
		bands++
	}
	if b.HRI == HRIBelow || b.HRI == HRIBoth {
		bands++
	}
	height := b.Height + bands*hriBand
	bc, err := encode1D(b.Symbology, b.Data)
	if err != nil {
		return placeholder(height, fmt.Sprintf("%s not drawable", b.Symbology))
	}
	modules := bc.Bounds().Dx()
	if modules*b.ModuleWidth > dotWidth {
		return placeholder(height, fmt.Sprintf("%s wider than paper", b.Symbology))
	}
	hri := bc.Content()
	return block{height: height, draw: func(c *canvas, top int) {
		x := c.alignX(b.Align, modules*b.ModuleWidth)
		bars := top
		if b.HRI == HRIAbove || b.HRI == HRIBoth {
			c.centredText(x, modules*b.ModuleWidth, top, hri)
			bars += hriBand
		}
		for m := range modules {
			if isInk(bc, m, 0) {
				c.fill(x+m*b.ModuleWidth, bars, b.ModuleWidth, b.Height)
			}
		}
		if b.HRI == HRIBelow || b.HRI == HRIBoth {
			c.centredText(x, modules*b.ModuleWidth, bars+b.Height+hriBand-cellHeight, hri)
		}
	}}
}

// encode1D rebuilds the bars of a barcode from its contents; the bars may differ from the
// printer's (another code set choice, say) but scan to the same data.
func encode1D(sym Symbology, data string) (barcode.Barcode, error) {
	switch sym {
	case EAN13, EAN8, UPCA:
		if !digitsOnly(data) {
			return nil, fmt.Errorf("%s data %q is not digits", sym, data)
		}
		if sym == UPCA {
			data = "0" + data // UPC-A is EAN-13 with a leading zero
		}
		return ean.Encode(data)
	case Code39:
		return code39.Encode(data, false, false)
	case Code93:
		return code93.Encode(data, true, false)
	case ITF:
		if !digitsOnly(data) {
			return nil, fmt.Errorf("ITF data %q is not digits", data)
		}
		return twooffive.Encode(data, true)
	case Codabar:
		return codabar.Encode(data)
	case Code128:
		return code128.Encode(data)
	}
	return nil, fmt.Errorf("%s is not drawn", sym)
}

var qrLevels = map[byte]qr.ErrorCorrectionLevel{'L': qr.L, 'M': qr.M, 'Q': qr.Q, 'H': qr.H}

// layoutQR redraws the symbol in byte mode, the mode the encoder sizes its symbols for.
func layoutQR(q QRCode, dotWidth int) block {
	sym, err := qr.Encode(q.Data, qrLevels[q.ECLevel], qr.Unicode)
	if err != nil {
		return placeholder(cellHeight*3, "QR code not drawable")
	}
	modules := sym.Bounds().Dx()
	side := modules * q.ModuleSize
	if side > dotWidth {
		return placeholder(cellHeight*3, "QR code wider than paper")
	}
	return block{height: side, draw: func(c *canvas, top int) {
		x := c.alignX(q.Align, side)
		for my := range modules {
			for mx := range modules {
				if isInk(sym, mx, my) {
					c.fill(x+mx*q.ModuleSize, top+my*q.ModuleSize, q.ModuleSize, q.ModuleSize)
				}
			}
		}
	}}
}

// placeholder marks, at the size the printer would use, something the preview cannot draw, so
// that a layout mistake shows instead of vanishing.
func placeholder(height int, text string) block {
	return block{height: height, draw: func(c *canvas, top int) {
		c.frame(top, height)
		c.centredText(margin, c.dotWidth, top+(height-cellHeight)/2, text)
	}}
}

func isInk(bc barcode.Barcode, x, y int) bool {
	origin := bc.Bounds().Min
	r, _, _, _ := bc.At(origin.X+x, origin.Y+y).RGBA()
	return r < 0x8000
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
