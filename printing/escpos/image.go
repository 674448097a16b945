package escpos

import (
	"image"
	"image/color"
)

// Image prints img as a raster bit image (GS v 0), scaled down to the paper width if it is wider
// and thresholded to black and white: thermal paper has no grey. Transparent pixels count as
// paper.
func (w *Writer) Image(img image.Image) {
	b := img.Bounds()
	if b.Empty() {
		w.fail("empty image")
		return
	}
	srcW, srcH := b.Dx(), b.Dy()
	dstW, dstH := srcW, srcH
	if dstW > w.p.DotWidth {
		dstW, dstH = w.p.DotWidth, max(1, srcH*w.p.DotWidth/srcW)
	}
	rowBytes := (dstW + 7) / 8
	if dstH > 0xffff {
		w.fail("image of %d rows is too tall", dstH)
		return
	}
	w.cmd(gs, 'v', '0', 0, byte(rowBytes), byte(rowBytes>>8), byte(dstH), byte(dstH>>8))
	if w.err != nil {
		return
	}
	for y := range dstH {
		sy := b.Min.Y + y*srcH/dstH
		row := len(w.buf)
		w.buf = append(w.buf, make([]byte, rowBytes)...)
		for x := range dstW {
			if dark(img.At(b.Min.X+x*srcW/dstW, sy)) {
				w.buf[row+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
}

// dark tells whether c, laid over white paper, is closer to black than to white.
func dark(c color.Color) bool {
	r, g, b, a := c.RGBA() // premultiplied: adding the uncovered part of white composites it
	paper := 0xffff - a
	luma := (299*(r+paper) + 587*(g+paper) + 114*(b+paper)) / 1000
	return luma < 0x8000
}
