//go:build !unix

package printing_test

import (
	"errors"
	"os"
)

func openFIFO(string) (*os.File, error) { return nil, errors.New("no FIFOs on this system") }
