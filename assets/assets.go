// Package assets bundles what the till shows besides code: the translations
// (fr, it, en, pl), the application icon and the few icons Fyne's theme lacks.
// Everything is embedded so the binary runs from a bare directory.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// translations holds one flat go-i18n JSON file per language, named after the
// language code as Fyne's lang package expects ("fr.json").
//
//go:embed translations/*.json
var translations embed.FS

//go:embed icon.png
var iconPNG []byte

//go:embed backspace.svg
var backspaceSVG []byte

// Icon is the application icon, 256×256 PNG.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

// BackspaceIcon erases the last digit on the PIN keypad; themed so it follows
// the foreground colour like Fyne's own icons.
var BackspaceIcon fyne.Resource = theme.NewThemedResource(fyne.NewStaticResource("backspace.svg", backspaceSVG))

// LoadTranslations adds every language to Fyne's lang package. Adding
// translations also makes lang choose again, from the locale the environment
// gives, which language to speak (see app/ui's UseLanguage).
func LoadTranslations() error {
	return lang.AddTranslationsFS(translations, "translations")
}
