package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
)

// fakeTypesetter stands in for the layouts and the decoder (the screens may not import
// printing): a document's bytes name what was laid out, and its picture is a strip of paper as
// tall as the bytes are long, times scale, so a test can tell which bytes a picture shows.
type fakeTypesetter struct {
	mu      sync.Mutex
	scale   int
	picture image.Image // when set, every picture is this one
	outs    []app.Printout
}

func (f *fakeTypesetter) Typeset(p app.Printout, s app.PrinterSettings) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.outs = append(f.outs, p)
	return fmt.Appendf(nil, "%s copy=%t paper=%s", p.PrintJob.Name(), p.Copy, s.Paper), nil
}

func (f *fakeTypesetter) TestPage(s app.PrinterSettings) ([]byte, error) {
	return []byte("test page on " + s.Target), nil
}

func (f *fakeTypesetter) Picture(data []byte, s app.PrinterSettings) (image.Image, error) {
	if s.Paper == app.PaperA4 {
		return nil, nil
	}
	if f.picture != nil {
		return f.picture, nil
	}
	img := image.NewGray(image.Rect(0, 0, 384+32, len(data)*max(f.scale, 1)))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := 0; y < img.Rect.Dy(); y += 30 {
		for x := 16; x < 300; x++ {
			img.SetGray(x, y, color.Gray{})
		}
	}
	return img, nil
}

// fakePrinters is one printer that keeps what it is sent, or fails with err.
type fakePrinters struct {
	mu    sync.Mutex
	sent  []string
	names []string
	err   error
}

func (f *fakePrinters) Connect(app.PrinterSettings) (app.Printer, error) { return f, nil }

func (f *fakePrinters) Send(_ context.Context, name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.sent = append(f.sent, string(data))
	f.names = append(f.names, name)
	return nil
}

func (f *fakePrinters) fail(err error) {
	f.mu.Lock()
	f.err = err
	f.mu.Unlock()
}

func (f *fakePrinters) printed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.sent...)
}

// transportError is a failure the transport explains, as printing/transport's errors do.
type transportError string

func (e transportError) Error() string      { return "transport: " + string(e) }
func (e transportError) MessageKey() string { return "print.error." + string(e) }
func (e transportError) HintKey() string    { return "print.hint." + string(e) }

var usbPrinter = app.PrinterSettings{Kind: app.PrinterUSB, Target: "/dev/usb/lp0", Paper: app.Paper80, CodePage: "CP858"}

// printTill is the whole interface with a printer behind it.
type printTill struct {
	*till
	store    *memStore
	types    *fakeTypesetter
	printers *fakePrinters
}

func newPrintTill(tb testing.TB, language, operator, pin string) *printTill {
	tb.Helper()
	store := newMemStore(tb)
	store.settings["language"] = language
	pt := &printTill{store: store, types: &fakeTypesetter{}, printers: &fakePrinters{}}
	uc := useCases(tb, store)
	uc.Printing = app.NewPrinting(store, uc.Session, pt.types, pt.printers, usbPrinter)
	a := fyne.CurrentApp()
	tl := &till{w: a.NewWindow("")}
	u, err := New(context.Background(), uc, a, tl.w, Options{
		OnScreen:    func(name string) { tl.screens = append(tl.screens, name) },
		Log:         zerolog.Nop(),
		StatusEvery: time.Hour,
	})
	require.NoError(tb, err)
	u.tasks.post = tl.thread.post
	tl.ui = u
	tl.w.Resize(tillSize)
	tb.Cleanup(func() {
		tl.w.Close()
		u.Wait()
	})
	pt.till = tl
	if operator != "" {
		require.NoError(tb, uc.Session.Login(context.Background(), operator, pin))
		u.showMenu()
	}
	return pt
}

func (pt *printTill) settle() { pt.thread.settle(&pt.ui.tasks) }

// storedPrinter reads the printer settings the screen saved.
func (pt *printTill) storedPrinter(tb testing.TB) (app.PrinterSettings, bool) {
	tb.Helper()
	v, ok := pt.store.settings["printer"]
	if !ok {
		return app.PrinterSettings{}, false
	}
	var s app.PrinterSettings
	require.NoError(tb, json.Unmarshal([]byte(v), &s))
	return s, true
}

// entryAfter returns the entry that follows the label text in the window.
func entryAfter(tb testing.TB, w fyne.Window, label string) *widget.Entry {
	tb.Helper()
	var found *widget.Entry
	seen := false
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if found != nil {
			return false
		}
		if l, ok := o.(*widget.Label); ok && l.Text == label {
			seen = true
		}
		if e, ok := o.(*widget.Entry); ok && seen {
			found = e
			return false
		}
		return true
	})
	require.NotNil(tb, found, "no entry after %q", label)
	return found
}

