package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// touchTheme enlarges Fyne's default theme for fingers on a till: text a
// cashier reads at arm's length, paddings that make every button and entry at
// least 48 dp high (the usual minimum touch target), and colours with strong
// contrast for bright shops. What it does not set comes from the default.
type touchTheme struct {
	fyne.Theme
}

// NewTheme returns the touch theme; cmd applies it with App.Settings().SetTheme.
func NewTheme() fyne.Theme { return touchTheme{theme.DefaultTheme()} }

// touchSizes: a 20 dp line plus 2×14 dp inner padding gives 48 dp+ buttons
// and entries; icons grow with the text so they stay readable.
var touchSizes = map[fyne.ThemeSizeName]float32{
	theme.SizeNameText:               20,
	theme.SizeNameSubHeadingText:     26,
	theme.SizeNameHeadingText:        32,
	theme.SizeNameCaptionText:        16,
	theme.SizeNameInlineIcon:         28,
	theme.SizeNamePadding:            6,
	theme.SizeNameInnerPadding:       14,
	theme.SizeNameLineSpacing:        6,
	theme.SizeNameScrollBar:          24,
	theme.SizeNameScrollBarSmall:     8,
	theme.SizeNameSeparatorThickness: 2,
	theme.SizeNameInputBorder:        2,
	theme.SizeNameInputRadius:        6,
	theme.SizeNameSelectionRadius:    6,
}

func (t touchTheme) Size(n fyne.ThemeSizeName) float32 {
	if s, ok := touchSizes[n]; ok {
		return s
	}
	return t.Theme.Size(n)
}

// touchColors keep text black on white (or white on black) and give the
// states a cashier must tell apart at a glance (primary, disabled, error)
// contrasts of at least 4.5:1 against the background; text on a primary
// button, on hover and on the selection keeps that contrast too.
var touchColors = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameBackground:          color.White,
		theme.ColorNameForeground:          color.Black,
		theme.ColorNameButton:              color.NRGBA{0xDD, 0xE1, 0xE6, 0xFF},
		theme.ColorNameDisabledButton:      color.NRGBA{0xEE, 0xEE, 0xEE, 0xFF},
		theme.ColorNameDisabled:            color.NRGBA{0x66, 0x66, 0x66, 0xFF},
		theme.ColorNamePlaceHolder:         color.NRGBA{0x55, 0x55, 0x55, 0xFF},
		theme.ColorNamePrimary:             color.NRGBA{0x12, 0x3F, 0x7A, 0xFF},
		theme.ColorNameForegroundOnPrimary: color.White,
		theme.ColorNameFocus:               color.NRGBA{0x12, 0x3F, 0x7A, 0xFF},
		theme.ColorNameHover:               color.NRGBA{0xC9, 0xD9, 0xEE, 0xFF},
		theme.ColorNamePressed:             color.NRGBA{0x9D, 0xB9, 0xE0, 0xFF},
		theme.ColorNameSelection:           color.NRGBA{0xB7, 0xCD, 0xEB, 0xFF},
		theme.ColorNameInputBackground:     color.White,
		theme.ColorNameInputBorder:         color.NRGBA{0x44, 0x44, 0x44, 0xFF},
		theme.ColorNameSeparator:           color.NRGBA{0x99, 0x99, 0x99, 0xFF},
		theme.ColorNameHeaderBackground:    color.NRGBA{0xE6, 0xE9, 0xED, 0xFF},
		theme.ColorNameError:               color.NRGBA{0xB0, 0x00, 0x20, 0xFF},
		theme.ColorNameSuccess:             color.NRGBA{0x1B, 0x6B, 0x2A, 0xFF},
		theme.ColorNameWarning:             color.NRGBA{0x8A, 0x4B, 0x00, 0xFF},
	},
	theme.VariantDark: {
		theme.ColorNameBackground:          color.Black,
		theme.ColorNameForeground:          color.White,
		theme.ColorNameButton:              color.NRGBA{0x33, 0x38, 0x40, 0xFF},
		theme.ColorNameDisabledButton:      color.NRGBA{0x22, 0x22, 0x22, 0xFF},
		theme.ColorNameDisabled:            color.NRGBA{0xA0, 0xA0, 0xA0, 0xFF},
		theme.ColorNamePlaceHolder:         color.NRGBA{0xB0, 0xB0, 0xB0, 0xFF},
		theme.ColorNamePrimary:             color.NRGBA{0x6C, 0xB4, 0xFF, 0xFF},
		theme.ColorNameForegroundOnPrimary: color.Black,
		theme.ColorNameFocus:               color.NRGBA{0x6C, 0xB4, 0xFF, 0xFF},
		theme.ColorNameHover:               color.NRGBA{0x2A, 0x3B, 0x52, 0xFF},
		theme.ColorNamePressed:             color.NRGBA{0x3A, 0x55, 0x7A, 0xFF},
		theme.ColorNameSelection:           color.NRGBA{0x2F, 0x4A, 0x70, 0xFF},
		theme.ColorNameInputBackground:     color.NRGBA{0x12, 0x12, 0x12, 0xFF},
		theme.ColorNameInputBorder:         color.NRGBA{0xCC, 0xCC, 0xCC, 0xFF},
		theme.ColorNameSeparator:           color.NRGBA{0x77, 0x77, 0x77, 0xFF},
		theme.ColorNameHeaderBackground:    color.NRGBA{0x1E, 0x22, 0x28, 0xFF},
		theme.ColorNameError:               color.NRGBA{0xFF, 0x7B, 0x7B, 0xFF},
		theme.ColorNameSuccess:             color.NRGBA{0x7C, 0xE3, 0x8B, 0xFF},
		theme.ColorNameWarning:             color.NRGBA{0xFF, 0xC1, 0x5E, 0xFF},
	},
}

func (t touchTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	// Like Fyne's default theme, anything but light is dark (the test
	// driver asks for a variant that is neither).
	if v != theme.VariantLight {
		v = theme.VariantDark
	}
	if c, ok := touchColors[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}
