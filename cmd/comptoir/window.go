package main

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app/ui"
	"github.com/comptoir/comptoir/demo"
)

// startWindow runs the Fyne application until the window is closed or ctx ends
// (SIGTERM from the session manager or the smoke test).
func startWindow(ctx context.Context, cfg config, log zerolog.Logger, uc useCases) error {
	// One preferences file per terminal: two demo tills on one machine
	// otherwise write the same file under each other.
	a := fyneapp.NewWithID("app.comptoir.pos." + strings.ToLower(cfg.Terminal))
	w := a.NewWindow("Comptoir " + cfg.Terminal)
	w.Resize(fyne.NewSize(1024, 768))
	w.SetFullScreen(cfg.FullScreen)
	opt := ui.Options{
		OnScreen: func(name string) { log.Info().Str("screen", name).Msg("screen shown") },
		Log:      log,
		Clock:    uc.clock,
	}
	if cfg.Demo {
		opt.DemoPINs = demo.PINs
	}
	u, err := ui.New(ctx, ui.UseCases{Session: uc.session, Settings: uc.settings, Catalog: uc.catalog,
		Status: uc.status, Printing: uc.printing, Orders: uc.orders, Drafts: uc.drafts, Sync: uc.sync}, a, w, opt)
	if err != nil {
		return err
	}
	closed := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			fyne.Do(a.Quit)
		case <-closed:
		}
	}()
	w.ShowAndRun()
	close(closed)
	u.Wait()
	log.Info().Msg("stopped")
	return nil
}
