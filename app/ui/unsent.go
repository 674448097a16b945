package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
)

// unsentScreen lists the operations the data service refused (R-S1): a
// person taps one, then sends it again or, with the right, discards it.
type unsentScreen struct {
	ctx  context.Context
	sync *app.Sync
	log  zerolog.Logger
	c    func() fyne.Canvas

	chosen          *app.UnsentOperation
	list            *PagedList[app.UnsentOperation]
	choice, message *widget.Label
	retry, discard  *widget.Button
	view            fyne.CanvasObject
}

// newUnsentScreen builds the screen; canvas gives the window's canvas for
// the discard confirmation.
func newUnsentScreen(ctx context.Context, sync *app.Sync, log zerolog.Logger, canvas func() fyne.Canvas, back func()) *unsentScreen {
	s := &unsentScreen{ctx: ctx, sync: sync, log: log, c: canvas, message: newMessage()}
	s.list = NewPagedList(ctx, PageFunc[app.UnsentOperation](sync.Unsent), []Column[app.UnsentOperation]{
		{Title: lang.L("unsent.kind"), Weight: 2, Text: unsentKind},
		{Title: lang.L("unsent.document"), Weight: 2, Text: unsentDocument},
		{Title: lang.L("unsent.created"), Weight: 2, Text: func(op app.UnsentOperation) string { return formatClock(op.CreatedAt) }},
		{Title: lang.L("unsent.attempts"), Weight: 1, Align: fyne.TextAlignTrailing,
			Text: func(op app.UnsentOperation) string { return strconv.Itoa(op.Attempts) }},
		{Title: lang.L("unsent.code"), Weight: 1.5, Text: func(op app.UnsentOperation) string { return translated("code."+string(op.Code), string(op.Code)) }},
		{Title: lang.L("unsent.reason"), Weight: 3.5, Text: func(op app.UnsentOperation) string { return unsentReason(log, op) }},
	})
	s.list.OnSelected = s.choose
	s.list.OnError = func(err error) { s.message.SetText(ErrorText(log, err)) }

	s.choice = widget.NewLabel(lang.L("unsent.choose"))
	s.choice.Truncation = fyne.TextTruncateEllipsis
	s.retry = bigAction(lang.L("unsent.retry"), theme.ViewRefreshIcon(), widget.HighImportance, s.doRetry)
	s.discard = bigAction(lang.L("unsent.discard"), theme.DeleteIcon(), widget.DangerImportance, s.askDiscard)
	s.retry.Disable()
	s.discard.Disable()
	actions := container.NewGridWithColumns(2,
		atLeast(fyne.NewSize(220, bigButton), s.retry), atLeast(fyne.NewSize(220, bigButton), s.discard))
	bottom := container.NewVBox(s.message, container.NewBorder(nil, nil, nil, actions, s.choice))
	s.view = container.NewBorder(header(lang.L("tile.unsent"), back), bottom, nil, nil, container.NewPadded(s.list))
	return s
}

// unsentKind names what the operation does in the till's language; a kind
// this version does not know (queued by a newer one) shows as it is.
func unsentKind(op app.UnsentOperation) string {
	return translated("unsent.op."+op.Kind, op.Kind)
}

// unsentReason is why the service refused the operation, in the till's
// language when the refusal came with a message; the text kept for IT
// otherwise.
func unsentReason(log zerolog.Logger, op app.UnsentOperation) string {
	if op.Message != nil {
		if text := lang.L(op.Message.Key, op.Message.Args); text != op.Message.Key {
			return text
		}
		log.Error().Str("key", op.Message.Key).Msg("message key has no translation")
	}
	return op.Reason
}

// unsentDocument is the document an operation carries: its number, or its
// id before it has one.
func unsentDocument(op app.UnsentOperation) string {
	if op.Number != "" {
		return op.Number
	}
	return op.DocID
}

func (s *unsentScreen) choose(op app.UnsentOperation) {
	s.chosen = &op
	s.message.SetText("")
	s.choice.SetText(lang.L("unsent.chosen", map[string]any{"Kind": unsentKind(op), "Document": unsentDocument(op)}))
	s.retry.Enable()
	// Without the right the button stays, disabled: the operator sees that a
	// manager can discard it.
	enable(s.discard, s.sync.CanDiscard())
}

// done forgets the chosen operation and shows the list again from its start.
func (s *unsentScreen) done(text string) {
	s.chosen = nil
	s.choice.SetText(lang.L("unsent.choose"))
	s.retry.Disable()
	s.discard.Disable()
	reloadPage(s.list, true)
	s.message.Importance = widget.SuccessImportance
	s.message.SetText(text)
}

func (s *unsentScreen) fail(err error) {
	s.message.Importance = widget.DangerImportance
	s.message.SetText(ErrorText(s.log, err))
}

func (s *unsentScreen) doRetry() {
	if s.chosen == nil {
		return
	}
	if err := s.sync.Retry(s.ctx, s.chosen.ID); err != nil {
		s.fail(err)
		return
	}
	s.done(lang.L("unsent.retried"))
}

func (s *unsentScreen) askDiscard() {
	if s.chosen == nil {
		return
	}
	id := s.chosen.ID
	askYesNo(s.c(), lang.L("unsent.discard"), lang.L("unsent.discard_confirm"), func(yes bool) {
		if !yes {
			return
		}
		if err := s.sync.Discard(s.ctx, id); err != nil {
			s.fail(err)
			return
		}
		s.done(lang.L("unsent.discarded"))
	})
}

// showUnsent shows the Unsent operations screen.
func (u *UI) showUnsent() {
	if u.uc.Sync == nil {
		u.opt.Log.Error().Msg("no sync use case for the unsent operations screen")
		return
	}
	s := newUnsentScreen(u.ctx, u.uc.Sync, u.opt.Log, u.win.Canvas, u.showMenu)
	u.show("unsent", s.view, nil)
}
