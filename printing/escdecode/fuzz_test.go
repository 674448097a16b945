package escdecode

import (
	"testing"
)

// FuzzDecode feeds arbitrary streams to the decoder and the renderer: neither may panic, and what
// they return must stay within the paper and the bounds they promise. The seed corpus under
// testdata/fuzz/FuzzDecode holds one stream per command family.
func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		d := Decode(data, 384)
		_ = d.Text()
		if len(d.Notes) > maxNotes+1 {
			t.Fatalf("%d notes", len(d.Notes))
		}
		for _, it := range d.Items {
			if l, ok := it.(TextLine); ok {
				for _, s := range l.Spans {
					if s.Width < 1 || s.Width > 8 || s.Height < 1 || s.Height > 8 {
						t.Fatalf("span size %dx%d", s.Width, s.Height)
					}
				}
			}
			if r, ok := it.(Raster); ok && r.Image.Rect.Dx() > 384 {
				t.Fatalf("raster %d dots wide on 384 dot paper", r.Image.Rect.Dx())
			}
		}
		img := Render(d)
		if img.Rect.Dx() != 384+2*margin || img.Rect.Dy() > maxHeight {
			t.Fatalf("image %v", img.Rect)
		}
	})
}
