package app_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
)

// typesetter stands in for the layouts: it writes down what it was given, so a test can see
// what the use case passed on, and pictures bytes as a 1×len image.
type typesetter struct {
	mu       sync.Mutex
	last     app.Printout
	pictured [][]byte
}

func (t *typesetter) Typeset(p app.Printout, s app.PrinterSettings) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.last = p
	return fmt.Appendf(nil, "%s|%s|%s|kick=%t|copy=%t|%s", p.Document.Number, p.Form, p.Operator, p.Kick, p.Copy, s.Paper), nil
}

func (t *typesetter) TestPage(s app.PrinterSettings) ([]byte, error) {
	return []byte("test page " + s.Target), nil
}

func (t *typesetter) Picture(data []byte, _ app.PrinterSettings) (image.Image, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pictured = append(t.pictured, data)
	return image.NewGray(image.Rect(0, 0, 1, len(data))), nil
}

// printers hands out one printer that records what it receives, or fails with err.
type printers struct {
	mu        sync.Mutex
	connected []app.PrinterSettings
	names     []string
	sent      [][]byte
	err       error
}

func (p *printers) Connect(s app.PrinterSettings) (app.Printer, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.connected = append(p.connected, s)
	return p, nil
}

func (p *printers) Send(_ context.Context, name string, data []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return p.err
	}
	p.names = append(p.names, name)
	p.sent = append(p.sent, data)
	return nil
}

func (p *printers) fail(err error) {
	p.mu.Lock()
	p.err = err
	p.mu.Unlock()
}

// classified is a failure a transport explains, as printing/transport's errors do.
type classified struct{ code string }

func (c classified) Error() string      { return "transport: " + c.code }
func (c classified) MessageKey() string { return "print.error." + c.code }
func (c classified) HintKey() string    { return "print.hint." + c.code }

var demoPrinter = app.PrinterSettings{
	Kind: app.PrinterVirtual, Target: "/tmp/prints/KRKASA1", Paper: app.Paper80, CodePage: "CP858",
	ShopName: "Magasin XYZ",
}

type printTill struct {
	*till
	types    *typesetter
	printers *printers
	printing *app.Printing
}

func newPrintTill(tb testing.TB, operator string) *printTill {
	tb.Helper()
	tl := &printTill{till: newTill(tb), types: &typesetter{}, printers: &printers{}}
	tl.printing = app.NewPrinting(tl.db, tl.session, tl.types, tl.printers, demoPrinter)
	if operator != "" {
		require.NoError(tb, tl.session.Login(context.Background(), operator, demo.PINs[operator]))
	}
	return tl
}

func receipt() pos.Document {
	return pos.Document{
		ID: "r-1", Kind: pos.KindReceipt, Number: "R/1/2026/KRKASA1", Status: pos.StatusConfirmed,
		Terminal: "KRKASA1", Operator: "MARC", VATMethod: pos.VATFromGross,
		Lines: []pos.Line{{No: 1, Name: "Pain", Unit: "pcs", Qty: pos.Units(1), Price: 120, VATRate: 550}},
	}
}

func TestPrinterSettingsAreTheDefaultsUntilSaved(t *testing.T) {
	tl := newPrintTill(t, "GIULIA")
	ctx := context.Background()
	s, err := tl.printing.Settings(ctx)
	require.NoError(t, err)
	assert.Equal(t, demoPrinter, s)

	saved, err := tl.printing.SaveSettings(ctx, app.PrinterSettings{
		Kind: app.PrinterTCP, Target: " 192.168.1.50 ", Paper: app.Paper58, CodePage: "CP852", Drawer: true,
		ShopName: " Sklep XYZ ", ShopAddress: "ul. Floriańska 3\r\n\n 31-019 Kraków ",
	})
	require.NoError(t, err)
	want := app.PrinterSettings{
		Kind: app.PrinterTCP, Target: "192.168.1.50:9100", Paper: app.Paper58, CodePage: "CP852", Drawer: true,
		ShopName: "Sklep XYZ", ShopAddress: "ul. Floriańska 3\n31-019 Kraków",
	}
	assert.Equal(t, want, saved, "tidied: spaces, blank lines, the raw port")

	restarted := app.NewPrinting(tl.db, tl.session, tl.types, tl.printers, demoPrinter)
	s, err = restarted.Settings(ctx)
	require.NoError(t, err)
	assert.Equal(t, want, s, "kept in the terminal's database")
}

