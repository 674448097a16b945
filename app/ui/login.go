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
	"github.com/comptoir/comptoir/app/pos"
)

// operatorsPerPage is what the grid beside the keypad holds on a 1024×768
// till (2 columns × 4 rows); more operators get page buttons.
const operatorsPerPage = 8

// loginScreen lets an operator tap their name and type their PIN on a large
// keypad. In demo mode each tile shows the operator's PIN.
type loginScreen struct {
	ctx      context.Context
	session  *app.Session
	log      zerolog.Logger
	tasks    *tasks
	loggedIn func()

	operators []pos.Operator
	demoPINs  map[string]string
	chosen    string // operator code; "" until a tile is tapped
	page      int
	checking  bool // a PIN check is running

	grid     *fyne.Container
	tiles    map[string]*tile
	pageUp   *widget.Button
	pageDown *widget.Button
	prompt   *widget.Label
	message  *widget.Label
	pad      *pinPad
	view     fyne.CanvasObject
}

// newLoginScreen lists the session's active operators. demoPINs maps
// operator codes to PINs shown on the tiles; nil outside demo mode.
// loggedIn runs on the UI thread once a PIN is accepted.
func newLoginScreen(ctx context.Context, session *app.Session, demoPINs map[string]string, log zerolog.Logger, t *tasks, loggedIn func()) *loginScreen {
	s := &loginScreen{ctx: ctx, session: session, log: log, tasks: t, loggedIn: loggedIn, demoPINs: demoPINs}
	s.prompt = widget.NewLabel(lang.L("login.choose"))
	s.prompt.Wrapping = fyne.TextWrapWord
	s.prompt.TextStyle.Bold = true
	s.message = newMessage()
	s.pad = newPINPad(s.submit)
	s.pad.setEnabled(false)

	s.grid = container.NewGridWrap(fyne.NewSize(250, 112))
	s.pageUp = widget.NewButtonWithIcon(lang.L("list.page_up"), theme.MoveUpIcon(), func() { s.showPage(s.page - 1) })
	s.pageDown = widget.NewButtonWithIcon(lang.L("list.page_down"), theme.MoveDownIcon(), func() { s.showPage(s.page + 1) })
	paging := container.NewGridWithColumns(2, atLeast(fyne.NewSize(0, bigButton), s.pageUp), atLeast(fyne.NewSize(0, bigButton), s.pageDown))

	ops, err := session.Operators(ctx)
	switch {
	case err != nil:
		s.message.SetText(ErrorText(log, err))
	case len(ops) == 0:
		s.message.SetText(lang.L("login.none"))
	}
	s.operators = ops
	paging.Hidden = len(ops) <= operatorsPerPage
	s.showPage(0)

	keypad := container.NewVBox(s.prompt, s.pad.view, s.message)
	right := atLeast(fyne.NewSize(420, 0), container.NewPadded(keypad))
	body := container.NewBorder(nil, nil, nil, right, container.NewBorder(nil, paging, nil, nil, s.grid))
	s.view = container.NewBorder(header(lang.L("login.title"), nil), nil, nil, nil, body)
	if len(ops) == 1 {
		s.choose(ops[0])
	}
	return s
}

func (s *loginScreen) showPage(page int) {
	last := max(0, (len(s.operators)-1)/operatorsPerPage)
	s.page = min(max(page, 0), last)
	s.tiles = make(map[string]*tile)
	s.grid.RemoveAll()
	from := s.page * operatorsPerPage
	for _, op := range s.operators[from:min(from+operatorsPerPage, len(s.operators))] {
		detail := ""
		if pin, ok := s.demoPINs[op.Code]; ok {
			detail = lang.L("login.demo_pin", map[string]any{"PIN": pin})
		}
		t := newTile(nil, op.Name, detail, func() { s.choose(op) })
		t.setChosen(op.Code == s.chosen)
		s.tiles[op.Code] = t
		s.grid.Add(t.view)
	}
	enable(s.pageUp, s.page > 0)
	enable(s.pageDown, s.page < last)
}

func (s *loginScreen) choose(op pos.Operator) {
	if s.checking {
		return // the PIN typed belongs to the operator chosen before
	}
	if t := s.tiles[s.chosen]; t != nil {
		t.setChosen(false)
	}
	s.chosen = op.Code
	s.tiles[op.Code].setChosen(true)
	s.prompt.SetText(lang.L("login.prompt", map[string]any{"Name": op.Name}))
	s.message.SetText("")
	s.pad.entry.SetText("")
	s.pad.setEnabled(true)
	focus(s.pad.entry)
}

// submit checks the PIN off the UI thread: the hash takes tens of
// milliseconds, longer on a slow till, and the keypad must show it is busy.
func (s *loginScreen) submit() {
	if s.chosen == "" || s.checking {
		return
	}
	code, pin := s.chosen, s.pad.entry.Text
	s.checking = true
	s.pad.setEnabled(false)
	s.message.Importance = widget.MediumImportance
	s.message.SetText(lang.L("login.checking"))
	s.tasks.run(func() error {
		return s.session.Login(s.ctx, code, pin)
	}, func(err error) {
		s.checking = false
		s.pad.entry.SetText("")
		s.pad.setEnabled(true)
		s.message.Importance = widget.DangerImportance
		s.message.SetText(ErrorText(s.log, err))
		if err == nil {
			s.loggedIn()
			return
		}
		focus(s.pad.entry)
	})
}

// focusable is a widget that takes the keyboard: the PIN entry, a scan field.
type focusable interface {
	fyne.CanvasObject
	fyne.Focusable
}

// focus gives the keyboard to w when it is on a window; a screen not shown
// yet gets its focus from the UI when it is.
func focus(w focusable) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(w); c != nil {
		c.Focus(w)
	}
}
