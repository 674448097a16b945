package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rs/zerolog"
)

// newLogger logs JSON lines to the log file (for IT) and readable lines to
// stderr (for whoever started the till). Nothing logged carries a PIN or a
// secret: the use cases never pass them to the logger.
func newLogger(c config) (zerolog.Logger, io.Closer, error) {
	level, err := zerolog.ParseLevel(c.LogLevel)
	if err != nil {
		return zerolog.Nop(), nil, fmt.Errorf("--log-level: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(c.logPath()), 0o750); err != nil {
		return zerolog.Nop(), nil, fmt.Errorf("log folder: %w", err)
	}
	f, err := os.OpenFile(c.logPath(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
	if err != nil {
		return zerolog.Nop(), nil, fmt.Errorf("log file: %w", err)
	}
	console := zerolog.ConsoleWriter{Out: os.Stderr, NoColor: true, TimeFormat: "15:04:05"}
	log := zerolog.New(zerolog.MultiLevelWriter(f, console)).Level(level).With().Timestamp().
		Str("terminal", c.Terminal).Logger()
	return log, f, nil
}