func TestPrinterSettingsNeedTheSettingsRight(t *testing.T) {
	tl := newPrintTill(t, "ANNA")
	ctx := context.Background()
	_, err := tl.printing.SaveSettings(ctx, app.PrinterSettings{Kind: app.PrinterUSB, Target: "/dev/usb/lp1", Paper: app.Paper80, CodePage: "CP858"})
	assert.Equal(t, "error.right_missing", errKey(t, err))
	assert.Equal(t, "error.right_missing", errKey(t, tl.printing.PrintTestPage(ctx)))
	_, err = tl.printing.PreviewTestPage(ctx)
	assert.Equal(t, "error.right_missing", errKey(t, err))
	s, err := tl.printing.Settings(ctx)
	require.NoError(t, err)
	assert.Equal(t, demoPrinter, s)
	assert.Empty(t, tl.printers.sent)
}

func TestBadPrinterSettingsChangeNothing(t *testing.T) {
	tl := newPrintTill(t, "GIULIA")
	ctx := context.Background()
	good := app.PrinterSettings{Kind: app.PrinterUSB, Target: "/dev/usb/lp0", Paper: app.Paper80, CodePage: "CP858"}
	_, err := tl.printing.SaveSettings(ctx, good)
	require.NoError(t, err)

	with := func(change func(*app.PrinterSettings)) app.PrinterSettings {
		s := good
		change(&s)
		return s
	}
	tests := []struct {
		name string
		s    app.PrinterSettings
		key  string
	}{
		{"unknown kind", with(func(s *app.PrinterSettings) { s.Kind = "bluetooth" }), "error.printer_kind_invalid"},
		{"unknown paper", with(func(s *app.PrinterSettings) { s.Paper = "112" }), "error.printer_paper_invalid"},
		{"A4 on a receipt printer", with(func(s *app.PrinterSettings) { s.Paper = app.PaperA4 }), "error.printer_a4_kind"},
		{"A4 on a network receipt printer", with(func(s *app.PrinterSettings) { s.Kind, s.Target, s.Paper = app.PrinterTCP, "10.0.0.9", app.PaperA4 }), "error.printer_a4_kind"},
		{"unknown code page", with(func(s *app.PrinterSettings) { s.CodePage = "UTF-8" }), "error.printer_code_page_invalid"},
		{"no target", with(func(s *app.PrinterSettings) { s.Target = "  " }), "error.printer_target_empty"},
		{"control characters", with(func(s *app.PrinterSettings) { s.Target = "/dev/usb/lp0\x1b@" }), "error.printer_target_invalid"},
		{"oversized", with(func(s *app.PrinterSettings) { s.Target = "/" + strings.Repeat("a", 300) }), "error.printer_target_invalid"},
		{"relative device", with(func(s *app.PrinterSettings) { s.Target = "usb/lp0" }), "error.printer_path_invalid"},
		{"relative folder", with(func(s *app.PrinterSettings) { s.Kind, s.Target = app.PrinterVirtual, "prints" }), "error.printer_path_invalid"},
		{"address with a bad port", with(func(s *app.PrinterSettings) { s.Kind, s.Target = app.PrinterTCP, "10.0.0.9:91000" }), "error.printer_address_invalid"},
		{"address with a word for a port", with(func(s *app.PrinterSettings) { s.Kind, s.Target = app.PrinterTCP, "10.0.0.9:raw" }), "error.printer_address_invalid"},
		{"bare IPv6 address", with(func(s *app.PrinterSettings) { s.Kind, s.Target = app.PrinterTCP, "fe80::1" }), "error.printer_address_invalid"},
		{"address with a space", with(func(s *app.PrinterSettings) { s.Kind, s.Target = app.PrinterTCP, "my printer" }), "error.printer_address_invalid"},
		{"queue taken for an option", with(func(s *app.PrinterSettings) { s.Kind, s.Target = app.PrinterQueue, "-oraw" }), "error.printer_queue_invalid"},
		{"queue with a slash", with(func(s *app.PrinterSettings) { s.Kind, s.Target = app.PrinterQueue, "tickets/1" }), "error.printer_queue_invalid"},
		{"queue with a space", with(func(s *app.PrinterSettings) { s.Kind, s.Target = app.PrinterQueue, "ticket printer" }), "error.printer_queue_invalid"},
		{"shop name on two lines", with(func(s *app.PrinterSettings) { s.ShopName = "XYZ\nParis" }), "error.printer_header_invalid"},
		{"address of four lines", with(func(s *app.PrinterSettings) { s.ShopAddress = "1\n2\n3\n4" }), "error.printer_header_invalid"},
		{"address line wider than paper", with(func(s *app.PrinterSettings) { s.ShopAddress = strings.Repeat("x", 49) }), "error.printer_header_invalid"},
		{"escape in the shop name", with(func(s *app.PrinterSettings) { s.ShopName = "XYZ\x1bp" }), "error.printer_header_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tl.printing.SaveSettings(ctx, tt.s)
			assert.Equal(t, tt.key, errKey(t, err))
			s, err := tl.printing.Settings(ctx)
			require.NoError(t, err)
			assert.Equal(t, good, s, "the refused settings changed nothing")
		})
	}
}