// retype clears an entry and types text into it as a keyboard would.
func retype(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

func receiptJob() app.PrintJob {
	return app.PrintJob{Document: pos.Document{
		ID: "r-1", Kind: pos.KindReceipt, Number: "R/1/2025/KRKASA1", Status: pos.StatusConfirmed,
		Terminal: terminalCode, Operator: cashier, VATMethod: pos.VATFromGross,
		Lines: []pos.Line{{No: 1, Name: "Pain", Unit: "pcs", Qty: pos.Units(1), Price: 120, VATRate: 550}},
	}}
}

func TestPrinterTileOpensTheSettings(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", manager, managerPIN)

	tapText(t, pt.w, "Printer")

	assert.Equal(t, "printer", pt.screen())
	requireText(t, pt.w, "Connection")
	requireText(t, pt.w, "Device")
	assert.Equal(t, "/dev/usb/lp0", entryAfter(t, pt.w, "Device").Text, "the defaults until some are saved")
	b := find(pt.w, func(b *widget.Button) bool { return b.Text == "USB" })
	assert.Equal(t, widget.HighImportance, b.Importance, "the kind in use is marked")
	tapText(t, pt.w, "Back")
	assert.Equal(t, "menu", pt.screen())
}

func TestCashiersHaveNoPrinterTile(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", cashier, cashierPIN)
	assert.NotContains(t, texts(pt.w), "Printer")
}

func TestPrinterSettingsSaved(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", manager, managerPIN)
	tapText(t, pt.w, "Printer")

	tapText(t, pt.w, "Network")
	requireText(t, pt.w, "Address (host:port)")
	retype(entryAfter(t, pt.w, "Address (host:port)"), "192.168.1.50")
	tapText(t, pt.w, "58 mm")
	tapText(t, pt.w, "CP852")
	tapText(t, pt.w, "Open the cash drawer on cash payments")
	retype(entryAfter(t, pt.w, "Shop name (top of each document)"), "Sklep XYZ")
	retype(entryAfter(t, pt.w, "Shop address (up to 3 lines)"), "ul. Floriańska 3")
	tapText(t, pt.w, "Save")

	requireText(t, pt.w, "Printer settings saved.")
	s, ok := pt.storedPrinter(t)
	require.True(t, ok)
	assert.Equal(t, app.PrinterSettings{Kind: app.PrinterTCP, Target: "192.168.1.50:9100", Paper: app.Paper58,
		CodePage: "CP852", Drawer: true, ShopName: "Sklep XYZ", ShopAddress: "ul. Floriańska 3"}, s)
	assert.Equal(t, "192.168.1.50:9100", entryAfter(t, pt.w, "Address (host:port)").Text, "the form shows what was kept")
}

func TestBadPrinterSettingsSayWhyAndChangeNothing(t *testing.T) {
	newTestApp(t, "fr")
	pt := newPrintTill(t, "fr", manager, managerPIN)
	tapText(t, pt.w, "Imprimante")

	retype(entryAfter(t, pt.w, "Périphérique"), "usb/lp0")
	tapText(t, pt.w, "Enregistrer")

	requireText(t, pt.w, "« usb/lp0 » n'est pas un chemin complet : il doit commencer par / (par exemple /dev/usb/lp0).")
	_, saved := pt.storedPrinter(t)
	assert.False(t, saved)

	tapText(t, pt.w, "Réseau")
	retype(entryAfter(t, pt.w, "Adresse (hôte:port)"), "10.0.0.9:raw")
	tapText(t, pt.w, "Imprimer une page de test")
	requireText(t, pt.w, "« 10.0.0.9:raw » n'est pas une adresse d'imprimante : saisissez une adresse IP ou un nom, avec :port si ce n'est pas 9100 (par exemple 192.168.1.50:9100).")
	pt.settle()
	assert.Empty(t, pt.printers.printed(), "nothing printed with settings refused")
}

func TestTestPagePrintsOffTheUIThread(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", manager, managerPIN)
	tapText(t, pt.w, "Printer")
	retype(entryAfter(t, pt.w, "Device"), "/dev/usb/lp1")

	tapText(t, pt.w, "Print test page")

	requireText(t, pt.w, "Printing…")
	save := find(pt.w, func(b *widget.Button) bool { return b.Text == "Save" })
	assert.True(t, save.Disabled(), "no second job while one runs")
	pt.settle()
	requireText(t, pt.w, "Sent to the printer.")
	assert.False(t, save.Disabled())
	assert.Equal(t, []string{"test page on /dev/usb/lp1"}, pt.printers.printed(), "the form was saved first")
}

func TestAFailedTestPageSaysWhatToCheck(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", manager, managerPIN)
	pt.printers.fail(fmt.Errorf("open: %w", transportError("permission_denied")))
	tapText(t, pt.w, "Printer")

	tapText(t, pt.w, "Print test page")
	pt.settle()

	requireText(t, pt.w, "Not allowed to use the printer (/dev/usb/lp0).")
	requireText(t, pt.w, "Add the user to the lp group: sudo usermod -aG lp $USER, then log out and back in.")
	assert.NotContains(t, texts(pt.w), "Sent to the printer.")

	pt.printers.fail(nil)
	tapText(t, pt.w, "Print test page")
	pt.settle()
	requireText(t, pt.w, "Sent to the printer.")
	assert.NotContains(t, texts(pt.w), "Not allowed to use the printer (/dev/usb/lp0).", "the failure is gone")
}

// previewImage is the picture the preview shows, its strips put back together by height.
func previewImages(w fyne.Window) []*canvas.Image {
	var out []*canvas.Image
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Image.Bounds().Dx() > 300 {
			out = append(out, img)
		}
		return true
	})
	return out
}

