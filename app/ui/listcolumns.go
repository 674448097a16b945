package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
)

// The columns a list offers and the operator's choice of them, kept per
// terminal (R-L3, R-D6): the orders list and the draft list share them.

// listColumn is a column a list can show: its text is drawn from the screen
// S and the row T.
type listColumn[S, T any] struct {
	id     string
	key    string // title's translation key
	short  string // the header's, when the title is too long for the column
	weight float32
	align  fyne.TextAlign
	shown  bool // by default
	text   func(s S, row T) string
}

// listColumns are every column of a list, in the order they show, and the
// one that names a row, which always shows.
type listColumns[S, T any] struct {
	list   string // the list's name for the terminal's settings
	always string
	cols   []listColumn[S, T]
}

func (l listColumns[S, T]) defaults() map[string]bool {
	shown := map[string]bool{}
	for _, c := range l.cols {
		shown[c.id] = c.shown
	}
	return shown
}

// load reads the terminal's choice; never made, the defaults show. Columns
// this version does not know are ignored.
func (l listColumns[S, T]) load(ctx context.Context, settings *app.Settings) (map[string]bool, error) {
	ids, err := settings.ListColumns(ctx, l.list)
	if err != nil || len(ids) == 0 {
		return l.defaults(), err
	}
	shown := map[string]bool{l.always: true}
	for _, id := range ids {
		shown[id] = true
	}
	return shown, nil
}

// selectedMark marks the selected row in a list's first column.
const selectedMark = "▶"

// paged is the columns of a PagedList: first a narrow one where mark marks
// a row (selectedMark, the selected one), then those shown, drawn from s.
func (l listColumns[S, T]) paged(s S, shown map[string]bool, mark func(T) string) []Column[T] {
	cols := []Column[T]{{Title: "", Weight: 0.4, Align: fyne.TextAlignCenter, Text: mark}}
	for _, c := range l.cols {
		if !shown[c.id] {
			continue
		}
		title := lang.L(c.key)
		if c.short != "" {
			title = lang.L(c.short)
		}
		cols = append(cols, Column[T]{Title: title, Weight: c.weight, Align: c.align,
			Text: func(row T) string { return c.text(s, row) }})
	}
	return cols
}

// choose lets the operator show or hide columns on canvas c; the choice is
// kept for this terminal and handed to chosen. The column naming a row
// always shows.
func (l listColumns[S, T]) choose(ctx context.Context, c fyne.Canvas, settings *app.Settings, log zerolog.Logger,
	shown map[string]bool, chosen func(map[string]bool)) {
	checks := make([]*widget.Check, len(l.cols))
	grid := container.NewGridWithColumns(2)
	for i, col := range l.cols {
		checks[i] = widget.NewCheck(lang.L(col.key), nil)
		checks[i].Checked = shown[col.id]
		if col.id == l.always {
			checks[i].Disable()
		}
		grid.Add(checks[i])
	}
	message := newMessage()
	var o *overlay
	defaults := bigAction(lang.L("orders.default_columns"), theme.ViewRefreshIcon(), widget.MediumImportance, func() {
		for i, col := range l.cols {
			checks[i].SetChecked(col.shown)
		}
	})
	cancel := bigAction(lang.L("orders.cancel_choice"), theme.CancelIcon(), widget.MediumImportance, func() { o.close() })
	ok := bigAction(lang.L("keypad.ok"), theme.ConfirmIcon(), widget.HighImportance, func() {
		var ids []string
		now := map[string]bool{}
		for i, col := range l.cols {
			if checks[i].Checked {
				ids = append(ids, col.id)
				now[col.id] = true
			}
		}
		if err := settings.SetListColumns(ctx, l.list, ids); err != nil {
			message.SetText(orderErrorText(log, err))
			return
		}
		o.close()
		chosen(now)
	})
	o = showOverlay(c, lang.L("orders.columns"), container.NewVBox(grid, message), fyne.NewSize(760, 0), defaults, cancel, ok)
}
