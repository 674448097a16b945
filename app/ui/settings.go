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

// settingsScreen changes the terminal's own settings: its language, applied
// at once, and which menu tiles it shows; in demo mode, "Simulate offline".
type settingsScreen struct {
	ctx      context.Context
	settings *app.Settings
	log      zerolog.Logger
	changed  func()

	message *widget.Label
	view    fyne.CanvasObject
}

// newSettingsScreen calls languageChanged after the language has changed, so
// the UI rebuilds what it shows in the new language. sync may be nil; its
// "Simulate offline" shows only when it offers it (demo mode).
func newSettingsScreen(ctx context.Context, settings *app.Settings, sync *app.Sync, log zerolog.Logger, back, languageChanged func()) *settingsScreen {
	s := &settingsScreen{ctx: ctx, settings: settings, log: log, changed: languageChanged, message: newMessage()}
	current, err := settings.Language(ctx)
	if err != nil {
		s.message.SetText(ErrorText(log, err))
	}
	languages := container.NewGridWithColumns(len(app.Languages))
	for _, code := range app.Languages {
		// Each language is named in itself, so anyone finds theirs.
		b := widget.NewButton(lang.L("language."+code), func() { s.setLanguage(code) })
		if code == current {
			b.Importance = widget.HighImportance
		}
		languages.Add(atLeast(fyne.NewSize(0, bigButton), b))
	}

	// Three columns keep the whole screen within a 1024×768 or 1280×800 till:
	// a taller screen would push the status bar and the last settings off it.
	grid := container.NewGridWithColumns(3)
	for _, t := range app.Tiles {
		grid.Add(s.tileCheck(t))
	}
	// Hiding Settings would leave no way back to this screen on this terminal.
	kept := widget.NewLabel(lang.L("settings.settings_kept"))
	kept.Wrapping = fyne.TextWrapWord
	kept.Importance = widget.LowImportance
	tiles := container.NewVBox(grid, kept)

	body := container.NewVBox(
		section(lang.L("settings.language")), languages,
		section(lang.L("settings.tiles")), tiles,
	)
	if sync != nil && sync.CanSimulateOffline() {
		body.Add(section(lang.L("settings.sync")))
		body.Add(s.simulateOffline(sync))
	}
	body.Add(s.message)
	s.view = container.NewBorder(header(lang.L("tile.settings"), back), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body)))
	return s
}

func (s *settingsScreen) setLanguage(code string) {
	if err := s.settings.SetLanguage(s.ctx, code); err != nil {
		s.message.SetText(ErrorText(s.log, err))
		return
	}
	if err := UseLanguage(code); err != nil {
		s.message.SetText(ErrorText(s.log, err))
		return
	}
	s.changed()
}

func (s *settingsScreen) tileCheck(t app.Tile) fyne.CanvasObject {
	visible, err := s.settings.TileVisible(s.ctx, t)
	if err != nil {
		s.message.SetText(ErrorText(s.log, err))
	}
	check := widget.NewCheck(lang.L("tile."+t.ID), nil)
	check.Checked = visible
	check.OnChanged = func(on bool) {
		if err := s.settings.SetTileVisible(s.ctx, t.ID, on); err != nil {
			s.message.SetText(ErrorText(s.log, err))
			// Show the setting as it still is, without calling OnChanged again.
			check.Checked = !on
			check.Refresh()
		}
	}
	if t.ID == app.TileSettings {
		check.Disable()
	}
	return check
}

// simulateOffline is demo mode's switch that cuts the till from its data
// service, so a newcomer sees it work offline and catch up afterwards.
func (s *settingsScreen) simulateOffline(sync *app.Sync) fyne.CanvasObject {
	check := widget.NewCheck(lang.L("settings.simulate_offline"), nil)
	check.Checked = sync.SimulatedOffline()
	check.OnChanged = func(on bool) {
		if err := sync.SetSimulateOffline(on); err != nil {
			s.message.SetText(ErrorText(s.log, err))
			check.Checked = !on
			check.Refresh()
		}
	}
	hint := widget.NewLabel(lang.L("settings.simulate_offline_hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	return container.NewVBox(check, hint)
}

func section(title string) fyne.CanvasObject {
	l := widget.NewLabel(title)
	l.SizeName = theme.SizeNameSubHeadingText
	l.TextStyle.Bold = true
	return l
}
