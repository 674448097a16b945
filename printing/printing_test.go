package printing_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/printing"
	"github.com/comptoir/comptoir/printing/escdecode"
	"github.com/comptoir/comptoir/printing/internal/sample"
)

// store is the part of app.Store that logging in and printing use; the rest is never called.
type store struct {
	app.Store
	mu       sync.Mutex
	settings map[string]string
}

var (
	salt = []byte("0123456789abcdef")
	hash = sync.OnceValue(func() string { return pos.HashPIN("1234", salt) })
)

func (s *store) Terminal(context.Context, string) (pos.Terminal, error) {
	return pos.Terminal{Code: "KRKASA1", Number: 1, Center: "XYZ"}, nil
}

func (s *store) Operator(_ context.Context, code string) (pos.Operator, error) {
	names := map[string]string{"ANNA": "Anna Kowalska", "MARC": "Marc Dupont"}
	if names[code] == "" {
		return pos.Operator{}, pos.Errorf(pos.CodeNotFound, "error.not_found")
	}
	return pos.Operator{Code: code, Name: names[code], Group: "managers", PINHash: hash(), Active: true}, nil
}

func (s *store) Group(context.Context, string) (pos.Group, error) {
	return pos.Group{Code: "managers", Rights: pos.AllRights}, nil
}

func (s *store) LoginFailures(context.Context, string) (int, time.Time, error) {
	return 0, time.Time{}, nil
}
func (s *store) ClearLoginFailures(context.Context, string) error { return nil }

func (s *store) Setting(_ context.Context, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.settings[key]
	return v, ok, nil
}

func (s *store) SetSetting(_ context.Context, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings[key] = value
	return nil
}

// till is the print use case of a logged-in manager, on the real layouts and printers.
func till(tb testing.TB, defaults app.PrinterSettings) *app.Printing {
	tb.Helper()
	st := &store{settings: map[string]string{}}
	now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC) // house rule 3: no clock but cmd's
	session, err := app.NewSession(context.Background(), st, app.ClockFunc(func() time.Time { return now }), "KRKASA1")
	require.NoError(tb, err)
	require.NoError(tb, session.Login(context.Background(), "ANNA", "1234"))
	labels := sample.NewLabels(tb, "fr")
	return app.NewPrinting(st, session, printing.NewTypesetter(labels.L, time.UTC), printing.Printers{LP: fakeLP(tb)}, defaults)
}

// fakeLP writes an lp that keeps its arguments and input in the folder it returns through
// $COMPTOIR_LP_OUT.
func fakeLP(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	path := filepath.Join(dir, "lp")
	script := "#!/bin/sh\necho \"$@\" > \"$COMPTOIR_LP_OUT.args\"\ncat > \"$COMPTOIR_LP_OUT\"\n"
	require.NoError(tb, os.WriteFile(path, []byte(script), 0o755))
	return path
}

func job(name string) app.PrintJob {
	for _, j := range sample.Jobs() {
		if j.Name == name {
			return j.Out.PrintJob
		}
	}
	panic(name)
}

func settings(kind app.PrinterKind, target string, paper app.Paper) app.PrinterSettings {
	s := sample.Settings(paper, "CP858")
	s.Kind, s.Target = kind, target
	return s
}

func scan(tb testing.TB, img image.Image) string {
	tb.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	require.NoError(tb, err)
	res, err := oned.NewCode128Reader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	require.NoError(tb, err)
	return res.GetText()
}

// TestVirtualPrinterKeepsWhatThePreviewShows is R-PR3 end to end: the preview's bytes are the
// printed bytes, its picture is their decoding, and the virtual printer's PNG is that picture.
func TestVirtualPrinterKeepsWhatThePreviewShows(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "prints", "KRKASA1")
	p := till(t, settings(app.PrinterVirtual, dir, app.Paper80))
	ctx := context.Background()
	order := job("order")

	pv, err := p.Preview(ctx, order)
	require.NoError(t, err)
	require.NoError(t, p.PrintPreview(ctx, pv))

	bin, err := os.ReadFile(filepath.Join(dir, "COMC_7_2026_KRPOS3.bin"))
	require.NoError(t, err)
	assert.Equal(t, pv.Data, bin, "the printer got exactly the previewed bytes")
	raw, err := os.ReadFile(filepath.Join(dir, "COMC_7_2026_KRPOS3.png"))
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(raw))
	require.NoError(t, err)
	assert.Equal(t, pv.Image.Bounds(), img.Bounds())
	assert.Equal(t, 576+32, img.Bounds().Dx(), "80 mm paper")
	assert.Equal(t, string(order.Document.BarcodeNo), scan(t, img), "the order's barcode scans off the printed picture")

	// A reprint is marked as a copy and kept beside the original.
	require.NoError(t, p.Reprint(ctx, order))
	copyBin, err := os.ReadFile(filepath.Join(dir, "COMC_7_2026_KRPOS3-copy.bin"))
	require.NoError(t, err)
	assert.Contains(t, escdecode.Decode(copyBin, 576).Text(), "*** DUPLICATA ***")
}

func TestA4GoesAsPDF(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := till(t, settings(app.PrinterVirtual, dir, app.PaperA4))
	inv := job("invoice")
	pv, err := p.Preview(ctx, inv)
	require.NoError(t, err)
	assert.Nil(t, pv.Image, "no picture of a PDF")
	assert.True(t, bytes.HasPrefix(pv.Data, []byte("%PDF-")))
	require.NoError(t, p.Print(ctx, inv))
	pdf, err := os.ReadFile(filepath.Join(dir, "FC_4_2026_KRKASA1.pdf"))
	require.NoError(t, err)
	assert.Equal(t, pv.Data, pdf)

	// Through a system queue the spooler converts it: no -o raw.
	out := filepath.Join(t.TempDir(), "lp")
	t.Setenv("COMPTOIR_LP_OUT", out)
	q := till(t, settings(app.PrinterQueue, "Bureau", app.PaperA4))
	require.NoError(t, q.Print(ctx, inv))
	args, err := os.ReadFile(out + ".args")
	require.NoError(t, err)
	assert.Equal(t, "-d Bureau\n", string(args))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, pdf, got)
}

