package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCaptureScreens walks a 1280×800 till through its screens and draws each
// to a PNG that must decode at the window's size; no golden files. To look at
// them: COMPTOIR_CAPTURE_DIR=/tmp go test -run Capture ./app/ui.
func TestCaptureScreens(t *testing.T) {
	dir := os.Getenv("COMPTOIR_CAPTURE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	newTestApp(t, "fr")
	store := newMemStore(t)
	store.addProducts(40)
	store.pending = 2
	store.settings["language"] = "fr"
	tl := newTill(t, store, map[string]string{cashier: cashierPIN, manager: managerPIN})

	save := func(name string) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, "comptoir-"+name+".png"))
		require.NoError(t, err)
		defer f.Close()
		img := tl.w.Canvas().Capture()
		require.False(t, img.Bounds().Empty(), "%s drew nothing", name)
		require.NoError(t, png.Encode(f, img))
	}
	tapText(t, tl.w, managerName)
	tapTexts(t, tl.w, "9", "8")
	save("login")
	tapTexts(t, tl.w, "7", "6", "OK")
	tl.thread.settle(&tl.ui.tasks)
	save("menu")
	tapText(t, tl.w, "Articles")
	scan(tl.w.Canvas().Focused().(*ScanField), "5900000000012")
	save("products")
	tapText(t, tl.w, "Retour")
	tapText(t, tl.w, "Paramètres")
	save("settings")
}
