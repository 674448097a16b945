package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
)

// statusBar is the strip at the bottom of every screen: terminal, operator,
// whether the data service answers, how many operations wait to be sent, and
// the clock.
type statusBar struct {
	uc  *app.StatusBar
	log zerolog.Logger

	terminal, operator, link, pending, clock *widget.Label
	view                                     fyne.CanvasObject
}

func newStatusBar(uc *app.StatusBar, log zerolog.Logger) *statusBar {
	b := &statusBar{uc: uc, log: log}
	b.terminal = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.operator = widget.NewLabel("")
	b.link = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.pending = widget.NewLabel("")
	b.clock = widget.NewLabel("")
	row := container.NewHBox(b.terminal, b.operator, layout.NewSpacer(), b.link, b.pending, b.clock)
	bg := newBackground(theme.ColorNameHeaderBackground, false)
	b.view = container.NewVBox(widget.NewSeparator(), container.NewStack(bg, row))
	return b
}

// refresh reads the status and shows it at once; on the UI thread, after
// something the bar shows has changed (a login, a logout).
func (b *statusBar) refresh(ctx context.Context) {
	st, err := b.uc.Read(ctx)
	b.show(st, err)
}

// run refreshes the bar every period until ctx ends (the window closes). The
// status is read on this goroutine, since it queries the database, and only
// shown through fyne.Do (house rule 6).
func (b *statusBar) run(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		st, err := b.uc.Read(ctx)
		if ctx.Err() != nil {
			return
		}
		fyne.Do(func() { b.show(st, err) })
	}
}

func (b *statusBar) show(st app.Status, err error) {
	if err != nil {
		// The bar keeps its last values; the screens report what the cashier must act on.
		b.log.Warn().Err(err).Msg("read status")
		return
	}
	b.terminal.SetText(st.Terminal)
	if st.Operator != "" {
		b.operator.SetText(st.Operator)
	} else {
		b.operator.SetText(lang.L("status.nobody"))
	}
	if st.Online {
		b.link.Importance = widget.SuccessImportance
		b.link.SetText(lang.L("status.online"))
	} else {
		b.link.Importance = widget.DangerImportance
		b.link.SetText(lang.L("status.offline"))
	}
	b.pending.SetText(lang.L("status.pending", map[string]any{"Count": st.Pending}))
	b.clock.SetText(formatClock(st.Now))
}