func TestGoodPrinterTargets(t *testing.T) {
	for _, tt := range []struct {
		kind         app.PrinterKind
		paper        app.Paper
		target, want string
	}{
		{app.PrinterTCP, app.Paper80, "192.168.1.50", "192.168.1.50:9100"},
		{app.PrinterTCP, app.Paper80, "caisse-1.local:9101", "caisse-1.local:9101"},
		{app.PrinterTCP, app.Paper58, "[fe80::1]", "[fe80::1]:9100"},
		{app.PrinterTCP, app.Paper58, "[fe80::1]:9100", "[fe80::1]:9100"},
		{app.PrinterQueue, app.Paper80, "TM-T20III", "TM-T20III"},
		{app.PrinterQueue, app.PaperA4, "Bureau_HP.2", "Bureau_HP.2"},
		{app.PrinterFile, app.PaperA4, "/srv/spool/last.pdf", "/srv/spool/last.pdf"},
		{app.PrinterVirtual, app.PaperA4, "/home/anna/prints", "/home/anna/prints"},
		{app.PrinterUSB, app.Paper58, "/dev/usb/lp1", "/dev/usb/lp1"},
	} {
		s, err := app.PrinterSettings{Kind: tt.kind, Target: tt.target, Paper: tt.paper, CodePage: "CP1252"}.Checked()
		require.NoError(t, err, "%s %s", tt.kind, tt.target)
		assert.Equal(t, tt.want, s.Target)
	}
}

func TestPrintLaysOutForTheTerminalsPrinterAndSends(t *testing.T) {
	tl := newPrintTill(t, "ANNA")
	ctx := context.Background()
	doc := receipt()

	require.NoError(t, tl.printing.Print(ctx, app.PrintJob{Document: doc, CashTaken: true}))

	require.Equal(t, []string{"R/1/2026/KRKASA1"}, tl.printers.names)
	assert.Equal(t, "R/1/2026/KRKASA1||Marc Dupont|kick=false|copy=false|80", string(tl.printers.sent[0]),
		"the operator on the document is named; no drawer on this printer")
	assert.Equal(t, []app.PrinterSettings{demoPrinter}, tl.printers.connected)
	assert.Equal(t, doc, tl.types.last.Document)
}

