// Command dataservice is Comptoir's reference data service (R-S4): the chain's
// side of the sync protocol, with its own SQLite database.
//
//	dataservice init [--demo]                       create the database; --demo loads the demo chain
//	dataservice terminal add CODE --center C [--number N]
//	                                                register a terminal; prints its secret once
//	dataservice terminal revoke CODE                refuse the terminal's secret from now on
//	dataservice group add CODE --name N --rights r1,r2
//	dataservice operator add CODE --name N --group G
//	                                                the PIN is read from standard input
//	dataservice serve [--addr 127.0.0.1:8080]       answer tills until SIGINT or SIGTERM
//
// Global flags (before the command): --db PATH (COMPTOIR_DATASERVICE_DB,
// default dataservice.db), --log-level (COMPTOIR_LOG_LEVEL, default info).
// Logs are JSON lines on standard error, without secrets or PINs.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/comptoir/comptoir/app/pos"
	"github.com/comptoir/comptoir/demo"
	"github.com/comptoir/comptoir/sync/dataservice"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dataservice:", err)
		var u usageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg + " (see dataservice --help)" }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const usage = `usage: dataservice [--db PATH] [--log-level LEVEL] COMMAND
commands:
  init [--demo]
  terminal add CODE --center C [--number N]
  terminal revoke CODE
  group add CODE --name N --rights r1,r2
  operator add CODE --name N --group G      (PIN on standard input)
  serve [--addr 127.0.0.1:8080] [--lease 30s]`

// run is the whole program with its inputs and outputs passed in, so tests run
// it in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dataservice", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage); fs.PrintDefaults() }
	dbPath := fs.String("db", envOr("COMPTOIR_DATASERVICE_DB", "dataservice.db"), "database file")
	level := fs.String("log-level", envOr("COMPTOIR_LOG_LEVEL", "info"), "debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	lvl, err := zerolog.ParseLevel(*level)
	if err != nil {
		return usagef("--log-level %q: %v", *level, err)
	}
	log := zerolog.New(stderr).Level(lvl).With().Timestamp().Str("service", "dataservice").Logger()
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return usagef("a command is needed")
	}
	cmd, rest := rest[0], rest[1:]
	if cmd == "terminal" || cmd == "group" || cmd == "operator" {
		if len(rest) == 0 {
			return usagef("%s: add or revoke?", cmd)
		}
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	var lease time.Duration
	if cmd == "serve" {
		// serve's own flags decide the lease before the service opens.
		var addr string
		sfs := subFlags("serve", stderr)
		sfs.StringVar(&addr, "addr", envOr("COMPTOIR_DATASERVICE_ADDR", "127.0.0.1:8080"), "listen address")
		sfs.DurationVar(&lease, "lease", 30*time.Second, "lock lease")
		if err := parseSub(sfs, rest, 0); err != nil {
			return err
		}
		svc, err := open(ctx, *dbPath, log, lease)
		if err != nil {
			return err
		}
		return errors.Join(serve(ctx, svc, addr, stdout, log), svc.Close())
	}
	svc, err := open(ctx, *dbPath, log, lease)
	if err != nil {
		return err
	}
	return errors.Join(admin(ctx, svc, cmd, rest, stdin, stdout, stderr), svc.Close())
}

func open(ctx context.Context, path string, log zerolog.Logger, lease time.Duration) (*dataservice.Service, error) {
	return dataservice.Open(ctx, path, dataservice.Options{
		Clock: dataservice.ClockFunc(time.Now), Log: log, Lease: lease,
	})
}

func subFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseSub parses a command's flags, which may come after its positional
// arguments (terminal add KRPOS5 --center XYZ), and checks their count.
func parseSub(fs *flag.FlagSet, args []string, positional int) error {
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) > 0 {
			pos, args = append(pos, args[0]), args[1:]
		}
	}
	if len(pos) != positional {
		return usagef("%s: %d argument(s) expected, got %q", fs.Name(), positional, pos)
	}
	return fs.Parse(pos) // leaves pos in fs.Args()
}

func admin(ctx context.Context, svc *dataservice.Service, cmd string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	switch cmd {
	case "init":
		fs := subFlags("init", stderr)
		withDemo := fs.Bool("demo", false, "load the demo chain's master data")
		if err := parseSub(fs, args, 0); err != nil {
			return err
		}
		if *withDemo {
			if err := svc.LoadMasterData(ctx, demo.MasterData()); err != nil {
				return err
			}
			fmt.Fprintln(stdout, "demo chain loaded; register its terminals with: dataservice terminal add KRKASA1 --center", demo.Center)
			return nil
		}
		fmt.Fprintln(stdout, "database ready")
		return nil

	case "terminal add":
		fs := subFlags("terminal add", stderr)
		center := fs.String("center", "", "the terminal's center (required)")
		number := fs.Int("number", 0, "the terminal's number in the chain (default: next free)")
		if err := parseSub(fs, args, 1); err != nil {
			return err
		}
		if *center == "" {
			return usagef("terminal add: --center is required")
		}
		secret, err := svc.AddTerminal(ctx, pos.Terminal{Code: fs.Arg(0), Center: *center, Number: *number})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "terminal %s registered; its secret (shown once, keep it on the till):\n%s\n", fs.Arg(0), secret)
		return nil

	case "terminal revoke":
		fs := subFlags("terminal revoke", stderr)
		if err := parseSub(fs, args, 1); err != nil {
			return err
		}
		if err := svc.RevokeTerminal(ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "terminal %s revoked\n", fs.Arg(0))
		return nil

	case "group add":
		fs := subFlags("group add", stderr)
		name := fs.String("name", "", "the group's name")
		rights := fs.String("rights", "", "comma-separated rights: "+joinRights())
		if err := parseSub(fs, args, 1); err != nil {
			return err
		}
		g := pos.Group{Code: fs.Arg(0), Name: *name}
		for _, r := range strings.Split(*rights, ",") {
			if r = strings.TrimSpace(r); r != "" {
				g.Rights = append(g.Rights, pos.Right(r))
			}
		}
		if err := svc.AddGroup(ctx, g); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "group %s saved\n", g.Code)
		return nil

	case "operator add":
		fs := subFlags("operator add", stderr)
		name := fs.String("name", "", "the operator's name (required)")
		group := fs.String("group", "", "the operator's group (required)")
		if err := parseSub(fs, args, 1); err != nil {
			return err
		}
		if *name == "" || *group == "" {
			return usagef("operator add: --name and --group are required")
		}
		fmt.Fprintln(stderr, "PIN (4 to 8 digits), then Enter:")
		pin, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read PIN: %w", err)
		}
		op := pos.Operator{Code: fs.Arg(0), Name: *name, Group: *group, Active: true}
		if err := svc.AddOperator(ctx, op, strings.TrimSpace(pin)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "operator %s saved\n", op.Code)
		return nil
	}
	return usagef("unknown command %q", cmd)
}

func serve(ctx context.Context, svc *dataservice.Service, addr string, stdout io.Writer, log zerolog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	log.Info().Str("addr", ln.Addr().String()).Msg("starting")
	return svc.Serve(ctx, ln)
}

func joinRights() string {
	names := make([]string, len(pos.AllRights))
	for i, r := range pos.AllRights {
		names[i] = string(r)
	}
	return strings.Join(names, ",")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
