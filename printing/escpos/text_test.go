package escpos

import (
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

var codePages = []CodePage{CP858, CP1252, CP852}

// textBytes returns what Text(s) emits, without the line feed that ends it.
func textBytes(tb testing.TB, cp CodePage, s string) []byte {
	tb.Helper()
	w := New(Paper80(cp))
	w.Text(s)
	b, err := w.Bytes()
	require.NoError(tb, err)
	require.NotEmpty(tb, b)
	require.Equal(tb, byte(lf), b[len(b)-1], "Text ends its line")
	return b[:len(b)-1]
}

func TestTextDropsInjectedControls(t *testing.T) {
	// A product name carrying a reset, a cut, a real-time status request, NUL, DEL and the C1
	// controls CSI and NEL must print as its letters only.
	name := "Caf\u00e9\x1b@\x1dV\x00A\x10\x04\x14\x00\x7fB\u0085\u009b[2J\tC\r\nD\u200b\u202eE"
	for _, cp := range codePages {
		t.Run(cp.Name, func(t *testing.T) {
			got := textBytes(t, cp, name)
			wantE, ok := cp.Charmap.EncodeRune('é')
			require.True(t, ok)
			assert.Equal(t, []byte("Caf"+string([]byte{wantE})+"@VAB[2J C  DE"), got)
		})
	}
}

func TestTextNeverEmitsControlBytes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cp := rapid.SampledFrom(codePages).Draw(t, "cp")
		s := rapid.OneOf(
			rapid.String(),
			rapid.StringOf(rapid.RuneFrom(nil, unicode.Cc, unicode.Cf, unicode.Latin)),
			rapid.Map(rapid.SliceOf(rapid.Byte()), func(b []byte) string { return string(b) }),
		).Draw(t, "s")
		w := New(Paper58(cp))
		w.Text(s)
		w.Line(s, s)
		b, err := w.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range b {
			if (c < 0x20 && c != lf) || c == 0x7f {
				t.Fatalf("byte %#02x at %d from %q", c, i, s)
			}
		}
	})
}

func TestLatinLettersNeverPrintAsQuestionMark(t *testing.T) {
	// Every letter of Latin-1 and Latin Extended-A (French, Italian, Polish and their
	// neighbours) must print as itself or a readable spelling, on every code page.
	for _, cp := range codePages {
		for r := rune(0xc0); r <= 0x17f; r++ {
			if !unicode.IsLetter(r) {
				continue
			}
			got := string(textBytes(t, cp, string(r)))
			assert.NotContains(t, got, "?", "%c (%U) on %s", r, r, cp.Name)
			assert.NotEmpty(t, got, "%c (%U) on %s", r, r, cp.Name)
		}
	}
}

func TestTextCodePageBytes(t *testing.T) {
	tests := []struct {
		cp   CodePage
		in   string
		want []byte
	}{
		{CP852, "Zażółć gęślą jaźń", []byte{'Z', 'a', 0xbe, 0xa2, 0x88, 0x86, ' ', 'g', 0xa9, 0x98, 'l', 0xa5, ' ', 'j', 'a', 0xab, 0xe4}},
		{CP852, "ŁĄĘŚŻŹĆŃÓ", []byte{0x9d, 0xa4, 0xa8, 0x97, 0xbd, 0x8d, 0x8f, 0xe3, 0xe0}},
		{CP858, "Zażółć", []byte{'Z', 'a', 'z', 0xa2, 'l', 'c'}},
		{CP1252, "Œuf crème brûlée", []byte{0x8c, 'u', 'f', ' ', 'c', 'r', 0xe8, 'm', 'e', ' ', 'b', 'r', 0xfb, 'l', 0xe9, 'e'}},
		{CP858, "Œuf crème brûlée", []byte{'O', 'E', 'u', 'f', ' ', 'c', 'r', 0x8a, 'm', 'e', ' ', 'b', 'r', 0x96, 'l', 0x82, 'e'}},
		{CP858, "Perché così", []byte{'P', 'e', 'r', 'c', 'h', 0x82, ' ', 'c', 'o', 's', 0x8d}},
		{CP1252, "Perché così", []byte{'P', 'e', 'r', 'c', 'h', 0xe9, ' ', 'c', 'o', 's', 0xec}},
		{CP852, "Perché così", []byte{'P', 'e', 'r', 'c', 'h', 0x82, ' ', 'c', 'o', 's', 'i'}},
		{CP858, "12,50 €", []byte{'1', '2', ',', '5', '0', ' ', 0xd5}},
		{CP1252, "12,50 €", []byte{'1', '2', ',', '5', '0', ' ', 0x80}},
		{CP852, "12,50 €", []byte("12,50 EUR")},
		{CP1252, "Łódź – „Żabka”…", []byte{'L', 0xf3, 'd', 'z', ' ', 0x96, ' ', 0x84, 'Z', 'a', 'b', 'k', 'a', 0x94, 0x85}},
		{CP852, "Łódź – „Żabka”…", []byte{0x9d, 0xa2, 'd', 0xab, ' ', '-', ' ', '"', 0xbd, 'a', 'b', 'k', 'a', '"', '.', '.', '.'}},
	}
	for _, tt := range tests {
		t.Run(tt.cp.Name+" "+tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, textBytes(t, tt.cp, tt.in))
		})
	}
}

func TestTextWithoutLatinSpellingPrintsQuestionMark(t *testing.T) {
	// Scripts no code page here holds have no spelling to fall back on; the mark shows the loss.
	assert.Equal(t, "???", string(textBytes(t, CP858, "日本語")))
}

func TestWidthCountsWhatPrints(t *testing.T) {
	assert.Equal(t, 4, Paper58(CP858).Width("Œuf"), "Œ prints as OE")
	assert.Equal(t, 3, Paper58(CP1252).Width("Œuf"))
	assert.Equal(t, 9, Paper58(CP852).Width("12,50 €"), "€ prints as EUR")
	assert.Equal(t, 5, Paper58(CP852).Width("Zażół"))
	assert.Equal(t, 2, Paper58(CP858).Width("a\x1bb"), "control bytes print as nothing")
}
