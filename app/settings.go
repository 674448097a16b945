package app

import (
	"context"
	"slices"

	"github.com/comptoir/comptoir/app/pos"
)

// Languages the till speaks; the first is the reference (SPEC section 16).
var Languages = []string{"fr", "it", "en", "pl"}

// Tile is an entry of the main menu. Each needs a right; some are hidden until
// the terminal's settings show them (R-L1).
type Tile struct {
	ID             string
	Right          pos.Right
	DefaultVisible bool
}

// Tile identifiers, shared with the screens.
const (
	TileProducts = "products"
	TileSettings = "settings"
)

// Tiles is the menu, in order. Each capability adds its tile with its screen.
var Tiles = []Tile{
	{ID: TileProducts, Right: pos.RightProducts, DefaultVisible: true},
	{ID: TileSettings, Right: pos.RightSettings, DefaultVisible: true},
}

const settingLanguage = "language"

func tileKey(id string) string { return "tile." + id }

// Settings are the terminal's own settings, kept in its local database.
type Settings struct {
	store   Store
	session *Session
}

// NewSettings returns the settings use case.
func NewSettings(store Store, session *Session) *Settings {
	return &Settings{store: store, session: session}
}

// Language returns the terminal's language, "" when it follows the system.
func (s *Settings) Language(ctx context.Context) (string, error) {
	v, _, err := s.store.Setting(ctx, settingLanguage)
	return v, err
}

// SetLanguage changes the terminal's language; needs the settings right.
func (s *Settings) SetLanguage(ctx context.Context, lang string) error {
	if !slices.Contains(Languages, lang) {
		return pos.Errorf(pos.CodeInvalid, "error.language_unknown", "Value", lang)
	}
	if err := s.session.require(pos.RightSettings); err != nil {
		return err
	}
	return s.store.SetSetting(ctx, settingLanguage, lang)
}

// TileVisible tells whether the terminal shows a tile, whoever logs in.
func (s *Settings) TileVisible(ctx context.Context, t Tile) (bool, error) {
	v, ok, err := s.store.Setting(ctx, tileKey(t.ID))
	if err != nil || !ok {
		return t.DefaultVisible, err
	}
	return v == "1", nil
}

// SetTileVisible shows or hides a tile on this terminal.
func (s *Settings) SetTileVisible(ctx context.Context, id string, visible bool) error {
	if err := s.session.require(pos.RightSettings); err != nil {
		return err
	}
	if !slices.ContainsFunc(Tiles, func(t Tile) bool { return t.ID == id }) {
		return pos.Errorf(pos.CodeInvalid, "error.tile_unknown", "Value", id)
	}
	if id == TileSettings && !visible {
		// Hidden, it could never be shown again: nobody would reach this screen.
		return pos.Errorf(pos.CodeInvalid, "error.tile_required")
	}
	v := "0"
	if visible {
		v = "1"
	}
	return s.store.SetSetting(ctx, tileKey(id), v)
}

// MenuTiles returns the tiles the logged-in operator sees: shown on this
// terminal and allowed by the operator's rights.
func (s *Settings) MenuTiles(ctx context.Context) ([]Tile, error) {
	var out []Tile
	for _, t := range Tiles {
		visible, err := s.TileVisible(ctx, t)
		if err != nil {
			return nil, err
		}
		if visible && s.session.Can(t.Right) {
			out = append(out, t)
		}
	}
	return out, nil
}
