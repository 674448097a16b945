package pos

import (
	"fmt"
	"strconv"
	"strings"
)

// DefaultSeriesPattern is the numbering pattern a terminal gets unless its series
// says otherwise: COMC/12/2026/KRKASA1.
const DefaultSeriesPattern = "{TYPE}/{SEQ}/{YYYY}/{TERMINAL}"

// Series formats document numbers for one terminal. Tokens: {TYPE} the kind code,
// {SEQ} the sequence ({SEQ:6} zero-padded to 6), {YYYY} / {YY} the year,
// {TERMINAL} the terminal code. Each terminal has its own series, so numbers
// never collide between tills and need no coordination (R-S3).
type Series struct {
	Pattern  string
	Terminal string
}

// CheckPattern refuses a pattern without {SEQ} (numbers would repeat) or with an
// unknown token.
func CheckPattern(p string) error {
	bad := Errorf(CodeInvalid, "error.series_invalid", "Value", p)
	if strings.Count(p, "{SEQ") != 1 || len(p) > 60 {
		return bad
	}
	rest := p
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return bad
		}
		tok := rest[i+1 : i+j]
		if !validToken(tok) {
			return bad
		}
		rest = rest[i+j+1:]
	}
	return nil
}

func validToken(tok string) bool {
	switch tok {
	case "TYPE", "SEQ", "YYYY", "YY", "TERMINAL":
		return true
	}
	if w, ok := strings.CutPrefix(tok, "SEQ:"); ok {
		n, err := strconv.Atoi(w)
		return err == nil && n >= 1 && n <= 12
	}
	return false
}

// YearScoped tells whether the pattern prints the year: then the sequence starts
// again each year, as the number stays unique; without the year it never resets.
func (s Series) YearScoped() bool {
	p := s.Pattern
	if p == "" {
		p = DefaultSeriesPattern
	}
	return strings.Contains(p, "{YYYY}") || strings.Contains(p, "{YY}")
}

// Format returns the number of the seq-th document of kind k in year.
func (s Series) Format(k Kind, seq int64, year int) string {
	p := s.Pattern
	if p == "" {
		p = DefaultSeriesPattern
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			b.WriteString(p)
			return b.String()
		}
		b.WriteString(p[:i])
		tok := p[i+1 : i+j]
		switch {
		case tok == "TYPE":
			b.WriteString(string(k))
		case tok == "SEQ":
			b.WriteString(strconv.FormatInt(seq, 10))
		case strings.HasPrefix(tok, "SEQ:"):
			w, _ := strconv.Atoi(tok[4:])
			fmt.Fprintf(&b, "%0*d", w, seq)
		case tok == "YYYY":
			fmt.Fprintf(&b, "%04d", year)
		case tok == "YY":
			fmt.Fprintf(&b, "%02d", year%100)
		case tok == "TERMINAL":
			b.WriteString(s.Terminal)
		default:
			b.WriteString(p[i : i+j+1])
		}
		p = p[i+j+1:]
	}
}
