// Command comptoir is the point-of-sale client: it opens the terminal's local
// database, wires the use cases to it, and starts the Fyne window.
//
//	comptoir --demo                      the demo chain, till KRKASA1
//	comptoir --demo --terminal KRPOS3    a second till of the demo chain
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app"
	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/store"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "comptoir:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	cfg, err := parseConfig(args)
	if err != nil {
		return err
	}
	log, logFile, err := newLogger(cfg)
	if err != nil {
		return err
	}
	defer logFile.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	db, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()

	clock := app.ClockFunc(time.Now)
	ctx, cancel := context.WithCancel(ctx)
	sy, err := startSync(ctx, cfg, log, db, clock)
	if err != nil {
		cancel()
		return err
	}
	defer sy.stop()
	defer cancel() // runs before stop: the agent and the demo service end first
	session, err := openSession(ctx, cfg, log, db, sy, clock)
	if err != nil {
		return err
	}
	uc := useCases{
		session:  session,
		settings: app.NewSettings(db, session),
		catalog:  app.NewCatalog(db, session),
		status:   app.NewStatusBar(db, session, sy.connectivity(), clock),
		orders:   app.NewOrders(db, sy.remote(), session, clock).WithDeliveryPoints(db),
		sync:     app.NewSync(sy.syncer(), db, session, cfg.Demo),
		clock:    clock,
	}
	// An open draft's lease is renewed for as long as the till runs, and no
	// longer: closing the window ends ctx and with it the renewals.
	uc.drafts = app.NewDrafts(db, sy.draftRemote(), uc.orders, session, clock).WithLifetime(ctx)
	uc.printing = newPrinting(ctx, cfg, log, db, session, uc.settings)
	return startWindow(ctx, cfg, log, uc)
}

// openSession opens the terminal's session. A new till's database knows
// nothing yet: a first sync brings its master data, terminal included, before
// anyone can log in.
func openSession(ctx context.Context, cfg config, log zerolog.Logger, db *store.DB, sy *syncing, clock app.Clock) (*app.Session, error) {
	if sy.agent != nil {
		if err := sy.agent.Sync(ctx); err != nil {
			log.Warn().Err(err).Msg("first sync failed; the till starts with what it has")
		}
	}
	session, err := app.NewSession(ctx, db, clock, cfg.Terminal)
	if pos.ErrorCode(err) == pos.CodeNotFound {
		return nil, fmt.Errorf("terminal %s is not known in %s: start with --demo, or reach the data service that registered it (--service, --secret-file)", cfg.Terminal, cfg.dbPath())
	}
	return session, err
}

// useCases are what the screens are built from.
type useCases struct {
	session  *app.Session
	settings *app.Settings
	catalog  *app.Catalog
	status   *app.StatusBar
	printing *app.Printing
	orders   *app.Orders
	drafts   *app.Drafts
	sync     *app.Sync
	clock    app.Clock
}

// syncer is the agent as the sync use case's port; nil (not a typed nil)
// without a data service.
func (s *syncing) syncer() app.Syncer {
	if s.agent == nil {
		return nil
	}
	return s.agent
}

// openStore opens the terminal's database; in demo mode it loads the demo
// chain's master data, which is an idempotent upsert.
func openStore(ctx context.Context, cfg config, log zerolog.Logger) (*store.DB, error) {
	if err := os.MkdirAll(filepath.Dir(cfg.dbPath()), 0o750); err != nil {
		return nil, fmt.Errorf("database folder: %w", err)
	}
	db, err := store.Open(ctx, cfg.dbPath())
	if err != nil {
		return nil, err
	}
	if cfg.Demo {
		if err := db.ApplyMasterData(ctx, demo.MasterData()); err != nil {
			return nil, errors.Join(err, db.Close())
		}
	}
	log.Info().Str("db", cfg.dbPath()).Bool("demo", cfg.Demo).Msg("database open")
	return db, nil
}
