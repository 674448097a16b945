package pos

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestDammKnownValues(t *testing.T) {
	// The worked example of the Damm algorithm: 572 gets check digit 4.
	assert.Equal(t, 4, damm("572"))
	assert.Equal(t, 0, damm("5724"))
	assert.Equal(t, 0, damm(""))
	assert.Equal(t, 0, damm("0"))
}

func TestNewDocNumber(t *testing.T) {
	n, err := NewDocNumber(KindOrder, 42, 12)
	require.NoError(t, err)
	require.Len(t, string(n), 20)
	body := "11" + "000042" + "00000000012"
	assert.Equal(t, body, string(n[:19]))
	assert.Equal(t, strconv.Itoa(damm(body)), string(n[19:]))
	assert.Equal(t, KindOrder, n.Kind())
	assert.Equal(t, 42, n.TerminalNo())
	assert.Equal(t, int64(12), n.Seq())

	prefixes := map[Kind]string{KindQuote: "10", KindOrder: "11", KindReceipt: "20", KindInvoice: "21", KindAdvanceInvoice: "22"}
	for k, p := range prefixes {
		n, err := NewDocNumber(k, MaxTerminalNo, MaxDocSeq)
		require.NoError(t, err)
		assert.Equal(t, p+"999999"+"99999999999", string(n[:19]), k)
		assert.Equal(t, k, n.Kind())
	}
}

func TestNewDocNumberRefuses(t *testing.T) {
	cases := []struct {
		name string
		kind Kind
		term int
		seq  int64
	}{
		{"unknown kind", "XYZ", 1, 1},
		{"empty kind", "", 1, 1},
		{"terminal zero", KindOrder, 0, 1},
		{"negative terminal", KindOrder, -1, 1},
		{"terminal too large", KindOrder, MaxTerminalNo + 1, 1},
		{"sequence zero", KindOrder, 1, 0},
		{"negative sequence", KindOrder, 1, -5},
		{"sequence too large", KindOrder, 1, MaxDocSeq + 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := NewDocNumber(c.kind, c.term, c.seq)
			requireErrKey(t, err, CodeInvalid, "error.docnumber_invalid")
			assert.Empty(t, n)
		})
	}
}

func validDocNumber(t testing.TB, k Kind, term int, seq int64) string {
	t.Helper()
	n, err := NewDocNumber(k, term, seq)
	require.NoError(t, err)
	return string(n)
}

func TestParseDocNumberRefuses(t *testing.T) {
	good := validDocNumber(t, KindReceipt, 7, 123456)
	// A body with an unknown kind "33" and a correct Damm digit.
	unknownKind := "33" + good[2:19]
	unknownKind += strconv.Itoa(damm(unknownKind))

	cases := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"too short", good[:19]},
		{"too long", good + "0"},
		{"letters", "2A" + good[2:]},
		{"letter at the end", good[:19] + "X"},
		{"inner space", good[:10] + " " + good[11:]},
		{"sign", "+" + good[1:]},
		{"unknown kind with a valid check digit", unknownKind},
		{"all zeros", "00000000000000000000"},
		{"unicode digits", "٢٠" + good[2:]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseDocNumber(c.in)
			requireErrKey(t, err, CodeInvalid, "error.docnumber_invalid")
			assert.False(t, LooksLikeDocNumber(c.in))
		})
	}

	n, err := ParseDocNumber("  " + good + "\n")
	require.NoError(t, err, "a scanner's surrounding spaces and Enter are trimmed")
	assert.Equal(t, DocNumber(good), n)
	assert.True(t, LooksLikeDocNumber(good))
	assert.False(t, LooksLikeDocNumber(good[:8]), "a typed prefix is not a scan")
}

func TestDocNumberAccessorsOnBadValues(t *testing.T) {
	for _, n := range []DocNumber{"", "123", "1100000100000000001234"} {
		assert.Empty(t, n.Kind())
		assert.Zero(t, n.TerminalNo())
		assert.Zero(t, n.Seq())
	}
}

// assertEveryErrorCaught checks that every single-digit substitution and every
// adjacent transposition of the valid number s is refused (the Damm guarantee).
func assertEveryErrorCaught(t assert.TestingT, s string) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	b := []byte(s)
	for i := range b {
		orig := b[i]
		for d := byte('0'); d <= '9'; d++ {
			if d == orig {
				continue
			}
			b[i] = d
			_, err := ParseDocNumber(string(b))
			assert.Error(t, err, "substitution at %d: %s", i, b)
			b[i] = orig
		}
	}
	for i := 0; i+1 < len(b); i++ {
		if b[i] == b[i+1] {
			continue // swapping equal digits changes nothing
		}
		b[i], b[i+1] = b[i+1], b[i]
		_, err := ParseDocNumber(string(b))
		assert.Error(t, err, "transposition at %d: %s", i, b)
		b[i], b[i+1] = b[i+1], b[i]
	}
}

func TestDocNumberDetectsErrors(t *testing.T) {
	for _, s := range []string{
		validDocNumber(t, KindOrder, 42, 12),
		validDocNumber(t, KindQuote, 1, 1),
		validDocNumber(t, KindAdvanceInvoice, MaxTerminalNo, MaxDocSeq),
		validDocNumber(t, KindInvoice, 123456, 98765432101),
		validDocNumber(t, KindReceipt, 909090, 10203040506),
	} {
		t.Run(s, func(t *testing.T) {
			_, err := ParseDocNumber(s)
			require.NoError(t, err)
			assertEveryErrorCaught(t, s)
		})
	}
}

var genDocParts = rapid.Custom(func(t *rapid.T) struct {
	kind Kind
	term int
	seq  int64
} {
	return struct {
		kind Kind
		term int
		seq  int64
	}{
		kind: rapid.SampledFrom(Kinds).Draw(t, "kind"),
		term: rapid.IntRange(1, MaxTerminalNo).Draw(t, "terminal"),
		seq:  rapid.Int64Range(1, MaxDocSeq).Draw(t, "seq"),
	}
})

// NewDocNumber and ParseDocNumber round-trip, and the parts read back.
func TestDocNumberRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genDocParts.Draw(t, "parts")
		n, err := NewDocNumber(p.kind, p.term, p.seq)
		require.NoError(t, err)
		require.Len(t, string(n), 20)

		parsed, err := ParseDocNumber(string(n))
		require.NoError(t, err)
		assert.Equal(t, n, parsed)
		assert.Equal(t, p.kind, parsed.Kind())
		assert.Equal(t, p.term, parsed.TerminalNo())
		assert.Equal(t, p.seq, parsed.Seq())
	})
}

// For random valid numbers, every substitution and adjacent transposition is caught.
func TestDocNumberDetectsErrorsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genDocParts.Draw(t, "parts")
		n, err := NewDocNumber(p.kind, p.term, p.seq)
		require.NoError(t, err)
		assertEveryErrorCaught(t, string(n))
	})
}

// Distinct inputs give distinct numbers: the number identifies the document.
func TestDocNumberInjective(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genDocParts.Draw(t, "a")
		b := genDocParts.Draw(t, "b")
		na, err := NewDocNumber(a.kind, a.term, a.seq)
		require.NoError(t, err)
		nb, err := NewDocNumber(b.kind, b.term, b.seq)
		require.NoError(t, err)
		assert.Equal(t, a == b, na == nb)
	})
}