func TestPreviewShowsTheBytesAndPrintsThemThenReprints(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", cashier, cashierPIN)
	job := receiptJob()

	pt.ui.showPrintPreview(job, pt.ui.showMenu)
	assert.Equal(t, "preview", pt.screen())
	requireText(t, pt.w, "Preparing the preview…")
	print := find(pt.w, func(b *widget.Button) bool { return b.Text == "Print" })
	assert.True(t, print.Disabled(), "nothing to print until laid out")
	pt.settle()

	original := "R/1/2025/KRKASA1 copy=false paper=80"
	imgs := previewImages(pt.w)
	require.Len(t, imgs, 1)
	assert.Equal(t, len(original), imgs[0].Image.Bounds().Dy(), "the picture is of the bytes the printer gets")
	requireText(t, pt.w, "R/1/2025/KRKASA1")
	assert.False(t, print.Disabled())

	tapText(t, pt.w, "Print")
	requireText(t, pt.w, "Printing…")
	pt.settle()
	assert.Equal(t, []string{original}, pt.printers.printed())
	requireText(t, pt.w, "Sent to the printer.")
	assert.Equal(t, "Reprint", print.Text)
	copyBytes := "R/1/2025/KRKASA1-copy copy=true paper=80"
	imgs = previewImages(pt.w)
	require.Len(t, imgs, 1)
	assert.Equal(t, len(copyBytes), imgs[0].Image.Bounds().Dy(), "the preview now shows the copy a reprint sends")

	tapText(t, pt.w, "Reprint")
	pt.settle()
	assert.Equal(t, []string{original, copyBytes}, pt.printers.printed())
	assert.Equal(t, []string{"R/1/2025/KRKASA1", "R/1/2025/KRKASA1-copy"}, pt.printers.names)

	tapText(t, pt.w, "Back")
	assert.Equal(t, "menu", pt.screen())
}

func TestAFailedPrintLeavesTheDocumentPrintable(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", cashier, cashierPIN)
	pt.printers.fail(transportError("device_missing"))
	pt.ui.showPrintPreview(receiptJob(), pt.ui.showMenu)
	pt.settle()

	tapText(t, pt.w, "Print")
	pt.settle()

	requireText(t, pt.w, "Printer not found (/dev/usb/lp0).")
	requireText(t, pt.w, "Check that the printer is switched on and its USB cable is plugged in, and that the device path in the printer settings is right (for example /dev/usb/lp0).")
	print := find(pt.w, func(b *widget.Button) bool { return b.Text == "Print" })
	require.NotNil(t, print, "still an original: nothing came out")
	assert.False(t, print.Disabled())

	pt.printers.fail(nil)
	tapText(t, pt.w, "Print")
	pt.settle()
	assert.Equal(t, []string{"R/1/2025/KRKASA1 copy=false paper=80"}, pt.printers.printed())
	assert.Equal(t, "Reprint", print.Text)
}

