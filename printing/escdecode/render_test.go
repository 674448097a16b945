package escdecode

import (
	"image"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ink returns the bounds of the dark pixels of img and how many there are.
func ink(tb testing.TB, img *image.Gray) (image.Rectangle, int) {
	tb.Helper()
	var r image.Rectangle
	n := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, y):]
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			if row[x-img.Rect.Min.X] < 0x80 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	return r, n
}

func render(tb testing.TB, dotWidth int, parts ...any) *image.Gray {
	tb.Helper()
	return Render(Decode(stream(tb, parts...), dotWidth))
}

func TestRenderBlankPaper(t *testing.T) {
	img := Render(Decode(nil, 384))
	assert.Equal(t, image.Rect(0, 0, 384+2*margin, 2*margin), img.Rect)
	_, n := ink(t, img)
	assert.Zero(t, n)
}

func TestRenderTextLine(t *testing.T) {
	img := render(t, 384, "HH\n")
	assert.Equal(t, 2*margin+30, img.Rect.Dy(), "one line of default spacing")
	box, _ := ink(t, img)
	assert.True(t, box.Min.X >= margin && box.Max.X <= margin+2*cellWidth, "%v in the first two cells", box)
	assert.True(t, box.Min.Y >= margin && box.Max.Y <= margin+cellHeight, "%v in the first line", box)
}

func TestRenderAttributes(t *testing.T) {
	_, plain := ink(t, render(t, 384, "HOME\n"))
	_, bold := ink(t, render(t, 384, ESC+"E", 1, "HOME\n"))
	_, big := ink(t, render(t, 384, GS+"!", 0x11, "HOME\n"))
	assert.Greater(t, bold, plain*5/4, "bold lays more ink")
	assert.InDelta(t, 4*plain, big, float64(plain)/2, "double size is four times the ink")
}

func TestRenderAlignment(t *testing.T) {
	centred, _ := ink(t, render(t, 384, ESC+"a", 1, "MM\n"))
	assert.InDelta(t, margin+384/2, (centred.Min.X+centred.Max.X)/2, 2)
	right, _ := ink(t, render(t, 384, ESC+"a", 2, "MM\n"))
	assert.InDelta(t, margin+384, right.Max.X, 2)
}

func TestRenderMixedSizesShareABaseline(t *testing.T) {
	img := render(t, 384, GS+"!", 0x11, "H", GS+"!", 0, "H\n")
	big, _ := ink(t, img.SubImage(image.Rect(margin, 0, margin+24, img.Rect.Dy())).(*image.Gray))
	small, _ := ink(t, img.SubImage(image.Rect(margin+24, 0, margin+36, img.Rect.Dy())).(*image.Gray))
	assert.Equal(t, big.Max.Y, small.Max.Y)
	assert.Equal(t, 2*margin+30+24, img.Rect.Dy(), "a double-height line is one cell taller")
}

func TestRenderBarcodeAsBars(t *testing.T) {
	img := render(t, 384, ESC+"a", 1, GS+"h", 50, GS+"w", 3, GS+"k", 67, 13, "5901234123457")
	box, _ := ink(t, img)
	assert.Equal(t, 95*3, box.Dx(), "95 modules of 3 dots")
	assert.Equal(t, 50, box.Dy())
	assert.InDelta(t, margin+384/2, (box.Min.X+box.Max.X)/2, 2)
}

func TestRenderHRIBelowTheBars(t *testing.T) {
	without := render(t, 384, GS+"h", 50, GS+"k", 67, 13, "5901234123457")
	with := render(t, 384, GS+"h", 50, GS+"H", 2, GS+"k", 67, 13, "5901234123457")
	assert.Equal(t, without.Rect.Dy()+hriBand, with.Rect.Dy())
	box, _ := ink(t, with)
	assert.Greater(t, box.Max.Y, margin+50+hriBand/2, "digits under the bars")
}

func TestRenderQRCode(t *testing.T) {
	img := render(t, 384, GS+"(k", 3, 0, 49, 67, 4, GS+"(k", 4, 0, 49, 80, 48, "A", GS+"(k", 3, 0, 49, 81, 48)
	box, _ := ink(t, img)
	assert.Equal(t, image.Rect(margin, margin, margin+21*4, margin+21*4), box, "version 1 is 21 modules")
}

func TestRenderRaster(t *testing.T) {
	img := render(t, 384, GS+"v0", 0, 1, 0, 1, 0, 0x81)
	assert.Equal(t, uint8(0), img.GrayAt(margin, margin).Y)
	assert.Equal(t, uint8(0xff), img.GrayAt(margin+1, margin).Y)
	assert.Equal(t, uint8(0), img.GrayAt(margin+7, margin).Y)
}

func TestRenderCutAsDashes(t *testing.T) {
	img := render(t, 384, GS+"V", 0)
	y := margin + cutBand/2
	assert.Equal(t, uint8(0), img.GrayAt(0, y).Y)
	assert.Equal(t, uint8(0xff), img.GrayAt(9, y).Y)
	assert.Equal(t, uint8(0), img.GrayAt(img.Rect.Dx()/2, y).Y, "a full cut crosses the middle")
	partial := render(t, 384, GS+"V", 1)
	assert.Equal(t, uint8(0xff), partial.GrayAt(partial.Rect.Dx()/2, y).Y, "a partial cut leaves a hinge")
}

func TestRenderPlaceholders(t *testing.T) {
	tests := map[string][]byte{
		"undrawable data":  stream(t, GS+"k", 67, 13, "59012341234AB"),
		"wider than paper": stream(t, GS+"w", 6, GS+"k", 73, 22, "{B", strings.Repeat("W", 20)),
		"unsupported":      stream(t, GS+"k", 66, 6, "123456"),
		"QR too large":     stream(t, GS+"(k", 3, 0, 49, 67, 16, GS+"(k", 103, 0, 49, 80, 48, strings.Repeat("x", 100), GS+"(k", 3, 0, 49, 81, 48),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			img := Render(Decode(in, 384))
			assert.Equal(t, uint8(0x80), img.GrayAt(margin, margin).Y, "grey frame corner")
			_, n := ink(t, img)
			assert.Positive(t, n, "the frame carries a caption")
		})
	}
}

func TestRenderIsBoundedInHeight(t *testing.T) {
	in := stream(t, strings.Repeat(ESC+"3\xff"+ESC+"d\xff", 10), "end\n")
	img := Render(Decode(in, 384))
	require.Equal(t, maxHeight, img.Rect.Dy())
	box, _ := ink(t, img)
	assert.Greater(t, box.Min.Y, maxHeight-margin-cellHeight-1, "only the truncation mark at the bottom")
}
