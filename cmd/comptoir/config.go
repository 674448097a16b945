package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// config is what the command line says. Every flag has an environment variable
// twin (COMPTOIR_…) so a till's service file can set it.
type config struct {
	Demo     bool
	Terminal string
	DataDir  string
	LogLevel string
	// Service and SecretFile reach the chain's data service outside demo mode.
	Service    string
	SecretFile string
	// FullScreen fills the screen, whatever its size: how a till runs. A
	// window otherwise, at the smallest till's size (1024×768), which every
	// supported screen holds.
	FullScreen bool
}

func parseConfig(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("comptoir", flag.ContinueOnError)
	fs.BoolVar(&c.Demo, "demo", envBool("COMPTOIR_DEMO"), "start with the demo chain's data")
	fs.StringVar(&c.Terminal, "terminal", envOr("COMPTOIR_TERMINAL", "KRKASA1"), "this terminal's code")
	fs.StringVar(&c.DataDir, "data-dir", envOr("COMPTOIR_DATA_DIR", defaultDataDir()), "folder of the database and logs")
	fs.StringVar(&c.LogLevel, "log-level", envOr("COMPTOIR_LOG_LEVEL", "info"), "debug, info, warn or error")
	fs.StringVar(&c.Service, "service", os.Getenv("COMPTOIR_SERVICE"), "the data service's address, http(s)://host:port (not with --demo)")
	fs.StringVar(&c.SecretFile, "secret-file", envOr("COMPTOIR_SECRET_FILE", ""), "file holding this terminal's secret, as printed by `dataservice terminal add`")
	fs.BoolVar(&c.FullScreen, "fullscreen", envBool("COMPTOIR_FULLSCREEN"), "fill the screen (a till); a 1024×768 window otherwise")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if c.Terminal == "" {
		return c, errors.New("--terminal must not be empty")
	}
	if c.Service != "" && c.SecretFile == "" {
		return c, errors.New("--service needs --secret-file")
	}
	return c, nil
}

// dbPath keeps the demo's databases apart from a real terminal's.
func (c config) dbPath() string {
	if c.Demo {
		return filepath.Join(c.DataDir, "demo", c.Terminal+".db")
	}
	return filepath.Join(c.DataDir, c.Terminal+".db")
}

func (c config) logPath() string { return filepath.Join(c.DataDir, "logs", "comptoir.log") }

// defaultDataDir follows the XDG base directory convention.
func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "comptoir")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "comptoir-data"
	}
	return filepath.Join(home, ".local", "share", "comptoir")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envBool(key string) bool {
	v := os.Getenv(key)
	return v == "1" || v == "true" || v == "yes"
}
