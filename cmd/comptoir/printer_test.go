package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/assets"
	"github.com/comptoir/comptoir/demo"
)

func TestPrinterDefaults(t *testing.T) {
	c, err := parseConfig([]string{"--demo", "--terminal", "KRPOS3", "--data-dir", "/d"})
	require.NoError(t, err)
	demo := printerDefaults(c, "fr")
	assert.Equal(t, app.PrinterVirtual, demo.Kind, "the demo prints to the virtual printer")
	assert.Equal(t, "/d/demo/prints/KRPOS3", demo.Target, "a folder per terminal")
	assert.Equal(t, "Magasin XYZ", demo.ShopName)
	_, err = demo.Checked()
	assert.NoError(t, err, "the defaults pass the settings' own checks")

	c, err = parseConfig([]string{"--terminal", "KRKASA1", "--data-dir", "/d"})
	require.NoError(t, err)
	real := printerDefaults(c, "")
	assert.Equal(t, app.PrinterSettings{Kind: app.PrinterUSB, Target: "/dev/usb/lp0", Paper: app.Paper80, CodePage: "CP858"}, real)
	_, err = real.Checked()
	assert.NoError(t, err)

	assert.Equal(t, "CP852", printerDefaults(c, "pl").CodePage, "Polish letters need CP852")
}

// TestDemoPrintsToTheVirtualPrinter runs the wiring as --demo does: the test page, its specimen
// receipt included, lands as a .bin and a .png in the terminal's prints folder.
func TestDemoPrintsToTheVirtualPrinter(t *testing.T) {
	require.NoError(t, assets.LoadTranslations())
	cfg, err := parseConfig([]string{"--demo", "--data-dir", t.TempDir()})
	require.NoError(t, err)
	ctx := context.Background()
	db, err := openStore(ctx, cfg, zerolog.Nop())
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	session, err := app.NewSession(ctx, db, app.ClockFunc(time.Now), cfg.Terminal)
	require.NoError(t, err)
	require.NoError(t, session.Login(ctx, "GIULIA", demo.PINs["GIULIA"]))
	p := newPrinting(ctx, cfg, zerolog.Nop(), db, session, app.NewSettings(db, session))

	require.NoError(t, p.PrintTestPage(ctx))

	bin, err := os.ReadFile(filepath.Join(cfg.printsDir(), "test-page.bin"))
	require.NoError(t, err)
	assert.Contains(t, string(bin), "Magasin XYZ")
	raw, err := os.ReadFile(filepath.Join(cfg.printsDir(), "test-page.png"))
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(raw))
	require.NoError(t, err)
	assert.Equal(t, 576+32, img.Bounds().Dx())
	if dir := os.Getenv("COMPTOIR_PRINT_DIR"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "demo-test-page.png"), raw, 0o644))
	}
}
