package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// PageSource fetches the rows of a list one page at a time: up to limit rows
// from offset on, in a stable order.
type PageSource[T any] interface {
	Page(ctx context.Context, offset, limit int) ([]T, error)
}

// PageFunc adapts a function to PageSource.
type PageFunc[T any] func(ctx context.Context, offset, limit int) ([]T, error)

// Page calls f.
func (f PageFunc[T]) Page(ctx context.Context, offset, limit int) ([]T, error) {
	return f(ctx, offset, limit)
}

// Column is one column of a PagedList.
type Column[T any] struct {
	Title  string  // header, already translated
	Weight float32 // share of the list's width
	Align  fyne.TextAlign
	Text   func(T) string
}

// PagedList shows a long list one screenful at a time, with large Page up and
// Page down buttons: desktop touchscreens do not drag-scroll, and a finger
// hits a button far better than a scroll bar. It asks its source for exactly
// the rows that fit (plus one, to know whether a next page exists), so a
// list of 100,000 products costs one screenful of memory, and the
// widget.List inside builds only the visible rows.
type PagedList[T any] struct {
	widget.BaseWidget

	// OnSelected is called with the row a person taps.
	OnSelected func(T)
	// OnError receives the source's errors; the list then shows nothing.
	OnError func(error)

	ctx  context.Context
	src  PageSource[T]
	cols []Column[T]

	offset    int // first row shown
	size      int // rows that fit; 0 until laid out
	rowHeight float32
	rows      []T
	more      bool

	content    *fyne.Container
	head       fyne.CanvasObject
	list       *widget.List
	empty      *widget.Label
	pageUp     *widget.Button
	pageDown   *widget.Button
	pageNumber *widget.Label
}

// NewPagedList returns a list of src's rows in the given columns. ctx bounds
// the source's queries. It loads its first page once it is laid out and
// knows how many rows fit.
func NewPagedList[T any](ctx context.Context, src PageSource[T], cols []Column[T]) *PagedList[T] {
	p := &PagedList[T]{ctx: ctx, src: src, cols: cols}
	p.ExtendBaseWidget(p)

	p.list = widget.NewList(
		func() int { return len(p.rows) },
		p.newRow,
		p.updateRow,
	)
	p.list.OnSelected = func(id widget.ListItemID) {
		// Let go of the row at once, so that tapping it again counts too.
		p.list.Unselect(id)
		if id < len(p.rows) && p.OnSelected != nil {
			p.OnSelected(p.rows[id])
		}
	}
	p.empty = widget.NewLabel(lang.L("list.empty"))
	p.empty.Alignment = fyne.TextAlignCenter
	p.empty.Hide()

	p.pageUp = widget.NewButtonWithIcon(lang.L("list.page_up"), theme.MoveUpIcon(), p.PageUp)
	p.pageDown = widget.NewButtonWithIcon(lang.L("list.page_down"), theme.MoveDownIcon(), p.PageDown)
	p.pageDown.IconPlacement = widget.ButtonIconTrailingText
	p.pageUp.Disable()
	p.pageDown.Disable()
	p.pageNumber = widget.NewLabel("")
	p.pageNumber.Alignment = fyne.TextAlignCenter

	buttonSize := fyne.NewSize(0, bigButton)
	paging := container.NewGridWithColumns(3,
		atLeast(buttonSize, p.pageUp), container.NewCenter(p.pageNumber), atLeast(buttonSize, p.pageDown))
	rows := container.New(resizeLayout{p.fit}, container.NewStack(p.list, p.empty))
	p.head = p.header()
	p.content = container.NewBorder(p.head, paging, nil, nil, rows)
	return p
}

// CreateRenderer is called by Fyne.
func (p *PagedList[T]) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// PageUp shows the previous screenful.
func (p *PagedList[T]) PageUp() {
	if p.offset == 0 {
		return
	}
	p.offset = max(0, p.offset-p.size)
	p.load()
}

// PageDown shows the next screenful, if there is one.
func (p *PagedList[T]) PageDown() {
	if !p.more {
		return
	}
	p.offset += p.size
	p.load()
}

// SetEmptyText changes what the list says while it has no rows ("Nothing
// to show." by default): a list waiting for its rows says so.
func (p *PagedList[T]) SetEmptyText(text string) { p.empty.SetText(text) }

func (p *PagedList[T]) header() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(p.cols))
	for i, c := range p.cols {
		l := widget.NewLabelWithStyle(c.Title, c.Align, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		cells[i] = l
	}
	return container.NewStack(newBackground(theme.ColorNameHeaderBackground, false), container.New(p.columns(), cells...))
}

func (p *PagedList[T]) columns() columnsLayout {
	weights := make([]float32, len(p.cols))
	for i, c := range p.cols {
		weights[i] = c.Weight
	}
	return columnsLayout{weights: weights, gap: theme.Padding()}
}

func (p *PagedList[T]) newRow() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(p.cols))
	for i, c := range p.cols {
		l := widget.NewLabel("")
		l.Alignment = c.Align
		l.Truncation = fyne.TextTruncateEllipsis
		cells[i] = l
	}
	return container.New(p.columns(), cells...)
}

func (p *PagedList[T]) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.rows) {
		return
	}
	for i, cell := range o.(*fyne.Container).Objects {
		cell.(*widget.Label).SetText(p.cols[i].Text(p.rows[id]))
	}
}

// fit works out how many rows the list's room holds and reloads the page
// when that changes. The query runs here, on the UI thread, because it is a
// bounded, indexed read of one screenful, well inside the 100 ms a cashier
// action may take; fetching in the background would show an empty list first.
func (p *PagedList[T]) fit(room fyne.Size) {
	if p.rowHeight == 0 {
		// A row is as high as the header, whose labels lie under the
		// list's theme as the rows do (a theme override that narrows the
		// cells); a row made only to be measured would not.
		p.rowHeight = p.head.MinSize().Height
	}
	gap := p.Theme().Size(theme.SizeNamePadding) // widget.List's row separator
	n := max(1, int((room.Height+gap)/(p.rowHeight+gap)))
	if n == p.size {
		return
	}
	p.size = n
	p.load()
}

func (p *PagedList[T]) load() {
	rows, err := p.src.Page(p.ctx, p.offset, p.size+1)
	if err != nil {
		rows = nil
		if p.OnError != nil {
			p.OnError(err)
		}
	}
	p.more = len(rows) > p.size
	if p.more {
		rows = rows[:p.size]
	}
	p.rows = rows
	p.list.Refresh()
	p.empty.Hidden = len(rows) > 0
	p.empty.Refresh()
	p.pageNumber.SetText(lang.L("list.page", map[string]any{"Page": p.offset/p.size + 1}))
	enable(p.pageUp, p.offset > 0)
	enable(p.pageDown, p.more)
}

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
