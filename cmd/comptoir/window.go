package main

import (
	"context"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app/ui"
	"github.com/comptoir/comptoir/demo"
)

// startWindow runs the Fyne application until the window is closed or ctx ends
// (SIGTERM from the session manager or the smoke test).
func startWindow(ctx context.Context, cfg config, log zerolog.Logger, uc useCases) error {
	a := fyneapp.NewWithID("app.comptoir.pos")
	w := a.NewWindow("Comptoir")
	w.Resize(fyne.NewSize(1280, 800))
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
