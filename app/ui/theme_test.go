package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

func TestThemeSizesForFingers(t *testing.T) {
	th := NewTheme()
	assert.GreaterOrEqual(t, th.Size(theme.SizeNameText), float32(20))
	assert.GreaterOrEqual(t, th.Size(theme.SizeNameInlineIcon), float32(28))
	assert.GreaterOrEqual(t, th.Size(theme.SizeNameInnerPadding), float32(14))
	assert.GreaterOrEqual(t, th.Size(theme.SizeNamePadding), float32(6))
	assert.GreaterOrEqual(t, th.Size(theme.SizeNameScrollBar), float32(24))
	assert.Equal(t, theme.DefaultTheme().Size(theme.SizeNameWindowTitleBarHeight), th.Size(theme.SizeNameWindowTitleBarHeight),
		"sizes the theme does not set come from the default")
}

func TestThemeMakesTouchTargetsAtLeast48dp(t *testing.T) {
	newTestApp(t, "en")
	const minTarget = 48
	for name, w := range map[string]fyne.CanvasObject{
		"button": widget.NewButton("OK", nil),
		"entry":  widget.NewEntry(),
		"check":  widget.NewCheck("Products", nil),
		"select": widget.NewSelect([]string{"fr", "en"}, nil),
	} {
		assert.GreaterOrEqual(t, w.MinSize().Height, float32(minTarget), name)
	}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		lin := func(v uint32) float64 {
			s := float64(v) / 0xffff
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	l1, l2 := lum(a), lum(b)
	return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
}

func TestThemeHighContrast(t *testing.T) {
	th := NewTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, v)
		assert.GreaterOrEqual(t, contrast(th.Color(theme.ColorNameForeground, v), bg), 15.0, "text, variant %d", v)
		for _, n := range []fyne.ThemeColorName{theme.ColorNamePrimary, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
			theme.ColorNameError, theme.ColorNameSuccess, theme.ColorNameWarning} {
			assert.GreaterOrEqual(t, contrast(th.Color(n, v), bg), 4.5, "%s, variant %d", n, v)
		}
		fg := th.Color(theme.ColorNameForeground, v)
		assert.GreaterOrEqual(t, contrast(th.Color(theme.ColorNameForegroundOnPrimary, v), th.Color(theme.ColorNamePrimary, v)), 4.5,
			"text on primary, variant %d", v)
		for _, n := range []fyne.ThemeColorName{theme.ColorNameButton, theme.ColorNameHover, theme.ColorNameSelection} {
			assert.GreaterOrEqual(t, contrast(fg, th.Color(n, v)), 7.0, "text on %s, variant %d", n, v)
		}
	}
}
