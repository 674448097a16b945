//go:build unix

package printing_test

import (
	"os"
	"syscall"
)

// openFIFO makes a named pipe and opens its reading end without waiting for a writer.
func openFIFO(path string) (*os.File, error) {
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		return nil, err
	}
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
