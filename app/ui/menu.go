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

// newMenuScreen builds the main menu: one large tile per function the
// operator may use on this terminal (app.Settings.MenuTiles), and Log out.
// open receives the ID of the tile tapped.
func newMenuScreen(ctx context.Context, session *app.Session, settings *app.Settings, log zerolog.Logger, open func(id string), logout func()) fyne.CanvasObject {
	name := ""
	if l, ok := session.Current(); ok {
		name = l.Operator.Name
	}
	message := newMessage()
	grid := container.NewGridWrap(fyne.NewSize(280, 180))
	tiles, err := settings.MenuTiles(ctx)
	switch {
	case err != nil:
		message.SetText(ErrorText(log, err))
	case len(tiles) == 0:
		message.Importance = widget.MediumImportance
		message.SetText(lang.L("menu.empty"))
	}
	for _, t := range tiles {
		grid.Add(newTile(tileIcon(t.ID), lang.L("tile."+t.ID), "", func() { open(t.ID) }).view)
	}
	out := atLeast(fyne.NewSize(200, bigButton), widget.NewButtonWithIcon(lang.L("menu.logout"), theme.LogoutIcon(), logout))
	top := header(lang.L("menu.hello", map[string]any{"Name": name}), nil, out)
	return container.NewBorder(top, message, nil, nil, container.NewPadded(grid))
}

// tileIcon is the picture on a menu tile; nil for a tile without one.
func tileIcon(id string) fyne.Resource {
	switch id {
	case app.TileProducts:
		return theme.SearchIcon()
	case app.TileSettings:
		return theme.SettingsIcon()
	case app.TilePrinter:
		return theme.DocumentPrintIcon()
	case app.TileOrders:
		return theme.DocumentIcon()
	case app.TileNewQuote:
		return theme.DocumentCreateIcon()
	case app.TileNewOrder:
		return theme.ContentAddIcon()
	case app.TileUnsent:
		return theme.UploadIcon()
	case app.TileDrafts:
		return theme.HistoryIcon()
	}
	return nil
}
