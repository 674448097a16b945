package escdecode

import (
	"image"
	"unicode/utf8"
)

// canvas is the paper: a grey image where every drawing call clips to the bounds, so that no
// decoded geometry can draw outside it.
type canvas struct {
	img      *image.Gray
	dotWidth int
}

func newCanvas(w, h, dotWidth int) *canvas {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	return &canvas{img: img, dotWidth: dotWidth}
}

// alignX is the left edge of something width dots wide justified within the printable area.
func (c *canvas) alignX(a Align, width int) int {
	switch a {
	case Center:
		return margin + (c.dotWidth-width)/2
	case Right:
		return margin + c.dotWidth - width
	}
	return margin
}

// fill inks a rectangle.
func (c *canvas) fill(x, y, w, h int) {
	r := image.Rect(x, y, x+w, y+h).Intersect(c.img.Rect)
	for yy := r.Min.Y; yy < r.Max.Y; yy++ {
		row := c.img.Pix[yy*c.img.Stride:]
		for xx := r.Min.X; xx < r.Max.X; xx++ {
			row[xx] = 0
		}
	}
}

// text draws s from (x, top) in font A scaled w×h and returns where the next character goes.
func (c *canvas) text(x, top int, s string, bold bool, w, h int) int {
	f := glyphs()
	for _, r := range s {
		cell := f.cell(r, bold)
		for cy := range cellHeight {
			for cx := range cellWidth {
				if a := cell.Pix[cy*cell.Stride+cx]; a != 0 {
					c.darken(x+cx*w, top+cy*h, w, h, a)
				}
			}
		}
		x += cellWidth * w
	}
	return x
}

// darken lays ink of coverage a over a w×h block, keeping what is already darker.
func (c *canvas) darken(x, y, w, h int, a uint8) {
	r := image.Rect(x, y, x+w, y+h).Intersect(c.img.Rect)
	for yy := r.Min.Y; yy < r.Max.Y; yy++ {
		row := c.img.Pix[yy*c.img.Stride:]
		for xx := r.Min.X; xx < r.Max.X; xx++ {
			row[xx] = min(row[xx], 0xff-a)
		}
	}
}

// centredText writes s centred over a span of width dots starting at x, as HRI digits are.
func (c *canvas) centredText(x, width, top int, s string) {
	c.text(x+(width-utf8.RuneCountInString(s)*cellWidth)/2, top, s, false, 1, 1)
}

func (c *canvas) raster(x, top int, img *image.Gray) {
	for y := range img.Rect.Dy() {
		for xx := range img.Rect.Dx() {
			if img.Pix[y*img.Stride+xx] < 0x80 {
				c.fill(x+xx, top+y, 1, 1)
			}
		}
	}
}

// cutMark draws a dashed line across the whole paper; a partial cut leaves its hinge uncut in
// the middle.
func (c *canvas) cutMark(y int, partial bool) {
	width := c.img.Rect.Dx()
	for x := 0; x < width; x += 12 {
		if partial && x > width/2-24 && x < width/2+24 {
			continue
		}
		c.fill(x, y, 8, 1)
	}
}

// frame outlines the printable area between top and top+height in grey.
func (c *canvas) frame(top, height int) {
	r := image.Rect(margin, top, margin+c.dotWidth, top+height).Intersect(c.img.Rect)
	for x := r.Min.X; x < r.Max.X; x++ {
		c.grey(x, r.Min.Y)
		c.grey(x, r.Max.Y-1)
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		c.grey(r.Min.X, y)
		c.grey(r.Max.X-1, y)
	}
}

func (c *canvas) grey(x, y int) {
	if (image.Point{x, y}).In(c.img.Rect) {
		c.img.Pix[y*c.img.Stride+x] = 0x80
	}
}
