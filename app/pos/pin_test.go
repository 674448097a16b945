package pos

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A fixed salt keeps the tests deterministic; production salts come from crypto/rand.
var testSalt = bytes.Repeat([]byte{0x5a}, SaltLen)

func hashFor(t testing.TB, pin string) string {
	t.Helper()
	require.NoError(t, CheckPINFormat(pin))
	h := HashPIN(pin, testSalt)
	require.NotEmpty(t, h)
	return h
}

func TestHashPINFormat(t *testing.T) {
	h := hashFor(t, "1234")
	assert.True(t, strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$"), h)
	assert.NotContains(t, h, "1234", "the PIN itself never appears")
	parts := strings.Split(h, "$")
	require.Len(t, parts, 6)
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	require.NoError(t, err)
	assert.Equal(t, testSalt, salt)
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	require.NoError(t, err)
	assert.Len(t, key, 32)

	assert.Equal(t, h, HashPIN("1234", testSalt), "deterministic for a given salt")
	other := bytes.Repeat([]byte{0x01}, SaltLen)
	assert.NotEqual(t, h, HashPIN("1234", other), "salted")
}

func TestVerifyPIN(t *testing.T) {
	h := hashFor(t, "1234")
	assert.True(t, VerifyPIN(h, "1234"))
	assert.False(t, VerifyPIN(h, "1235"), "wrong PIN")
	assert.False(t, VerifyPIN(h, "12345"))
	assert.False(t, VerifyPIN(h, ""))

	long := hashFor(t, "98765432")
	assert.True(t, VerifyPIN(long, "98765432"))
	assert.False(t, VerifyPIN(long, "1234"))
}

func TestVerifyPINTampered(t *testing.T) {
	h := hashFor(t, "2468")
	parts := strings.Split(h, "$")

	flip := func(s string) string {
		// Change the first character to another base64 letter: still decodes.
		c := "A"
		if s[0] == 'A' {
			c = "B"
		}
		return c + s[1:]
	}
	cases := map[string]string{
		"key changed":        strings.Join([]string{"", parts[1], parts[2], parts[3], parts[4], flip(parts[5])}, "$"),
		"salt changed":       strings.Join([]string{"", parts[1], parts[2], parts[3], flip(parts[4]), parts[5]}, "$"),
		"memory changed":     strings.Replace(h, "m=19456", "m=19457", 1),
		"iterations changed": strings.Replace(h, "t=2", "t=3", 1),
		"key truncated":      h[:len(h)-4],
		"key extended":       h + "AAAA",
		"other variant":      strings.Replace(h, "$argon2id$", "$argon2i$", 1),
	}
	for name, enc := range cases {
		t.Run(name, func(t *testing.T) {
			require.NotEqual(t, h, enc)
			assert.NotPanics(t, func() {
				assert.False(t, VerifyPIN(enc, "2468"))
			})
		})
	}
}

// Whatever is stored in place of a hash, VerifyPIN answers false and never panics.
func TestVerifyPINMalformed(t *testing.T) {
	salt := base64.RawStdEncoding.EncodeToString(testSalt)
	key := base64.RawStdEncoding.EncodeToString(bytes.Repeat([]byte{1}, 32))
	cases := map[string]string{
		"empty":              "",
		"dollar":             "$",
		"plain PIN":          "1234",
		"too few parts":      "$argon2id$v=19$m=19456,t=2,p=1$" + salt,
		"too many parts":     "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key + "$x",
		"bcrypt":             "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"garbage params":     "$argon2id$v=19$garbage$" + salt + "$" + key,
		"negative memory":    "$argon2id$v=19$m=-1,t=2,p=1$" + salt + "$" + key,
		"huge memory":        "$argon2id$v=19$m=99999999999,t=2,p=1$" + salt + "$" + key,
		"memory over limit":  "$argon2id$v=19$m=1048577,t=2,p=1$" + salt + "$" + key,
		"too many passes":    "$argon2id$v=19$m=19456,t=11,p=1$" + salt + "$" + key,
		"zero threads":       "$argon2id$v=19$m=19456,t=2,p=0$" + salt + "$" + key,
		"threads overflow":   "$argon2id$v=19$m=19456,t=2,p=256$" + salt + "$" + key,
		"zero passes":        "$argon2id$v=19$m=19456,t=0,p=1$" + salt + "$" + key,
		"salt not base64":    "$argon2id$v=19$m=19456,t=2,p=1$!!!$" + key,
		"key not base64":     "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$***",
		"empty key":          "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$",
		"padded base64 salt": "$argon2id$v=19$m=19456,t=2,p=1$" + base64.StdEncoding.EncodeToString([]byte{1}) + "$" + key,
	}
	for name, enc := range cases {
		t.Run(name, func(t *testing.T) {
			assert.NotPanics(t, func() {
				assert.False(t, VerifyPIN(enc, "1234"))
			})
		})
	}
}

func TestCheckPINFormat(t *testing.T) {
	for _, pin := range []string{"1234", "0000", "12345678", "007007"} {
		assert.NoError(t, CheckPINFormat(pin), pin)
	}
	for _, pin := range []string{"", "123", "123456789", "12a4", "12 34", " 1234", "-123", "١٢٣٤", "12.4"} {
		requireErrKey(t, CheckPINFormat(pin), CodeInvalid, "error.pin_format")
	}
}

func TestLoginPolicyLockedUntil(t *testing.T) {
	p := DefaultLoginPolicy
	require.Equal(t, 5, p.MaxFailures)
	require.Equal(t, 5*time.Minute, p.LockFor)

	last := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	until := last.Add(5 * time.Minute)
	cases := []struct {
		name     string
		failures int
		now      time.Time
		want     time.Time
	}{
		{"no failure", 0, last, time.Time{}},
		{"4 failures are not locked", 4, last, time.Time{}},
		{"4 failures, a second later", 4, last.Add(time.Second), time.Time{}},
		{"5 failures lock for 5 minutes", 5, last, until},
		{"still locked a minute later", 5, last.Add(time.Minute), until},
		{"still locked a nanosecond before the end", 5, until.Add(-time.Nanosecond), until},
		{"unlocked at exactly +5 min", 5, until, time.Time{}},
		{"unlocked after", 5, until.Add(time.Hour), time.Time{}},
		{"more failures, same lock from the last one", 9, last.Add(2 * time.Minute), until},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := p.LockedUntil(c.failures, last, c.now)
			assert.True(t, c.want.Equal(got), "want %v, got %v", c.want, got)
			assert.Equal(t, c.want.IsZero(), got.IsZero())
		})
	}

	t.Run("time zones do not matter", func(t *testing.T) {
		paris := time.FixedZone("CET", 3600)
		got := p.LockedUntil(5, last, last.Add(time.Minute).In(paris))
		assert.True(t, until.Equal(got))
	})
	t.Run("custom policy", func(t *testing.T) {
		strict := LoginPolicy{MaxFailures: 3, LockFor: time.Hour}
		assert.True(t, strict.LockedUntil(2, last, last).IsZero())
		assert.True(t, last.Add(time.Hour).Equal(strict.LockedUntil(3, last, last.Add(59*time.Minute))))
	})
}
