package app_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/store"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// till is the use cases of one terminal over a real database file.
type till struct {
	db       *store.DB
	path     string
	clock    *fakeClock
	session  *app.Session
	settings *app.Settings
	catalog  *app.Catalog
}

func newTill(tb testing.TB) *till {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "till.db")
	db, err := store.Open(context.Background(), path)
	require.NoError(tb, err)
	require.NoError(tb, db.ApplyMasterData(context.Background(), demo.MasterData()))
	tb.Cleanup(func() { db.Close() })
	return openTill(tb, db, path, &fakeClock{now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)})
}

func openTill(tb testing.TB, db *store.DB, path string, clock *fakeClock) *till {
	tb.Helper()
	s, err := app.NewSession(context.Background(), db, clock, "KRKASA1")
	require.NoError(tb, err)
	return &till{db: db, path: path, clock: clock, session: s,
		settings: app.NewSettings(db, s), catalog: app.NewCatalog(db, s)}
}

func errKey(tb testing.TB, err error) string {
	tb.Helper()
	require.Error(tb, err)
	e, ok := pos.AsError(err)
	require.True(tb, ok, "not a pos error: %v", err)
	return e.Key
}

func TestLoginWithTheRightPIN(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))
	l, ok := tl.session.Current()
	require.True(t, ok)
	assert.Equal(t, "Anna Kowalska", l.Operator.Name)
	assert.True(t, tl.session.Can(pos.RightReceipt))
	assert.False(t, tl.session.Can(pos.RightSettings))
	tl.session.Logout()
	_, ok = tl.session.Current()
	assert.False(t, ok)
}

func TestFiveWrongPINsLockForFiveMinutes(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	for i := 1; i <= 4; i++ {
		err := tl.session.Login(ctx, "ANNA", "9999")
		assert.Equal(t, "error.pin_wrong", errKey(t, err))
		e, _ := pos.AsError(err)
		assert.Equal(t, 5-i, e.Args["Left"])
	}
	assert.Equal(t, "error.operator_locked", errKey(t, tl.session.Login(ctx, "ANNA", "9999")))

	// Locked: even the right PIN is refused, also after a restart of the till.
	tl.clock.Add(4 * time.Minute)
	assert.Equal(t, "error.operator_locked", errKey(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"])))
	restarted := openTill(t, tl.db, tl.path, tl.clock)
	err := restarted.session.Login(ctx, "ANNA", demo.PINs["ANNA"])
	assert.Equal(t, "error.operator_locked", errKey(t, err))
	e, _ := pos.AsError(err)
	assert.Equal(t, 1, e.Args["Minutes"])
	_, ok := restarted.session.Current()
	assert.False(t, ok)

	// Another operator is not affected.
	require.NoError(t, restarted.session.Login(ctx, "PIOTR", demo.PINs["PIOTR"]))

	// Five minutes after the last failure the right PIN opens, with fresh attempts.
	tl.clock.Add(time.Minute)
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))
	tl.session.Logout()
	e, _ = pos.AsError(tl.session.Login(ctx, "ANNA", "0000"))
	assert.Equal(t, 4, e.Args["Left"])
}

func TestBadLoginInputChangesNothing(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	for _, pin := range []string{"", "12", "12a4", "123456789", "1234\x1b"} {
		assert.Equal(t, "error.pin_format", errKey(t, tl.session.Login(ctx, "ANNA", pin)), "%q", pin)
	}
	assert.Equal(t, "error.operator_unknown", errKey(t, tl.session.Login(ctx, "NOBODY", "1234")))
	n, _, err := tl.db.LoginFailures(ctx, "ANNA")
	require.NoError(t, err)
	assert.Zero(t, n, "malformed PINs are not counted as attempts")
}

