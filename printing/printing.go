// Package printing puts the till's print use case (app.Printing) on paper: Typesetter lays
// documents out for the terminal's printer (ESC/POS for 58 and 80 mm rolls, PDF for A4) and
// decodes printer bytes into the preview's picture with the independent decoder; Printers opens
// the printer the terminal's settings describe (USB device, TCP 9100, system queue, file, or the
// virtual printer's folder).
package printing

import (
	"context"
	"fmt"
	"image"
	"time"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/printing/a4"
	"github.com/comptoir/comptoir/printing/escdecode"
	"github.com/comptoir/comptoir/printing/escpos"
	"github.com/comptoir/comptoir/printing/layout"
	"github.com/comptoir/comptoir/printing/transport"
	"github.com/comptoir/comptoir/printing/virtual"
)

// Typesetter implements app.Typesetter.
type Typesetter struct {
	rolls  *layout.Layouts
	sheets *a4.Layouts
}

var _ app.Typesetter = (*Typesetter)(nil)

// NewTypesetter returns the layouts speaking through labels (cmd passes lang.L), printing
// dates in loc.
func NewTypesetter(labels layout.Labels, loc *time.Location) *Typesetter {
	return &Typesetter{rolls: layout.New(labels, loc), sheets: a4.New(labels, loc)}
}

// Profile is the ESC/POS printer the settings describe.
func Profile(s app.PrinterSettings) (escpos.Profile, error) {
	var cp escpos.CodePage
	switch s.CodePage {
	case escpos.CP858.Name:
		cp = escpos.CP858
	case escpos.CP1252.Name:
		cp = escpos.CP1252
	case escpos.CP852.Name:
		cp = escpos.CP852
	default:
		return escpos.Profile{}, fmt.Errorf("printing: unknown code page %q", s.CodePage)
	}
	switch s.Paper {
	case app.Paper58:
		return escpos.Paper58(cp), nil
	case app.Paper80:
		return escpos.Paper80(cp), nil
	}
	return escpos.Profile{}, fmt.Errorf("printing: no receipt printer for paper %q", s.Paper)
}

// Typeset lays p out for the printer described by s.
func (t *Typesetter) Typeset(p app.Printout, s app.PrinterSettings) ([]byte, error) {
	if s.Paper == app.PaperA4 {
		return t.sheets.Document(layout.ShopOf(s), p)
	}
	prof, err := Profile(s)
	if err != nil {
		return nil, err
	}
	return t.rolls.Document(prof, layout.ShopOf(s), p)
}

// TestPage lays the test page out for the printer described by s.
func (t *Typesetter) TestPage(s app.PrinterSettings) ([]byte, error) {
	if s.Paper == app.PaperA4 {
		return t.sheets.TestPage(s)
	}
	prof, err := Profile(s)
	if err != nil {
		return nil, err
	}
	return t.rolls.TestPage(prof, s)
}

// Picture decodes ESC/POS bytes with escdecode, which shares no code with the encoder, and
// draws the paper (R-PR3). A4 PDFs have no picture.
func (t *Typesetter) Picture(data []byte, s app.PrinterSettings) (image.Image, error) {
	if s.Paper == app.PaperA4 {
		return nil, nil
	}
	prof, err := Profile(s)
	if err != nil {
		return nil, err
	}
	return escdecode.Render(escdecode.Decode(data, prof.DotWidth)), nil
}

// Printers implements app.Printers with the transports and the virtual printer.
type Printers struct {
	// Timeout bounds each print; the transports' defaults when zero.
	Timeout time.Duration
	// LP is the lp command of system queues; "lp" when empty.
	LP string
}

var _ app.Printers = Printers{}

// sender is what the transports have in common.
type sender interface {
	Send(ctx context.Context, data []byte) error
}

// Connect returns the printer the settings describe. Nothing is opened until a print is sent,
// so a printer switched off after the settings were saved fails the print, not this call.
func (p Printers) Connect(s app.PrinterSettings) (app.Printer, error) {
	var t sender
	switch s.Kind {
	case app.PrinterUSB:
		t = transport.USB{Path: s.Target, Timeout: p.Timeout}
	case app.PrinterTCP:
		t = transport.TCP{Addr: s.Target, WriteTimeout: p.Timeout}
	case app.PrinterQueue:
		t = transport.Queue{Name: s.Target, Command: p.LP, Timeout: p.Timeout, PDF: s.Paper == app.PaperA4}
	case app.PrinterFile:
		t = transport.File{Path: s.Target, Timeout: p.Timeout}
	case app.PrinterVirtual:
		dots := 0
		if s.Paper != app.PaperA4 {
			prof, err := Profile(s)
			if err != nil {
				return nil, err
			}
			dots = prof.DotWidth
		}
		return virtualPrinter{p: virtual.New(s.Target, dots), pdf: s.Paper == app.PaperA4}, nil
	default:
		return nil, fmt.Errorf("printing: unknown printer kind %q", s.Kind)
	}
	return device{t}, nil
}

// device is a transport: the print's name means nothing to a printer.
type device struct{ t sender }

func (d device) Send(ctx context.Context, _ string, data []byte) error { return d.t.Send(ctx, data) }

// virtualPrinter keeps each print in its folder: <name>.bin and .png, or <name>.pdf for A4.
type virtualPrinter struct {
	p   *virtual.Printer
	pdf bool
}

func (v virtualPrinter) Send(ctx context.Context, name string, data []byte) error {
	if v.pdf {
		_, err := v.p.PrintPDF(ctx, name, data)
		return err
	}
	_, err := v.p.Print(ctx, name, data)
	return err
}