func TestCashOpensTheDrawerOnlyOnTheOriginal(t *testing.T) {
	tl := newPrintTill(t, "GIULIA")
	ctx := context.Background()
	withDrawer := app.PrinterSettings{Kind: app.PrinterUSB, Target: "/dev/usb/lp0", Paper: app.Paper58, CodePage: "CP858", Drawer: true}
	_, err := tl.printing.SaveSettings(ctx, withDrawer)
	require.NoError(t, err)
	doc := receipt()

	require.NoError(t, tl.printing.Print(ctx, app.PrintJob{Document: doc, CashTaken: true}))
	require.NoError(t, tl.printing.Print(ctx, app.PrintJob{Document: doc}))
	require.NoError(t, tl.printing.Reprint(ctx, app.PrintJob{Document: doc, CashTaken: true}))
	require.NoError(t, tl.printing.Print(ctx, app.PrintJob{Document: doc, Form: app.FormPicking, CashTaken: true}))

	assert.Equal(t, []string{
		"R/1/2026/KRKASA1||Marc Dupont|kick=true|copy=false|58",
		"R/1/2026/KRKASA1||Marc Dupont|kick=false|copy=false|58",
		"R/1/2026/KRKASA1||Marc Dupont|kick=false|copy=true|58",
		"R/1/2026/KRKASA1|picking|Marc Dupont|kick=false|copy=false|58",
	}, strings.Split(string(joined(tl.printers.sent)), "\n"))
	assert.Equal(t, []string{"R/1/2026/KRKASA1", "R/1/2026/KRKASA1", "R/1/2026/KRKASA1-copy", "R/1/2026/KRKASA1-picking"}, tl.printers.names)
}

func joined(b [][]byte) []byte {
	var out []byte
	for i, x := range b {
		if i > 0 {
			out = append(out, '\n')
		}
		out = append(out, x...)
	}
	return out
}

func TestAFailedPrintSaysWhatToCheckAndCanBeRepeated(t *testing.T) {
	tl := newPrintTill(t, "ANNA")
	ctx := context.Background()
	job := app.PrintJob{Document: receipt()}

	tl.printers.fail(fmt.Errorf("send: %w", classified{"permission_denied"}))
	err := tl.printing.Print(ctx, job)
	var pe *app.PrintError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "print.error.permission_denied", errKey(t, err), "the screen translates the printer's own message")
	assert.Equal(t, "print.hint.permission_denied", pe.HintKey)
	assert.Equal(t, pos.CodeUnavailable, pos.ErrorCode(err))
	assert.Equal(t, demoPrinter.Target, pe.Problem.Args["Target"])
	assert.ErrorAs(t, err, new(classified), "the cause stays in the chain for the log")

	tl.printers.fail(errors.New("disk full"))
	err = tl.printing.Print(ctx, job)
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "print.error.write_failed", pe.Problem.Key, "an unexplained failure is a plain one")
	assert.Equal(t, "print.hint.write_failed", pe.HintKey)

	tl.printers.fail(fmt.Errorf("send: %w", context.Canceled))
	err = tl.printing.Print(ctx, job)
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, errors.As(err, &pe), "a cancelled print is not a printer fault")

	// The document was never touched: once the printer is back, it prints.
	tl.printers.fail(nil)
	require.NoError(t, tl.printing.Print(ctx, job))
	assert.Len(t, tl.printers.sent, 1)
}