func TestAReprintFromTheListStartsAsACopy(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", cashier, cashierPIN)
	job := receiptJob()
	job.Copy = true
	pt.ui.showPrintPreview(job, pt.ui.showMenu)
	pt.settle()
	tapText(t, pt.w, "Reprint")
	pt.settle()
	tapText(t, pt.w, "Reprint")
	pt.settle()
	copyBytes := "R/1/2025/KRKASA1-copy copy=true paper=80"
	assert.Equal(t, []string{copyBytes, copyBytes}, pt.printers.printed())
}

func TestPreviewPagesThroughALongRoll(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", cashier, cashierPIN)
	pt.types.scale = 150 // a roll several screens long, cut in strips
	pt.ui.showPrintPreview(receiptJob(), pt.ui.showMenu)
	pt.settle()

	imgs := previewImages(pt.w)
	require.Greater(t, len(imgs), 1, "a long roll is drawn in strips")
	var height int
	for _, img := range imgs {
		height += img.Image.Bounds().Dy()
		assert.LessOrEqual(t, img.Image.Bounds().Dy(), stripHeight)
	}
	assert.Equal(t, len("R/1/2025/KRKASA1 copy=false paper=80")*150, height)

	up := find(pt.w, func(b *widget.Button) bool { return b.Text == "Page up" })
	down := find(pt.w, func(b *widget.Button) bool { return b.Text == "Page down" })
	assert.True(t, up.Disabled())
	require.False(t, down.Disabled())
	tapText(t, pt.w, "Page down")
	assert.False(t, up.Disabled())
	for range 20 {
		if down.Disabled() {
			break
		}
		tapText(t, pt.w, "Page down")
	}
	assert.True(t, down.Disabled(), "the end of the roll")
	tapText(t, pt.w, "Page up")
	assert.False(t, down.Disabled())
}

func TestA4HasNoPicture(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", cashier, cashierPIN)
	pt.store.settings["printer"] = `{"kind":"queue","target":"Bureau","paper":"a4","code_page":"CP858"}`
	pt.ui.showPrintPreview(receiptJob(), pt.ui.showMenu)
	pt.settle()
	requireText(t, pt.w, "A4 documents go to the printer as PDF: there is no picture to preview. Print sends the PDF.")
	assert.Empty(t, previewImages(pt.w))
	tapText(t, pt.w, "Print")
	pt.settle()
	assert.Equal(t, []string{"R/1/2025/KRKASA1 copy=false paper=a4"}, pt.printers.printed())
}

func TestPreviewTestPageFromTheSettings(t *testing.T) {
	newTestApp(t, "en")
	pt := newPrintTill(t, "en", manager, managerPIN)
	tapText(t, pt.w, "Printer")
	tapText(t, pt.w, "Preview test page")
	assert.Equal(t, "preview", pt.screen())
	pt.settle()
	require.Len(t, previewImages(pt.w), 1)
	tapText(t, pt.w, "Print")
	pt.settle()
	assert.Equal(t, []string{"test page on /dev/usb/lp0"}, pt.printers.printed())
	assert.NotNil(t, find(pt.w, func(b *widget.Button) bool { return b.Text == "Print" }), "a test page has no copy")
	tapText(t, pt.w, "Back")
	assert.Equal(t, "printer", pt.screen())
}

// TestCapturePrintScreens draws the printer settings and a preview to PNGs, as
// TestCaptureScreens does for the shell: COMPTOIR_CAPTURE_DIR=/tmp go test -run Capture ./app/ui.
// COMPTOIR_PREVIEW_PNG names a real receipt's picture to preview instead of the stand-in.
func TestCapturePrintScreens(t *testing.T) {
	dir, _ := captureDir(t)
	newTestApp(t, "fr")
	pt := newPrintTill(t, "fr", manager, managerPIN)
	if path := os.Getenv("COMPTOIR_PREVIEW_PNG"); path != "" {
		f, err := os.Open(path)
		require.NoError(t, err)
		img, err := png.Decode(f)
		f.Close()
		require.NoError(t, err)
		pt.types.picture = img
	}
	save := func(name string) {
		t.Helper()
		saveCapture(t, filepath.Join(dir, "comptoir-"+name+".png"), pt.w.Canvas())
	}
	tapText(t, pt.w, "Imprimante")
	save("printer")
	pt.printers.fail(transportError("permission_denied"))
	tapText(t, pt.w, "Imprimer une page de test")
	pt.settle()
	save("printer-failed")
	pt.printers.fail(nil)
	pt.ui.showPrintPreview(receiptJob(), pt.ui.showMenu)
	pt.settle()
	save("preview")
	tapText(t, pt.w, "Imprimer")
	pt.settle()
	tapText(t, pt.w, "Page suivante")
	save("preview-printed")
}
