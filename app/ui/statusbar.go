package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
)

// statusBar is the strip at the bottom of every screen: terminal, operator,
// whether the data service answers (or is cut by "Simulate offline"), how many
// operations wait to be sent and how many it refused, Sync now, and the
// clock (R-X3). Each refresh writes every text anew, so the bar speaks the
// language chosen since the last one.
type statusBar struct {
	uc   *app.StatusBar
	sync *app.Sync // nil: the bar shows the link and the count from uc only
	log  zerolog.Logger

	terminal, operator, link, pending, refused, clock *widget.Label
	// note tells, in the operator's place, why Sync now sends nothing while
	// the till is offline; noteKey is its text's key, "" when none shows,
	// for noteLeft more refreshes.
	note     *widget.Label
	noteKey  string
	noteLeft int
	// state is the link as last shown: linkOnline, linkOffline or
	// linkSimulated.
	state   string
	syncNow *widget.Button
	row     *fyne.Container
	view    fyne.CanvasObject
}

// The link's states, named by the keys of their texts.
const (
	linkOnline    = "status.online"
	linkOffline   = "status.offline"
	linkSimulated = "status.simulated"
)

// syncNowNotes say, by the link's state, why Sync now sends nothing yet.
var syncNowNotes = map[string]string{
	linkOffline:   "status.sync_offline",
	linkSimulated: "status.sync_simulated",
}

// noteRefreshes is how many refreshes a note stays: a few seconds at the
// bar's pace, long enough to read it, short enough to give the operator's
// name back.
const noteRefreshes = 5

func newStatusBar(uc *app.StatusBar, sync *app.Sync, log zerolog.Logger) *statusBar {
	b := &statusBar{uc: uc, sync: sync, log: log}
	b.terminal = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.operator = widget.NewLabel("")
	b.operator.Truncation = fyne.TextTruncateEllipsis
	b.link = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.pending = widget.NewLabel("")
	b.refused = widget.NewLabel("")
	b.refused.Importance = widget.DangerImportance
	b.refused.Hide()
	b.clock = widget.NewLabel("")
	b.note = widget.NewLabel("")
	b.note.Importance = widget.WarningImportance
	b.note.TextStyle.Bold = true
	b.note.Truncation = fyne.TextTruncateEllipsis
	b.note.Hide()
	b.syncNow = widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), b.hurry)
	b.syncNow.Hide()
	// The operator's name and the note cut their texts where the texts on
	// the right leave them no room: in French, with refused operations and
	// Sync now, those fill a 1024-pixel till, so they are set close
	// together, and the button keeps a finger's height.
	b.row = container.NewBorder(nil, nil, b.terminal,
		container.NewHBox(b.link, b.pending, b.refused, atLeast(fyne.NewSize(0, fingerHeight), b.syncNow), b.clock),
		container.NewStack(b.operator, b.note))
	bg := newBackground(theme.ColorNameHeaderBackground, false)
	b.view = container.NewVBox(widget.NewSeparator(),
		container.NewThemeOverride(container.NewStack(bg, b.row), compactTheme{NewTheme()}))
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

// hurry is Sync now. The agent syncs on its own; the button hurries it, and
// the bar shows the outcome at its next refresh. Offline, nothing may go
// out yet: the bar says why for a few refreshes, fewer if the link changes.
func (b *statusBar) hurry() {
	if err := b.sync.SyncNow(); err != nil {
		b.log.Warn().Err(err).Msg("sync now")
	}
	b.noteKey, b.noteLeft = syncNowNotes[b.state], noteRefreshes
	b.showNote()
}

// showNote shows the note in the operator's place, or the operator.
func (b *statusBar) showNote() {
	on := b.noteKey != ""
	if on {
		b.note.SetText(lang.L(b.noteKey))
	}
	if on != b.note.Visible() {
		b.note.Hidden, b.operator.Hidden = !on, on
		b.row.Refresh()
	}
}

func (b *statusBar) show(st app.Status, link *app.SyncStatus, err error) {
	if err != nil {
		// The bar keeps its last values; the screens report what the cashier must act on.
		b.log.Warn().Err(err).Msg("read status")
		return
	}
	b.syncNow.SetText(lang.L("status.sync_now"))
	b.terminal.SetText(st.Terminal)
	if st.Operator != "" {
		b.operator.SetText(st.Operator)
	} else {
		b.operator.SetText(lang.L("status.nobody"))
	}
	pending := st.Pending
	state := linkOffline
	switch {
	case link != nil && link.Simulated:
		state = linkSimulated
	case st.Online:
		state = linkOnline
	}
	b.noteLeft = max(b.noteLeft-1, 0)
	if state != b.state || b.noteLeft == 0 {
		// Read by now, or explaining a state that has ended.
		b.state, b.noteKey = state, ""
	}
	b.link.Importance = widget.DangerImportance
	if state == linkOnline {
		b.link.Importance = widget.SuccessImportance
	}
	b.link.SetText(lang.L(state))
	b.showNote()
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
