package transport

import (
	"context"
	"os"
	"time"
)

// USB sends to a USB printer's device file, /dev/usb/lp0 and the like. The file is opened
// non-blocking so that a printer that stops taking data can be given up on at the deadline.
type USB struct {
	Path    string
	Timeout time.Duration // DefaultTimeout when zero
}

// Send writes data to the device.
func (u USB) Send(ctx context.Context, data []byte) error {
	return sendFile(ctx, u.Path, os.O_WRONLY|nonBlock, u.Timeout, data)
}

// File sends to a plain file, created or truncated: a printer exposed as a file, or a capture
// of what would have been printed.
type File struct {
	Path    string
	Timeout time.Duration // DefaultTimeout when zero
}

// Send writes data to the file.
func (f File) Send(ctx context.Context, data []byte) error {
	return sendFile(ctx, f.Path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, f.Timeout, data)
}

func sendFile(ctx context.Context, path string, flag int, timeout time.Duration, data []byte) error {
	ctx, cancel := context.WithTimeout(ctx, orDefault(timeout))
	defer cancel()
	if err := ctx.Err(); err != nil {
		return classify(path, err)
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return classify(path, err)
	}
	err = writeAll(ctx, f, data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return classify(path, err)
	}
	return nil
}
