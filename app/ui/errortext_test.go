package ui

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"

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
