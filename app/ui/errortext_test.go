package ui

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

func TestErrorTextTranslatesPosErrorWithArgs(t *testing.T) {
	newTestApp(t, "en")
	err := fmt.Errorf("login: %w", pos.Errorf(pos.CodeUnauthorized, "error.pin_wrong", "Left", 3))
	assert.Equal(t, "Wrong PIN. Attempts left: 3.", ErrorText(zerolog.Nop(), err))

	useLanguage(t, "fr")
	assert.Equal(t, "Aucun article avec le code 590123.",
		ErrorText(zerolog.Nop(), pos.Errorf(pos.CodeNotFound, "error.product_not_found", "Code", "590123")))
}

func TestErrorTextHidesOtherErrorsAndLogsThem(t *testing.T) {
	newTestApp(t, "en")
	var log bytes.Buffer
	got := ErrorText(zerolog.New(&log), errors.New("database disk image is malformed"))

	assert.Equal(t, "Something went wrong. The log has the details; please tell your IT support.", got)
	assert.Contains(t, log.String(), "database disk image is malformed")
}

func TestErrorTextOfUntranslatedKeyIsGeneric(t *testing.T) {
	newTestApp(t, "en")
	var log bytes.Buffer
	got := ErrorText(zerolog.New(&log), pos.Errorf(pos.CodeInvalid, "error.no_such_key"))

	assert.Equal(t, "Something went wrong. The log has the details; please tell your IT support.", got)
	assert.Contains(t, log.String(), "error.no_such_key")
}

func TestErrorTextOfNil(t *testing.T) {
	assert.Empty(t, ErrorText(zerolog.Nop(), nil))
}

// TestBadInputReadsInEveryLanguage: the domain refuses a negative amount, an
// absurd amount, an overflowing quantity and a wrong PIN with errors the screen
// translates into each of the till's languages, naming what was typed.
func TestBadInputReadsInEveryLanguage(t *testing.T) {
	newTestApp(t, "en")
	_, negative := pos.ParseMoney("-0,01")
	require.NoError(t, negative, "parsing accepts a sign; the price check refuses it")
	_, absurd := pos.ParseMoney("99999999999999999")
	_, overflow := pos.ParseQty("1e99")
	_, tooMany := pos.ParseQty("100000000")
	errs := []error{pos.Money(-1).CheckPrice(), absurd, overflow, tooMany,
		pos.Errorf(pos.CodeUnauthorized, "error.pin_wrong", "Left", 2)}
	seen := map[string]bool{}
	for _, code := range []string{"fr", "it", "en", "pl"} {
		useLanguage(t, code)
		for _, err := range errs {
			require.Error(t, err)
			text := ErrorText(zerolog.Nop(), err)
			assert.NotEmpty(t, text)
			assert.NotContains(t, text, "Something went wrong", "%s has no text in %s", err, code)
			assert.NotContains(t, text, "{{", "%s: placeholder left in %q", code, text)
			assert.False(t, seen[text], "%q appears twice: not translated?", text)
			seen[text] = true
		}
	}
}
