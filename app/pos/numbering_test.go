package pos

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"
)

func TestSeriesFormat(t *testing.T) {
	cases := []struct {
		name    string
		pattern string
		kind    Kind
		seq     int64
		year    int
		want    string
	}{
		{"default pattern when empty", "", KindOrder, 12, 2026, "COMC/12/2026/KRKASA1"},
		{"default pattern spelled out", DefaultSeriesPattern, KindOrder, 12, 2026, "COMC/12/2026/KRKASA1"},
		{"quote", "", KindQuote, 1, 2026, "DEVC/1/2026/KRKASA1"},
		{"receipt", "", KindReceipt, 345, 2027, "R/345/2027/KRKASA1"},
		{"zero-padded sequence", "{TYPE}/{SEQ:6}/{YYYY}", KindInvoice, 12, 2026, "FC/000012/2026"},
		{"padding never truncates", "{SEQ:2}", KindInvoice, 12345, 2026, "12345"},
		{"short year", "{TYPE}-{YY}-{SEQ:4}", KindAdvanceInvoice, 7, 2026, "FAC-26-0007"},
		{"short year 2000", "{YY}{SEQ}", KindOrder, 1, 2000, "001"},
		{"short year 2105", "{YY}/{SEQ}", KindOrder, 1, 2105, "05/1"},
		{"no year", "{TERMINAL}/{SEQ}", KindOrder, 99, 2026, "KRKASA1/99"},
		{"literal text kept", "N° {SEQ} du {YYYY}", KindOrder, 5, 2026, "N° 5 du 2026"},
		{"max padding", "{SEQ:12}", KindOrder, 1, 2026, "000000000001"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.pattern != "" {
				assert.NoError(t, CheckPattern(c.pattern))
			}
			s := Series{Pattern: c.pattern, Terminal: "KRKASA1"}
			assert.Equal(t, c.want, s.Format(c.kind, c.seq, c.year))
		})
	}
}

// Format is robust to a pattern that was never checked (a corrupt setting): what
// it does not understand is printed as it is.
func TestSeriesFormatUncheckedPattern(t *testing.T) {
	s := Series{Terminal: "T1"}
	for pattern, want := range map[string]string{
		"{SEQ}/{FOO}":  "7/{FOO}",
		"{SEQ}/{YYYY":  "7/{YYYY",
		"no tokens":    "no tokens",
		"{SEQ}{SEQ:3}": "7007",
	} {
		s.Pattern = pattern
		assert.Equal(t, want, s.Format(KindOrder, 7, 2026), pattern)
	}
}

func TestCheckPattern(t *testing.T) {
	ok := []string{
		DefaultSeriesPattern,
		"{SEQ}",
		"{SEQ:1}",
		"{SEQ:12}",
		"{TYPE}/{SEQ:6}/{YY}",
		"{TERMINAL}-{YYYY}-{SEQ}",
		"}{SEQ}", // a lone closing brace is text
	}
	for _, p := range ok {
		t.Run("ok "+p, func(t *testing.T) {
			assert.NoError(t, CheckPattern(p))
		})
	}
	bad := []struct {
		name, p string
	}{
		{"empty", ""},
		{"no SEQ", "{TYPE}/{YYYY}/{TERMINAL}"},
		{"two SEQ", "{SEQ}/{SEQ}"},
		{"SEQ and padded SEQ", "{SEQ}/{SEQ:6}"},
		{"unknown token", "{TYPE}/{SEQ}/{MONTH}"},
		{"lower case token", "{type}/{SEQ}"},
		{"empty token", "{}{SEQ}"},
		{"unclosed brace", "{TYPE}/{SEQ}/{YYYY"},
		{"unclosed SEQ", "{TYPE}/{SEQ"},
		{"padding zero", "{SEQ:0}"},
		{"padding too wide", "{SEQ:13}"},
		{"padding not a number", "{SEQ:x}"},
		{"negative padding", "{SEQ:-3}"},
		{"SEQ with suffix", "{SEQX}"},
		{"nested braces", "{{SEQ}}"},
		{"too long", "{SEQ}" + strings.Repeat("x", 60)},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			requireErrKey(t, CheckPattern(c.p), CodeInvalid, "error.series_invalid")
		})
	}
}

func TestSeriesYearScoped(t *testing.T) {
	cases := []struct {
		pattern string
		want    bool
	}{
		{DefaultSeriesPattern, true},
		{"{TYPE}/{SEQ}/{YY}", true},
		{"{YYYY}{SEQ}", true},
		{"{TYPE}/{SEQ}", false},
		{"{TERMINAL}-{SEQ:6}", false},
		// An empty pattern formats with DefaultSeriesPattern, which prints the year:
		// its sequence must restart each year like the spelled-out default's.
		{"", true},
	}
	for _, c := range cases {
		t.Run(c.pattern, func(t *testing.T) {
			s := Series{Pattern: c.pattern, Terminal: "KRKASA1"}
			assert.Equal(t, c.want, s.YearScoped())
		})
	}
}

// Within a year, a valid pattern gives a different number to every sequence: the
// till's numbers never collide (R-S3).
func TestSeriesDistinctNumbers(t *testing.T) {
	patterns := []string{"", DefaultSeriesPattern, "{SEQ}", "{YY}{SEQ}", "{SEQ}{YY}", "{TYPE}{SEQ:6}{YYYY}", "{SEQ:3}-{TERMINAL}"}
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SampledFrom(patterns).Draw(t, "pattern")
		s := Series{Pattern: p, Terminal: "KRPOS3"}
		year := rapid.IntRange(2000, 2099).Draw(t, "year")
		kind := rapid.SampledFrom(Kinds).Draw(t, "kind")
		a := rapid.Int64Range(1, MaxDocSeq).Draw(t, "a")
		b := rapid.Int64Range(1, MaxDocSeq).Draw(t, "b")
		assert.Equal(t, a == b, s.Format(kind, a, year) == s.Format(kind, b, year), "%q %d %d", p, a, b)
	})
}