func TestPreviewIsTheDecodedBytesAndPrintsAsShown(t *testing.T) {
	tl := newPrintTill(t, "ANNA")
	ctx := context.Background()
	job := app.PrintJob{Document: receipt()}

	pv, err := tl.printing.Preview(ctx, job)
	require.NoError(t, err)
	assert.Equal(t, [][]byte{pv.Data}, tl.types.pictured, "the picture is of exactly the bytes")
	assert.Equal(t, len(pv.Data), pv.Image.Bounds().Dy())
	assert.Equal(t, demoPrinter, pv.Settings)
	assert.Equal(t, job, pv.Job)
	assert.Empty(t, tl.printers.sent, "a preview prints nothing")

	require.NoError(t, tl.printing.PrintPreview(ctx, pv))
	assert.Equal(t, [][]byte{pv.Data}, tl.printers.sent)
	assert.Equal(t, []string{"R/1/2026/KRKASA1"}, tl.printers.names)

	_, err = tl.printing.Preview(ctx, app.PrintJob{Document: receipt(), Form: "label"})
	assert.Equal(t, "error.print_form_invalid", errKey(t, err))
	assert.Equal(t, "error.print_empty", errKey(t, tl.printing.PrintPreview(ctx, app.Preview{})))
	forged := pv
	forged.Settings.Kind, forged.Settings.Target = app.PrinterQueue, "-oraw"
	assert.Equal(t, "error.printer_queue_invalid", errKey(t, tl.printing.PrintPreview(ctx, forged)), "only settings a terminal could keep")
	assert.Len(t, tl.printers.sent, 1)
}

func TestPrintingNeedsSomeoneLoggedIn(t *testing.T) {
	tl := newPrintTill(t, "")
	ctx := context.Background()
	job := app.PrintJob{Document: receipt()}
	assert.Equal(t, "error.not_logged_in", errKey(t, tl.printing.Print(ctx, job)))
	_, err := tl.printing.Preview(ctx, job)
	assert.Equal(t, "error.not_logged_in", errKey(t, err))
	assert.Equal(t, "error.not_logged_in", errKey(t, tl.printing.PrintPreview(ctx, app.Preview{Data: []byte("x")})))
	assert.Equal(t, "error.not_logged_in", errKey(t, tl.printing.PrintTestPage(ctx)))
	assert.Empty(t, tl.printers.sent)
}

func TestABadDocumentIsNotPrinted(t *testing.T) {
	tl := newPrintTill(t, "ANNA")
	doc := receipt()
	doc.Lines[0].Qty = -1
	assert.Equal(t, "error.quantity_negative", errKey(t, tl.printing.Print(context.Background(), app.PrintJob{Document: doc})))
	assert.Empty(t, tl.printers.sent)
}

func TestTestPage(t *testing.T) {
	tl := newPrintTill(t, "GIULIA")
	ctx := context.Background()
	require.NoError(t, tl.printing.PrintTestPage(ctx))
	assert.Equal(t, [][]byte{[]byte("test page " + demoPrinter.Target)}, tl.printers.sent)
	assert.Equal(t, []string{"test-page"}, tl.printers.names)

	pv, err := tl.printing.PreviewTestPage(ctx)
	require.NoError(t, err)
	assert.Equal(t, "test page "+demoPrinter.Target, string(pv.Data))
	require.NotNil(t, pv.Image)
	require.NoError(t, tl.printing.PrintPreview(ctx, pv))
	assert.Equal(t, []string{"test-page", "test-page"}, tl.printers.names)
}

func TestJobNames(t *testing.T) {
	d := receipt()
	assert.Equal(t, "R/1/2026/KRKASA1", app.PrintJob{Document: d}.Name())
	assert.Equal(t, "R/1/2026/KRKASA1-picking-copy", app.PrintJob{Document: d, Form: app.FormPicking, Copy: true}.Name())
	d.Number, d.BarcodeNo = "", "11000003000000000073"
	assert.Equal(t, "11000003000000000073", app.PrintJob{Document: d}.Name(), "a draft has its barcode number")
	d.BarcodeNo = ""
	assert.Equal(t, "r-1", app.PrintJob{Document: d}.Name())
}
