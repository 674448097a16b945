package pos

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// PIN hashes use Argon2id with OWASP's minimum parameters, in the PHC string form
// so the parameters can be raised later without invalidating stored hashes.
const (
	pinTime    = 2
	pinMemory  = 19 * 1024 // KiB
	pinThreads = 1
	pinKeyLen  = 32
	SaltLen    = 16
)

// CheckPINFormat refuses anything but 4 to 8 digits.
func CheckPINFormat(pin string) error {
	if len(pin) < 4 || len(pin) > 8 || !digits(pin) {
		return Errorf(CodeInvalid, "error.pin_format")
	}
	return nil
}

// HashPIN returns the encoded Argon2id hash of pin with the given random salt.
func HashPIN(pin string, salt []byte) string {
	key := argon2.IDKey([]byte(pin), salt, pinTime, pinMemory, pinThreads, pinKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, pinMemory, pinTime, pinThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPIN tells whether pin matches an encoded hash, in constant time.
func VerifyPIN(encoded, pin string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m > 64*1024 || t == 0 || t > 10 || p == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pin), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// LoginPolicy locks an operator after repeated wrong PINs (R-SEC1).
type LoginPolicy struct {
	MaxFailures int
	LockFor     time.Duration
}

// DefaultLoginPolicy: 5 wrong PINs lock the operator for 5 minutes.
var DefaultLoginPolicy = LoginPolicy{MaxFailures: 5, LockFor: 5 * time.Minute}

// LockedUntil returns when the lock of an operator with failures consecutive wrong
// PINs, the last at lastFailure, ends; the zero time when not locked at now.
func (p LoginPolicy) LockedUntil(failures int, lastFailure, now time.Time) time.Time {
	if failures < p.MaxFailures {
		return time.Time{}
	}
	until := lastFailure.Add(p.LockFor)
	if !now.Before(until) {
		return time.Time{}
	}
	return until
}
