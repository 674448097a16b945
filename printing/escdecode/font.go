package escdecode

import (
	"fmt"
	"image"
	"image/draw"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// fontA draws characters in the printer's 12×24 font A cell. Go Mono at 20 px has exactly that
// cell (advance 12, ascent 19, descent 5) and covers every letter of the code pages decoded here,
// Polish ones included, which the x/image bitmap fonts do not.
type fontA struct {
	mu   sync.Mutex
	face font.Face
	// cells holds each glyph rasterised once; it stays small because only runes of the decoded
	// code pages, and barcode text, ever reach it.
	cells map[cellKey]*image.Alpha
}

type cellKey struct {
	r    rune
	bold bool
}

const fontBaseline = 19

var glyphs = sync.OnceValue(func() *fontA {
	f, err := opentype.Parse(gomono.TTF)
	if err != nil {
		panic(fmt.Sprintf("escdecode: the compiled-in Go Mono font does not parse: %v", err))
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 20, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(fmt.Sprintf("escdecode: Go Mono face: %v", err))
	}
	return &fontA{face: face, cells: map[cellKey]*image.Alpha{}}
})

// cell returns r drawn in a font A cell; bold is drawn twice, one dot apart, as printers do.
func (f *fontA) cell(r rune, bold bool) *image.Alpha {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := cellKey{r, bold}
	if c, ok := f.cells[key]; ok {
		return c
	}
	c := image.NewAlpha(image.Rect(0, 0, cellWidth, cellHeight))
	if dr, mask, mp, _, ok := f.face.Glyph(fixed.P(0, fontBaseline), r); ok {
		draw.DrawMask(c, dr, image.Opaque, image.Point{}, mask, mp, draw.Over)
	}
	if bold {
		for y := range cellHeight {
			row := c.Pix[y*c.Stride : y*c.Stride+cellWidth]
			for x := cellWidth - 1; x > 0; x-- {
				row[x] = max(row[x], row[x-1])
			}
		}
	}
	f.cells[key] = c
	return c
}
