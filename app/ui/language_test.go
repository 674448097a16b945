package ui

import (
	"os"
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app/pos"
)

func TestUseLanguageSwitchesAtRuntime(t *testing.T) {
	newTestApp(t, "fr")
	assert.Equal(t, "Paramètres", lang.L("tile.settings"))

	for code, want := range map[string]string{"it": "Impostazioni", "en": "Settings", "pl": "Ustawienia", "fr": "Paramètres"} {
		require.NoError(t, UseLanguage(code))
		assert.Equal(t, want, lang.L("tile.settings"), code)
	}
}

func TestUseLanguageOverridesACLocale(t *testing.T) {
	t.Setenv("LC_ALL", "C") // go-locale ignores LANGUAGE under C
	newTestApp(t, "it")

	assert.Equal(t, "Impostazioni", lang.L("tile.settings"))
	assert.Equal(t, "C.UTF-8", os.Getenv("LC_ALL"))
}

func TestUseLanguageEmptyFollowsTheSystemAgain(t *testing.T) {
	newTestApp(t, "pl")

	require.NoError(t, UseLanguage(""))

	got, set := os.LookupEnv("LANGUAGE")
	if start := systemLocale["LANGUAGE"]; start != nil {
		assert.Equal(t, *start, got)
	} else {
		assert.False(t, set, "LANGUAGE was not set when the process started")
	}
}

func TestUseLanguageRefusesUnknown(t *testing.T) {
	newTestApp(t, "en")
	err := UseLanguage("de")
	assert.Equal(t, pos.CodeInvalid, pos.ErrorCode(err))
	assert.Equal(t, "Settings", lang.L("tile.settings"), "the language stays")
}