func TestMenuShowsTilesAllowedAndVisible(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	ids := func() []string {
		tiles, err := tl.settings.MenuTiles(ctx)
		require.NoError(t, err)
		var out []string
		for _, tile := range tiles {
			out = append(out, tile.ID)
		}
		return out
	}
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))
	assert.Equal(t, []string{"orders", "drafts", "products", "unsent"}, ids(), "a cashier has no settings right; new quote/order tiles are hidden")
	assert.Equal(t, "error.right_missing", errKey(t, tl.settings.SetTileVisible(ctx, "products", false)))

	tl.session.Logout()
	require.NoError(t, tl.session.Login(ctx, "GIULIA", demo.PINs["GIULIA"]))
	assert.Equal(t, []string{"orders", "drafts", "products", "printer", "unsent", "settings"}, ids())
	require.NoError(t, tl.settings.SetTileVisible(ctx, "products", false))
	require.NoError(t, tl.settings.SetTileVisible(ctx, app.TileNewOrder, true))
	assert.Equal(t, []string{"orders", "new_order", "drafts", "printer", "unsent", "settings"}, ids())
	assert.Equal(t, "error.tile_unknown", errKey(t, tl.settings.SetTileVisible(ctx, "nope", true)))
	assert.Equal(t, "error.tile_required", errKey(t, tl.settings.SetTileVisible(ctx, app.TileSettings, false)))
	assert.Equal(t, []string{"orders", "new_order", "drafts", "printer", "unsent", "settings"}, ids(), "the refused change left the menu as it was")
}

func TestLanguageSetting(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	assert.Equal(t, "error.not_logged_in", errKey(t, tl.settings.SetLanguage(ctx, "it")))
	require.NoError(t, tl.session.Login(ctx, "GIULIA", demo.PINs["GIULIA"]))
	assert.Equal(t, "error.language_unknown", errKey(t, tl.settings.SetLanguage(ctx, "xx")))
	lang, err := tl.settings.Language(ctx)
	require.NoError(t, err)
	assert.Empty(t, lang, "a refused change leaves the setting as it was")
	require.NoError(t, tl.settings.SetLanguage(ctx, "pl"))
	lang, err = tl.settings.Language(ctx)
	require.NoError(t, err)
	assert.Equal(t, "pl", lang)
}

func TestCatalogScanAndSearch(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	_, err := tl.catalog.Scan(ctx, "MIX-01")
	assert.Equal(t, "error.not_logged_in", errKey(t, err))
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))

	byCode, err := tl.catalog.Scan(ctx, " MIX-01 ")
	require.NoError(t, err)
	byEAN, err := tl.catalog.Scan(ctx, byCode.EANs[0])
	require.NoError(t, err)
	assert.Equal(t, byCode.Code, byEAN.Code)

	_, err = tl.catalog.Scan(ctx, "4006381333931")
	assert.Equal(t, "error.product_not_found", errKey(t, err))
	_, err = tl.catalog.Scan(ctx, "   ")
	assert.Equal(t, "error.scan_invalid", errKey(t, err))

	page, err := tl.catalog.Search(ctx, "", 0, 50)
	require.NoError(t, err)
	assert.Len(t, page, 50)
	next, err := tl.catalog.Search(ctx, "", 50, 50)
	require.NoError(t, err)
	assert.NotEqual(t, page[0].Code, next[0].Code)
	_, err = tl.catalog.Search(ctx, "", -1, 50)
	assert.Equal(t, "error.search_invalid", errKey(t, err))
}

type online bool

func (o online) Online() bool { return bool(o) }

func TestStatusBarCountsWaitingOperations(t *testing.T) {
	tl := newTill(t)
	ctx := context.Background()
	require.NoError(t, tl.session.Login(ctx, "ANNA", demo.PINs["ANNA"]))
	bar := app.NewStatusBar(tl.db, tl.session, nil, tl.clock)
	st, err := bar.Read(ctx)
	require.NoError(t, err)
	assert.Equal(t, app.Status{Terminal: "KRKASA1", Operator: "Anna Kowalska", Now: tl.clock.Now()}, st)

	d := &pos.Document{Kind: pos.KindQuote, Status: pos.StatusUnconfirmed, Terminal: "KRKASA1", Customer: "UNDEF",
		VATMethod: pos.VATFromGross, Lines: []pos.Line{{Name: "Fan", Qty: pos.Units(1), Price: 3499, VATRate: 2000}}}
	require.NoError(t, tl.db.SaveDocument(ctx, d, tl.clock.Now()))
	st, err = app.NewStatusBar(tl.db, tl.session, online(true), tl.clock).Read(ctx)
	require.NoError(t, err)
	assert.True(t, st.Online)
	assert.Equal(t, 1, st.Pending)
}
