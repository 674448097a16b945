package transport

import (
	"context"
	"errors"
	"io"
	"os"
	"time"
)

// DefaultTimeout bounds a send when the transport sets no timeout of its own: a printer out of
// paper stops taking data, and the till must not wait for it forever.
const DefaultTimeout = 10 * time.Second

// deadlineWriter is what device files and connections both offer.
type deadlineWriter interface {
	io.Writer
	SetWriteDeadline(time.Time) error
}

// writeAll writes data before ctx ends. Cancelling ctx moves the deadline to the past, which
// wakes a write blocked on a printer that takes no more data. Regular files have no deadlines;
// their writes do not block on a printer, so they are simply written.
func writeAll(ctx context.Context, w deadlineWriter, data []byte) error {
	if dl, ok := ctx.Deadline(); ok {
		if err := w.SetWriteDeadline(dl); err != nil && !errors.Is(err, os.ErrNoDeadline) {
			return err
		}
	}
	stop := context.AfterFunc(ctx, func() { _ = w.SetWriteDeadline(time.Unix(1, 0)) })
	defer stop()
	if _, err := w.Write(data); err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // the cause, rather than the deadline that carried it
		}
		return err
	}
	return nil
}

func orDefault(d time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return DefaultTimeout
}
