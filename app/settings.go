package app

import (
	"context"
	"slices"
	"strings"

	"github.com/comptoir/comptoir/app/pos"
)

// Languages the till speaks; the first is the reference (SPEC section 16).
var Languages = []string{"fr", "it", "en", "pl"}

// Tile is an entry of the main menu. Each needs a right; some are hidden until
// the terminal's settings show them (R-L1).
type Tile struct {
	ID    string
	Right pos.Right
	// OrRight, when set, shows the tile to an operator holding it instead
	// of Right: a tile that serves two rights (quotes and orders).
	OrRight        pos.Right
	DefaultVisible bool
}

// Tile identifiers, shared with the screens.
const (
	TileOrders   = "orders"    // the orders and quotes list (R-L1)
	TileNewQuote = "new_quote" // straight to a new quote; hidden by default
	TileNewOrder = "new_order" // straight to a new order; hidden by default
	TileProducts = "products"
	TilePrinter  = "printer" // the printer settings and test page
	TileSettings = "settings"
	TileUnsent   = "unsent" // the operations the data service refused (R-S1)
	TileDrafts   = "drafts" // Continue a document: the parked drafts (R-D6)
)

// Tiles is the menu, in order. Each capability adds its tile with its screen.
var Tiles = []Tile{
	{ID: TileOrders, Right: pos.RightOrders, DefaultVisible: true},
	{ID: TileNewQuote, Right: pos.RightQuoteEdit},
	{ID: TileNewOrder, Right: pos.RightOrderEdit},
	{ID: TileDrafts, Right: pos.RightQuoteEdit, OrRight: pos.RightOrderEdit, DefaultVisible: true},
	{ID: TileProducts, Right: pos.RightProducts, DefaultVisible: true},
	{ID: TilePrinter, Right: pos.RightSettings, DefaultVisible: true},
	{ID: TileUnsent, Right: pos.RightOrders, DefaultVisible: true},
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
		if visible && (s.session.Can(t.Right) || t.OrRight != "" && s.session.Can(t.OrRight)) {
			out = append(out, t)
		}
	}
	return out, nil
}

// maxListColumns bounds a list's column choice; lists have a few dozen.
const maxListColumns = 40

func columnsKey(list string) string { return "columns." + list }

// ListColumns returns the columns this terminal shows in a list, in the order
// shown, or nil when they were never chosen and the screen shows its
// defaults (R-L3).
func (s *Settings) ListColumns(ctx context.Context, list string) ([]string, error) {
	if !settingName(list) {
		return nil, pos.Errorf(pos.CodeInvalid, "error.columns_invalid")
	}
	v, ok, err := s.store.Setting(ctx, columnsKey(list))
	if err != nil || !ok || v == "" {
		return nil, err
	}
	return strings.Split(v, ","), nil
}

// SetListColumns keeps the columns chosen for a list on this terminal, for
// whoever logs in next (R-L3). Any logged-in operator may choose them: they
// change what the list shows, not what the operator may see.
func (s *Settings) SetListColumns(ctx context.Context, list string, columns []string) error {
	if _, ok := s.session.Current(); !ok {
		return pos.Errorf(pos.CodeUnauthorized, "error.not_logged_in")
	}
	if !settingName(list) || len(columns) == 0 || len(columns) > maxListColumns {
		return pos.Errorf(pos.CodeInvalid, "error.columns_invalid")
	}
	for i, c := range columns {
		if !settingName(c) || slices.Contains(columns[:i], c) {
			return pos.Errorf(pos.CodeInvalid, "error.columns_invalid")
		}
	}
	return s.store.SetSetting(ctx, columnsKey(list), strings.Join(columns, ","))
}

// settingName accepts the identifiers the screens use for lists and columns:
// 1 to 40 lower-case letters, digits and underscores.
func settingName(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}
