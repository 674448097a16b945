package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// atLeast gives obj a minimum size larger than the theme's, for the targets a
// cashier hits all day (keypad keys, tiles, paging buttons).
func atLeast(min fyne.Size, obj fyne.CanvasObject) *fyne.Container {
	return container.New(minSizeLayout{min}, obj)
}

type minSizeLayout struct{ min fyne.Size }

func (l minSizeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize().Max(l.min)
}

func (l minSizeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// columnsLayout shares the width between cells by weight, so a list's header
// and rows line up whatever the texts; cells truncate rather than widen.
type columnsLayout struct {
	weights []float32
	gap     float32
}

func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.gap*float32(len(objs)-1), h)
}

func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range l.weights {
		total += w
	}
	free := size.Width - l.gap*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * l.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + l.gap
	}
}

// resizeLayout fills its one object and reports each new size, for widgets
// that adapt their content to the room they get (the paged list's rows).
type resizeLayout struct{ resized func(fyne.Size) }

func (l resizeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l resizeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	l.resized(size)
}