func TestQueueGetsRawESCPOS(t *testing.T) {
	out := filepath.Join(t.TempDir(), "lp")
	t.Setenv("COMPTOIR_LP_OUT", out)
	p := till(t, settings(app.PrinterQueue, "TM-T20", app.Paper58))
	ctx := context.Background()
	pv, err := p.Preview(ctx, job("receipt"))
	require.NoError(t, err)
	require.NoError(t, p.Print(ctx, job("receipt")))
	args, err := os.ReadFile(out + ".args")
	require.NoError(t, err)
	assert.Equal(t, "-d TM-T20 -o raw\n", string(args))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, pv.Data, got)
}

// TestNetworkPrinterReceivesExactlyTheBytes listens on loopback as a printer's port 9100 does.
func TestNetworkPrinterReceivesExactlyTheBytes(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	received := make(chan []byte, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			received <- nil
			return
		}
		defer conn.Close()
		b, _ := io.ReadAll(conn)
		received <- b
	}()
	p := till(t, settings(app.PrinterTCP, ln.Addr().String(), app.Paper80))
	ctx := context.Background()
	pv, err := p.Preview(ctx, job("receipt"))
	require.NoError(t, err)
	require.NoError(t, p.PrintPreview(ctx, pv))
	assert.Equal(t, pv.Data, <-received)
}

func TestFailuresSayWhatToCheck(t *testing.T) {
	ctx := context.Background()
	missing := filepath.Join(t.TempDir(), "usb", "lp0")
	err := till(t, settings(app.PrinterUSB, missing, app.Paper80)).Print(ctx, job("receipt"))
	var pe *app.PrintError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "print.error.device_missing", pe.Problem.Key)
	assert.Equal(t, "print.hint.device_missing", pe.HintKey)
	assert.Equal(t, missing, pe.Problem.Args["Target"])

	// Nothing listens on this port once the listener is closed.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	err = till(t, settings(app.PrinterTCP, addr, app.Paper80)).Print(ctx, job("receipt"))
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "print.error.printer_unreachable", pe.Problem.Key)

	// A device this user may not write: the hint says to join the lp group.
	locked := filepath.Join(t.TempDir(), "lp0")
	require.NoError(t, os.WriteFile(locked, nil, 0o444))
	if os.Geteuid() == 0 {
		// File modes do not stop root; the kernel refuses to open a read-only sysfs
		// attribute for writing whoever asks.
		locked = "/sys/devices/system/cpu/online"
		_, err := os.Stat(locked)
		require.NoError(t, err, "as root only a read-only sysfs attribute is unwritable; Linux tills have it")
	}
	err = till(t, settings(app.PrinterUSB, locked, app.Paper80)).Print(ctx, job("receipt"))
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "print.error.permission_denied", pe.Problem.Key)
	assert.Equal(t, "print.hint.permission_denied", pe.HintKey)
}

// TestFIFOStandsInForTheUSBDevice reads the device end as a printer would. The reading end is
// opened first, non-blocking, and the pipe holds the whole page, so the print completes before
// anything is read.
func TestFIFOStandsInForTheUSBDevice(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "lp0")
	printer, err := openFIFO(fifo)
	require.NoError(t, err, "a FIFO stands in for /dev/usb/lp0 on Linux")
	t.Cleanup(func() { printer.Close() })
	p := till(t, settings(app.PrinterUSB, fifo, app.Paper58))
	ctx := context.Background()
	require.NoError(t, p.PrintTestPage(ctx))
	got, err := io.ReadAll(printer)
	require.NoError(t, err)
	pv, err := p.PreviewTestPage(ctx)
	require.NoError(t, err)
	assert.Equal(t, pv.Data, got)
	assert.Contains(t, escdecode.Decode(got, 384).Text(), "TEST IMPRIMANTE")
}

func TestTypesetterRefusesWhatItCannotPrint(t *testing.T) {
	ts := printing.NewTypesetter(sample.NewLabels(t, "en").L, time.UTC)
	s := settings(app.PrinterUSB, "/dev/usb/lp0", app.Paper80)
	s.CodePage = "UTF-8"
	_, err := ts.Typeset(app.Printout{PrintJob: job("receipt")}, s)
	assert.Error(t, err)
	_, err = ts.Picture([]byte("x"), s)
	assert.Error(t, err)
	_, err = printing.Printers{}.Connect(app.PrinterSettings{Kind: "pigeon"})
	assert.Error(t, err)
}

func TestProfiles(t *testing.T) {
	for _, tt := range []struct {
		paper    app.Paper
		cp       string
		cols     int
		dots     int
		codePage string
	}{
		{app.Paper58, "CP858", 32, 384, "CP858"},
		{app.Paper80, "CP1252", 48, 576, "CP1252"},
		{app.Paper80, "CP852", 48, 576, "CP852"},
	} {
		prof, err := printing.Profile(app.PrinterSettings{Paper: tt.paper, CodePage: tt.cp})
		require.NoError(t, err)
		assert.Equal(t, tt.cols, prof.Columns)
		assert.Equal(t, tt.dots, prof.DotWidth)
		assert.Equal(t, tt.codePage, prof.CodePage.Name)
	}
	_, err := printing.Profile(app.PrinterSettings{Paper: app.PaperA4, CodePage: "CP858"})
	assert.Error(t, err)
}
