package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// background fills its room with a colour of the theme. Unlike a bare
// canvas.Rectangle, it is a widget, so it takes the colour again when the
// theme or its variant changes.
type background struct {
	widget.BaseWidget
	color   fyne.ThemeColorName
	rounded bool // with the corners of the theme's inputs and buttons
}

func newBackground(c fyne.ThemeColorName, rounded bool) *background {
	b := &background{color: c, rounded: rounded}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer is called by Fyne.
func (b *background) CreateRenderer() fyne.WidgetRenderer {
	rect := canvas.NewRectangle(color.Transparent)
	r := &backgroundRenderer{WidgetRenderer: widget.NewSimpleRenderer(rect), b: b, rect: rect}
	r.paint()
	return r
}

type backgroundRenderer struct {
	fyne.WidgetRenderer
	b    *background
	rect *canvas.Rectangle
}

func (r *backgroundRenderer) Refresh() {
	r.paint()
	r.WidgetRenderer.Refresh()
}

func (r *backgroundRenderer) paint() {
	th := r.b.Theme()
	r.rect.FillColor = th.Color(r.b.color, fyne.CurrentApp().Settings().ThemeVariant())
	r.rect.CornerRadius = 0
	if r.b.rounded {
		r.rect.CornerRadius = th.Size(theme.SizeNameInputRadius)
	}
}
