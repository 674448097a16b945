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
// whether the data service answers (or is cut by "Simulate offline"), how many
// operations wait to be sent and how many it refused, Sync now, and the
// clock (R-X3).
type statusBar struct {
	uc   *app.StatusBar
	sync *app.Sync // nil: the bar shows the link and the count from uc only
	log  zerolog.Logger

	terminal, operator, link, pending, refused, clock *widget.Label
	syncNow                                           *widget.Button
	row                                               *fyne.Container
	view                                              fyne.CanvasObject
}

func newStatusBar(uc *app.StatusBar, sync *app.Sync, log zerolog.Logger) *statusBar {
	b := &statusBar{uc: uc, sync: sync, log: log}
	b.terminal = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.operator = widget.NewLabel("")
	b.link = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.pending = widget.NewLabel("")
	b.refused = widget.NewLabel("")
	b.refused.Importance = widget.DangerImportance
	b.refused.Hide()
	b.clock = widget.NewLabel("")
	// The agent syncs on its own; the button hurries it, and the bar shows
	// the outcome at its next refresh.
	b.syncNow = widget.NewButtonWithIcon(lang.L("status.sync_now"), theme.ViewRefreshIcon(), func() {
		if err := b.sync.SyncNow(); err != nil {
			b.log.Warn().Err(err).Msg("sync now")
		}
	})
	b.syncNow.Hide()
	b.row = container.NewHBox(b.terminal, b.operator, layout.NewSpacer(), b.link, b.pending, b.refused, b.syncNow, b.clock)
	bg := newBackground(theme.ColorNameHeaderBackground, false)
	b.view = container.NewVBox(widget.NewSeparator(), container.NewStack(bg, b.row))
	return b
}

// refresh reads the status and shows it at once; on the UI thread, after
// something the bar shows has changed (a login, a logout).
func (b *statusBar) refresh(ctx context.Context) {
	b.show(b.read(ctx))
}

// read reads what the bar shows; link is nil without the sync use case.
func (b *statusBar) read(ctx context.Context) (app.Status, *app.SyncStatus, error) {
	st, err := b.uc.Read(ctx)
	if err != nil || b.sync == nil {
		return st, nil, err
	}
	link, err := b.sync.Status(ctx)
	return st, &link, err
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
		st, link, err := b.read(ctx)
		if ctx.Err() != nil {
			return
		}
		fyne.Do(func() { b.show(st, link, err) })
	}
}

func (b *statusBar) show(st app.Status, link *app.SyncStatus, err error) {
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
	pending := st.Pending
	switch {
	case link != nil && link.Simulated:
		b.link.Importance = widget.DangerImportance
		b.link.SetText(lang.L("status.simulated"))
	case st.Online:
		b.link.Importance = widget.SuccessImportance
		b.link.SetText(lang.L("status.online"))
	default:
		b.link.Importance = widget.DangerImportance
		b.link.SetText(lang.L("status.offline"))
	}
	if link != nil {
		// The refused operations are counted apart: they wait for a person,
		// not for the link.
		pending = link.Pending
		b.refused.SetText(lang.L("status.quarantined", map[string]any{"Count": link.Quarantined}))
		if refused := link.Quarantined > 0; refused != b.refused.Visible() || link.Configured != b.syncNow.Visible() {
			b.refused.Hidden = !refused
			b.syncNow.Hidden = !link.Configured
			b.row.Refresh() // lays the row out again around what appeared or went
		}
	}
	b.pending.SetText(lang.L("status.pending", map[string]any{"Count": pending}))
	b.clock.SetText(formatClock(st.Now))
}
