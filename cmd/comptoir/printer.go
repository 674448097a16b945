package main

import (
	"context"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/printing"
)

// newPrinting wires the print use case: the layouts speak the till's language through Fyne's
// lang.L and print dates in the till's time zone; the printer is the one the terminal's
// settings name, printerDefaults until an operator saves one.
func newPrinting(ctx context.Context, cfg config, log zerolog.Logger, store app.Store, session *app.Session, settings *app.Settings) *app.Printing {
	language, err := settings.Language(ctx)
	if err != nil {
		log.Error().Err(err).Msg("read the terminal's language for the printer's code page")
	}
	defaults := printerDefaults(cfg, language)
	log.Info().Str("kind", string(defaults.Kind)).Str("target", defaults.Target).Msg("default printer")
	labels := func(key string) string { return lang.L(key) }
	return app.NewPrinting(store, session, printing.NewTypesetter(labels, time.Local), printing.Printers{}, defaults)
}

// printerDefaults is the printer of a terminal whose settings name none: in demo mode the
// virtual printer, each print a .bin and a .png in <data-dir>/demo/prints/<TERMINAL>/; otherwise
// an 80 mm USB printer on /dev/usb/lp0. The code page follows the terminal's language: CP852
// for Polish, CP858 (French, Italian, and the euro sign) for the others.
func printerDefaults(cfg config, language string) app.PrinterSettings {
	s := app.PrinterSettings{Kind: app.PrinterUSB, Target: "/dev/usb/lp0", Paper: app.Paper80, CodePage: "CP858"}
	if language == "pl" {
		s.CodePage = "CP852"
	}
	if cfg.Demo {
		s.Kind, s.Target = app.PrinterVirtual, cfg.printsDir()
		s.ShopName, s.ShopAddress = demoShop()
	}
	return s
}

// printsDir is where the demo's virtual printer writes, a folder per terminal.
func (c config) printsDir() string { return filepath.Join(c.DataDir, "demo", "prints", c.Terminal) }

// demoShop heads the demo's documents with the demo store's name.
func demoShop() (name, address string) {
	name = demo.Center
	for _, c := range demo.MasterData().Centers {
		if c.Code == demo.Center {
			name = c.Name
		}
	}
	return name, "12 rue du Commerce\n67000 Strasbourg"
}
