package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/require"
)

// TestCaptureScreens walks a 1280×800 till through its screens and draws each
// to a PNG that must decode at the window's size; no golden files. To look at
// them: COMPTOIR_CAPTURE_DIR=/tmp go test -run Capture ./app/ui.
func TestCaptureScreens(t *testing.T) {
	dir, _ := captureDir(t)
	newTestApp(t, "fr")
	store := newMemStore(t)
	store.addProducts(40)
	store.pending = 2
	store.settings["language"] = "fr"
	tl := newTill(t, store, map[string]string{cashier: cashierPIN, manager: managerPIN})

	save := func(name string) {
		t.Helper()
		saveCapture(t, filepath.Join(dir, "comptoir-"+name+".png"), tl.w.Canvas())
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

// captureDir is where the capture tests write their pictures: the folder
// COMPTOIR_CAPTURE_DIR names, to look at them (looking is then true), else a
// temporary one, where they only prove the screens draw.
func captureDir(tb testing.TB) (dir string, looking bool) {
	if dir := os.Getenv("COMPTOIR_CAPTURE_DIR"); dir != "" {
		return dir, true
	}
	return tb.TempDir(), false
}

// saveCapture draws c and writes it as a PNG at path; a canvas that draws
// nothing fails the test.
func saveCapture(tb testing.TB, path string, c fyne.Canvas) {
	tb.Helper()
	img := c.Capture()
	require.False(tb, img.Bounds().Empty(), "%s drew nothing", filepath.Base(path))
	f, err := os.Create(path)
	require.NoError(tb, err)
	defer f.Close()
	require.NoError(tb, png.Encode(f, img))
}
